// The phone line's HTTP side: the flow API, recorded prompts, and each configured provider's webhooks.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.ts';
import type { VoiceConfig } from './config.ts';
import { flowRoutes } from './flow-routes.ts';
import { activeFlow } from './flows.ts';
import { promptRoutes } from './prompt-routes.ts';
import { africasTalkingRoutes } from './providers/africastalking.ts';
import { exotelRoutes } from './providers/exotel.ts';
import { kookooRoutes } from './providers/kookoo.ts';
import { plivoRoutes } from './providers/plivo.ts';
import { twimlRoutes } from './providers/twiml.ts';

export function voiceRoutes(deps: Deps, config: VoiceConfig): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(flowRoutes(deps));
    await app.register(promptRoutes(deps));
    const url = config.publicUrl;
    // The default flow saved before the first call, not by it: a hundred first calls at once would
    // each try to save it in their own turn's transaction and wait on one another.
    if (config.twilio || config.exotel || config.kookoo || config.africasTalking || config.plivo)
      await activeFlow(deps.db, deps.clock.now());
    if (config.twilio) await app.register(twimlRoutes(deps, config.twilio, url));
    if (config.exotel) await app.register(exotelRoutes(deps, config.exotel, url));
    if (config.kookoo) await app.register(kookooRoutes(deps, config.kookoo, url));
    if (config.africasTalking) await app.register(africasTalkingRoutes(deps, config.africasTalking, url));
    if (config.plivo) await app.register(plivoRoutes(deps, config.plivo, url));
  };
}
