// Millions of grievances with their histories, generated inside PostgreSQL, for the benchmarks and for
// measuring the dashboards at scale. Nothing crosses the wire but a few statements: each batch is one
// INSERT ... SELECT from generate_series for the grievances and one for their events, and two batches
// run at once (one per core).
//
// What the data looks like (all derived from a hash of the grievance's id, so a load is repeatable):
//   - received over `months` months before `now` (24 by default), more in recent months than early ones;
//   - spread over the deployment's (category, village) pairs unevenly: some departments, districts and
//     categories far busier than others, as in every real helpline;
//   - the older a grievance, the likelier it is done: most of a week's are open, a few of last year's
//     still are (the long backlog every state has); of the done, most closed (after the citizen's
//     feedback, or without an answer after seven days), some resolved awaiting the citizen, 4% rejected,
//     5% reopened once by a dissatisfied citizen and resolved again; nine in ten verdicts carry a 1-5
//     rating (a satisfied closure 3-5, a reopening 1-2), the rest "rather not say";
//   - the SLA as the service keeps it: seven days per level, escalated up the chain on every breach
//     (level 2 after a week, 3, 4, then the command centre after 28 days), reminders at the policy's
//     percentages, the clock paused while waiting for the citizen;
//   - their events as the service writes them (registered, assigned, started, escalated, info_requested,
//     resolved with its due time, reopened, closed with its reason, rejected): about four and a half each;
//   - one citizen per three grievances on average (so repeat complainants exist), 8% with no number,
//     3% anonymous; texts in Hindi and English from a set of common complaints.
//
// A load that many rows is done as bulk loads are: the tables' triggers are off while it runs (the
// open-case counts and the insight rollups are then rebuilt from what was loaded, in one pass each,
// instead of row by row), and with `rebuildIndexes` the secondary indexes are dropped first and built
// once afterwards (many times faster than maintaining them row by row).
import { type Kysely, sql } from 'kysely';
import type { Database, DB } from '../src/db/index.ts';
import { ALPHABET } from '../src/grievances/reference.ts';
import type { BenchDeployment } from './data.ts';

export interface BulkOptions {
  /** Grievances per statement (default 250,000). */
  batch?: number;
  progress?: (done: number) => void;
  /** Drop the secondary indexes first and build them once at the end (for millions). */
  rebuildIndexes?: boolean;
  /** Received over this many months before `now` (default 24). */
  months?: number;
  /** Batches at once, each on its own connection (default 2). */
  parallel?: number;
  /** Rebuild the insight rollups from the loaded history (default true). */
  insight?: boolean;
  log?: (line: string) => void;
}

/** Complaints as citizens write them, in Hindi and English: the loaded history's, and what the
 * register load sends (bench/wrk/register.lua), so the newest grievances read like the older ones. */
export const SUBJECTS: [string, string, string][] = [
  ['hi', 'हैंडपंप खराब', 'गाँव का हैंडपंप एक हफ्ते से खराब है, पीने का पानी नहीं मिल रहा है।'],
  ['hi', 'बिजली नहीं', 'तीन दिन से मोहल्ले में बिजली नहीं है, ट्रांसफार्मर जल गया है।'],
  ['hi', 'सड़क टूटी', 'स्कूल जाने वाली सड़क पर बड़े गड्ढे हैं, बारिश में पानी भर जाता है।'],
  ['hi', 'राशन नहीं मिला', 'इस महीने राशन दुकान से गेहूँ नहीं मिला, दुकानदार कहता है स्टॉक नहीं है।'],
  ['hi', 'पेंशन रुकी', 'वृद्धावस्था पेंशन चार महीने से खाते में नहीं आई है।'],
  ['hi', 'नाली जाम', 'गली की नाली जाम है, गंदा पानी घरों में आ रहा है।'],
  ['hi', 'शिक्षक नहीं आते', 'प्राथमिक स्कूल में शिक्षक नियमित नहीं आते, बच्चों की पढ़ाई नहीं हो रही।'],
  ['hi', 'अस्पताल में दवा नहीं', 'सरकारी अस्पताल में दवाइयाँ नहीं मिल रही हैं, बाहर से खरीदनी पड़ती हैं।'],
  [
    'en',
    'Hand pump broken',
    'The hand pump near the school has been broken for a week and there is no drinking water.',
  ],
  ['en', 'No electricity', 'No power in our ward for three days; the transformer burnt out.'],
  ['en', 'Road damaged', 'The road to the primary school is full of potholes and floods when it rains.'],
  [
    'en',
    'Ration not received',
    'Did not receive wheat from the ration shop this month; the dealer says there is no stock.',
  ],
  ['en', 'Pension stopped', 'My old-age pension has not been credited for four months.'],
  ['en', 'Drain blocked', 'The drain in our lane is blocked and dirty water is entering houses.'],
  ['en', 'Streetlight not working', 'The streetlights on the main road have not worked for two weeks.'],
  ['en', 'Garbage not collected', 'Garbage has not been collected from our colony for ten days.'],
];

/** Damm's check character as a table: the check is the XOR of one entry per position (reference.ts). */
function checkTable(): number[] {
  const times2 = (x: number) => {
    const shifted = x << 1;
    return shifted & 32 ? (shifted ^ 0b100101) & 31 : shifted;
  };
  const table: number[] = [];
  for (let j = 0; j < 8; j++) {
    for (let c = 0; c < 32; c++) {
      let v = c;
      for (let k = 0; k < 8 - j; k++) v = times2(v);
      table.push(v);
    }
  }
  return table;
}

/**
 * Which pair each of 8,192 slots draws: pairs weighted by their department's, district's and category's
 * busyness (a few departments take most complaints: water, power, roads), so a uniform draw of a slot
 * is a skewed draw of a pair.
 */
function comboSlots(d: BenchDeployment): number[] {
  const weight = d.combos.map((c, i) => {
    const category = i % 4;
    return (1 / (1 + c.department) ** 0.9) * (1 / (1 + c.district) ** 0.6) * (1 / (1 + category) ** 0.7);
  });
  const total = weight.reduce((a, b) => a + b, 0);
  const slots: number[] = [];
  let acc = 0;
  for (const [i, w] of weight.entries()) {
    acc += w;
    while (slots.length < Math.round((acc / total) * 8192)) slots.push(i);
  }
  return slots;
}

/** `count` grievances more, with ids after those already there, received before `now`. */
export async function bulkGrievances(
  database: Database,
  d: BenchDeployment,
  count: number,
  now: Date,
  options: BulkOptions = {},
) {
  const db = database.db;
  const log = options.log ?? (() => undefined);
  const batch = options.batch ?? 250_000;
  const months = options.months ?? 24;
  const parallel = options.parallel ?? 2;
  const started = performance.now();
  const took = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;

  const { rows: who } = await sql<{ superuser: boolean }>`
    select rolsuper as superuser from pg_roles where rolname = current_user`.execute(db);
  const superuser = Boolean(who[0]?.superuser);
  // Triggers off: as superuser for this session only (foreign-key checks too: the data is generated
  // consistent); otherwise for the tables, which needs their owner (the benchmarks make the schema).
  if (!superuser)
    for (const t of ['grievances', 'grievance_events', 'citizens'])
      await sql`alter table ${sql.table(t)} disable trigger user`.execute(db);
  const dropped = options.rebuildIndexes ? await dropSecondaryIndexes(db) : [];

  const { rows: at } = await sql<{ g: number; c: number; percents: number[] }>`
    select (select coalesce(max(id), 0) from grievances) as g, (select coalesce(max(id), 0) from citizens) as c,
           (select reminder_percents from sla_policy) as percents`.execute(db);
  const gBase = Number(at[0]?.g ?? 0);
  const cBase = Number(at[0]?.c ?? 0);
  const percents = (at[0]?.percents ?? [50, 90]).map(Number).sort((a, b) => a - b);
  const citizens = Math.max(1, Math.ceil(count / 3));

  const session = async <T>(fn: (conn: Kysely<DB>) => Promise<T>) =>
    db.connection().execute(async (conn) => {
      if (superuser) await sql`set session_replication_role = replica`.execute(conn);
      try {
        return await fn(conn);
      } finally {
        if (superuser) await sql`reset session_replication_role`.execute(conn);
      }
    });

  await session(async (conn) => {
    await sql`
      insert into citizens (id, phone, name, language, created_at)
      overriding system value
      select ${cBase}::bigint + k, '+9198' || lpad((${cBase}::bigint + k)::text, 8, '0'),
             case when k % 4 = 0 then null else 'Citizen ' || k end,
             case when k % 10 < 7 then 'hi' else 'en' end,
             ${now}::timestamptz - ${months} * interval '1 month'
      from generate_series(1, ${citizens}::bigint) as k`.execute(conn);
  });
  log(`  ${citizens.toLocaleString('en')} citizens (${took()})`);

  const params = {
    now,
    spanDays: months * 30.44,
    slots: comboSlots(d),
    category: d.combos.map((c) => c.categoryId),
    department: d.combos.map((c) => c.departmentId),
    place: d.combos.map((c) => c.placeId),
    rule: d.combos.map((c) => c.ruleId),
    chain: d.combos.flatMap((c) => c.chain),
    check: checkTable(),
    cBase,
    citizens,
    percents,
  };
  const batches: [number, number][] = [];
  for (let from = 1; from <= count; from += batch) batches.push([from, Math.min(count, from + batch - 1)]);
  let done = 0;
  const worker = () =>
    session(async (conn) => {
      for (let next = batches.shift(); next; next = batches.shift()) {
        const [from, to] = next;
        await insertGrievances(conn, gBase + from, gBase + to, params);
        await insertWords(conn, gBase + from, gBase + to);
        await insertEvents(conn, gBase + from, gBase + to, d, now);
        done += to - from + 1;
        options.progress?.(done);
      }
    });
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, worker));
  log(`  ${count.toLocaleString('en')} grievances and their events (${took()})`);

  // Identity columns carry on after the ids given explicitly.
  await sql`select setval(pg_get_serial_sequence('grievances', 'id'), (select max(id) from grievances)),
                   setval(pg_get_serial_sequence('citizens', 'id'), (select max(id) from citizens))`.execute(
    db,
  );
  if (!superuser)
    for (const t of ['grievances', 'grievance_events', 'citizens'])
      await sql`alter table ${sql.table(t)} enable trigger user`.execute(db);

  // Indexes built once, two at a time, with memory enough to sort in one pass.
  const pending = [...dropped];
  await Promise.all(
    Array.from({ length: Math.max(1, parallel) }, () =>
      db.connection().execute(async (conn) => {
        await sql`set maintenance_work_mem = '512MB'`.execute(conn);
        for (let next = pending.shift(); next; next = pending.shift()) await sql.raw(next).execute(conn);
        await sql`reset maintenance_work_mem`.execute(conn);
      }),
    ),
  );
  if (dropped.length) log(`  ${dropped.length} indexes built (${took()})`);

  // Statistics first: the rollups below are rebuilt by queries that PostgreSQL plans from them, and
  // without them it probed the wrong index for every event (ten times slower, measured at 200,000).
  await sql`analyze grievances`.execute(db);
  await sql`analyze grievance_events`.execute(db);
  await sql`analyze citizens`.execute(db);
  await sql`analyze grievance_words`.execute(db);
  // What the triggers would have kept: the open-case counts (0014) and the insight rollups (0080).
  await sql`
    with cleared as (delete from grievance_open_count_deltas)
    delete from grievance_open_counts`.execute(db);
  await sql`
    insert into grievance_open_counts (department_id, place_id, position_id, state, command_centre, n)
    select department_id, place_id, position_id, open_state(status), command_centre_at is not null, count(*)
    from grievances where open_state(status) is not null
    group by 1, 2, 3, 4, 5`.execute(db);
  log(`  open-case counts rebuilt (${took()})`);
  if (options.insight ?? true) {
    await sql`select rebuild_insight()`.execute(db);
    await sql`select rebuild_insight_ratings()`.execute(db);
    log(`  insight rollups rebuilt (${took()})`);
  }
  // Visibility map and statistics: index-only scans and good plans from the first request.
  await sql`vacuum analyze grievances`.execute(db);
  await sql`vacuum analyze grievance_events`.execute(db);
  await sql`vacuum analyze citizens`.execute(db);
  // Its pages marked all-visible, so the wall's hotspots read it from the index alone (0141).
  if (options.insight ?? true) await sql`vacuum analyze insight_place_category_daily`.execute(db);
  await analyzeSchema(db);
  log(`  vacuumed and analysed (${took()})`);
}

interface Params {
  now: Date;
  spanDays: number;
  slots: number[];
  category: number[];
  department: number[];
  place: number[];
  rule: number[];
  chain: number[];
  check: number[];
  cBase: number;
  citizens: number;
  percents: number[];
}

/** What 0143's trigger copies on insert, with the triggers off. */
const insertWords = (conn: Kysely<DB>, from: number, to: number) =>
  sql`
    insert into grievance_words (grievance_id, created_at, words)
    select id, created_at, search_text from grievances where id between ${from} and ${to}`.execute(conn);

/** Grievances with ids `from`..`to`: every column derived from hashes of the id. */
async function insertGrievances(conn: Kysely<DB>, from: number, to: number, p: Params) {
  const subjects = SUBJECTS;
  // u(salt): a uniform number in [0, 1) from the id, different for each salt.
  const u = (salt: number) => sql.raw(`((hashint8extended(n, ${salt}) & 4294967295)::float8 / 4294967296.0)`);
  const char = (j: number) => sql.raw(`substr('${ALPHABET}', ((r.x >> ${5 * j}) & 31)::int + 1, 1)`);
  const check = sql.raw(
    Array.from({ length: 8 }, (_, j) => `c.t[${32 * j + 1} + ((r.x >> ${5 * j}) & 31)::int]`).join(' # '),
  );
  await sql`
    insert into grievances (id, reference, citizen_id, anonymous, channel, category_id, department_id, place_id,
      subject, description, language, status, position_id, level, rule_id, due_at, sla_started_at,
      next_reminder_at, reminders_sent, sla_paused_at, sla_next_at, command_centre_at, reopen_count,
      created_at, updated_at, resolved_at, closed_at)
    overriding system value
    select n,
      ${char(0)} || ${char(1)} || ${char(2)} || '-' || ${char(3)} || ${char(4)} || ${char(5)} || '-' ||
        ${char(6)} || ${char(7)} || substr(${ALPHABET}, (${check}) + 1, 1),
      case when ${u(7)} < 0.08 then null else ${p.cBase}::bigint + 1 + floor(${u(8)} * ${p.citizens})::bigint end,
      ${u(9)} < 0.03,
      (array['phone','phone','phone','phone','phone','phone','phone','phone','phone','phone','phone',
             'web','web','web','whatsapp','whatsapp','whatsapp','sms','walk_in','email'])[1 + floor(${u(10)} * 20)::int],
      (${p.category}::bigint[])[s.k], (${p.department}::bigint[])[s.k], (${p.place}::bigint[])[s.k],
      (${subjects.map((x) => x[1])}::text[])[s.t] || case when ${u(11)} < 0.5 then '' else ' (' || (n % 97) || ')' end,
      (${subjects.map((x) => x[2])}::text[])[s.t],
      (${subjects.map((x) => x[0])}::text[])[s.t],
      s.status,
      case when s.status = 'registered' then null else (${p.chain}::bigint[])[4 * (s.k - 1) + s.level] end,
      case when s.status = 'registered' then null else s.level end,
      case when s.status = 'registered' then null else (${p.rule}::bigint[])[s.k] end,
      case when s.status = 'registered' then null else s.created + (7 * s.level) * interval '1 day' end,
      case when s.running then s.created + (7 * (s.level - 1)) * interval '1 day' end,
      case when s.running and not s.command_centre then
        s.created + ((7 * (s.level - 1)) + 7 * (select min(q) / 100.0 from unnest(${p.percents}::int[]) as q
                                                where q / 100.0 > s.fraction)) * interval '1 day' end,
      case when s.running then (select count(*) from unnest(${p.percents}::int[]) as q where q / 100.0 <= s.fraction)
           else 0 end,
      case when s.status = 'awaiting_info' then s.created + (7 * (s.level - 1) + 7 * s.fraction * 0.6) * interval '1 day' end,
      case when s.status in ('assigned', 'in_progress') and not s.command_centre then
        least(s.created + (7 * s.level) * interval '1 day',
              s.created + ((7 * (s.level - 1)) + 7 * (select min(q) / 100.0 from unnest(${p.percents}::int[]) as q
                                                      where q / 100.0 > s.fraction)) * interval '1 day') end,
      case when s.command_centre then s.created + interval '28 days' end,
      case when s.reopened then 1 else 0 end,
      s.created,
      coalesce(s.closed, s.resolved, s.created),
      s.resolved,
      s.closed
    from generate_series(${from}::bigint, ${to}::bigint) as n
    cross join lateral (select (n * 1099511627 + 7777777) % 1099511627776 as x offset 0) as r
    cross join (select ${p.check}::int[] as t) as c
    cross join lateral (
      select *,
        -- Open: at the level its age has climbed to (seven days a level), 0 <= fraction < 1 of it used.
        case when o.open and o.routed then least(4, 1 + floor(o.age / 7))::int
             when o.status = 'rejected' then 1
             -- Done: at the level it was resolved at.
             when o.routed then least(4, 1 + floor(o.taken / 7))::int end as level,
        -- Breached at the top level (28 days): the command centre has it, or had it when it was resolved.
        o.routed and o.status <> 'rejected' and case when o.open then o.age else o.taken end >= 28 as command_centre,
        case when o.open then least(0.999, (o.age - 7 * floor(o.age / 7)) / 7) end as fraction,
        o.open and o.routed and o.status in ('assigned', 'in_progress', 'awaiting_info') as running,
        case when o.status in ('resolved', 'closed') then o.created + o.taken * interval '1 day' end as resolved,
        case when o.status = 'closed' then least(${p.now}::timestamptz, o.created + (o.taken + o.wait) * interval '1 day')
             when o.status = 'rejected' then o.created + least(o.age / 2, 1) * interval '1 day' end as closed,
        -- Refused by the citizen once and resolved again, days after the first resolution at the same level.
        o.status = 'closed' and o.taken - 7 * floor(o.taken / 7) >= 4 and ${u(12)} < 0.05 as reopened
      -- (offset 0 keeps each level a subquery computed once per row: pulled up into the outer query,
      -- its expressions would be copied into every place that uses them and computed many times over)
      from (
        select a.*,
          case when a.draw < 0.04 then 'rejected'
               when a.draw < 0.04 + 0.96 * a.p_open then
                 case when a.sub < 0.08 then 'registered' when a.sub < 0.45 then 'assigned'
                      when a.sub < 0.88 then 'in_progress' else 'awaiting_info' end
               when a.age - a.taken < 7 and ${u(13)} < 0.4 then 'resolved'
               else 'closed' end as status,
          a.draw >= 0.04 and a.draw < 0.04 + 0.96 * a.p_open as open,
          not (a.draw >= 0.04 and a.draw < 0.04 + 0.96 * a.p_open and a.sub < 0.08) as routed
        from (
          select b.age,
            ${p.now}::timestamptz - b.age * interval '1 day' as created,
            (${p.slots}::int[])[1 + floor(${u(2)} * ${p.slots.length})::int] + 1 as k,
            1 + floor(${u(14)} * ${subjects.length})::int as t,
            ${u(3)} as draw,
            ${u(4)} as sub,
            -- Days to resolve, within its age: a week on average, a third past L1's seven days, one in
            -- twenty past all four levels (the command centre's); then days until closed.
            least(b.age * 0.95, 0.2 + 35 * power(${u(5)}, 4)) as taken,
            0.3 + 9 * ${u(6)} as wait,
            case when b.age < 7 then 0.8 when b.age < 30 then 0.4 when b.age < 100 then 0.12 else 0.04 end as p_open
          from (select ${p.spanDays} * power(${u(1)}, 1.35) as age offset 0) as b
          offset 0
        ) as a
        offset 0
      ) as o
      offset 0
    ) as s
    on conflict do nothing`.execute(conn);
}

/** The events of grievances `from`..`to`, as the service would have written them, in order. */
async function insertEvents(conn: Kysely<DB>, from: number, to: number, d: BenchDeployment, now: Date) {
  const chains = {
    rule: d.combos.map((c) => c.ruleId),
    p1: d.combos.map((c) => c.chain[0]),
    p2: d.combos.map((c) => c.chain[1]),
    p3: d.combos.map((c) => c.chain[2]),
    p4: d.combos.map((c) => c.chain[3]),
  };
  await sql`
    with chain as (
      select distinct on (rule_id) * from unnest(${chains.rule}::bigint[], ${chains.p1}::bigint[], ${chains.p2}::bigint[],
                                                 ${chains.p3}::bigint[], ${chains.p4}::bigint[]) as c(rule_id, p1, p2, p3, p4)
    )
    insert into grievance_events (grievance_id, at, kind, from_status, to_status, actor_kind, position_id, data, public)
    select g.id, e.at, e.kind, e.from_status, e.to_status, e.actor_kind, e.position_id, e.data, true
    from grievances g
    left join chain c on c.rule_id = g.rule_id
    -- The citizen's verdict: 0-99 from the id; 90 and above gave no rating ("rather not say").
    cross join lateral (select ((hashint8extended(g.id, 91) & 4294967295) % 100)::int as x) as r
    cross join lateral (values
      (true, g.created_at, 'registered', null, 'registered', 'api', null::bigint,
       jsonb_build_object('channel', g.channel)),
      (g.rule_id is not null, g.created_at, 'assigned', 'registered', 'assigned', 'system', c.p1,
       '{"fromPositionId": null}'::jsonb),
      (g.status in ('in_progress', 'resolved', 'closed'), least(g.created_at + interval '3 hours', ${now}::timestamptz),
       'started', 'assigned',
       'in_progress', 'officer', c.p1, '{}'::jsonb),
      (g.level >= 2, g.created_at + interval '7 days', 'escalated', 'in_progress', 'assigned', 'system', c.p2,
       jsonb_build_object('reason', 'sla_breach', 'fromPositionId', c.p1, 'fromLevel', 1, 'toLevel', 2)),
      (g.level >= 3, g.created_at + interval '14 days', 'escalated', 'assigned', 'assigned', 'system', c.p3,
       jsonb_build_object('reason', 'sla_breach', 'fromPositionId', c.p2, 'fromLevel', 2, 'toLevel', 3)),
      (g.level >= 4, g.created_at + interval '21 days', 'escalated', 'assigned', 'assigned', 'system', c.p4,
       jsonb_build_object('reason', 'sla_breach', 'fromPositionId', c.p3, 'fromLevel', 3, 'toLevel', 4)),
      (g.command_centre_at is not null, g.command_centre_at, 'escalated', g.status, g.status, 'system', c.p4,
       '{"reason": "sla_breach", "fromLevel": 4, "toCommandCentre": true}'::jsonb),
      (g.status = 'awaiting_info', g.sla_paused_at, 'info_requested', 'in_progress', 'awaiting_info', 'officer',
       g.position_id, '{}'::jsonb),
      (g.reopen_count > 0, g.resolved_at - interval '3 days', 'resolved', 'in_progress', 'resolved', 'officer',
       g.position_id, jsonb_build_object('dueAt', g.due_at)),
      (g.reopen_count > 0, g.resolved_at - interval '2 days', 'reopened', 'resolved', 'assigned', 'citizen',
       g.position_id, case when r.x < 90 then jsonb_build_object('rating', 1 + r.x % 2) else '{}'::jsonb end),
      (g.status in ('resolved', 'closed'), g.resolved_at, 'resolved', 'in_progress', 'resolved', 'officer',
       g.position_id, jsonb_build_object('dueAt', g.due_at)),
      (g.status = 'closed', g.closed_at, 'closed', 'resolved', 'closed',
       case when g.closed_at - g.resolved_at >= interval '7 days' then 'system' else 'citizen' end, g.position_id,
       case when g.closed_at - g.resolved_at >= interval '7 days' then '{"reason": "no_response"}'::jsonb
            when r.x >= 90 then '{"reason": "citizen_satisfied"}'::jsonb
            else jsonb_build_object('reason', 'citizen_satisfied',
                                    'rating', case when r.x < 45 then 5 when r.x < 78 then 4 else 3 end) end),
      (g.status = 'rejected', g.closed_at, 'rejected', 'assigned', 'rejected', 'officer', g.position_id, '{}'::jsonb)
    ) as e(ok, at, kind, from_status, to_status, actor_kind, position_id, data)
    where g.id between ${from} and ${to} and e.ok`.execute(conn);
}

/** Drops the non-unique indexes of the big tables and returns the statements that rebuild them. */
async function dropSecondaryIndexes(db: Kysely<DB>): Promise<string[]> {
  const { rows } = await sql<{ name: string; definition: string }>`
    select i.indexname as name, i.indexdef as definition
    from pg_indexes i
    join pg_class c on c.relname = i.indexname and c.relnamespace = (select oid from pg_namespace where nspname = i.schemaname)
    join pg_index x on x.indexrelid = c.oid
    where i.schemaname = current_schema()
      and i.tablename in ('grievances', 'grievance_events', 'citizens', 'grievance_words')
      and not x.indisunique and not x.indisprimary`.execute(db);
  for (const r of rows) await sql`drop index ${sql.id(r.name)}`.execute(db);
  // The biggest first, so the two builders finish together.
  return rows.map((r) => r.definition).sort((a, b) => Number(b.includes('gin')) - Number(a.includes('gin')));
}

/**
 * ANALYZE of this schema's tables only: a bare ANALYZE walks every schema in the database, and waits
 * behind whatever another load holds (it waited minutes behind the ten-million load's rollup rebuild).
 */
export async function analyzeSchema(db: Kysely<DB>) {
  const { rows: tables } = await sql<{ name: string }>`
    select tablename as name from pg_tables where schemaname = current_schema()`.execute(db);
  for (const t of tables) await sql`analyze ${sql.table(t.name)}`.execute(db);
}
