// Open-case counts for the supervisor's and command centre's overview: per department, or per place at
// one level of the tree (every district, say), with what is overdue, waiting, unrouted and with the
// command centre. Counted through the same read policy as search, so a count never reveals grievances
// the caller may not see.
import { type Kysely, sql } from 'kysely';
import type { Principal } from '../access/principal.ts';
import type { DB, I18nText } from '../db/schema.ts';
import { readableBy } from './policy.ts';

export type CountBy = { by: 'department' } | { by: 'place'; depth: number };

export interface OpenCounts {
  /** The department or place; null for grievances placed above the chosen level (e.g. state-wide). */
  id: number | null;
  name: I18nText | null;
  open: number;
  overdue: number;
  awaitingInfo: number;
  unrouted: number;
  commandCentre: number;
}

/**
 * The open-case rollup as it stands: the folded counts and the deltas not folded yet (0014), exact at
 * any moment. Its rows have the grievance columns the policy decides on (department, position; place
 * through a join to `places as pl`), so the policy's SQL applies to them as written for grievances.
 */
export function keptOpenCounts(db: Kysely<DB>) {
  return db
    .selectFrom('grievance_open_counts')
    .select(['department_id', 'place_id', 'position_id', 'state', 'command_centre', 'n'])
    .unionAll(
      db
        .selectFrom('grievance_open_count_deltas')
        .select(['department_id', 'place_id', 'position_id', 'state', 'command_centre', 'delta as n']),
    );
}

/**
 * What the rollup's running command-centre cases (all counted overdue) need to make them the overdue
 * count at `now` (0016_overdue_counts.sql): +1 for each running case outside the command centre past
 * its due time (breaches the sweep has not reached yet), -1 for each running one at the command centre
 * whose due time a pause moved past now. Both are short walks of partial indexes, however many cases
 * are open. Rows carry the columns the read policy decides on.
 */
export function overdueCorrections(db: Kysely<DB>, now: Date) {
  // Literal statuses and conditions, not parameters: they must match the partial indexes' predicates
  // for a prepared statement's plan to use them.
  const running = sql<boolean>`status in ('assigned', 'in_progress')`;
  return db
    .selectFrom('grievances')
    .select(['department_id', 'place_id', 'position_id', sql<number>`1`.as('d')])
    .where(running)
    .where(sql<boolean>`command_centre_at is null`)
    .where('due_at', '<=', now)
    .unionAll(
      db
        .selectFrom('grievances')
        .select(['department_id', 'place_id', 'position_id', sql<number>`-1`.as('d')])
        .where(running)
        .where(sql<boolean>`command_centre_at is not null`)
        .where('due_at', '>', now),
    );
}

/**
 * Counted from the rollup kept by 0014_open_counts.sql (the counts plus the deltas not yet folded), so
 * a view of a million open grievances reads a few hundred rows. Overdue (running clocks past their due
 * time) from the rollup too, with two short corrections (0016_overdue_counts.sql): the command centre's
 * running cases are overdue but for the few whose due time a pause moved on, and outside the command
 * centre only the breaches the sweep has not reached yet are. Both through the same read policy as
 * search.
 */
export async function countOpen(
  db: Kysely<DB>,
  principal: Principal,
  now: Date,
  groupBy: CountBy,
): Promise<OpenCounts[]> {
  // A place's path is "/<root id>/<child id>/.../": its ancestor at depth n is the (n+1)th part.
  const key =
    groupBy.by === 'department'
      ? sql<number>`g.department_id`
      : // A literal, not a parameter: GROUP BY must see the very same expression as the select list.
        sql<
          number | null
        >`nullif(split_part(pl.path, '/', ${sql.lit(Math.trunc(groupBy.depth) + 1)}), '')::bigint`;
  const kept = keptOpenCounts(db);
  const corrections = overdueCorrections(db, now);
  const [open, overdue] = await Promise.all([
    db
      .selectFrom(kept.as('g'))
      .innerJoin('places as pl', 'pl.id', 'g.place_id')
      .where(readableBy(principal) as never)
      .select([
        key.as('id'),
        sql<number>`sum(g.n)`.as('open'),
        sql<number>`coalesce(sum(g.n) filter (where g.state = 'awaiting_info'), 0)`.as('awaitingInfo'),
        sql<number>`coalesce(sum(g.n) filter (where g.state = 'registered' and g.position_id is null), 0)`.as(
          'unrouted',
        ),
        sql<number>`coalesce(sum(g.n) filter (where g.command_centre), 0)`.as('commandCentre'),
        sql<number>`coalesce(sum(g.n) filter (where g.command_centre and g.state = 'running'), 0)`.as(
          'runningAtCentre',
        ),
      ])
      .groupBy(key)
      .execute(),
    db
      .selectFrom(corrections.as('g'))
      .innerJoin('places as pl', 'pl.id', 'g.place_id')
      .where(readableBy(principal) as never)
      .select([key.as('id'), sql<number>`sum(g.d)`.as('overdue')])
      .groupBy(key)
      .execute(),
  ]);
  const corrected = new Map(overdue.map((r) => [r.id === null ? null : Number(r.id), Number(r.overdue)]));
  const rows = open.filter((r) => Number(r.open) > 0);

  const ids = rows.map((r) => r.id).filter((id): id is number => id !== null);
  const names = new Map<number, I18nText>();
  if (ids.length) {
    const table = groupBy.by === 'department' ? 'departments' : 'places';
    for (const n of await db.selectFrom(table).select(['id', 'name']).where('id', 'in', ids).execute())
      names.set(n.id, n.name);
  }
  return rows
    .map((r) => {
      const id = r.id === null ? null : Number(r.id);
      return {
        id,
        name: id === null ? null : (names.get(id) ?? null),
        open: Number(r.open),
        overdue: Number(r.runningAtCentre) + (corrected.get(id) ?? 0),
        awaitingInfo: Number(r.awaitingInfo),
        unrouted: Number(r.unrouted),
        commandCentre: Number(r.commandCentre),
      };
    })
    .sort((a, b) => b.overdue - a.overdue || b.open - a.open);
}

/** Folds the rollup's deltas into its counts (a frequent job); returns how many deltas it folded. */
export async function foldOpenCounts(db: Kysely<DB>): Promise<number> {
  const { rows } = await sql<{ n: number }>`select fold_open_counts() as n`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
