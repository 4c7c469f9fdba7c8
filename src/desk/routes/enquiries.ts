// Enquiries at the desk (enquiries.ts): answered from the knowledge base at first contact, or registered
// as an information request for a department.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { auditWho } from '../../access/audited.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import {
  DateTime,
  errorResponses,
  I18nText,
  Id,
  IdParams,
  Language,
  Nullable,
  oneOf,
  PhoneE164,
} from '../../http/schemas.ts';
import { callEnquiries, logEnquiry } from '../enquiries.ts';
import { agentId } from './agents.ts';

const tags = ['desk'];
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });

export function enquiryRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  const { db } = deps;
  return async (app) => {
    app.post(
      '/api/desk/enquiries',
      {
        config: { access: ['agent', 'supervisor'] },
        schema: {
          tags,
          summary:
            'Log an enquiry on your call (callId) or from a visitor at a walk-in centre (centrePlaceId, their phone if they give one): answered at first contact (from the knowledge base article read out), or registered as an information request for a department',
          body: Type.Object(
            {
              callId: Type.Optional(Id),
              centrePlaceId: Type.Optional(Id),
              phone: Type.Optional(PhoneE164),
              question: Text(2000),
              articleId: Type.Optional(Nullable(Id)),
              outcome: oneOf(['answered', 'information_request'] as const),
              request: Type.Optional(
                Type.Object(
                  {
                    categoryId: Id,
                    placeId: Id,
                    language: Language,
                    anonymous: Type.Optional(Type.Boolean()),
                    capOverride: Type.Optional(Text(500)),
                  },
                  { additionalProperties: false },
                ),
              ),
            },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Object({
              id: Type.Integer(),
              outcome: Type.String(),
              reference: Nullable(Type.String()),
              dueAt: Nullable(DateTime),
            }),
            ...errorResponses,
            403: errorResponses[400],
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await logEnquiry(deps, request.body, request.principal, auditWho(request))),
    );
    app.get(
      '/api/desk/calls/:id/enquiries',
      {
        config: { access: ['agent', 'supervisor'] },
        schema: {
          tags,
          summary: 'The enquiries logged on a call of yours',
          params: IdParams,
          response: {
            200: Type.Array(
              Type.Object({
                id: Type.Integer(),
                question: Type.String(),
                outcome: Type.String(),
                article: Nullable(I18nText),
                reference: Nullable(Type.String()),
                at: DateTime,
              }),
            ),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const call = await db
          .selectFrom('calls')
          .select('agent_user_id')
          .where('id', '=', request.params.id)
          .executeTakeFirst();
        if (!call || call.agent_user_id !== agentId(request))
          throw new AppError('not_found', `call ${request.params.id} is not one of yours`);
        return callEnquiries(db, request.params.id);
      },
    );
  };
}
