// GET /api/desk/wallboard: the supervisor's live figures (wallboard.ts says how each is counted).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../deps.ts';
import { DateTime, I18nText, Nullable, oneOf } from '../../http/schemas.ts';
import { AGENT_STATES } from '../agents.ts';
import { wallboard } from '../wallboard.ts';

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
                }),
              ),
            }),
          },
        },
      },
      async () => wallboard(deps.db, deps.clock.now()),
    );
  };
}
