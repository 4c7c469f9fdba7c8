// `npm run bench:scale`: does CivicLine slow down as the database fills? The same figures measured twice
// on one PostgreSQL schema: first nearly empty (SCALE_BASE grievances, default 20,000), then after
// bulk-loading up to SCALE_ROWS (default 10,000,000) grievances with two events each. Registration and
// lookups should stay within 20% of their empty-database figures; queues, search, counts and the
// overdue list within their targets; the SLA sweep of SCALE_BREACHED (default 100,000) due at once
// near its empty-database time. Each stage also measures the database's own ceiling (pgbench), since
// indexes ten million rows deep cost the database itself something too.
//
// The grievances are generated inside PostgreSQL (bench/bulk.ts): received over two years, spread
// unevenly over places and categories, open, escalated, resolved, closed and reopened in realistic
// shares, with their events (about six each). SCALE_INSIGHT=0 skips rebuilding the insight rollups
// from that history (the longest step of the load). Progress goes to stderr, the table to stdout.
//
// To load the data once and keep it (for the dashboards, or to look at plans), see bench/load.ts; then
// `SCALE_SCHEMA=<that schema> npm run bench:scale` measures it as it stands, without loading again (the
// nearly-empty figures from a throw-away schema of SCALE_BASE grievances, as before; SCALE_BASE=0 skips
// them).
//
//   SCALE_ONLY   comma-separated parts: register, reads, sweep, insight (default all). The sweep
//                escalates SCALE_BREACHED grievances and registration adds some: a kept schema changes a
//                little with each run that includes them.

import { type Kysely, sql } from 'kysely';
import { systemClock } from '../src/clock.ts';
import { type Database, openPostgres } from '../src/db/index.ts';
import type { DB } from '../src/db/schema.ts';
import { foldOpenCounts } from '../src/grievances/index.ts';
import { foldInsight } from '../src/insight/index.ts';
import { sweep } from '../src/sla/sweep.ts';
import { type BenchDeployment, buildBenchDeployment, bulkGrievances, loadedDeployment } from './data.ts';
import { measureInsight, prepareInsight } from './insight.ts';
import {
  type Figure,
  median,
  POSTGRES_URL,
  pgbench,
  RUNS,
  registerEnv,
  repeat,
  SECONDS,
  schemaUrl,
  startServer,
  table,
  withPostgres,
  wrk,
} from './lib.ts';
import { readFigures } from './run.ts';

const BASE = Number(process.env.SCALE_BASE ?? 20_000);
const ROWS = Number(process.env.SCALE_ROWS ?? 10_000_000);
const BREACHED = Number(process.env.SCALE_BREACHED ?? 100_000);
const INSIGHT = process.env.SCALE_INSIGHT !== '0';
const EXISTING = process.env.SCALE_SCHEMA;
const ONLY = new Set((process.env.SCALE_ONLY ?? 'register,reads,sweep,insight').split(','));
const log = (line: string) => console.error(`${new Date().toISOString().slice(11, 19)} ${line}`);
const fmt = (n: number) => n.toLocaleString('en');

interface Stage {
  at: string;
  register: Figure[];
  reads: Figure[];
  sweep: { seconds: number; bare: number } | null;
}

async function measure(database: Database, schema: string, d: BenchDeployment, at: string): Promise<Stage> {
  await sql`vacuum analyze`.execute(database.db);
  const register = ONLY.has('register') ? await registration(schema, d, at) : [];
  // The registrations' rollup deltas folded now, as the minute jobs would: otherwise the read server
  // folds tens of thousands of queued events while its reads are being measured.
  await foldOpenCounts(database.db);
  await foldInsight(database.db);
  await sql`vacuum analyze grievances`.execute(database.db);
  const reads = ONLY.has('reads') ? await readFigures(database, schema, d, at) : [];
  const sweep = ONLY.has('sweep') ? await sweepBreached(database) : null;
  return { at, register, reads, sweep };
}

async function registration(schema: string, d: BenchDeployment, at: string): Promise<Figure[]> {
  const vars = { category: d.categoryId, department: d.departmentId, place: d.placeId };
  const server = await startServer({ DATABASE_URL: schemaUrl(schema) });
  const register: Figure[] = [];
  const env = await registerEnv(d);
  try {
    const three: number[] = [];
    const loads = await repeat(RUNS, async (i) => {
      three.push(await pgbench(schema, 'insert-three.sql', 32, vars));
      const load = await wrk(server.base, 'register.lua', 32, env);
      log(`register at ${at}, run ${i + 1}: ${JSON.stringify(load)}; ceiling ${three.at(-1)?.toFixed(0)}`);
      return load;
    });
    register.push(
      {
        what: `register a grievance, 32 connections, ${at}`,
        unit: '/s',
        runs: loads.map((l) => l.perSecond),
        ceiling: { what: 'insert + event + outbox row, pgbench, same stage', runs: three },
      },
      { what: '... p99', unit: 'ms', runs: loads.map((l) => l.p99), lowerIsBetter: true },
    );
  } finally {
    await server.stop();
  }
  return register;
}

/** Make BREACHED open grievances due an hour ago, then time one sweep that escalates them; beside it,
 * what the database alone takes for the same writes. */
async function sweepBreached(database: Database): Promise<{ seconds: number; bare: number }> {
  const now = systemClock.now();
  await breach(database.db, now, BREACHED);
  await sql`analyze grievances`.execute(database.db);
  const started = performance.now();
  const result = await sweep(database.db, systemClock);
  const seconds = (performance.now() - started) / 1000;
  log(
    `sla sweep: ${fmt(result.escalated)} escalated, ${fmt(result.reminded ?? 0)} reminded in ${seconds.toFixed(2)} s`,
  );
  const bare = await bareEscalation(database, now);
  return { seconds, bare };
}

/** `n` open grievances whose clocks run past `before`, made due an hour before it. */
async function breach(db: Kysely<DB>, before: Date, n: number): Promise<Date> {
  const past = new Date(before.getTime() - 3_600_000);
  await sql`
    update grievances set due_at = ${past}, sla_next_at = ${past}
    where id in (select id from grievances where status in ('assigned', 'in_progress') and level < 4
                 and sla_paused_at is null and sla_next_at > ${before} limit ${n})`.execute(db);
  return past;
}

/**
 * The sweep's ceiling: another BREACHED grievances made due in the same way, then moved up a level with
 * an event each by two set-based statements, no service between them, and all of it rolled back. At ten
 * million rows an escalation is mostly the database's work: each row a new version in every index.
 */
async function bareEscalation(database: Database, before: Date): Promise<number> {
  let seconds = Number.NaN;
  await database.db
    .transaction()
    .execute(async (trx) => {
      const past = await breach(trx, before, BREACHED);
      const started = performance.now();
      const { rows } = await sql<{ n: number }>`
        with moved as (
          update grievances g
          set status = 'assigned', level = g.level + 1, sla_started_at = now(), due_at = now() + interval '3 days',
              reminders_sent = 0, next_reminder_at = now() + interval '1 day', sla_next_at = now() + interval '1 day',
              updated_at = now()
          where g.sla_next_at = ${past}
          returning g.id, g.position_id),
        added as (
          insert into grievance_events (grievance_id, at, kind, from_status, to_status, actor_kind, position_id, data, public)
          select id, now(), 'escalated', 'assigned', 'assigned', 'system', position_id, '{"reason":"sla_breach"}', true
          from moved
          returning 1)
        select count(*)::int as n from added`.execute(trx);
      seconds = (performance.now() - started) / 1000;
      log(
        `the same writes by the database alone: ${fmt(rows[0]?.n ?? 0)} escalated in ${seconds.toFixed(2)} s`,
      );
      throw ROLLBACK;
    })
    .catch((e) => {
      if (e !== ROLLBACK) throw e;
    });
  return seconds;
}
const ROLLBACK = new Error('rolled back on purpose');

/** The full-database figures beside the empty ones: the ratio says how much ten million rows cost. */
function compare(empty: Stage, full: Stage): Figure[] {
  const pairs = (a: Figure[], b: Figure[]) =>
    b.map((f, i) => {
      const base = a[i];
      return base ? { ...f, ceiling: { what: `same figure, ${empty.at}`, runs: base.runs } } : f;
    });
  const ceiling = (s: Stage) => s.register[0]?.ceiling?.runs ?? [];
  return [
    ...pairs(empty.register, full.register),
    ...(full.register.length
      ? [
          {
            what: `the database's own ceiling (insert + event + outbox, pgbench), ${full.at}`,
            unit: '/s',
            runs: ceiling(full),
            ceiling: { what: `same, ${empty.at}`, runs: ceiling(empty) },
          },
        ]
      : []),
    ...pairs(empty.reads, full.reads),
    ...sweepFigures(full),
    ...(full.sweep && empty.sweep
      ? [
          {
            what: `SLA sweep, ${fmt(BREACHED)} due at once, ${full.at}`,
            unit: 's',
            runs: [full.sweep.seconds],
            lowerIsBetter: true,
            ceiling: { what: `same, ${empty.at}`, runs: [empty.sweep.seconds] },
          },
        ]
      : []),
  ];
}

/** The sweep beside the database's own time for the same writes, in the same run. */
const sweepFigures = (stage: Stage): Figure[] =>
  stage.sweep
    ? [
        {
          what: `SLA sweep, ${fmt(BREACHED)} due at once, ${stage.at}`,
          unit: 's',
          runs: [stage.sweep.seconds],
          lowerIsBetter: true,
          ceiling: {
            what: 'the same writes by the database alone (one update, one insert of events)',
            runs: [stage.sweep.bare],
          },
        },
      ]
    : [];

/** The nearly-empty stage in a schema of its own (for measuring a kept schema beside it). */
const emptyStage = () =>
  withPostgres(async (database, schema) => {
    const d = await buildBenchDeployment(database, systemClock);
    await bulkGrievances(database, d, BASE, systemClock.now(), { insight: INSIGHT });
    return measure(database, schema, d, `${fmt(BASE)} grievances`);
  });

/** Insight's figures at full size; the rollups rebuilt from the history first unless they are there. */
async function insightAtScale(database: Database, schema: string, d: BenchDeployment, at: string) {
  const { rows: built } = await sql`select 1 from insight_dim_daily limit 1`.execute(database.db);
  const insight = built.length ? [] : [await prepareInsight(database, log)];
  insight.push(...(await measureInsight(database, schema, d, at, log)));
  console.log(`\n${table(insight)}\n`);
}

const summary = (empty: Stage, full: Stage) => {
  const r = (f?: Figure) => (f ? median(f.runs) : Number.NaN);
  log(`registration at scale / empty: ${(r(full.register[0]) / r(empty.register[0])).toFixed(2)}`);
  log(`lookup at scale / empty: ${(r(full.reads[0]) / r(empty.reads[0])).toFixed(2)}`);
  log(`(${RUNS} runs of ${SECONDS} s per figure)`);
};

if (EXISTING) {
  const stages = ['register', 'reads', 'sweep'].some((p) => ONLY.has(p));
  const empty = stages && BASE > 0 ? await emptyStage() : null;
  const database = await openPostgres(POSTGRES_URL, { schema: EXISTING, max: 10 });
  try {
    const d = await loadedDeployment(database);
    const { rows } = await sql<{ n: string }>`select count(*) as n from grievances`.execute(database.db);
    const at = `${fmt(Number(rows[0]?.n))} grievances`;
    if (stages) {
      const full = await measure(database, EXISTING, d, at);
      if (empty) {
        console.log(`\n${table(compare(empty, full), 'compared with')}\n`);
        summary(empty, full);
      } else console.log(`\n${table([...full.register, ...full.reads, ...sweepFigures(full)])}\n`);
    }
    if (ONLY.has('insight')) await insightAtScale(database, EXISTING, d, at);
  } finally {
    await database.close();
  }
  process.exit(0);
}

await withPostgres(async (database, schema) => {
  const d = await buildBenchDeployment(database, systemClock);
  await bulkGrievances(database, d, BASE, systemClock.now(), { insight: INSIGHT });
  const empty = await measure(database, schema, d, `${fmt(BASE)} grievances`);
  const started = performance.now();
  await bulkGrievances(database, d, ROWS - BASE, systemClock.now(), {
    batch: 250_000,
    rebuildIndexes: true,
    insight: INSIGHT,
    progress: (n) => log(`  ${fmt(BASE + n)} grievances`),
    log,
  });
  const { rows } = await sql<{ n: string }>`select count(*) as n from grievance_events`.execute(database.db);
  log(
    `loaded to ${fmt(ROWS)} grievances and ${fmt(Number(rows[0]?.n))} events in ${((performance.now() - started) / 60_000).toFixed(1)} min`,
  );
  const full = await measure(database, schema, d, `${fmt(ROWS)} grievances`);
  console.log(`\n${table(compare(empty, full), 'compared with')}\n`);
  // Insight at full size: the dashboard, lists, grading and exports (bench/insight.ts).
  if (ONLY.has('insight')) await insightAtScale(database, schema, d, `${fmt(ROWS)} grievances`);
  summary(empty, full);
});
