// The WhatsApp channel: the webhook, the Cloud API client and the delivery worker's adapter.
import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../../deps.ts';
import { cloudClient, whatsappAdapter } from './cloud.ts';
import type { WhatsAppConfig } from './config.ts';
import { windowOpen, withInbound } from './inbound.ts';
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
    async onMessage(message: InboundMessage, log: FastifyBaseLogger) {
      const recorded = await withInbound(deps.db, deps.clock, message, async (_trx, r) => r);
      if (!recorded) log.info({ messageId: message.id }, 'whatsapp: message already handled, ignored');
    },
  };
}

/** The adapter the delivery worker uses for the 'whatsapp' channel. */
export function whatsappDelivery(deps: Deps, config: WhatsAppConfig) {
  return whatsappAdapter(cloudClient(config), (phone) => windowOpen(deps.db, deps.clock, phone));
}
