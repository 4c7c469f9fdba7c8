// The channel adapters this process delivers with, built from the environment. A channel without
// settings has no adapter, and its outbox rows wait (src/notify/deliver.ts claims only rows it can send).
import type { Deps } from '../deps.ts';
import type { ChannelAdapter, ChannelKind } from '../notify/adapter.ts';
import { applyReceipt, type DeliveryOptions } from '../notify/deliver.ts';
import { readSmsConfig } from './sms/config.ts';
import { createSmppAdapter, type SmppHandlers } from './sms/smpp.ts';

export type Adapters = Partial<Record<ChannelKind, ChannelAdapter>>;

export function buildAdapters(
  deps: Pick<Deps, 'db' | 'clock'>,
  env: NodeJS.ProcessEnv,
  options: { log?: SmppHandlers['log']; onInboundSms?: SmppHandlers['onInbound'] } = {},
): Adapters {
  const adapters: Adapters = {};
  const sms = readSmsConfig(env);
  if (sms.provider === 'smpp' && sms.smpp) {
    adapters.sms = createSmppAdapter(sms.smpp, {
      log: options.log,
      onReceipt: async (receipt) => {
        await applyReceipt(deps.db, 'smpp', receipt);
      },
      ...(options.onInboundSms ? { onInbound: options.onInboundSms } : {}),
    });
  }
  return adapters;
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
  };
}
