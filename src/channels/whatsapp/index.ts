// The WhatsApp channel: the webhook, the Cloud API client and the delivery worker's adapter.
import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../../deps.ts';
import { cloudClient, whatsappAdapter } from './cloud.ts';
import type { WhatsAppConfig } from './config.ts';
import { handleMessage } from './handle.ts';
import { windowOpen } from './inbound.ts';
import type { InboundMessage } from './payload.ts';
import type { WhatsAppChannel } from './routes.ts';

export { readWhatsAppConfig, type WhatsAppConfig } from './config.ts';
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

/** The adapter the delivery worker uses for the 'whatsapp' channel. */
export function whatsappDelivery(deps: Deps, config: WhatsAppConfig) {
  return whatsappAdapter(cloudClient(config), (phone) => windowOpen(deps.db, deps.clock, phone));
}
