// SMS settings from the environment (README: Messages and channels). Secrets (the bind password) come
// only from here, never from the database or the API.
import { DEFAULT_DLT_TAGS, type SmppConfig } from './smpp.ts';

export type SmsProvider = 'smpp' | 'none';

export function readSmsConfig(env: NodeJS.ProcessEnv): { provider: SmsProvider; smpp?: SmppConfig } {
  const provider = (env.SMS_PROVIDER ?? (env.SMPP_URL ? 'smpp' : 'none')) as SmsProvider;
  if (provider === 'none') return { provider };
  if (provider !== 'smpp') throw new Error(`SMS_PROVIDER must be smpp or none, got "${provider}"`);
  const required = (name: string) => {
    const value = env[name];
    if (!value) throw new Error(`${name} is required when SMS_PROVIDER=smpp`);
    return value;
  };
  const number = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number, got "${raw}"`);
    return value;
  };
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
      maxParts: number('SMS_MAX_PARTS', 6),
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
