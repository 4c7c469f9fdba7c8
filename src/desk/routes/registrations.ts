// Registering at the desk, on a call or for a citizen who walked into a service centre (register.ts), and
// the acknowledgement slip printed for a citizen without a phone.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { auditWho } from '../../access/audited.ts';
import type { Deps } from '../../deps.ts';
import { DateTime, errorResponses, I18nText, Id, Language, Nullable, PhoneE164 } from '../../http/schemas.ts';
import { acknowledgementSlip, registerAtDesk } from '../register.ts';

const tags = ['desk'];
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });

export function registrationRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  const { db } = deps;
  return async (app) => {
    app.post(
      '/api/desk/registrations',
      {
        config: { access: ['agent', 'supervisor'] },
        schema: {
          tags,
          summary:
            "Register a grievance for a caller (callId) or a walk-in citizen (centrePlaceId), within the citizen's monthly cap or past it with a reason",
          body: Type.Object(
            {
              categoryId: Id,
              placeId: Id,
              subject: Text(200),
              description: Text(5000),
              language: Language,
              citizen: Type.Optional(
                Type.Object(
                  { phone: PhoneE164, name: Type.Optional(Text(120)), language: Type.Optional(Language) },
                  { additionalProperties: false },
                ),
              ),
              anonymous: Type.Optional(Type.Boolean()),
              callId: Type.Optional(Id),
              centrePlaceId: Type.Optional(Id),
              capOverride: Type.Optional(Text(500)),
            },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Object({
              reference: Type.String(),
              dueAt: Nullable(DateTime),
              sampled: Type.Boolean(),
            }),
            ...errorResponses,
            403: errorResponses[400],
          },
        },
      },
      async (request, reply) => {
        const r = await registerAtDesk(deps, request.body, request.principal, auditWho(request));
        return reply
          .status(201)
          .send({ reference: r.reference, dueAt: r.view?.dueAt ?? null, sampled: r.sampled });
      },
    );
    app.get(
      '/api/desk/slips/:reference',
      {
        config: { access: ['agent', 'supervisor'] },
        schema: {
          tags,
          summary:
            'The acknowledgement slip to print for a citizen: reference, office, promised date, how to track',
          params: Type.Object({ reference: Type.String({ minLength: 1, maxLength: 20 }) }),
          response: {
            200: Type.Object({
              reference: Type.String(),
              subject: Type.String(),
              status: Type.String(),
              registeredAt: DateTime,
              promisedBy: Nullable(DateTime),
              language: Type.String(),
              channel: Type.String(),
              category: I18nText,
              department: I18nText,
              place: I18nText,
              office: Nullable(I18nText),
              centre: Nullable(I18nText),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => acknowledgementSlip(db, request.params.reference),
    );
  };
}
