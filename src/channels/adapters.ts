// The channel adapters this process delivers with, built from settings (the environment, with the admin
// area's channel settings over it: registry.ts). A channel without settings has no adapter, and its
// outbox rows wait (src/notify/deliver.ts claims only rows it can send).
import type { Deps } from '../deps.ts';
import type { ChannelAdapter, ChannelKind } from '../notify/adapter.ts';
import { applyReceipt, type DeliveryOptions } from '../notify/deliver.ts';
import { DEFAULT_ATTACHMENT_MAX_BYTES } from '../notify/report-attachment.ts';
import { readEmailConfig, smtpAdapter } from './email/index.ts';
import { pacer } from './pace.ts';
import { readSmsConfig } from './sms/config.ts';
import { createHttpSmsAdapter } from './sms/http/adapter.ts';
import { receiveSms } from './sms/inbound.ts';
import { createSmppAdapter, type SmppHandlers } from './sms/smpp.ts';
import { readWhatsAppConfig, whatsappDelivery } from './whatsapp/index.ts';

export type Adapters = Partial<Record<ChannelKind, ChannelAdapter>>;

export interface BuildOptions {
  log?: SmppHandlers['log'];
  onInboundSms?: SmppHandlers['onInbound'];
}

export function buildAdapters(
  deps: Pick<Deps, 'db' | 'clock'>,
  env: NodeJS.ProcessEnv,
  options: BuildOptions = {},
): Adapters {
  const adapters: Adapters = {};
  const sms = readSmsConfig(env);
  // SMS over HTTP: a gateway's API (sms/http/); its delivery reports come to /api/channels/sms/receipts.
  if (sms.http) adapters.sms = createHttpSmsAdapter(sms.http, sms.maxParts);
  if (sms.provider === 'smpp' && sms.smpp) {
    adapters.sms = createSmppAdapter(sms.smpp, {
      log: options.log,
      onReceipt: async (receipt) => {
        await applyReceipt(deps.db, 'smpp', receipt);
      },
      // Messages from citizens: keywords, feedback, or a draft for an agent (sms/inbound.ts).
      onInbound:
        options.onInboundSms ??
        (async (message) => {
          await receiveSms(deps, message);
        }),
    });
  }
  // WhatsApp Cloud API and email (src/channels/whatsapp, src/channels/email), when configured.
  const whatsapp = readWhatsAppConfig(env);
  if (whatsapp) adapters.whatsapp = capped(whatsappDelivery(deps, whatsapp), rate(env, 'WHATSAPP_TPS'));
  const email = readEmailConfig(env);
  if (email?.smtpUrl)
    adapters.email = capped(smtpAdapter({ ...email, smtpUrl: email.smtpUrl }), rate(env, 'EMAIL_TPS'));
  return adapters;
}

function rate(env: NodeJS.ProcessEnv, name: string): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return 0;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`${name} must be a number of messages a second, got "${raw}"`);
  return value;
}

/** An adapter held to `perSecond` sends a second (the provider's or the deployment's cap); 0: as it is. */
function capped(adapter: ChannelAdapter, perSecond: number): ChannelAdapter {
  if (!(perSecond > 0)) return adapter;
  const slot = pacer(perSecond);
  return {
    ...adapter,
    async send(message) {
      await slot();
      return adapter.send(message);
    },
  };
}

/** Delivery settings from the environment. */
export function readDeliveryOptions(env: NodeJS.ProcessEnv): Omit<DeliveryOptions, 'adapters'> {
  const number = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
    return value;
  };
  return {
    leaseSeconds: number('DELIVERY_LEASE_SECONDS', 120),
    maxAttempts: number('DELIVERY_MAX_ATTEMPTS', 8),
    retrySeconds: number('DELIVERY_RETRY_SECONDS', 30),
    region: env.MESSAGE_REGION ?? 'IN',
    officerLanguage: env.OFFICER_LANGUAGE ?? 'en',
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : null,
    feedbackLinkDays: number('FEEDBACK_LINK_DAYS', 14),
    attachmentMaxBytes: number('EMAIL_ATTACHMENT_MAX_BYTES', DEFAULT_ATTACHMENT_MAX_BYTES),
  };
}
