// A grading formula is data (table insight_formulas, 0081): weighted indicators, each a share of one
// set of measures in another, optionally grouped into dimensions; anti-gaming penalties; grade cut-offs;
// volume groups. Two presets ship: CM Helpline 181 and a GRAI-style index (see the README's Insight
// section for both, written out).
import { type Static, Type } from '@sinclair/typebox';
import { COUNTABLE, type Countable, KEY_PATTERN } from './formula-parts.ts';
import type { Sums } from './measures.ts';

export { COUNTABLE, type Countable };

export function countOf(s: Sums, what: Countable): number {
  if (what === 'resolved_without_proof') return s.resolved - s.resolved_with_proof;
  if (what === 'disposed') return s.resolved + s.rejected;
  return s[what];
}

const Counted = Type.Array(Type.Union(COUNTABLE.map((m) => Type.Literal(m))), { minItems: 1, maxItems: 5 });
const Label = Type.Record(
  Type.String({ pattern: '^[a-z]{2,3}$' }),
  Type.String({ minLength: 1, maxLength: 200 }),
  {
    minProperties: 1,
  },
);
const Key = Type.String({ pattern: KEY_PATTERN });

export const Indicator = Type.Object(
  {
    key: Key,
    label: Label,
    /** Points (or, inside a dimension, the weight among the dimension's indicators). */
    weight: Type.Number({ minimum: 0, maximum: 100 }),
    dimension: Type.Optional(Key),
    numerator: Counted,
    denominator: Counted,
    /** Score the share's complement (1 - share): for what should be rare. */
    invert: Type.Optional(Type.Boolean()),
    /** The figure whose grievance list explains it (a drill-down figure). */
    drill: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);

export const Penalty = Type.Object(
  {
    key: Key,
    label: Label,
    numerator: Counted,
    denominator: Counted,
    /** A share up to this is normal; above it, points are taken in proportion up to `points` at 100%. */
    threshold: Type.Number({ minimum: 0, maximum: 0.99 }),
    /** Also "unusual": the threshold is at least this many times the share across all units. */
    relativeToAll: Type.Optional(Type.Number({ minimum: 1, maximum: 100 })),
    points: Type.Number({ minimum: 0, maximum: 100 }),
    drill: Type.String({ maxLength: 40 }),
  },
  { additionalProperties: false },
);

export const Formula = Type.Object(
  {
    name: Label,
    indicators: Type.Array(Indicator, { minItems: 1, maxItems: 30 }),
    /** With dimensions, an indicator's weight is relative within its dimension; a dimension's weight is points. */
    dimensions: Type.Optional(
      Type.Array(Type.Object({ key: Key, label: Label, weight: Type.Number({ minimum: 0, maximum: 100 }) }), {
        maxItems: 10,
      }),
    ),
    penalties: Type.Array(Penalty, { maxItems: 20 }),
    /** Lowest score of each grade, best first; below the last, the last grade letter after it. */
    grades: Type.Array(Type.Object({ grade: Type.String({ maxLength: 2 }), min: Type.Number() }), {
      minItems: 1,
      maxItems: 10,
    }),
    lowestGrade: Type.String({ maxLength: 2 }),
    /** Units ranked only with units of like volume: grievances received in the twelve months to the month. */
    volumeGroups: Type.Optional(
      Type.Array(Type.Object({ key: Key, label: Label, min: Type.Integer({ minimum: 0 }) }), {
        maxItems: 10,
      }),
    ),
    /** Count a repeat complaint (same citizen, category and place within the repeat window) once. */
    uniqueOnly: Type.Boolean(),
  },
  { additionalProperties: false },
);

export type Formula = Static<typeof Formula>;
export type Indicator = Static<typeof Indicator>;
export type Penalty = Static<typeof Penalty>;

export interface FormulaProblem {
  /** Where, as a path into the formula: `indicators[2].dimension`, `dimensions`, `grades[1].grade`. */
  field: string;
  code:
    | 'formula_points_total'
    | 'formula_dimension_missing'
    | 'formula_dimension_unknown'
    | 'formula_dimension_empty'
    | 'formula_key_duplicate'
    | 'formula_grade_duplicate';
  message: string;
}

/**
 * Problems a formula's shape cannot say: points add to 100, dimensions named by indicators exist and
 * each has some, keys and grade letters are each used once (a score's lines and grades are told apart by
 * them).
 */
export function formulaProblems(f: Formula): FormulaProblem[] {
  const problems: FormulaProblem[] = [];
  const add = (field: string, code: FormulaProblem['code'], message: string) =>
    problems.push({ field, code, message });
  const dims = new Set((f.dimensions ?? []).map((d) => d.key));
  for (const [n, i] of f.indicators.entries()) {
    if (f.dimensions?.length && !i.dimension)
      add(`indicators[${n}].dimension`, 'formula_dimension_missing', `indicator ${i.key} names no dimension`);
    if (i.dimension && !dims.has(i.dimension))
      add(
        `indicators[${n}].dimension`,
        'formula_dimension_unknown',
        `indicator ${i.key}: no dimension ${i.dimension}`,
      );
  }
  const weighed = f.dimensions?.length ? 'dimensions' : 'indicators';
  const total = f.dimensions?.length
    ? f.dimensions.reduce((a, d) => a + d.weight, 0)
    : f.indicators.reduce((a, i) => a + i.weight, 0);
  if (Math.abs(total - 100) > 1e-9)
    add(weighed, 'formula_points_total', `points add up to ${total}, not 100`);
  for (const [n, d] of (f.dimensions ?? []).entries()) {
    if (!f.indicators.some((i) => i.dimension === d.key))
      add(`dimensions[${n}]`, 'formula_dimension_empty', `dimension ${d.key} has no indicators`);
  }
  const seen = new Set<string>();
  for (const [list, items] of [
    ['indicators', f.indicators],
    ['penalties', f.penalties],
    ['dimensions', f.dimensions ?? []],
  ] as const)
    for (const [n, item] of items.entries()) {
      if (seen.has(item.key)) add(`${list}[${n}].key`, 'formula_key_duplicate', `${item.key} is used twice`);
      seen.add(item.key);
    }
  const letters = new Set<string>();
  for (const [n, g] of f.grades.entries()) {
    if (letters.has(g.grade) || g.grade === f.lowestGrade)
      add(`grades[${n}].grade`, 'formula_grade_duplicate', `grade ${g.grade} is given twice`);
    letters.add(g.grade);
  }
  return problems;
}
