// Flags on citizens (../flags.ts): agents and supervisors flag a habitual or fake complainant from the
// screen-pop; supervisors list the open flags and clear one that no longer holds, with the reason.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { auditRead, auditWho } from '../../access/audited.ts';
import type { Deps } from '../../deps.ts';
import { DateTime, errorResponses, IdParams, Nullable } from '../../http/schemas.ts';
import { clearFlag, flagCitizen, listOpenFlags } from '../flags.ts';

const tags = ['desk'];
const Reason = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' }) },
  { additionalProperties: false },
);
const OpenFlag = Type.Object({
  id: Type.Integer(),
  citizenId: Type.Integer(),
  phone: Type.String(),
  name: Nullable(Type.String()),
  reason: Type.String(),
  flaggedAt: DateTime,
  flaggedBy: Nullable(Type.String()),
});

export function flagRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  const { db, clock } = deps;
  return async (app) => {
    app.post(
      '/api/desk/citizens/:id/flags',
      {
        config: { access: ['agent', 'supervisor'] },
        schema: {
          tags,
          summary:
            'Flag a habitual or fake complainant, with the reason (nothing they send is dropped for it)',
          params: IdParams,
          body: Reason,
          response: { 201: Type.Object({ id: Type.Integer() }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const id = await flagCitizen(
          db,
          clock.now(),
          request.params.id,
          request.body.reason,
          auditWho(request),
        );
        return reply.status(201).send({ id });
      },
    );
    app.get(
      '/api/desk/flags',
      {
        config: { access: ['supervisor'] },
        schema: {
          tags,
          summary: 'Open flags on citizens, newest first (500 at most)',
          response: { 200: Type.Array(OpenFlag), ...errorResponses },
        },
      },
      async (request) => {
        const rows = await listOpenFlags(db);
        // Phones and names of citizens: a read of personal data, audited like the do-not-call list.
        await auditRead(deps, request, { action: 'desk.flags_read', data: { returned: rows.length } });
        return rows;
      },
    );
    app.post(
      '/api/desk/flags/:id/clear',
      {
        config: { access: ['supervisor'] },
        schema: {
          tags,
          summary: 'Clear a flag that no longer holds, with the reason (audited; the flag keeps its history)',
          params: IdParams,
          body: Reason,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await clearFlag(db, clock.now(), request.params.id, request.body.reason, auditWho(request));
        return reply.status(204).send(null);
      },
    );
  };
}
