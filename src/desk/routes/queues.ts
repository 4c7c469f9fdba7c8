// Call queues (per language, district and skill) and their hours: a supervisor opens a queue and gives it
// a calendar (its working hours and holidays); out of hours the IVR's after-hours branch applies.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { audited } from '../../access/audited.ts';
import type { Deps } from '../../deps.ts';
import { AppError, invalid, notFound } from '../../errors.ts';
import {
  Code,
  DateTime,
  errorResponses,
  I18nText,
  Id,
  IdParams,
  Language,
  Nullable,
} from '../../http/schemas.ts';
import { queueHours } from '../hours.ts';

const tags = ['desk'];
const Queue = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: I18nText,
  language: Nullable(Type.String()),
  placeId: Nullable(Type.Integer()),
  skill: Type.String(),
  active: Type.Boolean(),
  calendarId: Nullable(Type.Integer()),
  open: Type.Boolean(),
  opensAt: Nullable(DateTime),
});
const COLUMNS = [
  'id',
  'code',
  'name',
  'language',
  'place_id as placeId',
  'skill',
  'active',
  'calendar_id as calendarId',
] as const;

export function queueRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  const { db, clock } = deps;
  const withHours = async <Q extends { calendarId: number | null; placeId: number | null }>(q: Q) => {
    const hours = await queueHours(db, clock.now(), { calendar_id: q.calendarId, place_id: q.placeId });
    return { ...q, open: hours.open, opensAt: hours.opensAt };
  };
  return async (app) => {
    app.get(
      '/api/desk/queues',
      {
        config: { access: ['agent', 'supervisor', 'admin'] },
        schema: {
          tags,
          summary:
            'Call queues (per language, district and skill), with their hours: open now, or when they open',
          response: { 200: Type.Array(Queue) },
        },
      },
      async () => {
        const queues = await db.selectFrom('call_queues').select(COLUMNS).orderBy('code').execute();
        return Promise.all(queues.map(withHours));
      },
    );
    app.post(
      '/api/desk/queues',
      {
        config: { access: ['supervisor', 'admin'] },
        schema: {
          tags,
          summary: 'Open a call queue for a language, a district and a skill, with its hours (a calendar)',
          body: Type.Object(
            {
              code: Code,
              name: I18nText,
              language: Type.Optional(Nullable(Language)),
              placeId: Type.Optional(Nullable(Id)),
              skill: Type.Optional(Code),
              calendarId: Type.Optional(Nullable(Id)),
            },
            { additionalProperties: false },
          ),
          response: { 201: Queue, ...errorResponses },
        },
      },
      async (request, reply) => {
        const b = request.body;
        const queue = await audited(
          deps,
          request,
          async (trx) => {
            if (b.calendarId) await calendarExists(trx, b.calendarId);
            const row = await trx
              .insertInto('call_queues')
              .values({
                code: b.code,
                name: JSON.stringify(b.name),
                language: b.language ?? null,
                place_id: b.placeId ?? null,
                skill: b.skill ?? 'grievance',
                calendar_id: b.calendarId ?? null,
              })
              .onConflict((oc) => oc.column('code').doNothing())
              .returning(COLUMNS)
              .executeTakeFirst();
            if (!row) throw new AppError('conflict', `a queue ${b.code} exists already`);
            return row;
          },
          (q) => ({ entity: 'call_queue', entityId: String(q.id) }),
        );
        return reply.status(201).send(await withHours(queue));
      },
    );
    app.patch(
      '/api/desk/queues/:id',
      {
        config: { access: ['supervisor', 'admin'] },
        schema: {
          tags,
          summary: "Change a queue's hours (its calendar; null: always open), name or whether it takes calls",
          params: IdParams,
          body: Type.Object(
            {
              name: Type.Optional(I18nText),
              calendarId: Type.Optional(Nullable(Id)),
              active: Type.Optional(Type.Boolean()),
            },
            { additionalProperties: false, minProperties: 1 },
          ),
          response: { 200: Queue, ...errorResponses },
        },
      },
      async (request) => {
        const b = request.body;
        const queue = await audited(
          deps,
          request,
          async (trx) => {
            if (b.calendarId) await calendarExists(trx, b.calendarId);
            const row = await trx
              .updateTable('call_queues')
              .set({
                ...(b.name ? { name: JSON.stringify(b.name) } : {}),
                ...(b.calendarId !== undefined ? { calendar_id: b.calendarId } : {}),
                ...(b.active !== undefined ? { active: b.active } : {}),
              })
              .where('id', '=', request.params.id)
              .returning(COLUMNS)
              .executeTakeFirst();
            if (!row) throw notFound('queue', request.params.id);
            return row;
          },
          { entity: 'call_queue', entityId: String(request.params.id), data: b },
        );
        return withHours(queue);
      },
    );
  };
}

async function calendarExists(db: Deps['db'], id: number) {
  const found = await db.selectFrom('calendars').select('id').where('id', '=', id).executeTakeFirst();
  if (!found) throw invalid('calendarId', `calendar ${id} does not exist`, 'does_not_exist');
}
