// The command-and-control view for a wall screen: what came in today on each channel, what is overdue
// in each department, places where one kind of complaint is suddenly rising, and the oldest open cases.
// Everything through the viewer's read policy, from the rollups (and the short open-case index), so a
// wall refreshed on every change stays cheap on millions of grievances.
//
// A wall is seen by a whole room, visitors included: it shows references, categories and places, never
// a grievance's text or who raised it.
import { type Kysely, sql } from 'kysely';
import type { Principal } from '../access/principal.ts';
import type { DB, I18nText } from '../db/schema.ts';
import { countOpen, readableBy, readsEverywhere, statusIn } from '../grievances/index.ts';
import { groupSums, keyOf, receivedByPlaceAndCategory, rollupRead, scoped } from './figures.ts';

export interface HotspotOptions {
  /** The level of the place tree hotspots are found at (3: districts). */
  depth: number;
  /** The recent window, in days up to and including today. */
  days: number;
  /** The baseline: this many days before the recent window. */
  baselineDays: number;
  /** A place and category need at least this many grievances in the window to be a hotspot. */
  minCount: number;
  /** ... and at least this many times what their baseline would lead one to expect. */
  ratio: number;
}

export const HOTSPOT_DEFAULTS: HotspotOptions = {
  depth: 3,
  days: 7,
  baselineDays: 28,
  minCount: 5,
  ratio: 2,
};

export interface Wall {
  today: string;
  /** Grievances registered today, by the channel they came in on. */
  registered: { channel: string; n: number }[];
  /** Contacts (calls, messages, visits) today, by channel, whether or not they became a grievance. */
  contacts: { channel: string; n: number }[];
  overdue: { departmentId: number | null; name: I18nText | null; open: number; overdue: number }[];
  hotspots: {
    placeId: number;
    place: I18nText;
    categoryId: number;
    category: I18nText;
    recent: number;
    /** What the place's own baseline would give in a window as long (baseline per day x days). */
    expected: number;
  }[];
  oldest: {
    reference: string;
    status: string;
    createdAt: Date;
    department: I18nText;
    category: I18nText;
    place: I18nText;
    level: number | null;
    /** Whole days since it was received (the server's clock: a wall's own clock may be wrong). */
    ageDays: number;
  }[];
}

async function todayIn(db: Kysely<DB>, now: Date) {
  const { rows } = await sql<{ today: string; start: Date; tz: string }>`
    select (${now}::timestamptz at time zone s.time_zone)::date::text as today,
           ((${now}::timestamptz at time zone s.time_zone)::date::timestamp at time zone s.time_zone) as start,
           s.time_zone as tz
    from insight_settings s`.execute(db);
  return rows[0] as { today: string; start: Date; tz: string };
}

export async function wall(
  db: Kysely<DB>,
  principal: Principal,
  now: Date,
  hot: HotspotOptions = HOTSPOT_DEFAULTS,
): Promise<Wall> {
  const { today, start } = await todayIn(db, now);
  const [registered, contacts, overdue, hotspots, oldest] = await Promise.all([
    groupSums(db, principal, { from: today, to: today, by: 'channel' }),
    contactsToday(db, principal, start),
    countOpen(db, principal, now, { by: 'department' }),
    findHotspots(db, principal, today, hot),
    oldestOpen(db, principal, 10),
  ]);
  return {
    today,
    registered: registered
      .map((r) => ({ channel: r.key ?? '', n: r.sums.received }))
      .filter((r) => r.n > 0)
      .sort((a, b) => b.n - a.n),
    contacts,
    overdue: overdue
      .filter((r) => r.overdue > 0)
      .map((r) => ({ departmentId: r.id, name: r.name, open: r.open, overdue: r.overdue })),
    hotspots,
    oldest: oldest.map((g) => ({
      ...g,
      ageDays: Math.floor((now.getTime() - g.createdAt.getTime()) / 86_400_000),
    })),
  };
}

/**
 * Contacts since the start of today. Someone who reads the whole helpline sees every contact; anyone
 * else only contacts linked to a grievance they may read (a contact carries no department or place of
 * its own until it becomes a grievance).
 */
async function contactsToday(db: Kysely<DB>, principal: Principal, start: Date) {
  let query = db
    .selectFrom('interactions as i')
    .where('i.started_at', '>=', start)
    .where('i.direction', '=', 'inbound');
  if (!readsEverywhere(principal))
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('interaction_grievances as ig')
          .innerJoin('grievances as g', 'g.id', 'ig.grievance_id')
          .innerJoin('places as pl', 'pl.id', 'g.place_id')
          .whereRef('ig.interaction_id', '=', 'i.id')
          .where(readableBy(principal) as never)
          .select(sql`1`.as('one')),
      ),
    );
  const rows = await query
    .select(['i.channel', sql<number>`count(*)`.as('n')])
    .groupBy('i.channel')
    .orderBy(sql`count(*)`, 'desc')
    .execute();
  return rows.map((r) => ({ channel: r.channel, n: Number(r.n) }));
}

/**
 * Places (at one level of the tree) where one category's registrations in the recent window are well
 * above the place's own baseline for that category: at least `minCount`, and at least `ratio` times
 * the baseline's daily rate over the window (a place with no baseline at all counts as one a window,
 * so a first burst still shows). Ordered by how far above expectation they are, in Poisson standard
 * deviations, so a rise from 50 to 100 outranks one from 2 to 6. Summed from registrations by day,
 * place and category (0133), not the fine rollup (1.76 million rows for five weeks at ten million
 * grievances).
 */
export async function findHotspots(
  db: Kysely<DB>,
  principal: Principal,
  today: string,
  o: HotspotOptions,
): Promise<Wall['hotspots']> {
  // The window's first days worked out once: in the statement, a plan made once per connection computed
  // them again for each of the 120,000 rows of five weeks at ten million grievances (618 ms against 311).
  const { rows: days } = await sql<{ from: string; recentFrom: string }>`
    select (${today}::date - ${o.days - 1 + o.baselineDays}::int)::text as "from",
           (${today}::date - ${o.days - 1}::int)::text as "recentFrom"`.execute(db);
  const { from, recentFrom } = days[0] as { from: string; recentFrom: string };
  const place = keyOf('place', o.depth, 'day');
  // Summed twice: first by the rollup's own keys (integers: place at the kept depth, category and the
  // policy's columns), which folds the window's days into a few thousand rows; only those rows are then
  // joined to their places, checked against the read policy and summed again at the depth asked for.
  // Doing the policy and the depth's string work on every day's row cost 311-618 ms at ten million
  // grievances (121,665 rows for 35 days).
  const byKey = (db: Kysely<DB>) =>
    db
      .selectFrom(receivedByPlaceAndCategory(db, from, today).as('r'))
      .select([
        'r.place_id',
        'r.category_id',
        'r.department_id',
        'r.position_id',
        sql<number>`sum(r.received) filter (where r.day >= ${recentFrom}::date)`.as('recent'),
        sql<number>`sum(r.received) filter (where r.day < ${recentFrom}::date)`.as('base'),
      ])
      .groupBy(['r.place_id', 'r.category_id', 'r.department_id', 'r.position_id']);
  const recent = sql<number>`coalesce(sum(g.recent), 0)`;
  const base = sql<number>`coalesce(sum(g.base), 0)`;
  const rows = await rollupRead(db, (db) =>
    db
      .selectFrom(byKey(db).as('g'))
      .innerJoin('places as pl', 'pl.id', 'g.place_id')
      .where(scoped(principal, {}) as never)
      .select([place.as('placeId'), 'g.category_id as categoryId', recent.as('recent'), base.as('base')])
      .groupBy([place, 'g.category_id'])
      .having(recent, '>=', o.minCount)
      .execute(),
  );
  const found = rows
    .filter((r) => r.placeId !== null)
    .map((r) => {
      const expected = (Number(r.base) / o.baselineDays) * o.days;
      return {
        placeId: Number(r.placeId),
        categoryId: r.categoryId,
        recent: Number(r.recent),
        expected: Math.round(expected * 10) / 10,
        score: (Number(r.recent) - expected) / Math.sqrt(Math.max(expected, 1)),
        floor: Math.max(expected, 1),
      };
    })
    .filter((r) => r.recent >= o.ratio * r.floor)
    .sort((a, b) => b.score - a.score)
    .slice(0, 8);
  if (!found.length) return [];
  const [places, categories] = await Promise.all([
    db
      .selectFrom('places')
      .select(['id', 'name'])
      .where(
        'id',
        'in',
        found.map((f) => f.placeId),
      )
      .execute(),
    db
      .selectFrom('categories')
      .select(['id', 'name'])
      .where(
        'id',
        'in',
        found.map((f) => f.categoryId),
      )
      .execute(),
  ]);
  const placeName = new Map(places.map((p) => [p.id, p.name]));
  const categoryName = new Map(categories.map((c) => [c.id, c.name]));
  return found.map((f) => ({
    placeId: f.placeId,
    place: placeName.get(f.placeId) ?? {},
    categoryId: f.categoryId,
    category: categoryName.get(f.categoryId) ?? {},
    recent: f.recent,
    expected: f.expected,
  }));
}

/**
 * The open grievances received longest ago, from the partial index of open grievances by age: the
 * statuses are written into the statement, as the index's are: the plan made once per connection can
 * use the index only if it sees them (README, "Plans made once").
 */
async function oldestOpen(db: Kysely<DB>, principal: Principal, limit: number) {
  return db
    .selectFrom('grievances as g')
    .innerJoin('places as pl', 'pl.id', 'g.place_id')
    .innerJoin('departments as d', 'd.id', 'g.department_id')
    .innerJoin('categories as c', 'c.id', 'g.category_id')
    .where(statusIn(['registered', 'assigned', 'in_progress', 'awaiting_info']))
    .where(readableBy(principal))
    .select([
      'g.reference',
      'g.status',
      'g.created_at as createdAt',
      'd.name as department',
      'c.name as category',
      'pl.name as place',
      'g.level',
    ])
    .orderBy('g.created_at', 'asc')
    .orderBy('g.id', 'asc')
    .limit(limit)
    .execute();
}
