// The grievances behind a figure: the events the figure counts (the same facts the rollups sum, from
// the view insight_facts) in the period and filters, as a list of grievances the caller may read now
// (the grievance read policy on the grievance itself). Keyset pages, newest first.
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Principal } from '../access/principal.ts';
import type { DB, I18nText } from '../db/schema.ts';
import { invalid } from '../errors.ts';
import { readableBy, statusIn } from '../grievances/index.ts';
import { DRILL_FIGURES, DRILLS, type DrillFigure } from './drill-figures.ts';
import { AGE_BANDS, type Filter } from './figures.ts';

export { DRILL_FIGURES, DRILLS, type DrillFigure };

export interface DrillQuery extends Filter {
  figure: DrillFigure;
  from?: string;
  to?: string;
  /** With figure=pending: an age band. */
  band?: (typeof AGE_BANDS)[number]['band'];
  repeatsExcluded?: boolean;
  /** With figure=rated: only verdicts of this rating (1-5). */
  rating?: number;
  limit: number;
  after?: string;
}

export interface DrillItem {
  reference: string;
  status: string;
  subject: string;
  channel: string;
  anonymous: boolean;
  department: { id: number; name: I18nText };
  category: { id: number; name: I18nText };
  place: { id: number; name: I18nText };
  level: number | null;
  /** When the counted event happened (for pending: when the grievance was received). */
  at: Date;
  createdAt: Date;
}

// biome-ignore lint/suspicious/noExplicitAny: filters over the facts row `f` and its place `fpl`
type AnyEb = any;

function factFilter(filter: Filter, fact: string, place: string) {
  return (eb: AnyEb): Expression<SqlBool> => {
    const parts: Expression<SqlBool>[] = [];
    if (filter.departmentId !== undefined) parts.push(eb(`${fact}.department_id`, '=', filter.departmentId));
    if (filter.categoryId !== undefined) parts.push(eb(`${fact}.category_id`, '=', filter.categoryId));
    if (filter.positionId !== undefined) parts.push(eb(`${fact}.position_id`, '=', filter.positionId));
    if (filter.level !== undefined) parts.push(eb(`${fact}.level`, '=', filter.level));
    if (filter.channel !== undefined) parts.push(eb(`${fact}.channel`, '=', filter.channel));
    if (filter.placeId !== undefined)
      parts.push(
        sql<SqlBool>`${sql.ref(`${place}.path`)} like (select p.path from places p where p.id = ${filter.placeId}) || '%'`,
      );
    return eb.and(parts);
  };
}

function parseAfter(after: string | undefined): { at: Date; id: number } | null {
  if (!after) return null;
  const [at, id] = after.split('_');
  const when = new Date(at ?? '');
  if (Number.isNaN(when.getTime()) || !/^\d+$/.test(id ?? ''))
    throw invalid('after', 'not a page marker from a previous answer');
  return { at: when, id: Number(id) };
}

/** One page of the grievances behind a figure, and the marker of the next page (null at the end). */
export async function drillDown(
  db: Kysely<DB>,
  principal: Principal,
  now: Date,
  q: DrillQuery,
): Promise<{ items: DrillItem[]; next: string | null }> {
  const after = parseAfter(q.after);
  const limit = Math.min(Math.max(q.limit, 1), 500);
  const rows =
    q.figure === 'pending'
      ? await pendingPage(db, principal, now, q, after, limit)
      : await factPage(db, principal, q, after, limit);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(({ id: _id, ...item }) => item),
    next: rows.length > limit && last ? `${last.at.toISOString()}_${last.id}` : null,
  };
}

function columns() {
  return [
    'g.reference',
    'g.status',
    'g.subject',
    'g.channel',
    'g.anonymous',
    'g.level',
    'g.created_at as createdAt',
    'd.id as departmentId',
    'd.name as departmentName',
    'cat.id as categoryId',
    'cat.name as categoryName',
    'gpl.id as placeId',
    'gpl.name as placeName',
  ] as const;
}

type Row = {
  reference: string;
  status: string;
  subject: string;
  channel: string;
  anonymous: boolean;
  level: number | null;
  createdAt: Date;
  departmentId: number;
  departmentName: I18nText;
  categoryId: number;
  categoryName: I18nText;
  placeId: number;
  placeName: I18nText;
  at: Date;
  id: number;
};

const shape = (r: Row): DrillItem & { id: number } => ({
  reference: r.reference,
  status: r.status,
  subject: r.subject,
  channel: r.channel,
  anonymous: r.anonymous,
  department: { id: r.departmentId, name: r.departmentName },
  category: { id: r.categoryId, name: r.categoryName },
  place: { id: r.placeId, name: r.placeName },
  level: r.level,
  at: r.at,
  createdAt: r.createdAt,
  id: r.id,
});

async function factPage(
  db: Kysely<DB>,
  principal: Principal,
  q: DrillQuery,
  after: { at: Date; id: number } | null,
  limit: number,
) {
  if (!q.from || !q.to) throw invalid('from', 'say the period: from and to (YYYY-MM-DD)');
  const drill = DRILLS[q.figure as keyof typeof DRILLS];
  const kinds: readonly string[] = typeof drill.kind === 'string' ? [drill.kind] : drill.kind;
  const tz = (await db.selectFrom('insight_settings').select('time_zone').executeTakeFirstOrThrow())
    .time_zone;
  // The period's days in the deployment's time zone, as instants, so the (kind, at) index serves.
  const start = sql<Date>`(${q.from}::date::timestamp at time zone ${tz})`;
  const end = sql<Date>`((${q.to}::date + 1)::timestamp at time zone ${tz})`;
  let query = db
    .selectFrom('insight_facts as f')
    .innerJoin('places as fpl', 'fpl.id', 'f.place_id')
    .innerJoin('grievances as g', 'g.id', 'f.grievance_id')
    .innerJoin('places as pl', 'pl.id', 'g.place_id')
    .innerJoin('places as gpl', 'gpl.id', 'g.place_id')
    .innerJoin('departments as d', 'd.id', 'g.department_id')
    .innerJoin('categories as cat', 'cat.id', 'g.category_id')
    .where('f.kind', 'in', kinds)
    .where('f.at', '>=', start)
    .where('f.at', '<', end)
    .where(readableBy(principal) as never)
    .where(factFilter(q, 'f', 'fpl') as never);
  if ('measure' in drill) query = query.where(sql.ref(`f.${drill.measure}`), '=', drill.is);
  if (q.repeatsExcluded) query = query.where('f.repeat', '=', false);
  if (q.figure === 'rated') {
    // As insight_rating_facts counts them: a satisfied closure or a refused resolution, with a rating.
    query = query
      .innerJoin('grievance_events as ge', 'ge.id', 'f.event_id')
      .where((eb) => eb.or([eb('f.closed_satisfied', '=', 1), eb('f.reopened_after_resolution', '=', 1)]))
      .where(sql<SqlBool>`jsonb_typeof(ge.data->'rating') = 'number'`);
    if (q.rating !== undefined) query = query.where(sql<SqlBool>`(ge.data->>'rating')::int = ${q.rating}`);
  }
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb('f.at', '<', after.at),
        eb.and([eb('f.at', '=', after.at), eb('f.event_id', '<', after.id)]),
      ]),
    );
  // Newest first, a window at a time: back to the 1,000th event of each kind before the page's end (read
  // from the (kind, at) index), then four times as many each time, until the page is full or the period
  // is walked. Asked for the whole period at once, PostgreSQL computed the facts of every event of the
  // kind in it and then sorted them: at ten million grievances a month's "received" is a million events,
  // and a page took 19 s. Windows of a fixed time were no better on a busy day (an hour of a flood is
  // tens of thousands of events); windows of a number of events cost the same whatever the day.
  const { rows: bounds } = await sql<{
    start: Date;
    end: Date;
  }>`select ${start} as start, ${end} as end`.execute(db);
  const first = bounds[0]?.start as Date;
  let high = bounds[0]?.end as Date;
  if (after && after.at.getTime() + 1 < high.getTime()) high = new Date(after.at.getTime() + 1);
  const rows: Row[] = [];
  for (let take = 1000; rows.length <= limit && high > first; take *= 4) {
    const { rows: edge } = await sql<{ at: Date | null }>`
      select max(e.at) as at from unnest(${kinds}::text[]) as k (kind)
      cross join lateral (
        select at from grievance_events
        where kind = k.kind and at >= ${first} and at < ${high}
        order by at desc offset ${take} limit 1
      ) as e`.execute(db);
    const low = edge[0]?.at ?? first;
    const found = await query
      .where('f.at', '>=', low)
      .where('f.at', '<', high)
      .select([...columns(), 'f.at as at', 'f.event_id as id'])
      .orderBy('f.at', 'desc')
      .orderBy('f.event_id', 'desc')
      .limit(limit + 1 - rows.length)
      .execute();
    rows.push(...(found as unknown as Row[]));
    high = low;
  }
  return rows.map(shape);
}

async function pendingPage(
  db: Kysely<DB>,
  principal: Principal,
  now: Date,
  q: DrillQuery,
  after: { at: Date; id: number } | null,
  limit: number,
) {
  let query = db
    .selectFrom('grievances as g')
    .innerJoin('places as pl', 'pl.id', 'g.place_id')
    .innerJoin('places as gpl', 'gpl.id', 'g.place_id')
    .innerJoin('departments as d', 'd.id', 'g.department_id')
    .innerJoin('categories as cat', 'cat.id', 'g.category_id')
    // Written into the statement, as the partial open-case index's are (README, "Plans made once").
    .where(statusIn(['registered', 'assigned', 'in_progress', 'awaiting_info']))
    .where(readableBy(principal))
    .where(factFilter(q, 'g', 'pl') as never);
  const band = q.band ? AGE_BANDS.find((b) => b.band === q.band) : undefined;
  const tz = (await db.selectFrom('insight_settings').select('time_zone').executeTakeFirstOrThrow())
    .time_zone;
  // Days in the deployment's time zone, as the rollup counts them, turned into instants for the index.
  const today = sql`(${now}::timestamptz at time zone ${tz})::date`;
  const dayStart = (day: ReturnType<typeof sql>) => sql<Date>`((${day})::timestamp at time zone ${tz})`;
  if (band) {
    query = query.where('g.created_at', '<', dayStart(sql`${today} - ${sql.lit(band.from - 1)}`));
    if (band.to !== null)
      query = query.where('g.created_at', '>=', dayStart(sql`${today} - ${sql.lit(band.to)}`));
  }
  if (q.from) query = query.where('g.created_at', '>=', dayStart(sql`${q.from}::date`));
  if (q.to) query = query.where('g.created_at', '<', dayStart(sql`${q.to}::date + 1`));
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb('g.created_at', '<', after.at),
        eb.and([eb('g.created_at', '=', after.at), eb('g.id', '<', after.id)]),
      ]),
    );
  const rows = await query
    .select([...columns(), 'g.created_at as at', 'g.id as id'])
    .orderBy('g.created_at', 'desc')
    .orderBy('g.id', 'desc')
    .limit(limit + 1)
    .execute();
  return (rows as unknown as Row[]).map(shape);
}
