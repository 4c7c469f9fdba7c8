// The dashboard's figures, read from the rollups of 0080_insight_rollups.sql (plus the facts of events
// not yet folded, so a figure is exact at any moment) through the grievance read policy: a rollup row
// carries the columns the policy decides on (department, position, place), so a district monitor's
// figures are their district's and an officer's are their positions'.
import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Principal } from '../access/principal.ts';
import type { DB, I18nText } from '../db/schema.ts';
import { withSettings } from '../db/transaction.ts';
import { invalid } from '../errors.ts';
import { readableBy, readsEverywhere } from '../grievances/index.ts';
import { emptySums, type Figures, figuresOf, histogramMedian, MEASURES, type Sums } from './measures.ts';
import { ratingSums } from './ratings.ts';

export const GROUPS = [
  'total',
  'department',
  'place',
  'category',
  'level',
  'position',
  'channel',
  'day',
  'week',
  'month',
] as const;
export type GroupBy = (typeof GROUPS)[number];

export interface Filter {
  departmentId?: number;
  /** This place and everything under it. */
  placeId?: number;
  categoryId?: number;
  positionId?: number;
  level?: number;
  channel?: string;
}

export interface FigureQuery extends Filter {
  /** First and last day, inclusive (YYYY-MM-DD, in the deployment's time zone). */
  from: string;
  to: string;
  by: GroupBy;
  /** With by=place: the level of the tree (3: districts). */
  depth?: number;
  /** Count a repeat complaint (same citizen, category and place within days) once. */
  uniqueOnly?: boolean;
}

export interface Group {
  /** The department, place, category, position or level id, the channel, or the first day of the period. */
  key: string | null;
  name: I18nText | null;
}

export type FigureRow = Group & Figures;

// biome-ignore lint/suspicious/noExplicitAny: rows of a derived table the policy's SQL is applied to
type AnyEb = any;

/** The grouping expression over a rollup row `g` joined to its place `pl`. */
export function keyOf(by: GroupBy, depth: number | undefined, dayColumn: string): RawBuilder<string | null> {
  switch (by) {
    case 'total':
      return sql<null>`null::text`;
    case 'place':
      // A literal, not a parameter: GROUP BY must see the very same expression as the select list.
      return sql`nullif(split_part(pl.path, '/', ${sql.lit(Math.trunc(depth ?? 3) + 1)}), '')`;
    case 'department':
    case 'category':
    case 'position':
    case 'level':
      return sql`g.${sql.ref(`${by}_id`.replace('level_id', 'level'))}::text`;
    case 'channel':
      return sql`g.channel`;
    case 'day':
      return sql`g.${sql.ref(dayColumn)}::text`;
    case 'week':
    case 'month':
      return sql`date_trunc(${sql.lit(by)}, g.${sql.ref(dayColumn)})::date::text`;
  }
}

/** The filters as SQL over `g` and `pl`, the policy included. */
export function scoped(principal: Principal, filter: Filter) {
  return (eb: AnyEb): Expression<SqlBool> => {
    const parts: Expression<SqlBool>[] = [readableBy(principal)(eb)];
    if (filter.departmentId !== undefined) parts.push(eb('g.department_id', '=', filter.departmentId));
    if (filter.categoryId !== undefined) parts.push(eb('g.category_id', '=', filter.categoryId));
    if (filter.positionId !== undefined) parts.push(eb('g.position_id', '=', filter.positionId));
    if (filter.level !== undefined) parts.push(eb('g.level', '=', filter.level));
    if (filter.channel !== undefined) parts.push(eb('g.channel', '=', filter.channel));
    if (filter.placeId !== undefined)
      parts.push(
        sql<SqlBool>`pl.path like (select p.path from places p where p.id = ${filter.placeId}) || '%'`,
      );
    return eb.and(parts);
  };
}

export async function settings(db: Kysely<DB>) {
  return db.selectFrom('insight_settings').selectAll().executeTakeFirstOrThrow();
}

export async function checkDepth(db: Kysely<DB>, by: GroupBy, depth: number | undefined) {
  if (by !== 'place') return;
  if (depth === undefined)
    throw invalid('depth', 'say which level of the place tree to group by (3: districts)');
  const { place_depth } = await settings(db);
  if (depth > place_depth)
    throw invalid(
      'depth',
      `figures are kept down to level ${place_depth} of the place tree; choose ${place_depth} or above`,
    );
}

/** A narrow rollup (0086_insight_narrow_rollups.sql): per day and at most one dimension. */
export type Dim = 'total' | 'department' | 'place' | 'category' | 'level' | 'channel';

const DIM_OF_GROUP: Partial<Record<GroupBy, Dim>> = {
  department: 'department',
  place: 'place',
  category: 'category',
  level: 'level',
  channel: 'channel',
};
const DIM_OF_FILTER: Record<keyof Filter, Dim | null> = {
  departmentId: 'department',
  placeId: 'place',
  categoryId: 'category',
  positionId: null,
  level: 'level',
  channel: 'channel',
};

/**
 * The narrow rollup that answers a query exactly, or null when only the fine one can: the caller must
 * read everywhere (a narrow row has lost the columns the read policy decides on), and the grouping and
 * the filters together may touch one dimension at most (by department, or the whole helpline filtered
 * to a district, but not a department within a district).
 */
export function narrowDim(principal: Principal, q: Filter & { by: GroupBy }): Dim | null {
  if (!readsEverywhere(principal) || q.by === 'position') return null;
  const dims = new Set<Dim>();
  const grouped = DIM_OF_GROUP[q.by];
  if (grouped) dims.add(grouped);
  for (const [field, dim] of Object.entries(DIM_OF_FILTER) as [keyof Filter, Dim | null][]) {
    if (q[field] === undefined) continue;
    if (dim === null) return null;
    dims.add(dim);
  }
  if (dims.size > 1) return null;
  return [...dims][0] ?? 'total';
}

/**
 * The events still queued, as facts: added to every read so a figure is exact at any moment. The queue
 * is read first into an array (an InitPlan), so the view is entered by the events' primary key: written
 * as `event_id in (select ...)` the planner would walk every event of the period and probe the queue
 * (measured: 176 ms at 100,000 grievances with an empty queue; this way 0.7 ms, and 1.1 ms with 500 queued).
 */
function queuedFacts(db: Kysely<DB>, from: string, to: string) {
  return db
    .selectFrom('insight_facts')
    .where(sql<SqlBool>`event_id = any(array(select event_id from insight_event_queue))`)
    .where('day', '>=', from)
    .where('day', '<=', to);
}

/**
 * The rollup's rows (plus the facts of events still queued) for the days from..to, as a derived table:
 * the narrow rollup of `dim` when given (its other dimensions null), else the fine one.
 */
export function flows(db: Kysely<DB>, from: string, to: string, dim: Dim | null = null) {
  const queued = queuedFacts(db, from, to).select([...KEY_COLUMNS, ...MEASURES]);
  const fine = db
    .selectFrom('insight_daily')
    .select([...KEY_COLUMNS, ...MEASURES])
    .where('day', '>=', from)
    .where('day', '<=', to)
    .unionAll(queued);
  if (dim === null) return fine;
  // Typed as the fine rows: the same columns, some of them null.
  return db
    .selectFrom('insight_dim_daily')
    .select([...NARROW_COLUMNS, ...MEASURES])
    .where('dim', '=', dim)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .unionAll(queued as never) as unknown as typeof fine;
}

/**
 * Registrations per day, place, category and the policy's columns (0133), plus the facts of events still
 * queued, for the days from..to: what the wall's hotspots sum, at a fraction of the fine rollup's rows.
 */
export function receivedByPlaceAndCategory(db: Kysely<DB>, from: string, to: string) {
  const cols = ['day', 'place_id', 'category_id', 'department_id', 'position_id', 'received'] as const;
  return db
    .selectFrom('insight_place_category_daily')
    .select(cols)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .unionAll(queuedFacts(db, from, to).select(cols));
}

/** Resolution times per bucket, from the rollup `flows` reads. */
function histogram(db: Kysely<DB>, from: string, to: string, dim: Dim | null) {
  const queued = queuedFacts(db, from, to)
    .where('resolved', '=', 1)
    .select([...KEY_COLUMNS, 'resolution_bucket as bucket', sql<number>`1`.as('n')]);
  const fine = db
    .selectFrom('insight_resolution_hist')
    .select([...KEY_COLUMNS, 'bucket', 'n'])
    .where('day', '>=', from)
    .where('day', '<=', to)
    .unionAll(queued);
  if (dim === null) return fine;
  return db
    .selectFrom('insight_dim_resolution_hist')
    .select([...NARROW_COLUMNS, 'bucket', 'n'])
    .where('dim', '=', dim)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .unionAll(queued as never) as unknown as typeof fine;
}

/** The fine rollups' key: a figure's row is one of these combinations on one day. */
export const KEY_COLUMNS = [
  'day',
  'department_id',
  'place_id',
  'position_id',
  'level',
  'category_id',
  'channel',
  'repeat',
] as const;

/** The same columns from a narrow rollup (which has no position). */
const NARROW_COLUMNS = [
  'day',
  'department_id',
  'place_id',
  sql<number | null>`null::bigint`.as('position_id'),
  'level',
  'category_id',
  'channel',
  'repeat',
] as const;

/**
 * Runs rollup reads in a transaction without JIT compilation. The planner prices the queued events' facts
 * (a view over the whole history) as if they were all of it, and so decides to JIT-compile the read:
 * measured at 100,000 grievances, 130-170 ms of compiling for a query that then runs in 2 ms over a few
 * hundred rollup rows. The queue holds a minute's events at most, so compiling never pays.
 *
 * And with the plan made once per connection (a generic plan), not again for each call: a read that
 * adds the queued facts names the facts view, whose planning costs 10-50 ms, more than the read itself
 * (at ten million grievances the dashboard's reads spent about half their time planning, and
 * PostgreSQL kept choosing to plan them afresh). The plans do not depend on the values: days, ids,
 * and the read policy's places written as literals (src/grievances/policy.ts). Main dashboard at ten
 * million, p95 254-600 ms before, 63-88 ms after (its first views on new connections 310 ms).
 */
export function rollupRead<T>(db: Kysely<DB>, read: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  return withSettings(db, { jit: 'off', plan_cache_mode: 'force_generic_plan' }, read);
}

/** The measures summed per group over a period, through the policy and filters. */
export async function groupSums(
  db: Kysely<DB>,
  principal: Principal,
  q: FigureQuery,
): Promise<{ key: string | null; sums: Sums }[]> {
  const key = keyOf(q.by, q.depth, 'day');
  const unique = (eb: AnyEb) => (q.uniqueOnly ? eb('g.repeat', '=', false) : eb.lit(true));
  // A narrow row for another dimension than place has no place: hence the left join.
  const rows = await rollupRead(db, (db) =>
    db
      .selectFrom(flows(db, q.from, q.to, narrowDim(principal, q)).as('g'))
      .leftJoin('places as pl', 'pl.id', 'g.place_id')
      .where(scoped(principal, q) as never)
      .where(unique as never)
      .select([key.as('key'), ...MEASURES.map((m) => sql<number>`coalesce(sum(g.${sql.ref(m)}), 0)`.as(m))])
      .groupBy(key)
      .execute(),
  );
  return rows.map((r) => {
    const sums = emptySums();
    for (const m of MEASURES) sums[m] = Number((r as unknown as Sums)[m]);
    return { key: r.key, sums };
  });
}

/** Flows in a period (received, resolved, within time...), one row per group. */
export async function flowFigures(
  db: Kysely<DB>,
  principal: Principal,
  q: FigureQuery,
): Promise<FigureRow[]> {
  await checkDepth(db, q.by, q.depth);
  const key = keyOf(q.by, q.depth, 'day');
  const unique = (eb: AnyEb) => (q.uniqueOnly ? eb('g.repeat', '=', false) : eb.lit(true));
  const [sums, buckets, ratings] = await Promise.all([
    groupSums(db, principal, q),
    rollupRead(db, (db) =>
      db
        .selectFrom(histogram(db, q.from, q.to, narrowDim(principal, q)).as('g'))
        .leftJoin('places as pl', 'pl.id', 'g.place_id')
        .where(scoped(principal, q) as never)
        .where(unique as never)
        .select([key.as('key'), 'g.bucket', sql<number>`sum(g.n)`.as('n')])
        .groupBy([key, 'g.bucket'])
        .execute(),
    ),
    ratingSums(db, principal, q),
  ]);
  const histograms = new Map<string | null, Map<number, number>>();
  for (const b of buckets) {
    const h = histograms.get(b.key) ?? new Map<number, number>();
    h.set(Number(b.bucket), Number(b.n));
    histograms.set(b.key, h);
  }
  const names = await namesOf(
    db,
    q.by,
    sums.map((r) => r.key),
  );
  return sums
    .map((r) => ({
      key: r.key,
      name: r.key === null ? null : (names.get(r.key) ?? null),
      ...figuresOf(r.sums, histogramMedian(histograms.get(r.key) ?? new Map()), ratings.get(r.key)),
    }))
    .sort((a, b) => compareKeys(q.by, a.key, b.key) || b.received - a.received);
}

function compareKeys(by: GroupBy, a: string | null, b: string | null) {
  if (!['day', 'week', 'month'].includes(by)) return 0;
  return (a ?? '').localeCompare(b ?? '');
}

export const AGE_BANDS = [
  { band: '0-7', from: 0, to: 7 },
  { band: '8-30', from: 8, to: 30 },
  { band: '31-50', from: 31, to: 50 },
  { band: '51-100', from: 51, to: 100 },
  { band: '>100', from: 101, to: null },
] as const;

export interface PendingRow extends Group {
  pending: number;
  /** Pending by age in days since registration, as the bands above. */
  bands: Record<(typeof AGE_BANDS)[number]['band'], number>;
}

/** What is pending now, by age band, one row per group (by day/week/month: of registration). */
export async function pendingByAge(
  db: Kysely<DB>,
  principal: Principal,
  now: Date,
  q: Filter & { by: GroupBy; depth?: number },
): Promise<PendingRow[]> {
  await checkDepth(db, q.by, q.depth);
  const key = keyOf(q.by, q.depth, 'created_day');
  const cols = [
    'created_day',
    'department_id',
    'place_id',
    'position_id',
    'level',
    'category_id',
    'channel',
  ] as const;
  const deltas = db.selectFrom('insight_open_deltas').select([...cols, 'delta as n']);
  // The narrow stock (0122) when it answers exactly, as for the flows: its rows lack the columns of other
  // dimensions, which neither the grouping nor the filters then touch, so the deltas may keep theirs.
  // (A narrow row has no place unless it is by place: hence the left join below.)
  const dim = narrowDim(principal, q);
  const stock =
    dim === null
      ? db
          .selectFrom('insight_open')
          .select([...cols, 'n'])
          .unionAll(deltas)
      : (db
          .selectFrom('insight_dim_open')
          .select([
            'created_day',
            'department_id',
            'place_id',
            sql<number | null>`null::bigint`.as('position_id'),
            'level',
            'category_id',
            'channel',
            'n',
          ])
          .where('dim', '=', dim)
          .unionAll(deltas as never) as unknown as typeof deltas);
  const today = sql<string>`(${now}::timestamptz at time zone (select time_zone from insight_settings))::date`;
  const age = sql`(${today} - g.created_day)`;
  const rows = await db
    .selectFrom(stock.as('g'))
    .leftJoin('places as pl', 'pl.id', 'g.place_id')
    .where(scoped(principal, q) as never)
    .select([
      key.as('key'),
      sql<number>`coalesce(sum(g.n), 0)`.as('pending'),
      ...AGE_BANDS.map((b) =>
        sql<number>`coalesce(sum(g.n) filter (where ${age} >= ${b.from}${b.to === null ? sql`` : sql` and ${age} <= ${b.to}`}), 0)`.as(
          b.band,
        ),
      ),
    ])
    .groupBy(key)
    .execute();
  const kept = rows.filter((r) => Number(r.pending) !== 0);
  const names = await namesOf(
    db,
    q.by,
    kept.map((r) => r.key),
  );
  return kept
    .map((r) => ({
      key: r.key,
      name: r.key === null ? null : (names.get(r.key) ?? null),
      pending: Number(r.pending),
      bands: Object.fromEntries(
        AGE_BANDS.map((b) => [b.band, Number((r as unknown as Record<string, number>)[b.band])]),
      ) as PendingRow['bands'],
    }))
    .sort((a, b) => compareKeys(q.by, a.key, b.key) || b.pending - a.pending);
}

/** Names of the groups, in one query. */
export async function namesOf(
  db: Kysely<DB>,
  by: GroupBy,
  keys: (string | null)[],
): Promise<Map<string, I18nText>> {
  const ids = keys.filter((k): k is string => k !== null).map(Number);
  const names = new Map<string, I18nText>();
  if (!ids.length) return names;
  const rows =
    by === 'department'
      ? await db.selectFrom('departments').select(['id', 'name']).where('id', 'in', ids).execute()
      : by === 'place'
        ? await db.selectFrom('places').select(['id', 'name']).where('id', 'in', ids).execute()
        : by === 'category'
          ? await db.selectFrom('categories').select(['id', 'name']).where('id', 'in', ids).execute()
          : by === 'position'
            ? await db
                .selectFrom('positions')
                .select(['id', 'title as name'])
                .where('id', 'in', ids)
                .execute()
            : by === 'level'
              ? await db
                  .selectFrom('escalation_levels')
                  .select(['level as id', 'name'])
                  .where('level', 'in', ids)
                  .execute()
              : [];
  for (const r of rows) names.set(String(r.id), r.name as I18nText);
  return names;
}

/**
 * Folds queued events and stock deltas into the rollups (a job, every minute), a batch per transaction
 * until nothing is left; returns how many it folded.
 */
export async function foldInsight(db: Kysely<DB>, batch = 50_000): Promise<number> {
  let total = 0;
  for (;;) {
    const { rows } = await sql<{ n: number }>`select fold_insight(${batch}::int) as n`.execute(db);
    const n = Number(rows[0]?.n ?? 0);
    total += n;
    if (n === 0) return total;
  }
}

/** Computes the rollups again from the event history (`npm run insight:rebuild`), the ratings' too. */
export async function rebuildInsight(db: Kysely<DB>): Promise<void> {
  await sql`select rebuild_insight()`.execute(db);
  await sql`select rebuild_insight_ratings()`.execute(db);
}
