// The WhatsApp channel: the webhook, the Cloud API client and the delivery worker's adapter.
import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../../deps.ts';
import { cloudClient, whatsappAdapter } from './cloud.ts';
import { readWhatsAppConfig, type WhatsAppConfig } from './config.ts';
import { handleMessage } from './handle.ts';
import { windowOpen } from './inbound.ts';
import type { InboundMessage } from './payload.ts';
import type { WhatsAppChannel } from './routes.ts';

export { readWhatsAppConfig, type WhatsAppConfig } from './config.ts';
export { feedbackActions } from './messages.ts';
export { type WhatsAppChannel, whatsappRoutes } from './routes.ts';
export { signBody } from './signature.ts';

export function whatsappChannel(deps: Deps, config: WhatsAppConfig): WhatsAppChannel {
  const client = cloudClient(config);
  return {
    config,
    client,
    onMessage: (message: InboundMessage, log: FastifyBaseLogger) => handleMessage(deps, client, message, log),
  };
}

/**
 * The webhook's channel as the settings in force make it. With a channel registry (every running
 * service) it follows the registry's settings: the registry builds them again when a change is
 * announced through NOTIFY (src/channels/registry.ts), and the channel is rebuilt on the first request
 * after, so a new app secret, verify token or phone number id applies with no restart. Without a
 * registry (some tests), the settings given.
 */
export function liveWhatsAppChannel(deps: Deps, fixed: WhatsAppConfig | null): () => WhatsAppChannel | null {
  const registry = deps.channels;
  if (!registry) {
    const channel = fixed ? whatsappChannel(deps, fixed) : null;
    return () => channel;
  }
  let builtFrom: NodeJS.ProcessEnv | null = null;
  let channel: WhatsAppChannel | null = null;
  return () => {
    const env = registry.env();
    if (env !== builtFrom) {
      // The registry took these settings only after building its adapters from them: they are valid.
      const config = readWhatsAppConfig(env);
      channel = config ? whatsappChannel(deps, config) : null;
      builtFrom = env;
    }
    return channel;
  };
}

/** The adapter the delivery worker uses for the 'whatsapp' channel. */
export function whatsappDelivery(deps: Pick<Deps, 'db' | 'clock'>, config: WhatsAppConfig) {
  return whatsappAdapter(cloudClient(config), (phone) => windowOpen(deps.db, deps.clock, phone));
}
