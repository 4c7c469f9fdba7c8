// The phone line's HTTP side: each configured provider's webhooks.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.ts';
import type { VoiceConfig } from './config.ts';
import { flowRoutes } from './flow-routes.ts';
import { twimlRoutes } from './providers/twiml.ts';

export function voiceRoutes(deps: Deps, config: VoiceConfig): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(flowRoutes(deps));
    if (config.twilio) await app.register(twimlRoutes(deps, config.twilio, config.publicUrl));
  };
}
