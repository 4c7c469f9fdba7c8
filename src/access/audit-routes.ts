// The audit log for those who audit it: the search, and the chain's verification state. Auditors and
// admins may read both; each read is itself recorded in the log.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../deps.ts';
import { DateTime, errorResponses, Id, Nullable, Paging } from '../http/schemas.ts';
import { searchAudit } from './audit.ts';
import { auditChainState } from './audit-state.ts';
import { auditRead } from './audited.ts';
import type { Access } from './plugin.ts';

const AUDITORS: Access = ['auditor', 'admin'];
const tags = ['audit'];

const Entry = Type.Object({
  id: Type.Integer(),
  at: DateTime,
  actorKind: Type.String({ description: 'staff, api, citizen, public or system' }),
  actorId: Nullable(Type.Integer()),
  actorName: Nullable(Type.String({ description: 'The account, for staff and API clients' })),
  ip: Nullable(Type.String()),
  action: Type.String(),
  entity: Nullable(Type.String()),
  entityId: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  data: Type.Unknown(),
  seq: Nullable(Type.Integer({ description: 'Its place in the chain; null until sealed' })),
  sealedAt: Nullable(DateTime),
});

const Chain = Type.Object({
  checkedAt: DateTime,
  ok: Type.Boolean({ description: 'No broken row and nothing unsealed past the grace period' }),
  intervalSeconds: Type.Number(),
  graceSeconds: Type.Number(),
  sealed: Type.Integer({ description: 'Sealed entries verified' }),
  head: Nullable(
    Type.Object({
      id: Type.Integer(),
      seq: Type.Integer(),
      at: DateTime,
      sealedAt: Nullable(DateTime),
      hash: Type.String({
        description: 'Note it elsewhere: a later check then shows if the end was cut off',
      }),
    }),
  ),
  broken: Type.Object({
    count: Type.Integer(),
    items: Type.Array(
      Type.Object({
        id: Type.Integer(),
        seq: Nullable(Type.Integer()),
        kind: Type.Union([Type.Literal('missing'), Type.Literal('link'), Type.Literal('content')]),
      }),
    ),
  }),
  unsealed: Type.Object({
    count: Type.Integer({ description: 'Entries not sealed yet' }),
    oldestAt: Nullable(DateTime),
    late: Type.Object({
      count: Type.Integer({ description: 'Unsealed for longer than the grace period' }),
      ids: Type.Array(Type.Integer()),
    }),
  }),
});

export function auditRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  const { db, clock } = deps;
  return async (app) => {
    app.get(
      '/api/audit',
      {
        config: { access: AUDITORS },
        schema: {
          tags,
          summary: 'Search the audit log, newest first (auditors and admins; the search is recorded)',
          querystring: Type.Object(
            {
              q: Type.Optional(
                Type.String({
                  maxLength: 200,
                  description: "Words in the action, the object's id, the reason, the address or the account",
                }),
              ),
              actorKind: Type.Optional(Type.String({ maxLength: 20 })),
              actorId: Type.Optional(Id),
              action: Type.Optional(
                Type.String({ maxLength: 100, description: 'Prefix, e.g. "grievance."' }),
              ),
              entity: Type.Optional(Type.String({ maxLength: 50 })),
              entityId: Type.Optional(Type.String({ maxLength: 100 })),
              from: Type.Optional(Type.String({ format: 'date-time' })),
              to: Type.Optional(Type.String({ format: 'date-time' })),
              ...Paging,
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ items: Type.Array(Entry), total: Type.Integer() }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const { from, to, ...rest } = request.query;
        await auditRead(deps, request, { action: 'audit.search', data: request.query });
        return searchAudit(db, {
          ...rest,
          from: from ? new Date(from) : undefined,
          to: to ? new Date(to) : undefined,
        });
      },
    );

    app.get(
      '/api/audit/chain',
      {
        config: { access: AUDITORS },
        schema: {
          tags,
          summary:
            "Verify the audit log's hash chain now: how far it is sealed, every broken row, and entries left unsealed (auditors and admins; recorded)",
          response: { 200: Chain, ...errorResponses },
        },
      },
      async (request) => {
        await auditRead(deps, request, { action: 'audit.verify' });
        return auditChainState(db, clock.now());
      },
    );
  };
}
