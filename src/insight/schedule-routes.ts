// Scheduled reports as data an admin keeps (which report, how often, to which positions), and the files
// they make, for the positions they were sent to.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { audited } from '../access/audited.ts';
import type { Deps } from '../deps.ts';
import { invalid, notFound } from '../errors.ts';
import { DateTime, errorResponses, Id, IdParams, Nullable, oneOf } from '../http/schemas.ts';
import { lastWholePeriod, nextRun, sendReport } from './schedules.ts';

const tags = ['insight'];

const ScheduleBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    report: oneOf(['figures', 'grades'] as const),
    params: Type.Object(
      {
        by: Type.Optional(oneOf(['total', 'department', 'place', 'category', 'level', 'channel'] as const)),
        depth: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
        departmentId: Type.Optional(Id),
        placeId: Type.Optional(Id),
        categoryId: Type.Optional(Id),
        formula: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' })),
        unit: Type.Optional(oneOf(['department', 'place', 'position'] as const)),
      },
      { additionalProperties: false },
    ),
    frequency: oneOf(['weekly', 'monthly'] as const),
    day: Type.Integer({ minimum: 1, maximum: 28, description: 'weekly: 1 (Monday) .. 7; monthly: 1 .. 28' }),
    hour: Type.Integer({ minimum: 0, maximum: 23, default: 8 }),
    format: oneOf(['csv', 'xlsx'] as const, { description: 'The file kept and linked' }),
    language: oneOf(['en', 'hi', 'sw'] as const),
    positionIds: Type.Array(Id, { minItems: 1, maxItems: 500, uniqueItems: true }),
    active: Type.Boolean({ default: true }),
  },
  { additionalProperties: false },
);
const LastRun = Type.Object({
  id: Id,
  periodFrom: Type.String(),
  periodTo: Type.String(),
  format: Type.String(),
  rows: Type.Integer(),
  createdAt: DateTime,
  /** The stored file (admins and the chosen positions' holders may open it). */
  file: Type.String(),
});
const Schedule = Type.Intersect([
  Type.Object({ id: Id, nextRunAt: DateTime, lastRun: Nullable(LastRun) }),
  Type.Omit(ScheduleBody, ['hour', 'active']),
  Type.Object({ hour: Type.Integer(), active: Type.Boolean() }),
]);

type Body = typeof ScheduleBody.static;

export function scheduleRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  const { db, clock } = deps;

  async function check(body: Body) {
    if (body.frequency === 'weekly' && body.day > 7)
      throw invalid('day', 'a weekly report is sent on a day of the week: 1 (Monday) to 7 (Sunday)');
    if (body.params.by === 'place' || body.params.unit === 'place')
      if (body.params.depth === undefined)
        throw invalid('params.depth', 'say which level of the place tree (3: districts)');
    const found = await db.selectFrom('positions').select('id').where('id', 'in', body.positionIds).execute();
    if (found.length !== body.positionIds.length)
      throw invalid('positionIds', 'one of the positions does not exist');
  }
  const columns = (body: Body) => ({
    name: body.name,
    report: body.report,
    params: JSON.stringify(body.params),
    frequency: body.frequency,
    day: body.day,
    hour: body.hour,
    format: body.format,
    language: body.language,
    position_ids: body.positionIds,
    active: body.active,
  });
  const list = async (id?: number) => {
    let q = db.selectFrom('insight_report_schedules').selectAll().orderBy('id');
    if (id !== undefined) q = q.where('id', '=', id);
    const schedules = await q.execute();
    // The latest file of each schedule, without the file itself.
    const runs = schedules.length
      ? await db
          .selectFrom('insight_reports')
          .distinctOn('schedule_id')
          .select(['id', 'schedule_id', 'period_from', 'period_to', 'format', 'rows', 'created_at'])
          .where(
            'schedule_id',
            'in',
            schedules.map((s) => s.id),
          )
          .orderBy('schedule_id')
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .execute()
      : [];
    const lastOf = new Map(runs.map((r) => [Number(r.schedule_id), r]));
    return schedules.map((s) => ({
      id: s.id,
      name: s.name,
      report: s.report,
      params: s.params,
      frequency: s.frequency,
      day: s.day,
      hour: s.hour,
      format: s.format,
      language: s.language as Body['language'],
      positionIds: s.position_ids.map(Number),
      active: s.active,
      nextRunAt: s.next_run_at,
      lastRun: ((r) =>
        r
          ? {
              id: r.id,
              periodFrom: String(r.period_from),
              periodTo: String(r.period_to),
              format: r.format,
              rows: r.rows,
              createdAt: r.created_at,
              file: `/api/insight/reports/${r.id}.${r.format}`,
            }
          : null)(lastOf.get(s.id)),
    }));
  };

  return async (app) => {
    app.get(
      '/api/insight/report-schedules',
      {
        config: { access: ['admin'] },
        schema: {
          tags,
          summary: 'Reports e-mailed weekly or monthly to chosen positions',
          response: { 200: Type.Array(Schedule), ...errorResponses },
        },
      },
      async () => list(),
    );

    app.post(
      '/api/insight/report-schedules',
      {
        config: { access: ['admin'] },
        schema: {
          tags,
          summary:
            'Schedule a report: which, how often (weekly or monthly, on which day and hour), to which positions',
          body: ScheduleBody,
          response: { 201: Schedule, ...errorResponses },
        },
      },
      async (request, reply) => {
        await check(request.body);
        const now = clock.now();
        const next = await nextRun(db, request.body, now);
        const { id } = await audited(
          deps,
          request,
          (trx) =>
            trx
              .insertInto('insight_report_schedules')
              .values({
                ...columns(request.body),
                next_run_at: next,
                created_by: 'userId' in request.principal ? request.principal.userId : null,
                created_at: now,
              })
              .returning('id')
              .executeTakeFirstOrThrow(),
          (row) => ({ entity: 'insight_report_schedule', entityId: String(row.id) }),
        );
        reply.code(201);
        return (await list(id))[0];
      },
    );

    app.put(
      '/api/insight/report-schedules/:id',
      {
        config: { access: ['admin'] },
        schema: {
          tags,
          summary: 'Change a scheduled report (its next time is worked out again)',
          params: IdParams,
          body: ScheduleBody,
          response: { 200: Schedule, ...errorResponses },
        },
      },
      async (request) => {
        await check(request.body);
        const next = await nextRun(db, request.body, clock.now());
        const changed = await audited(deps, request, (trx) =>
          trx
            .updateTable('insight_report_schedules')
            .set({ ...columns(request.body), next_run_at: next })
            .where('id', '=', request.params.id)
            .executeTakeFirst(),
        );
        if (Number(changed.numUpdatedRows) === 0) throw notFound('report schedule', request.params.id);
        return (await list(request.params.id))[0];
      },
    );

    app.delete(
      '/api/insight/report-schedules/:id',
      {
        config: { access: ['admin'] },
        schema: {
          tags,
          summary: 'Stop and remove a scheduled report (and the files it made)',
          params: IdParams,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const gone = await audited(deps, request, (trx) =>
          trx.deleteFrom('insight_report_schedules').where('id', '=', request.params.id).executeTakeFirst(),
        );
        if (Number(gone.numDeletedRows) === 0) throw notFound('report schedule', request.params.id);
        return (reply as FastifyReply).code(204).send();
      },
    );

    app.post(
      '/api/insight/report-schedules/:id/send',
      {
        config: { access: ['admin'] },
        schema: {
          tags,
          summary:
            'Send a scheduled report now, for the last whole week or month (made again if it was made before), to its positions by email',
          params: IdParams,
          response: { 200: Schedule, ...errorResponses },
        },
      },
      async (request) => {
        const s = await db
          .selectFrom('insight_report_schedules')
          .selectAll()
          .where('id', '=', request.params.id)
          .executeTakeFirst();
        if (!s) throw notFound('report schedule', request.params.id);
        const now = clock.now();
        const period = await lastWholePeriod(db, s, now);
        await audited(
          deps,
          request,
          (trx) => sendReport(trx, s, period, now, process.env.PUBLIC_URL ?? '', true),
          (sent) => ({
            entity: 'insight_report_schedule',
            entityId: String(s.id),
            data: { reportId: sent?.reportId, period, positionIds: s.position_ids.map(Number) },
          }),
        );
        return (await list(s.id))[0];
      },
    );
  };
}
