// The agent desk: queues, agents and their states, routing calls to agents, the screen-pop, wrap-up,
// the wallboard and the generic telephony webhook. Calls reach it through the voice seam (src/calls).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../deps.ts';
import type { DeskFeed } from './feed.ts';
import { agentRoutes } from './routes/agents.ts';
import { callRoutes } from './routes/calls.ts';
import { doNotCallRoutes } from './routes/do-not-call.ts';
import { enquiryRoutes } from './routes/enquiries.ts';
import { flagRoutes } from './routes/flags.ts';
import { outboundRoutes } from './routes/outbound.ts';
import { qualityRoutes } from './routes/quality.ts';
import { queueRoutes } from './routes/queues.ts';
import { registrationRoutes } from './routes/registrations.ts';
import { telephonyRoutes } from './routes/telephony.ts';
import { wallboardRoutes } from './routes/wallboard.ts';

export type { Agent, AgentProfile } from './agents.ts';
export { getAgent, listAgents, saveAgent, setAgentState } from './agents.ts';
export { type DeskFeed, startDeskFeed } from './feed.ts';
export { type CallControl, type MonitorMode, monitorModes, registerCallControl } from './monitoring.ts';
export { createCampaign, fillStandingLists, listProgress, recordAttempt, takeNext } from './outbound.ts';
export {
  answerCall,
  deskTick,
  expireOffers,
  returnOffer,
  routeWaitingCalls,
  settleEndedCalls,
} from './routing.ts';
export { screenPop } from './screen-pop.ts';
export { createTelephonySource, signTelephony } from './telephony.ts';
export { wallboard } from './wallboard.ts';
export { hangUp, wrapUp } from './wrap-up.ts';

export function deskRoutes(
  deps: Deps,
  feed: DeskFeed,
  options: { heartbeatMs?: number } = {},
): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(agentRoutes(deps, feed));
    await app.register(queueRoutes(deps));
    await app.register(callRoutes(deps, feed, options));
    await app.register(wallboardRoutes(deps));
    await app.register(outboundRoutes(deps));
    await app.register(registrationRoutes(deps));
    await app.register(qualityRoutes(deps));
    await app.register(flagRoutes(deps));
    await app.register(enquiryRoutes(deps));
    await app.register(doNotCallRoutes(deps));
    await app.register(telephonyRoutes(deps, feed));
  };
}
