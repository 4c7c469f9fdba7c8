// The feedback page's API, for a citizen who follows the link in a resolution email: no sign-in, the
// signed link is the permission (link.ts). GET shows the question (and never answers it: mail scanners
// fetch links); POST answers it once. Both refuse a link that is not ours, expired, or whose resolution
// was answered or superseded, with a stable code the page explains in the citizen's language.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../deps.ts';
import { invalid, refusal } from '../errors.ts';
import { DateTime, errorResponses } from '../http/schemas.ts';
import { answerResolution, openResolution } from './answer.ts';
import { readFeedbackLink } from './link.ts';

const Params = Type.Object({ token: Type.String({ minLength: 10, maxLength: 200 }) });

const Question = Type.Object({
  reference: Type.String(),
  /** The grievance's language: the page is shown in it. */
  language: Type.String(),
  actionTaken: Type.String(),
  resolvedAt: DateTime,
});

const AnswerBody = Type.Object(
  {
    satisfied: Type.Boolean(),
    rating: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    reason: Type.Optional(Type.String({ maxLength: 5000, pattern: '\\S' })),
  },
  { additionalProperties: false },
);

export function feedbackLinkRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  const tags = ['feedback'];
  return async (app) => {
    app.get(
      '/api/feedback-links/:token',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'The resolution a feedback link from an email asks about (shows it; does not answer)',
          params: Params,
          response: { 200: Question, ...errorResponses },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        reply.header('referrer-policy', 'no-referrer');
        return openResolution(deps.db, deps.clock.now(), readFeedbackLink(request.params.token));
      },
    );

    app.post(
      '/api/feedback-links/:token',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Answer "were you satisfied?" through the link in a resolution email',
          description:
            'Satisfied closes the grievance; not satisfied reopens it with the reason, which is then required. The link works once, for the resolution it was sent for, until it expires.',
          params: Params,
          body: AnswerBody,
          response: {
            200: Type.Object({ reference: Type.String(), reopened: Type.Boolean() }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        const claim = readFeedbackLink(request.params.token);
        const question = await openResolution(deps.db, deps.clock.now(), claim);
        const body = request.body;
        if (!body.satisfied && !body.reason?.trim())
          throw invalid('reason', 'say what is still wrong to reopen the grievance', 'required');
        // The lifecycle writes the audit entry, in the same transaction as the change.
        request.auditHandled = true;
        const done = await answerResolution(deps, {
          grievanceId: (claim as NonNullable<typeof claim>).grievanceId,
          citizenId: (claim as NonNullable<typeof claim>).citizenId,
          resolutionId: (claim as NonNullable<typeof claim>).resolutionId,
          answer: body,
          via: 'email link',
          ip: request.ip,
        });
        if (!done)
          throw refusal(
            'conflict',
            'feedback_link_closed',
            'this resolution was already answered, or the grievance changed since',
          );
        return { reference: question.reference, reopened: !body.satisfied };
      },
    );
  };
}
