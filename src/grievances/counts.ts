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

const OPEN = ['registered', 'assigned', 'in_progress', 'awaiting_info'] as const;

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
  const rows = await db
    .selectFrom('grievances as g')
    .innerJoin('places as pl', 'pl.id', 'g.place_id')
    .where(readableBy(principal))
    .where('g.status', 'in', OPEN)
    .select([
      key.as('id'),
      sql<number>`count(*)`.as('open'),
      sql<number>`count(*) filter (where g.status in ('assigned', 'in_progress') and g.due_at <= ${now})`.as(
        'overdue',
      ),
      sql<number>`count(*) filter (where g.status = 'awaiting_info')`.as('awaitingInfo'),
      sql<number>`count(*) filter (where g.status = 'registered' and g.position_id is null)`.as('unrouted'),
      sql<number>`count(*) filter (where g.command_centre_at is not null)`.as('commandCentre'),
    ])
    .groupBy(key)
    .execute();

  const ids = rows.map((r) => r.id).filter((id): id is number => id !== null);
  const names = new Map<number, I18nText>();
  if (ids.length) {
    const table = groupBy.by === 'department' ? 'departments' : 'places';
    for (const n of await db.selectFrom(table).select(['id', 'name']).where('id', 'in', ids).execute())
      names.set(n.id, n.name);
  }
  return rows
    .map((r) => ({
      id: r.id === null ? null : Number(r.id),
      name: r.id === null ? null : (names.get(Number(r.id)) ?? null),
      open: Number(r.open),
      overdue: Number(r.overdue),
      awaitingInfo: Number(r.awaitingInfo),
      unrouted: Number(r.unrouted),
      commandCentre: Number(r.commandCentre),
    }))
    .sort((a, b) => b.overdue - a.overdue || b.open - a.open);
}
