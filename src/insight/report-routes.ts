// Reports as files: the dashboard's figures grouped one way, and a month's grades, as CSV or XLSX, in
// the language asked for. Figures through the caller's read policy, like the dashboard; each download
// is recorded in the audit log. And the files scheduled reports made, for those they were sent to.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { auditRead } from '../access/audited.ts';
import type { I18nText } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { AppError, notFound } from '../errors.ts';
import { FORMATS, sendTable, type Table } from '../http/export.ts';
import { errorResponses, oneOf } from '../http/schemas.ts';
import { flowFigures, GROUPS } from './figures.ts';
import { gradeMonth } from './grading.ts';
import { Month } from './grading-routes.ts';
import { FIGURE_NAMES } from './measures.ts';
import { Day, FilterQuery, READERS } from './routes.ts';

const Lang = Type.Optional(Type.String({ pattern: '^[a-z]{2,3}$', description: 'Names in this language' }));
const nameIn = (name: I18nText | null, lang: string) =>
  name === null ? '' : (name[lang] ?? name.en ?? Object.values(name)[0] ?? '');

async function* once<T>(rows: T) {
  yield rows;
}

export function reportRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  const { db, clock } = deps;
  return async (app) => {
    for (const format of FORMATS) {
      app.get(
        `/api/insight/figures.${format}`,
        {
          config: { access: [...READERS] },
          schema: {
            tags: ['insight'],
            summary: `The dashboard's figures for a period, grouped one way, as ${format.toUpperCase()} (only what the caller may see)`,
            querystring: Type.Object(
              {
                from: Day,
                to: Day,
                by: oneOf(GROUPS),
                depth: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
                uniqueOnly: Type.Optional(Type.Boolean()),
                lang: Lang,
                ...FilterQuery,
              },
              { additionalProperties: false },
            ),
          },
        },
        async (request, reply) => {
          const { lang = 'en', ...query } = request.query;
          const rows = await flowFigures(db, request.principal, query);
          await auditRead(deps, request, {
            action: 'insight.report',
            entity: 'insight',
            entityId: null,
            data: { report: 'figures', query: request.query, format },
          });
          const table: Table = {
            title: `figures-${query.by}-${query.from}-${query.to}`,
            header: [query.by, ...FIGURE_NAMES],
            batches: once(
              rows.map((r) => [r.name ? nameIn(r.name, lang) : r.key, ...FIGURE_NAMES.map((f) => r[f])]),
            ),
          };
          return sendTable(reply, format, table, clock.now());
        },
      );

      app.get(
        `/api/insight/grades.${format}`,
        {
          config: { access: [...READERS] },
          schema: {
            tags: ['insight'],
            summary: `A month's grades and ranks, with every line of each score, as ${format.toUpperCase()}`,
            querystring: Type.Object(
              {
                formula: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }),
                month: Month,
                unit: oneOf(['department', 'place', 'position'] as const),
                depth: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
                lang: Lang,
              },
              { additionalProperties: false },
            ),
          },
        },
        async (request, reply) => {
          const { lang = 'en', ...query } = request.query;
          const grades = await gradeMonth(db, query);
          await auditRead(deps, request, {
            action: 'insight.report',
            entity: 'insight',
            entityId: null,
            data: { report: 'grades', query: request.query, format },
          });
          const lines = grades[0]?.lines.map((l) => l.key) ?? [];
          const table: Table = {
            title: `grades-${query.formula}-${query.unit}-${query.month}`,
            header: ['rank', 'of', query.unit, 'score', 'grade', 'group', 'received', 'movement', ...lines],
            batches: once(
              grades.map((g) => [
                g.rank,
                g.of,
                nameIn(g.name, lang),
                Math.round(g.score * 100) / 100,
                g.grade,
                g.group,
                g.received,
                g.movement === null ? null : Math.round(g.movement * 100) / 100,
                ...lines.map((k) => {
                  const line = g.lines.find((l) => l.key === k);
                  return line ? Math.round(line.points * 100) / 100 : null;
                }),
              ]),
            ),
          };
          return sendTable(reply, format, table, clock.now());
        },
      );
    }

    app.get(
      '/api/insight/reports/:file',
      {
        config: { access: [...READERS] },
        schema: {
          tags: ['insight'],
          summary:
            "A report a schedule made (the link in its message): the whole of it for admins; for whoever holds a position it was sent to, that position's own copy",
          params: Type.Object({ file: Type.String({ pattern: '^\\d{1,15}\\.(csv|xlsx)$' }) }),
          response: { ...errorResponses },
        },
      },
      async (request, reply) => {
        const [idText, format] = request.params.file.split('.') as [string, 'csv' | 'xlsx'];
        const id = Number(idText);
        const report = await db
          .selectFrom('insight_reports as r')
          .innerJoin('insight_report_schedules as s', 's.id', 'r.schedule_id')
          .select(['r.file', 'r.format', 'r.period_from', 's.name', 's.position_ids'])
          .where('r.id', '=', id)
          .executeTakeFirst();
        if (!report || report.format !== format) throw notFound('report', id);
        const p = request.principal;
        const admin = (p.kind === 'staff' || p.kind === 'api') && p.grants.some((g) => g.role === 'admin');
        // A holder reads their position's own copy (its figures through the position's read policy);
        // admins the whole report.
        const held =
          p.kind === 'staff' || p.kind === 'api'
            ? report.position_ids.map(Number).filter((pos) => p.positionIds.includes(pos))
            : [];
        const copy =
          admin || held.length === 0
            ? undefined
            : await db
                .selectFrom('insight_report_copies')
                .select('file')
                .where('report_id', '=', id)
                .where('position_id', 'in', held)
                .orderBy('position_id')
                .executeTakeFirst();
        if (!admin && !copy) throw new AppError('forbidden', 'this report was sent to other positions');
        const file = copy?.file ?? report.file;
        await auditRead(deps, request, {
          action: 'insight.report',
          entity: 'insight_report',
          entityId: String(id),
          data: { format },
        });
        const name = `${report.name} ${report.period_from}`.replace(/[^\w.-]+/g, '-');
        reply.header(
          'content-type',
          format === 'csv'
            ? 'text/csv; charset=utf-8'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        );
        reply.header('content-disposition', `attachment; filename="${name}.${format}"`);
        return (reply as FastifyReply).send(Buffer.from(file));
      },
    );
  };
}
