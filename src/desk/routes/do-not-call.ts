// The do-not-call list (do-not-call.ts): supervisors see it, add a number (a citizen's request at the
// centre, a regulator's registry) and take one off when the citizen asks to be called again.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { audited, auditRead } from '../../access/audited.ts';
import type { Deps } from '../../deps.ts';
import { DateTime, errorResponses, Nullable, PhoneE164 } from '../../http/schemas.ts';
import { addDoNotCall, listDoNotCall, removeDoNotCall } from '../do-not-call.ts';
import { agentId } from './agents.ts';

const tags = ['desk'];

export function doNotCallRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  const { db, clock } = deps;
  return async (app) => {
    app.get(
      '/api/desk/do-not-call',
      {
        config: { access: ['supervisor'] },
        schema: {
          tags,
          summary: 'Numbers never called on outbound lists, newest first (phone: those starting with it)',
          querystring: Type.Object(
            {
              phone: Type.Optional(Type.String({ pattern: '^\\+?[0-9]{1,15}$' })),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Array(
              Type.Object({
                phone: Type.String(),
                reason: Type.String(),
                addedAt: DateTime,
                addedBy: Nullable(Type.String()),
              }),
            ),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const rows = await listDoNotCall(db, {
          phone: request.query.phone,
          limit: request.query.limit ?? 100,
        });
        await auditRead(deps, request, { action: 'desk.do_not_call_read', data: { returned: rows.length } });
        return rows;
      },
    );
    app.post(
      '/api/desk/do-not-call',
      {
        config: { access: ['supervisor'] },
        schema: {
          tags,
          summary: 'Put a number on the do-not-call list: it leaves every outbound list at once',
          body: Type.Object(
            {
              phone: PhoneE164,
              reason: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' }),
            },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Object({ phone: Type.String(), skipped: Type.Integer() }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const done = await audited(
          deps,
          request,
          (trx) => addDoNotCall(trx, clock.now(), request.body.phone, request.body.reason, agentId(request)),
          { entity: 'do_not_call', entityId: request.body.phone },
        );
        return reply.status(201).send(done);
      },
    );
    app.delete(
      '/api/desk/do-not-call/:phone',
      {
        config: { access: ['supervisor'] },
        schema: {
          tags,
          summary: 'Take a number off the do-not-call list (the citizen asked to be called again)',
          params: Type.Object({ phone: PhoneE164 }),
          response: { 200: Type.Object({ ok: Type.Boolean() }), ...errorResponses },
        },
      },
      async (request) => {
        await audited(deps, request, (trx) => removeDoNotCall(trx, request.params.phone), {
          entity: 'do_not_call',
          entityId: request.params.phone,
        });
        return { ok: true };
      },
    );
  };
}
