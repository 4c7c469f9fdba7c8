// SMS settings (README: Messages and channels), from the environment merged with the admin area's
// channel settings (src/channels/settings). Secrets (the bind password, an API key) are never returned
// by the API: they come from the environment or are stored sealed with the deployment secret.
import { AFRICASTALKING_URL } from './http/africastalking.ts';
import type { HttpSmsConfig } from './http/provider.ts';
import { DEFAULT_DLT_TAGS, type SmppConfig } from './smpp.ts';

export type SmsProvider = 'smpp' | HttpSmsConfig['provider'] | 'none';
export const SMS_PROVIDERS: SmsProvider[] = ['smpp', 'dlt-http', 'africastalking', 'none'];

export function readSmsConfig(env: NodeJS.ProcessEnv): {
  provider: SmsProvider;
  smpp?: SmppConfig;
  http?: HttpSmsConfig;
  maxParts: number;
} {
  const provider = (env.SMS_PROVIDER || (env.SMPP_URL ? 'smpp' : 'none')) as SmsProvider;
  if (!SMS_PROVIDERS.includes(provider))
    throw new Error(`SMS_PROVIDER must be one of ${SMS_PROVIDERS.join(', ')}, got "${provider}"`);
  const required = (name: string) => {
    const value = env[name];
    if (!value) throw new Error(`${name} is required when SMS_PROVIDER=${provider}`);
    return value;
  };
  const number = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number, got "${raw}"`);
    return value;
  };
  const maxParts = number('SMS_MAX_PARTS', 6);
  if (provider === 'none') return { provider, maxParts };
  if (provider === 'dlt-http' || provider === 'africastalking') {
    const url =
      provider === 'africastalking' ? env.SMS_HTTP_URL || AFRICASTALKING_URL : required('SMS_HTTP_URL');
    if (!/^https?:\/\//.test(url)) throw new Error(`SMS_HTTP_URL must be an http(s) URL, got "${url}"`);
    const method = (env.SMS_HTTP_METHOD || 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'POST')
      throw new Error(`SMS_HTTP_METHOD must be GET or POST, got "${method}"`);
    const receiptToken = required('SMS_RECEIPT_TOKEN');
    const base = env.SMS_RECEIPT_URL;
    return {
      provider,
      maxParts,
      http: {
        provider,
        url,
        username:
          provider === 'africastalking' ? required('SMS_HTTP_USERNAME') : (env.SMS_HTTP_USERNAME ?? ''),
        apiKey: required('SMS_HTTP_API_KEY'),
        sender: env.SMS_SENDER ?? '',
        dltEntityId: env.SMS_DLT_ENTITY_ID || undefined,
        tps: number('SMS_HTTP_TPS', 10),
        receiptToken,
        receiptUrl: base
          ? `${base}${base.includes('?') ? '&' : '?'}token=${encodeURIComponent(receiptToken)}`
          : undefined,
        timeoutMs: number('SMS_HTTP_TIMEOUT_SECONDS', 30) * 1000,
        params: env.SMS_HTTP_PARAMS || undefined,
        method,
        idPath: env.SMS_HTTP_ID_PATH || undefined,
        errorPath: env.SMS_HTTP_ERROR_PATH || undefined,
        permanentErrors: (env.SMS_HTTP_PERMANENT_ERRORS ?? '')
          .split(',')
          .map((code) => code.trim())
          .filter(Boolean),
      },
    };
  }
  const tag = (name: string, fallback: number) => {
    const raw = env[name];
    if (!raw) return fallback;
    const value = Number(raw); // 0x1400 or 5120
    if (!Number.isInteger(value) || value < 0x1400 || value > 0x3fff)
      throw new Error(`${name} must be a vendor TLV tag between 0x1400 and 0x3FFF, got "${raw}"`);
    return value;
  };
  return {
    provider,
    maxParts,
    smpp: {
      url: required('SMPP_URL'),
      systemId: required('SMPP_SYSTEM_ID'),
      password: required('SMPP_PASSWORD'),
      systemType: env.SMPP_SYSTEM_TYPE ?? '',
      source: required('SMS_SENDER'),
      sourceTon: number('SMPP_SOURCE_TON', 5),
      sourceNpi: number('SMPP_SOURCE_NPI', 0),
      tps: number('SMPP_TPS', 10),
      window: number('SMPP_WINDOW', 10),
      maxParts,
      enquireLinkSeconds: number('SMPP_ENQUIRE_LINK_SECONDS', 30),
      submitTimeoutSeconds: number('SMPP_SUBMIT_TIMEOUT_SECONDS', 30),
      rebindSeconds: number('SMPP_REBIND_SECONDS', 1),
      dlt: {
        entityId: env.SMS_DLT_ENTITY_ID || undefined,
        telemarketerId: env.SMS_DLT_TELEMARKETER_ID || undefined,
        tags: {
          entityId: tag('SMPP_TLV_PE_ID', DEFAULT_DLT_TAGS.entityId),
          templateId: tag('SMPP_TLV_TEMPLATE_ID', DEFAULT_DLT_TAGS.templateId),
          telemarketerId: tag('SMPP_TLV_TELEMARKETER_ID', DEFAULT_DLT_TAGS.telemarketerId),
        },
      },
    },
  };
}
