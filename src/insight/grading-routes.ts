// Grading formulas (data a deployment edits) and the monthly grades and rankings they give.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { audited } from '../access/audited.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { errorResponses, I18nText, Nullable, oneOf } from '../http/schemas.ts';
import { Formula, formulaProblems } from './formula.ts';
import { gradeMonth, listFormulas } from './grading.ts';
import { READERS } from './routes.ts';

const tags = ['insight'];
const Code = Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' });
export const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'A month, YYYY-MM' });

const Line = Type.Object({
  key: Type.String(),
  label: I18nText,
  dimension: Nullable(Type.String()),
  numerator: Type.Number(),
  denominator: Type.Number(),
  share: Nullable(Type.Number()),
  maxPoints: Type.Number(),
  points: Type.Number(),
  threshold: Type.Optional(Type.Number()),
  drill: Nullable(Type.String()),
});

export const GradeRow = Type.Object({
  key: Type.String(),
  name: Nullable(I18nText),
  score: Type.Number(),
  grade: Type.String(),
  group: Nullable(Type.String()),
  rank: Type.Integer(),
  of: Type.Integer(),
  received: Type.Integer(),
  yearlyReceived: Type.Integer(),
  lines: Type.Array(Line),
  previous: Nullable(Type.Object({ score: Type.Number(), grade: Type.String(), rank: Type.Integer() })),
  movement: Nullable(Type.Number()),
});

export function gradingRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  const { db } = deps;
  return async (app) => {
    app.get(
      '/api/insight/formulas',
      {
        config: { access: [...READERS] },
        schema: {
          tags,
          summary:
            'The grading formulas: indicators and their points, penalties, grade cut-offs, volume groups',
          response: {
            200: Type.Array(Type.Intersect([Type.Object({ code: Code }), Formula])),
            ...errorResponses,
          },
        },
      },
      async () => listFormulas(db),
    );

    app.put(
      '/api/insight/formulas/:code',
      {
        config: { access: ['admin'] },
        schema: {
          tags,
          summary: 'Create or change a grading formula (points must add up to 100)',
          params: Type.Object({ code: Code }),
          body: Formula,
          response: { 200: Type.Object({ code: Code }), ...errorResponses },
        },
      },
      async (request) => {
        const problems = formulaProblems(request.body);
        if (problems.length)
          throw new AppError(
            'validation_failed',
            `the formula does not add up: ${problems.map((p) => p.message).join('; ')}`,
            problems,
          );
        const { code } = request.params;
        await audited(
          deps,
          request,
          (trx) =>
            trx
              .insertInto('insight_formulas')
              .values({ code, definition: JSON.stringify(request.body), updated_at: deps.clock.now() })
              .onConflict((oc) =>
                oc
                  .column('code')
                  .doUpdateSet({ definition: JSON.stringify(request.body), updated_at: deps.clock.now() }),
              )
              .execute(),
          { entity: 'insight_formula', entityId: code },
        );
        return { code };
      },
    );

    app.get(
      '/api/insight/grades',
      {
        config: { access: [...READERS] },
        schema: {
          tags,
          summary:
            'Grades and ranks of every department, place (depth=3: districts) or officer position for a month, with each score explained line by line and the movement since the month before',
          querystring: Type.Object(
            {
              formula: Code,
              month: Month,
              unit: oneOf(['department', 'place', 'position'] as const),
              depth: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Array(GradeRow), ...errorResponses },
        },
      },
      async (request) => gradeMonth(db, request.query),
    );
  };
}
