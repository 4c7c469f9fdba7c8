// Monthly grades and rankings of departments, places (districts...) or officer positions, from a
// formula kept as data (formula.ts). Computed from the rollups when asked, so any past month is graded
// again from the history, and every point of a score is a line that names its counts and the list of
// grievances behind them (a drill-down query).
//
// A unit's score: for each indicator, its points times the share it scores (numerator / denominator,
// or 1 - share for what should be rare; full points when there was nothing to count), then minus each
// anti-gaming penalty (points taken in proportion as a share rises past its threshold), never below 0.
// Grades from the cut-offs; ranks within the unit's volume group (received in the twelve months to the
// month); movement against the month before.
import type { Kysely } from 'kysely';
import { SYSTEM } from '../access/principal.ts';
import type { DB, I18nText } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import { checkDepth, groupSums, namesOf } from './figures.ts';
import { type Countable, countOf, Formula, type Penalty } from './formula.ts';
import { emptySums, MEASURES, type Sums } from './measures.ts';

export type GradeUnit = 'department' | 'place' | 'position';

export interface GradeQuery {
  formula: string;
  /** YYYY-MM */
  month: string;
  unit: GradeUnit;
  /** With unit=place: the level of the tree (3: districts). */
  depth?: number;
}

export interface Line {
  key: string;
  label: I18nText;
  dimension: string | null;
  numerator: number;
  denominator: number;
  share: number | null;
  /** Points this line can give (indicators) or take at most (penalties). */
  maxPoints: number;
  /** Points given (indicators, >= 0) or taken (penalties, <= 0). */
  points: number;
  /** Penalties: the share above which points are taken, after the "unusual" comparison with all units. */
  threshold?: number;
  /** The figure whose list of grievances explains this line, for GET /api/insight/grievances. */
  drill: string | null;
}

export interface GradeRow {
  key: string;
  name: I18nText | null;
  score: number;
  grade: string;
  group: string | null;
  rank: number;
  /** Units ranked in the same group. */
  of: number;
  received: number;
  yearlyReceived: number;
  lines: Line[];
  previous: { score: number; grade: string; rank: number } | null;
  /** Score change since the month before; null when the unit was not graded then. */
  movement: number | null;
}

export async function loadFormula(db: Kysely<DB>, code: string): Promise<Formula> {
  const row = await db
    .selectFrom('insight_formulas')
    .select('definition')
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row) throw notFound('formula', code);
  return row.definition as Formula;
}

const sumOf = (s: Sums, parts: readonly Countable[]) => parts.reduce((a, p) => a + countOf(s, p), 0);

function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

export function monthsBefore(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 - n, 1)).toISOString().slice(0, 7);
}

export const previousMonth = (month: string) => monthsBefore(month, 1);

/** The share a penalty starts at: its threshold, or more when it is relative to all units' share. */
function thresholdOf(p: Penalty, all: Sums): number {
  if (!p.relativeToAll) return p.threshold;
  const den = sumOf(all, p.denominator);
  const overall = den > 0 ? sumOf(all, p.numerator) / den : 0;
  return Math.min(0.99, Math.max(p.threshold, p.relativeToAll * overall));
}

/** One unit's score, line by line. */
export function scoreUnit(f: Formula, s: Sums, all: Sums): { score: number; lines: Line[] } {
  const lines: Line[] = [];
  const dims = new Map((f.dimensions ?? []).map((d) => [d.key, d.weight]));
  const within = new Map<string, number>();
  for (const i of f.indicators)
    if (i.dimension) within.set(i.dimension, (within.get(i.dimension) ?? 0) + i.weight);
  for (const i of f.indicators) {
    const maxPoints = i.dimension
      ? ((dims.get(i.dimension) ?? 0) * i.weight) / (within.get(i.dimension) ?? 1)
      : i.weight;
    const numerator = sumOf(s, i.numerator);
    const denominator = sumOf(s, i.denominator);
    const share = denominator > 0 ? numerator / denominator : null;
    const value = share === null ? 1 : Math.min(1, Math.max(0, i.invert ? 1 - share : share));
    lines.push({
      key: i.key,
      label: i.label,
      dimension: i.dimension ?? null,
      numerator,
      denominator,
      share,
      maxPoints,
      points: maxPoints * value,
      drill: i.drill ?? null,
    });
  }
  for (const p of f.penalties) {
    const numerator = sumOf(s, p.numerator);
    const denominator = sumOf(s, p.denominator);
    const share = denominator > 0 ? numerator / denominator : null;
    const threshold = thresholdOf(p, all);
    const taken =
      share !== null && share > threshold ? (p.points * (share - threshold)) / (1 - threshold) : 0;
    lines.push({
      key: p.key,
      label: p.label,
      dimension: null,
      numerator,
      denominator,
      share,
      maxPoints: p.points,
      points: taken === 0 ? 0 : -taken,
      threshold,
      drill: p.drill,
    });
  }
  const score = Math.max(
    0,
    lines.reduce((a, l) => a + l.points, 0),
  );
  return { score, lines };
}

export function gradeOf(f: Formula, score: number): string {
  // A score is compared rounded to two places, as shown, so 79.999 does not miss an 80 cut-off unseen.
  const shown = Math.round(score * 100) / 100;
  return [...f.grades].sort((a, b) => b.min - a.min).find((g) => shown >= g.min)?.grade ?? f.lowestGrade;
}

function unitQuery(q: GradeQuery, from: string, to: string, uniqueOnly: boolean) {
  return { from, to, by: q.unit, depth: q.depth, uniqueOnly };
}

/** The month's grades for every unit with something to grade, ranked within volume groups. */
export async function gradeMonth(db: Kysely<DB>, q: GradeQuery, withPrevious = true): Promise<GradeRow[]> {
  await checkDepth(db, q.unit, q.depth);
  const formula = await loadFormula(db, q.formula);
  const { from, to } = monthRange(q.month);
  const yearFrom = `${monthsBefore(q.month, 11)}-01`;
  // Rankings are the deployment's, published to everyone who may see a dashboard: computed over all
  // units. The grievance lists behind each line go through the reader's own policy.
  const [units, year] = await Promise.all([
    groupSums(db, SYSTEM, unitQuery(q, from, to, formula.uniqueOnly)),
    formula.volumeGroups?.length
      ? groupSums(db, SYSTEM, unitQuery(q, yearFrom, to, formula.uniqueOnly))
      : Promise.resolve([]),
  ]);
  const graded = units.filter(
    (u): u is { key: string; sums: Sums } => u.key !== null && MEASURES.some((m) => u.sums[m] !== 0),
  );
  const all = emptySums();
  for (const u of graded) for (const m of MEASURES) all[m] += u.sums[m];
  const yearly = new Map(year.map((y) => [y.key, y.sums.received]));
  const groups = [...(formula.volumeGroups ?? [])].sort((a, b) => b.min - a.min);
  const names = await namesOf(
    db,
    q.unit,
    graded.map((u) => u.key),
  );
  const rows: GradeRow[] = graded.map((u) => {
    const { score, lines } = scoreUnit(formula, u.sums, all);
    const yearlyReceived = yearly.get(u.key) ?? u.sums.received;
    return {
      key: u.key,
      name: names.get(u.key) ?? null,
      score,
      grade: gradeOf(formula, score),
      group: groups.find((g) => yearlyReceived >= g.min)?.key ?? null,
      rank: 0,
      of: 0,
      received: u.sums.received,
      yearlyReceived,
      lines,
      previous: null,
      movement: null,
    };
  });
  // Competition ranking within each group: equal scores share a rank.
  const byGroup = new Map<string | null, GradeRow[]>();
  for (const r of rows) byGroup.set(r.group, [...(byGroup.get(r.group) ?? []), r]);
  for (const members of byGroup.values()) {
    members.sort((a, b) => b.score - a.score);
    members.forEach((r, i) => {
      const prev = members[i - 1];
      r.rank = prev && Math.abs(prev.score - r.score) < 1e-9 ? prev.rank : i + 1;
      r.of = members.length;
    });
  }
  if (withPrevious) {
    const before = new Map(
      (await gradeMonth(db, { ...q, month: previousMonth(q.month) }, false)).map((r) => [r.key, r]),
    );
    for (const r of rows) {
      const p = before.get(r.key);
      if (p) {
        r.previous = { score: p.score, grade: p.grade, rank: p.rank };
        r.movement = r.score - p.score;
      }
    }
  }
  return rows.sort((a, b) => (a.group ?? '').localeCompare(b.group ?? '') || a.rank - b.rank);
}

export async function listFormulas(db: Kysely<DB>) {
  const rows = await db
    .selectFrom('insight_formulas')
    .select(['code', 'definition'])
    .orderBy('code')
    .execute();
  return rows.map((r) => ({ code: r.code, ...(r.definition as Formula) }));
}

export { Formula };
