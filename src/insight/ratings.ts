// The citizens' ratings (1-5) as a figure: how many rated and their average, per group, from the rating
// rollups of 0115_insight_ratings.sql (plus the ratings still queued, so the figure is exact at any
// moment), through the same read policy, filters and narrow-or-fine choice as the other flows.
import { type Kysely, type SqlBool, sql } from 'kysely';
import type { Principal } from '../access/principal.ts';
import type { DB } from '../db/schema.ts';
import { type Dim, type FigureQuery, KEY_COLUMNS, keyOf, narrowDim, rollupRead, scoped } from './figures.ts';

export interface RatingSums {
  rated: number;
  ratingSum: number;
}

function ratingRows(db: Kysely<DB>, from: string, to: string, dim: Dim | null) {
  // The queue read first into an array, as figures.ts does for the flows' queue (and for the same reason).
  const queued = db
    .selectFrom('insight_rating_facts')
    .where(sql<SqlBool>`event_id = any(array(select event_id from insight_rating_queue))`)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .select([...KEY_COLUMNS, sql<number>`1`.as('rated'), 'rating as rating_sum']);
  const fine = db
    .selectFrom('insight_rating_daily')
    .select([...KEY_COLUMNS, 'rated', 'rating_sum'])
    .where('day', '>=', from)
    .where('day', '<=', to)
    .unionAll(queued);
  if (dim === null) return fine;
  return db
    .selectFrom('insight_dim_rating_daily')
    .select([
      'day',
      'department_id',
      'place_id',
      sql<number | null>`null::bigint`.as('position_id'),
      'level',
      'category_id',
      'channel',
      'repeat',
      'rated',
      'rating_sum',
    ])
    .where('dim', '=', dim)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .unionAll(queued as never) as unknown as typeof fine;
}

/** Ratings per group over a period (groups without a rating are absent). */
export async function ratingSums(
  db: Kysely<DB>,
  principal: Principal,
  q: FigureQuery,
): Promise<Map<string | null, RatingSums>> {
  const key = keyOf(q.by, q.depth, 'day');
  // biome-ignore lint/suspicious/noExplicitAny: as in figures.ts, over a derived table
  const unique = (eb: any) => (q.uniqueOnly ? eb('g.repeat', '=', false) : eb.lit(true));
  const rows = await rollupRead(db, (db) =>
    db
      .selectFrom(ratingRows(db, q.from, q.to, narrowDim(principal, q)).as('g'))
      .leftJoin('places as pl', 'pl.id', 'g.place_id')
      .where(scoped(principal, q) as never)
      .where(unique as never)
      .select([
        key.as('key'),
        sql<number>`coalesce(sum(g.rated), 0)`.as('rated'),
        sql<number>`coalesce(sum(g.rating_sum), 0)`.as('ratingSum'),
      ])
      .groupBy(key)
      .execute(),
  );
  return new Map(rows.map((r) => [r.key, { rated: Number(r.rated), ratingSum: Number(r.ratingSum) }]));
}

/** Folds queued ratings into their rollups (a job, every minute); returns how many it folded. */
export async function foldRatings(db: Kysely<DB>, batch = 50_000): Promise<number> {
  let total = 0;
  for (;;) {
    const { rows } = await sql<{ n: number }>`select fold_insight_ratings(${batch}::int) as n`.execute(db);
    const n = Number(rows[0]?.n ?? 0);
    total += n;
    if (n === 0) return total;
  }
}
