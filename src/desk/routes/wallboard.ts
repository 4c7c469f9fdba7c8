// GET /api/desk/wallboard: the supervisor's live figures (wallboard.ts says how each is counted).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { audited } from '../../access/audited.ts';
import type { Deps } from '../../deps.ts';
import { DateTime, errorResponses, I18nText, IdParams, Nullable, oneOf } from '../../http/schemas.ts';
import { AGENT_STATES } from '../agents.ts';
import { MONITOR_MODES, monitorCall } from '../monitoring.ts';
import { wallboard } from '../wallboard.ts';
import { agentId } from './agents.ts';

const Count = Type.Integer();

export function wallboardRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/desk/wallboard',
      {
        config: { access: ['supervisor', 'monitor'] },
        schema: {
          tags: ['desk'],
          summary:
            'Calls waiting per queue and the longest wait, agents by state, and today: answered, answered within the service level, abandoned, average handling time, per agent',
          response: {
            200: Type.Object({
              at: DateTime,
              dayStart: DateTime,
              serviceLevelSeconds: Count,
              queues: Type.Array(
                Type.Object({
                  id: Count,
                  code: Type.String(),
                  name: I18nText,
                  waiting: Count,
                  longestWaitSeconds: Nullable(Count),
                  calendarId: Nullable(Count),
                  open: Type.Boolean(),
                  opensAt: Nullable(DateTime),
                }),
              ),
              agents: Type.Object(Object.fromEntries(AGENT_STATES.map((s) => [s, Count]))),
              today: Type.Object({
                offered: Count,
                answered: Count,
                answeredWithin: Count,
                serviceLevelPercent: Nullable(Type.Number()),
                abandoned: Count,
                averageHandlingSeconds: Nullable(Count),
              }),
              perAgent: Type.Array(
                Type.Object({
                  userId: Count,
                  name: Type.String(),
                  state: oneOf(AGENT_STATES),
                  callId: Nullable(Count),
                  answered: Count,
                  wrapped: Count,
                  registered: Count,
                  averageHandlingSeconds: Nullable(Count),
                  call: Nullable(
                    Type.Object({
                      id: Count,
                      caller: Nullable(Type.String()),
                      state: Type.String(),
                      queue: Nullable(I18nText),
                      answeredAt: Nullable(DateTime),
                      monitor: Type.Array(oneOf(MONITOR_MODES)),
                    }),
                  ),
                }),
              ),
            }),
          },
        },
      },
      async () => wallboard(deps.db, deps.clock.now()),
    );
    app.post(
      '/api/desk/calls/:id/monitor',
      {
        config: { access: ['supervisor'] },
        schema: {
          tags: ['desk'],
          summary:
            "Listen in to an agent's call, whisper to the agent or barge in, where the telephony carrying it can (the phone system rings the supervisor's extension); refused with monitoring_unsupported where it cannot",
          params: IdParams,
          body: Type.Object({ mode: oneOf(MONITOR_MODES) }, { additionalProperties: false }),
          response: {
            200: Type.Object({ callId: Count, mode: oneOf(MONITOR_MODES) }),
            ...errorResponses,
          },
        },
      },
      async (request) =>
        audited(
          deps,
          request,
          (trx) => monitorCall(trx, request.params.id, agentId(request), request.body.mode),
          { entity: 'call', entityId: String(request.params.id), data: { mode: request.body.mode } },
        ),
    );
  };
}
