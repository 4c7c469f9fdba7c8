import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { audited, auditRead, principalId } from '../access/audited.ts';
import type { Deps } from '../deps.ts';
import { Channel, DateTime, errorResponses, IdParams, Nullable, PhoneE164 } from '../http/schemas.ts';
import { citizenHistory } from './citizens.ts';
import { getInteraction, logInteraction } from './interactions.ts';

const Interaction = Type.Object({
  id: Type.Integer(),
  channel: Type.String(),
  direction: Type.String(),
  externalId: Type.Union([Type.String(), Type.Null()]),
  summary: Type.Union([Type.String(), Type.Null()]),
  startedAt: DateTime,
  endedAt: Nullable(DateTime),
  phone: Type.Union([Type.String(), Type.Null()]),
});
const tags = ['citizens'];

export function citizenRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/interactions',
      {
        config: { access: ['agent', 'supervisor', 'intake'] },
        schema: {
          tags,
          summary: 'Log a contact (call, message, visit); repeated external ids return the first row',
          body: Type.Object(
            {
              channel: Channel,
              direction: Type.Optional(Type.Union([Type.Literal('inbound'), Type.Literal('outbound')])),
              phone: Type.Optional(PhoneE164),
              externalId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
              summary: Type.Optional(Type.String({ maxLength: 2000 })),
              startedAt: Type.Optional(Type.String({ format: 'date-time' })),
              endedAt: Type.Optional(Type.String({ format: 'date-time' })),
            },
            { additionalProperties: false },
          ),
          response: { 201: Interaction, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { startedAt, endedAt, channel, ...rest } = request.body;
        const interaction = await audited(
          deps,
          request,
          (trx) =>
            logInteraction(
              trx,
              deps.clock,
              {
                ...rest,
                channel,
                createdBy: principalId(request.principal),
                startedAt: startedAt ? new Date(startedAt) : undefined,
                endedAt: endedAt ? new Date(endedAt) : undefined,
              },
              request.principal,
            ),
          (i) => ({ entity: 'interaction', entityId: String(i.id) }),
        );
        return reply.status(201).send(interaction);
      },
    );
    app.get(
      '/api/interactions/:id',
      {
        config: { access: ['agent', 'supervisor'] },
        schema: {
          tags,
          summary: 'One contact',
          params: IdParams,
          response: { 200: Interaction, ...errorResponses },
        },
      },
      async (request) => {
        const interaction = await getInteraction(deps.db, request.params.id, request.principal);
        await auditRead(deps, request, {
          action: 'interaction.read',
          entity: 'interaction',
          entityId: String(interaction.id),
        });
        return interaction;
      },
    );
    app.get(
      '/api/citizens/:phone/history',
      {
        config: { access: ['agent', 'supervisor'] },
        schema: {
          tags,
          summary: "A citizen's contacts and grievances, newest first",
          params: Type.Object({ phone: PhoneE164 }),
          response: {
            200: Type.Object({
              citizen: Type.Object({
                phone: Type.String(),
                name: Type.Union([Type.String(), Type.Null()]),
                language: Type.String(),
              }),
              interactions: Type.Array(
                Type.Object({
                  id: Type.Integer(),
                  channel: Type.String(),
                  direction: Type.String(),
                  summary: Type.Union([Type.String(), Type.Null()]),
                  startedAt: DateTime,
                  references: Type.Array(Type.String()),
                }),
              ),
              grievances: Type.Array(
                Type.Object({
                  reference: Type.String(),
                  status: Type.String(),
                  subject: Type.String(),
                  channel: Type.String(),
                  createdAt: DateTime,
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const { citizenId, ...history } = await citizenHistory(
          deps.db,
          request.params.phone,
          request.principal,
        );
        await auditRead(deps, request, {
          action: 'citizen.read_history',
          entity: 'citizen',
          entityId: String(citizenId),
        });
        return history;
      },
    );
  };
}
