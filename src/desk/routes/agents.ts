// Agents: who they are at the desk (supervisors set languages, districts and skills) and the state each
// puts themselves in (available, break, signed out).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { audited, auditWho, principalId } from '../../access/audited.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import {
  Code,
  DateTime,
  errorResponses,
  Id,
  IdParams,
  Language,
  Nullable,
  oneOf,
} from '../../http/schemas.ts';
import { AGENT_STATES, getAgent, listAgents, saveAgent, setAgentState } from '../agents.ts';
import type { DeskFeed } from '../feed.ts';

export const Agent = Type.Object({
  userId: Type.Integer(),
  name: Type.String(),
  languages: Type.Array(Type.String()),
  placeIds: Type.Array(Type.Integer()),
  skills: Type.Array(Type.String()),
  state: oneOf(AGENT_STATES),
  stateSince: DateTime,
  idleSince: Nullable(DateTime),
  callId: Nullable(Type.Integer()),
  extension: Nullable(Type.String()),
});

const tags = ['desk'];

/** The account behind a request: agents act as themselves. */
export function agentId(request: { principal: Parameters<typeof principalId>[0] }): number {
  const id = principalId(request.principal);
  if (id === null || request.principal.kind === 'citizen')
    throw new AppError('forbidden', 'only a staff account works at the desk');
  return id;
}

export function agentRoutes(deps: Deps, feed: DeskFeed): FastifyPluginAsyncTypebox {
  const { db, clock } = deps;
  return async (app) => {
    app.get(
      '/api/desk/agents',
      {
        config: { access: ['supervisor', 'admin'] },
        schema: {
          tags,
          summary: 'Agents, their skills and their state now',
          response: { 200: Type.Array(Agent) },
        },
      },
      async () => listAgents(db),
    );
    app.put(
      '/api/desk/agents/:id',
      {
        config: { access: ['supervisor', 'admin'] },
        schema: {
          tags,
          summary: 'Make an account an agent, or change the languages, districts and skills they take',
          params: IdParams,
          body: Type.Object(
            {
              languages: Type.Array(Language, { maxItems: 20, uniqueItems: true }),
              placeIds: Type.Array(Id, {
                maxItems: 200,
                uniqueItems: true,
                description: 'Empty: every district',
              }),
              skills: Type.Array(Code, { minItems: 1, maxItems: 20, uniqueItems: true }),
              extension: Type.Optional(Nullable(Type.String({ pattern: '^[0-9A-Za-z*#+]{1,20}$' }))),
            },
            { additionalProperties: false },
          ),
          response: { 200: Agent, ...errorResponses },
        },
      },
      async (request) =>
        audited(deps, request, (trx) => saveAgent(trx, clock.now(), request.params.id, request.body), {
          entity: 'agent',
          entityId: String(request.params.id),
        }),
    );
    app.get(
      '/api/desk/me',
      {
        config: { access: ['agent', 'supervisor'] },
        schema: {
          tags,
          summary: 'The signed-in agent: their state and the call they hold',
          response: { 200: Agent, ...errorResponses },
        },
      },
      async (request) => getAgent(db, agentId(request)),
    );
    app.post(
      '/api/desk/me/state',
      {
        config: { access: ['agent', 'supervisor'] },
        schema: {
          tags,
          summary: 'Go available, on break or sign out of the desk',
          body: Type.Object(
            {
              state: oneOf(['available', 'break', 'signed_out'] as const),
              reason: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: Agent, ...errorResponses },
        },
      },
      async (request) => {
        const agent = await setAgentState(db, clock.now(), agentId(request), request.body.state, {
          byChoice: true,
          reason: request.body.reason,
          who: auditWho(request),
        });
        // A free agent may take a waiting call at once.
        if (agent.state === 'available') await feed.nudge();
        return getAgent(db, agent.userId);
      },
    );
  };
}
