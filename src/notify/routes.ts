// What staff (and the citizen) see of a grievance's messages: each notification's channel, status and, for a failure,
// the provider's reason. The grievance's read policy decides who may look (404 out of scope).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../deps.ts';
import { getGrievanceId, readGrievance } from '../grievances/index.ts';
import { DateTime, errorResponses, Nullable } from '../http/schemas.ts';
import { notificationsForStaff } from './outbox.ts';

const Notification = Type.Object({
  id: Type.Integer(),
  recipientKind: Type.String(),
  positionId: Nullable(Type.Integer()),
  channel: Type.String(),
  template: Type.String(),
  language: Type.String(),
  status: Type.String({ description: 'pending, sending, sent, delivered or failed' }),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String({ description: "The provider's reason for the last failure" })),
  provider: Nullable(Type.String()),
  createdAt: DateTime,
  nextAttemptAt: DateTime,
  sentAt: Nullable(DateTime),
  deliveredAt: Nullable(DateTime),
  failedAt: Nullable(DateTime),
});

export function notifyRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/grievances/:reference/notifications',
      {
        // Staff in scope, and the citizen who raised it (was my SMS delivered?).
        config: { access: 'signed-in' },
        schema: {
          tags: ['grievances'],
          summary: "A grievance's messages and how their delivery went",
          params: Type.Object({ reference: Type.String({ minLength: 1, maxLength: 20 }) }),
          response: { 200: Type.Object({ notifications: Type.Array(Notification) }), ...errorResponses },
        },
      },
      async (request) => {
        // The read policy first (404 outside the caller's scope), then the messages.
        const g = await readGrievance(deps.db, request.params.reference, request.principal, deps.reference);
        return {
          notifications: await notificationsForStaff(deps.db, await getGrievanceId(deps.db, g.reference)),
        };
      },
    );
  };
}
