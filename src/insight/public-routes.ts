// The public transparency page's API: no sign-in, the same answer for everyone, so it is cacheable by
// browsers and proxies (Cache-Control public, with an ETag a browser revalidates with), and kept for a
// few minutes in the process so a crowd of visitors costs the database one query a month-page.
import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { audited } from '../access/audited.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { errorResponses, I18nText, Id, Nullable, oneOf } from '../http/schemas.ts';
import { Month } from './grading-routes.ts';
import { lastMonth, PUBLIC_FIGURES, type PublicFigures, publicFigures } from './public.ts';

const MAX_AGE_SECONDS = 300;

const Row = Type.Object({
  id: Id,
  name: I18nText,
  received: Nullable(Type.Integer()),
  resolved: Nullable(Type.Integer()),
  withinTime: Nullable(Type.Number()),
  satisfaction: Nullable(Type.Number()),
  averageRating: Nullable(Type.Number()),
  grade: Nullable(Type.String()),
});

/** The page's own words per language; may be empty (then the catalogue's are shown). */
const PageText = (maxLength: number) =>
  Type.Record(Type.String({ pattern: '^[a-z]{2,3}$' }), Type.String({ maxLength }), {
    additionalProperties: false,
    maxProperties: 20,
  });

const SettingsFields = {
  minCount: Type.Integer({ minimum: 1, maximum: 1000, description: 'Counts under this are withheld' }),
  formula: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$', description: 'The grades come from it' }),
  depth: Type.Integer({ minimum: 1, maximum: 10, description: 'The place level listed (3: districts)' }),
  figures: Type.Array(oneOf(PUBLIC_FIGURES), {
    uniqueItems: true,
    maxItems: PUBLIC_FIGURES.length,
    description: 'The figures published (the others are never sent)',
  }),
  months: Type.Integer({
    minimum: 1,
    maximum: 120,
    description: 'How many past months a visitor may choose (the last is last month)',
  }),
  title: PageText(200),
  intro: PageText(2000),
};
const Settings = Type.Object(SettingsFields, { additionalProperties: false });
// The first three are required, as before the rest existed; what is left out is kept as it is.
const SettingsChange = Type.Object(
  {
    minCount: SettingsFields.minCount,
    formula: SettingsFields.formula,
    depth: SettingsFields.depth,
    figures: Type.Optional(SettingsFields.figures),
    months: Type.Optional(SettingsFields.months),
    title: Type.Optional(SettingsFields.title),
    intro: Type.Optional(SettingsFields.intro),
  },
  { additionalProperties: false },
);

async function readSettings(db: Deps['db']) {
  const s = await db.selectFrom('insight_settings').selectAll().executeTakeFirstOrThrow();
  return {
    minCount: s.public_min_count,
    formula: s.public_formula,
    depth: s.public_depth,
    figures: PUBLIC_FIGURES.filter((f) => s.public_figures.includes(f)),
    months: s.public_months,
    title: s.public_title,
    intro: s.public_intro,
  };
}

export function publicRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  const { db, clock } = deps;
  // month -> the answer, its ETag and when it was computed.
  const kept = new Map<string, { body: string; etag: string; at: number }>();
  return async (app) => {
    app.get(
      '/api/public/figures',
      {
        config: { access: 'public' },
        schema: {
          tags: ['insight'],
          summary:
            "A month's figures per department and per district (received, resolved, within time, satisfaction, grade) for the public page: counts only, small ones withheld so no one can be recognised; cacheable",
          querystring: Type.Object({ month: Type.Optional(Month) }, { additionalProperties: false }),
          response: {
            200: Type.Object({
              month: Type.String(),
              threshold: Type.Integer(),
              formula: Type.String(),
              figures: Type.Array(Type.String()),
              months: Type.Array(Type.String()),
              title: PageText(200),
              intro: PageText(2000),
              departments: Type.Array(Row),
              districts: Type.Array(Row),
            }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const month = request.query.month ?? (await lastMonth(db, clock.now()));
        const now = clock.now().getTime();
        let entry = kept.get(month);
        if (!entry || now - entry.at > MAX_AGE_SECONDS * 1000) {
          const figures: PublicFigures = await publicFigures(db, month, clock.now());
          const body = JSON.stringify(figures);
          entry = {
            body,
            etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
            at: now,
          };
          if (kept.size > 100) kept.clear();
          kept.set(month, entry);
        }
        reply.header('cache-control', `public, max-age=${MAX_AGE_SECONDS}`);
        reply.header('etag', entry.etag);
        reply.header('vary', 'accept-encoding');
        const asked = request.headers['if-none-match'];
        if (asked?.split(',').some((t) => t.trim().replace(/^W\//, '') === entry.etag))
          return (reply as FastifyReply).code(304).send();
        reply.type('application/json; charset=utf-8');
        return (reply as FastifyReply).send(entry.body);
      },
    );

    app.get(
      '/api/insight/public-settings',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['insight'],
          summary:
            "What the public page publishes: the small-count threshold, the grading formula, the place level, the figures and months shown, the page's title and introduction",
          response: { 200: Settings, ...errorResponses },
        },
      },
      async () => readSettings(db),
    );

    app.put(
      '/api/insight/public-settings',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['insight'],
          summary: 'Change what the public page publishes (takes effect within five minutes)',
          body: SettingsChange,
          response: { 200: Settings, ...errorResponses },
        },
      },
      async (request) => {
        const { minCount, formula, depth, figures, months, title, intro } = request.body;
        const known = await db
          .selectFrom('insight_formulas')
          .select('code')
          .where('code', '=', formula)
          .executeTakeFirst();
        if (!known) throw new AppError('not_found', `no grading formula ${formula}`);
        await audited(deps, request, (trx) =>
          trx
            .updateTable('insight_settings')
            .set({
              public_min_count: minCount,
              public_formula: formula,
              public_depth: depth,
              ...(figures && { public_figures: figures }),
              ...(months !== undefined && { public_months: months }),
              ...(title && { public_title: JSON.stringify(title) }),
              ...(intro && { public_intro: JSON.stringify(intro) }),
            })
            .execute(),
        );
        kept.clear();
        return readSettings(db);
      },
    );
  };
}
