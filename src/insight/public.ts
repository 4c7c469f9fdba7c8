// The public transparency page: a month's figures per department and per district (received, resolved,
// share resolved within time, citizens satisfied, grade), for anyone, without signing in.
//
// Nothing personal is in it: only counts. But a small count can still point at a person ("the one
// complaint from this village about the school"), so counts below the deployment's threshold are
// withheld, with the shares and the grade computed from them. Withholding one cell is not enough: the
// column's total can be read from the other table (departments and districts add up to the same
// month), so the hidden value would be the total less the rest. Within each column, enough further cells
// are withheld (the smallest first) that the hidden ones add up to at least the threshold, and never a
// lone one: then neither a single hidden value nor a small difference can be worked out.
import type { Kysely } from 'kysely';
import { SYSTEM } from '../access/principal.ts';
import type { DB, I18nText } from '../db/schema.ts';
import { groupSums, namesOf, settings } from './figures.ts';
import { gradeMonth } from './grading.ts';

export interface PublicRow {
  id: number;
  name: I18nText;
  /** null: withheld (too few, or withheld so that another cannot be worked out). */
  received: number | null;
  resolved: number | null;
  /** Share of resolutions within the promised time (0..1); null when too few were resolved. */
  withinTime: number | null;
  /** Citizens satisfied among those who answered (0..1); null when too few answered. */
  satisfaction: number | null;
  grade: string | null;
}

export interface PublicFigures {
  month: string;
  /** Counts under this are withheld. */
  threshold: number;
  formula: string;
  departments: PublicRow[];
  districts: PublicRow[];
}

type Raw = {
  id: number;
  received: number;
  resolved: number;
  resolvedInTime: number;
  feedback: number;
  satisfied: number;
};

/** The month before the one `now` falls in, in the deployment's time zone. */
export async function lastMonth(db: Kysely<DB>, now: Date): Promise<string> {
  const { time_zone } = await settings(db);
  const local = new Date(now.toLocaleString('en-US', { timeZone: time_zone }));
  const first = new Date(Date.UTC(local.getFullYear(), local.getMonth() - 1, 1));
  return first.toISOString().slice(0, 7);
}

export async function publicFigures(db: Kysely<DB>, month: string): Promise<PublicFigures> {
  const s = await settings(db);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = `${month}-01`;
  const to = `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
  const table = async (unit: 'department' | 'place') => {
    const depth = unit === 'place' ? s.public_depth : undefined;
    const [sums, grades] = await Promise.all([
      groupSums(db, SYSTEM, { from, to, by: unit, depth }),
      gradeMonth(db, { formula: s.public_formula, month, unit, depth }, false),
    ]);
    const raw: Raw[] = sums
      .filter((r) => r.key !== null && r.sums.received + r.sums.resolved > 0)
      .map((r) => ({
        id: Number(r.key),
        received: r.sums.received,
        resolved: r.sums.resolved,
        resolvedInTime: r.sums.resolved_in_time,
        // As the dashboards count it: satisfied closures out of those plus refused resolutions.
        feedback: r.sums.closed_satisfied + r.sums.reopened_after_resolution,
        satisfied: r.sums.closed_satisfied,
      }));
    const names = await namesOf(
      db,
      unit,
      raw.map((r) => String(r.id)),
    );
    const gradeOf = new Map(grades.map((g) => [Number(g.key), g.grade]));
    return suppress(raw, s.public_min_count).map((r) => ({
      ...r,
      name: names.get(String(r.id)) ?? {},
      grade: r.received === null ? null : (gradeOf.get(r.id) ?? null),
    }));
  };
  const [departments, districts] = await Promise.all([table('department'), table('place')]);
  const byName = (a: PublicRow, b: PublicRow) =>
    (a.name.en ?? Object.values(a.name)[0] ?? '').localeCompare(b.name.en ?? Object.values(b.name)[0] ?? '');
  return {
    month,
    threshold: s.public_min_count,
    formula: s.public_formula,
    departments: departments.sort(byName),
    districts: districts.sort(byName),
  };
}

/**
 * Withholds small counts and enough others (see the top of the file); shares only over counts that
 * are shown and large enough.
 */
export function suppress(rows: Raw[], threshold: number): Omit<PublicRow, 'name' | 'grade'>[] {
  const hidden = {
    received: withheld(
      rows.map((r) => r.received),
      threshold,
    ),
    resolved: withheld(
      rows.map((r) => r.resolved),
      threshold,
    ),
  };
  return rows.map((r, i) => {
    const resolvedShown = !hidden.resolved.has(i);
    return {
      id: r.id,
      received: hidden.received.has(i) ? null : r.received,
      resolved: resolvedShown ? r.resolved : null,
      withinTime: resolvedShown && r.resolved >= threshold ? r.resolvedInTime / r.resolved : null,
      satisfaction: r.feedback >= threshold ? r.satisfied / r.feedback : null,
    };
  });
}

/** Which cells of one column to withhold: every one under the threshold, then the smallest others until
 * the withheld add up to the threshold and are not alone (a zero is no one, and is shown). */
export function withheld(values: number[], threshold: number): Set<number> {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v || a.i - b.i);
  const hidden = new Set(order.filter((c) => c.v > 0 && c.v < threshold).map((c) => c.i));
  if (hidden.size === 0) return hidden;
  const sum = () => [...hidden].reduce((s, i) => s + (values[i] as number), 0);
  for (const c of order) {
    if (hidden.size >= 2 && sum() >= threshold) break;
    if (c.v > 0) hidden.add(c.i);
  }
  return hidden;
}
