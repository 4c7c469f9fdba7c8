// Outbound work lists at the desk (outbound.ts): the lists and their progress, a campaign to a segment,
// the next citizen to call, and each attempt's result.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { audited, auditRead, auditWho } from '../../access/audited.ts';
import type { Deps } from '../../deps.ts';
import {
  DateTime,
  errorResponses,
  I18nText,
  Id,
  IdParams,
  Language,
  Nullable,
  oneOf,
} from '../../http/schemas.ts';
import {
  createCampaign,
  listProgress,
  RESULTS,
  recentAttempts,
  recordAttempt,
  setListStatus,
  takeNext,
} from '../outbound.ts';
import { agentId } from './agents.ts';

const tags = ['desk'];
const States = Type.Object({
  pending: Type.Integer(),
  in_progress: Type.Integer(),
  done: Type.Integer(),
  failed: Type.Integer(),
  skipped: Type.Integer(),
});
const Progress = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  name: Type.String(),
  status: Type.String(),
  maxAttempts: Type.Integer(),
  retryMinutes: Type.Integer(),
  segment: Type.Record(Type.String(), Type.Unknown()),
  total: Type.Integer(),
  states: States,
  outcomes: Type.Record(Type.String(), Type.Integer()),
  attempts: Type.Integer(),
  dueNow: Type.Integer({ description: 'Waiting and due now' }),
  // When the next item held back by the retry interval falls due.
  nextDueAt: Nullable(DateTime),
  percentDone: Type.Integer(),
  articleId: Nullable(Type.Integer()),
  createdAt: DateTime,
});
const Item = Type.Object({
  id: Type.Integer(),
  listId: Type.Integer(),
  kind: Type.String(),
  state: Type.String(),
  attempts: Type.Integer(),
  maxAttempts: Type.Integer(),
  nextAttemptAt: DateTime,
  outcome: Nullable(Type.String()),
  phone: Type.String(),
  name: Nullable(Type.String()),
  language: Type.String(),
  reference: Nullable(Type.String()),
  subject: Nullable(Type.String()),
  grievanceStatus: Nullable(Type.String()),
  callId: Nullable(Type.Integer()),
  articleTitle: Nullable(I18nText),
  articleAnswer: Nullable(Type.Record(Type.String(), Type.String())),
});

export function outboundRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  const { db, clock } = deps;
  return async (app) => {
    app.get(
      '/api/desk/outbound-lists',
      {
        config: { access: ['agent', 'supervisor'] },
        schema: {
          tags,
          summary: 'Outbound work lists running or paused, with their progress',
          response: { 200: Type.Array(Progress) },
        },
      },
      async () => {
        const lists = await db
          .selectFrom('outbound_lists')
          .select('id')
          .where('status', 'in', ['running', 'paused'])
          .orderBy('id')
          .execute();
        return Promise.all(lists.map((l) => listProgress(db, l.id, clock.now())));
      },
    );
    app.post(
      '/api/desk/outbound-lists',
      {
        config: { access: ['supervisor'] },
        schema: {
          tags,
          summary:
            'Start a scheme-awareness campaign to a segment of citizens (district, category of a past grievance, language)',
          body: Type.Object(
            {
              name: Type.String({ minLength: 1, maxLength: 200 }),
              articleId: Type.Optional(Nullable(Id)),
              segment: Type.Object(
                {
                  placeId: Type.Optional(Id),
                  categoryId: Type.Optional(Id),
                  language: Type.Optional(Language),
                },
                { additionalProperties: false },
              ),
              maxAttempts: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
              retryMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 10080 })),
            },
            { additionalProperties: false },
          ),
          response: { 201: Progress, ...errorResponses },
        },
      },
      async (request, reply) => {
        const id = await audited(
          deps,
          request,
          (trx) => createCampaign(trx, clock.now(), request.body, agentId(request)),
          (listId) => ({ entity: 'outbound_list', entityId: String(listId) }),
        );
        return reply.status(201).send(await listProgress(db, id, clock.now()));
      },
    );
    app.get(
      '/api/desk/outbound-lists/:id',
      {
        config: { access: ['agent', 'supervisor'] },
        schema: {
          tags,
          summary: "A list's progress",
          params: IdParams,
          response: { 200: Progress, ...errorResponses },
        },
      },
      async (request) => listProgress(db, request.params.id, clock.now()),
    );
    app.patch(
      '/api/desk/outbound-lists/:id',
      {
        config: { access: ['supervisor'] },
        schema: {
          tags,
          summary: 'Pause, resume or finish a campaign (a paused one hands no one to agents)',
          params: IdParams,
          body: Type.Object(
            { status: oneOf(['running', 'paused', 'done'] as const) },
            { additionalProperties: false },
          ),
          response: { 200: Progress, ...errorResponses },
        },
      },
      async (request) => {
        await audited(deps, request, (trx) => setListStatus(trx, request.params.id, request.body.status), {
          entity: 'outbound_list',
          entityId: String(request.params.id),
          data: { status: request.body.status },
        });
        return listProgress(db, request.params.id, clock.now());
      },
    );
    app.get(
      '/api/desk/outbound-lists/:id/attempts',
      {
        config: { access: ['supervisor'] },
        schema: {
          tags,
          summary: 'The latest attempts on a list, newest first, as it runs',
          params: IdParams,
          response: {
            200: Type.Array(
              Type.Object({
                id: Type.Integer(),
                at: DateTime,
                result: Type.String(),
                notes: Nullable(Type.String()),
                phone: Type.String(),
                name: Nullable(Type.String()),
                agent: Nullable(Type.String()),
                attempts: Type.Integer(),
              }),
            ),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const attempts = await recentAttempts(db, request.params.id);
        await auditRead(deps, request, {
          action: 'desk.outbound_attempts_read',
          entity: 'outbound_list',
          entityId: String(request.params.id),
          data: { returned: attempts.length },
        });
        return attempts;
      },
    );
    app.post(
      '/api/desk/outbound-lists/:id/next',
      {
        config: { access: ['agent', 'supervisor'] },
        schema: {
          tags,
          summary:
            'Take the next citizen due on the list (the one you hold, if any); null when nothing is due',
          params: IdParams,
          response: { 200: Nullable(Item), ...errorResponses },
        },
      },
      async (request) =>
        audited(
          deps,
          request,
          (trx) => takeNext(trx, clock.now(), request.params.id, agentId(request)),
          (item) => ({
            entity: 'outbound_item',
            entityId: item ? String(item.id) : null,
          }),
        ),
    );
    app.post(
      '/api/desk/outbound-items/:id/attempts',
      {
        config: { access: ['agent', 'supervisor'] },
        schema: {
          tags,
          summary:
            "Record a call to the citizen: not reached (tried again later), or the outcome; a feedback call's satisfied closes the grievance, not satisfied reopens it with the citizen's words",
          params: IdParams,
          body: Type.Object(
            {
              result: oneOf(RESULTS),
              notes: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
              rating: Type.Optional(
                Type.Integer({
                  minimum: 1,
                  maximum: 5,
                  description:
                    "A feedback call's answer: the citizen's rating, 1 (very poor) to 5 (very good)",
                }),
              ),
            },
            { additionalProperties: false },
          ),
          response: { 200: Item, ...errorResponses },
        },
      },
      async (request) =>
        recordAttempt(db, clock.now(), request.params.id, agentId(request), request.body, auditWho(request)),
    );
  };
}
