// Insight's API: figures for a period grouped one way, pending by age, and the grievances behind any
// figure. Every answer is through the caller's read policy.

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { audited, auditRead } from '../access/audited.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { mayExport } from '../grievances/index.ts';
import { FORMATS, paged, sendTable } from '../http/export.ts';
import { Channel, DateTime, errorResponses, I18nText, Id, Nullable, oneOf } from '../http/schemas.ts';
import type { Cell } from '../http/xlsx.ts';
import { DRILL_FIGURES, type DrillQuery, drillDown, type DrillItem as Item } from './drill.ts';
import { AGE_BANDS, flowFigures, GROUPS, pendingByAge, rebuildInsight } from './figures.ts';
import { FIGURE_NAMES } from './measures.ts';

const tags = ['insight'];
export const READERS = [
  'admin',
  'auditor',
  'supervisor',
  'agent',
  'nodal_officer',
  'monitor',
  'officer',
] as const;

export const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'A day, YYYY-MM-DD' });

export const FilterQuery = {
  departmentId: Type.Optional(Id),
  placeId: Type.Optional(Type.Integer({ minimum: 1, description: 'This place and everything under it' })),
  categoryId: Type.Optional(Id),
  positionId: Type.Optional(Id),
  level: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
  channel: Type.Optional(Channel),
};

const GroupFields = { key: Nullable(Type.String()), name: Nullable(I18nText) };

const Ratio = Nullable(Type.Number());
const FigureRow = Type.Object({
  ...GroupFields,
  ...Object.fromEntries(
    FIGURE_NAMES.map((f) => [
      f,
      [
        'slaCompliance',
        'averageResolutionHours',
        'medianResolutionHours',
        'reopenRate',
        'satisfaction',
        'averageRating',
      ].includes(f)
        ? Ratio
        : Type.Integer(),
    ]),
  ),
});

const PendingRow = Type.Object({
  ...GroupFields,
  pending: Type.Integer(),
  bands: Type.Object(Object.fromEntries(AGE_BANDS.map((b) => [b.band, Type.Integer()]))),
});

const DrillItem = Type.Object({
  reference: Type.String(),
  status: Type.String(),
  subject: Type.String(),
  channel: Type.String(),
  anonymous: Type.Boolean(),
  department: Type.Object({ id: Id, name: I18nText }),
  category: Type.Object({ id: Id, name: I18nText }),
  place: Type.Object({ id: Id, name: I18nText }),
  level: Nullable(Type.Integer()),
  at: DateTime,
  createdAt: DateTime,
});

export function insightRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  const { db, clock } = deps;
  const isStaff = (request: FastifyRequest) =>
    request.principal.kind === 'staff' || request.principal.kind === 'api';
  return async (app) => {
    app.get(
      '/api/insight/figures',
      {
        config: { access: [...READERS] },
        schema: {
          tags,
          summary:
            'Received, resolved, within time (SLA compliance), resolution time (average and median), closed, satisfaction, reopen rate, escalations... in a period, grouped one way; from the rollups, only what the caller may see',
          querystring: Type.Object(
            {
              from: Day,
              to: Day,
              by: oneOf(GROUPS),
              depth: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
              uniqueOnly: Type.Optional(
                Type.Boolean({
                  description: 'Count a repeat complaint (same citizen, category, place) once',
                }),
              ),
              ...FilterQuery,
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Array(FigureRow), ...errorResponses },
        },
      },
      async (request) => flowFigures(db, request.principal, request.query),
    );

    app.get(
      '/api/insight/pending',
      {
        config: { access: [...READERS] },
        schema: {
          tags,
          summary:
            'Pending grievances now by age since registration (0-7, 8-30, 31-50, 51-100, >100 days), grouped one way (day/week/month: of registration)',
          querystring: Type.Object(
            {
              by: oneOf(GROUPS),
              depth: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
              ...FilterQuery,
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Array(PendingRow), ...errorResponses },
        },
      },
      async (request) => pendingByAge(db, request.principal, clock.now(), request.query),
    );

    app.get(
      '/api/insight/grievances',
      {
        config: { access: [...READERS] },
        schema: {
          tags,
          summary:
            'The grievances behind a figure (the events it counts in the period and filters), newest first, keyset pages; only grievances the caller may read',
          querystring: Type.Object(
            {
              figure: oneOf(DRILL_FIGURES as unknown as readonly string[]),
              from: Type.Optional(Day),
              to: Type.Optional(Day),
              band: Type.Optional(oneOf(AGE_BANDS.map((b) => b.band))),
              repeatsExcluded: Type.Optional(Type.Boolean()),
              rating: Type.Optional(
                Type.Integer({ minimum: 1, maximum: 5, description: 'With figure=rated: one rating only' }),
              ),
              limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
              after: Type.Optional(Type.String({ maxLength: 60 })),
              ...FilterQuery,
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ items: Type.Array(DrillItem), next: Nullable(Type.String()) }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const result = await drillDown(db, request.principal, clock.now(), request.query as never);
        if (isStaff(request))
          await auditRead(deps, request, {
            action: 'insight.drill',
            entity: 'grievance',
            entityId: null,
            data: { query: request.query, returned: result.items.length },
          });
        return result;
      },
    );

    for (const format of FORMATS)
      app.get(
        `/api/insight/grievances.${format}`,
        {
          config: { access: ['admin', 'auditor', 'supervisor', 'nodal_officer', 'monitor'] },
          schema: {
            tags,
            summary: `The grievances behind a figure as ${format.toUpperCase()}, streamed page by page (any length, in constant memory; recorded in the audit log; never who raised a grievance)`,
            querystring: Type.Object(
              {
                figure: oneOf(DRILL_FIGURES as unknown as readonly string[]),
                from: Type.Optional(Day),
                to: Type.Optional(Day),
                band: Type.Optional(oneOf(AGE_BANDS.map((b) => b.band))),
                repeatsExcluded: Type.Optional(Type.Boolean()),
                rating: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
                ...FilterQuery,
              },
              { additionalProperties: false },
            ),
          },
        },
        async (request, reply) => {
          if (!mayExport(request.principal))
            throw new AppError('forbidden', 'your role may not export grievances');
          const query = { ...request.query, limit: 1000 } as DrillQuery;
          // The first page is read before the answer starts, so a bad query is a clean 4xx, not a cut stream.
          const first = await drillDown(db, request.principal, clock.now(), query);
          await auditRead(deps, request, {
            action: 'insight.export',
            entity: 'grievance',
            entityId: null,
            data: { query: request.query, format },
          });
          const batches = paged(
            first,
            (after) => drillDown(db, request.principal, clock.now(), { ...query, after }),
            exportRow,
          );
          return sendTable(
            reply,
            format,
            { title: request.query.figure, header: EXPORT_HEADER, batches },
            clock.now(),
          );
        },
      );

    app.post(
      '/api/insight/rebuild',
      {
        config: { access: ['admin'] },
        schema: {
          tags,
          summary: 'Compute the rollups again from the event history (after changing insight settings)',
          response: { 200: Type.Object({ ok: Type.Boolean() }), ...errorResponses },
        },
      },
      async (request) => {
        await audited(deps, request, async (trx) => rebuildInsight(trx));
        return { ok: true };
      },
    );
  };
}

const EXPORT_HEADER = [
  'reference',
  'at',
  'received_at',
  'status',
  'channel',
  'department',
  'category',
  'place',
  'level',
  'anonymous',
  'subject',
];

/** One grievance of a list as cells: what it is and where, never who raised it. */
function exportRow(g: Item): Cell[] {
  const en = (t: Record<string, string>) => t.en ?? Object.values(t)[0] ?? '';
  return [
    g.reference,
    g.at.toISOString(),
    g.createdAt.toISOString(),
    g.status,
    g.channel,
    en(g.department.name),
    en(g.category.name),
    en(g.place.name),
    g.level,
    g.anonymous ? 'yes' : 'no',
    g.subject,
  ];
}
