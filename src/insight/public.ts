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
import { invalid } from '../errors.ts';
import { groupSums, namesOf, settings } from './figures.ts';
import { gradeMonth } from './grading.ts';
import { ratingSums } from './ratings.ts';

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
  /** The citizens' average rating (1..5); null when too few rated. */
  averageRating: number | null;
  grade: string | null;
}

/** What the page may publish; an admin chooses among them (insight_settings.public_figures). */
export const PUBLIC_FIGURES = [
  'received',
  'resolved',
  'withinTime',
  'satisfaction',
  'averageRating',
  'grade',
] as const;
export type PublicFigure = (typeof PUBLIC_FIGURES)[number];

export interface PublicFigures {
  month: string;
  /** Counts under this are withheld. */
  threshold: number;
  formula: string;
  /** The figures published; the others are null in every row. */
  figures: PublicFigure[];
  /** The months a visitor may choose, oldest first (YYYY-MM). */
  months: string[];
  /** The admin's title and introduction per language (empty: the catalogue's). */
  title: I18nText;
  intro: I18nText;
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
  rated: number;
  ratingSum: number;
};

/** The month before the one `now` falls in, in the deployment's time zone. */
export async function lastMonth(db: Kysely<DB>, now: Date): Promise<string> {
  const { time_zone } = await settings(db);
  const local = new Date(now.toLocaleString('en-US', { timeZone: time_zone }));
  const first = new Date(Date.UTC(local.getFullYear(), local.getMonth() - 1, 1));
  return first.toISOString().slice(0, 7);
}

/** The months the page offers: the last `count` before the one `now` falls in, oldest first. */
export async function publicMonths(db: Kysely<DB>, now: Date, count: number): Promise<string[]> {
  const last = await lastMonth(db, now);
  const [y, m] = last.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) =>
    new Date(Date.UTC(y, m - 1 - (count - 1 - i), 1)).toISOString().slice(0, 7),
  );
}

export async function publicFigures(db: Kysely<DB>, month: string, now: Date): Promise<PublicFigures> {
  const s = await settings(db);
  const months = await publicMonths(db, now, s.public_months);
  if (!months.includes(month))
    throw invalid(
      'month',
      `the page shows the ${s.public_months} months before this one: ${months[0]} to ${months.at(-1)}`,
      'out_of_range',
    );
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = `${month}-01`;
  const to = `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
  const table = async (unit: 'department' | 'place') => {
    const depth = unit === 'place' ? s.public_depth : undefined;
    const [sums, grades, ratings] = await Promise.all([
      groupSums(db, SYSTEM, { from, to, by: unit, depth }),
      gradeMonth(db, { formula: s.public_formula, month, unit, depth }, false),
      ratingSums(db, SYSTEM, { from, to, by: unit, depth }),
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
        rated: ratings.get(r.key)?.rated ?? 0,
        ratingSum: ratings.get(r.key)?.ratingSum ?? 0,
      }));
    const names = await namesOf(
      db,
      unit,
      raw.map((r) => String(r.id)),
    );
    const gradeOf = new Map(grades.map((g) => [Number(g.key), g.grade]));
    const shown = new Set<string>(s.public_figures);
    return suppress(raw, s.public_min_count).map((r) => {
      const row: PublicRow = {
        ...r,
        name: names.get(String(r.id)) ?? {},
        grade: r.received === null ? null : (gradeOf.get(r.id) ?? null),
      };
      // A figure the admin does not publish is not sent at all.
      for (const f of PUBLIC_FIGURES) if (!shown.has(f)) row[f] = null;
      return row;
    });
  };
  const [departments, districts] = await Promise.all([table('department'), table('place')]);
  const byName = (a: PublicRow, b: PublicRow) =>
    (a.name.en ?? Object.values(a.name)[0] ?? '').localeCompare(b.name.en ?? Object.values(b.name)[0] ?? '');
  return {
    month,
    threshold: s.public_min_count,
    formula: s.public_formula,
    figures: PUBLIC_FIGURES.filter((f) => s.public_figures.includes(f)),
    months,
    title: s.public_title,
    intro: s.public_intro,
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
      averageRating: r.rated >= threshold ? r.ratingSum / r.rated : null,
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
