// `npm run bench`: every figure the performance issue sets a target for, measured on this machine over
// HTTP against the service running as its own process, beside the database's own ceiling measured in
// the same run (pgbench), as min/median/max of BENCH_RUNS runs of BENCH_SECONDS each. Prints one
// Markdown table (the README's Performance section carries it).
//
//   BENCH_ROWS        grievances already in the database for the read figures (default 100,000)
//   BENCH_BREACHED    grievances breached at once for the SLA sweep (default 100,000)
//   BENCH_PACED_LOOKUPS, BENCH_PACED_LISTS
//                     the open-loop rates (requests a second) for lookups (default 5,000, the issue's
//                     target, over 64 connections) and for the lists and counts (default 200, over 16);
//                     0 skips the open-loop figures
//   BENCH_READS       comma-separated reads to measure: lookup, queue, search, counts, overdue, centre
//                     (the command centre's queue) (default all; also for bench:scale)
//   BENCH_ONLY        comma-separated suites to run: register, reads, sweep, sip, ivr, insight, delivery
//                     (default all; insight: bench/insight.ts, with INSIGHT_ROWS)
//
// PostgreSQL is DATABASE_URL or the local server; each suite works in a schema of its own and drops it.
// Needs `wrk` and `pgbench` (Debian: wrk, postgresql-client), and `sipp` for the SIP figure (sip-tester).

import { sql } from 'kysely';
import { manualClock, systemClock } from '../src/clock.ts';
import { POOL_SIZE } from '../src/db/connection.ts';
import type { Database } from '../src/db/index.ts';
import { foldOpenCounts } from '../src/grievances/index.ts';
import { foldInsight } from '../src/insight/index.ts';
import { sweep } from '../src/sla/sweep.ts';
import { buildDeployment } from '../test/factories.ts';
import { type BenchDeployment, buildBenchDeployment, bulkGrievances, SEARCH_WORDS } from './data.ts';
import { deliveryFigures } from './delivery.ts';
import { insightFigures } from './insight.ts';
import {
  type Figure,
  linesFile,
  paced,
  pgbench,
  RUNS,
  registerEnv,
  repeat,
  SECONDS,
  schemaUrl,
  startServer,
  table,
  withPgliteDir,
  withPostgres,
  wrk,
} from './lib.ts';
import { readScript } from './pgbench/reads.ts';
import { searchScript } from './pgbench/search.ts';
import { sipFigures } from './sip.ts';
import { ivrFigures } from './voice.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const BREACHED = Number(process.env.BENCH_BREACHED ?? 100_000);
const PACED_LOOKUPS = Number(process.env.BENCH_PACED_LOOKUPS ?? 5000);
const PACED_LISTS = Number(process.env.BENCH_PACED_LISTS ?? 200);
const ONLY = new Set((process.env.BENCH_ONLY ?? 'register,reads,sweep,sip,ivr,insight,delivery').split(','));
const figures: Figure[] = [];
const log = (line: string) => console.error(line);

async function registration() {
  // PostgreSQL: the service under 32 connections, and the database's own ceilings in the same run.
  await withPostgres(async (database, schema) => {
    const d = await buildBenchDeployment(database, systemClock);
    const vars = { category: d.categoryId, department: d.departmentId, place: d.placeId };
    const server = await startServer({ DATABASE_URL: schemaUrl(schema) });
    const env = await registerEnv(d);
    try {
      const one: number[] = [];
      const three: number[] = [];
      const loads = await repeat(RUNS, async (i) => {
        one.push(await pgbench(schema, 'insert-one.sql', 32, vars));
        three.push(await pgbench(schema, 'insert-three.sql', 32, vars));
        const load = await wrk(server.base, 'register.lua', 32, env);
        log(
          `register postgres run ${i + 1}: ${JSON.stringify(load)}; ceilings ${one.at(-1)} / ${three.at(-1)}`,
        );
        return load;
      });
      const ceiling = { what: 'insert + event + outbox row, one transaction, pgbench', runs: three };
      figures.push(
        {
          what: 'register a grievance, PostgreSQL, 32 connections',
          unit: '/s',
          runs: loads.map((l) => l.perSecond),
          ceiling,
        },
        { what: '... p50 latency', unit: 'ms', runs: loads.map((l) => l.p50), lowerIsBetter: true },
        { what: '... p99 latency', unit: 'ms', runs: loads.map((l) => l.p99), lowerIsBetter: true },
        { what: 'one-row insert, same table and indexes (pgbench)', unit: '/s', runs: one },
      );
    } finally {
      await server.stop();
    }
  });
  // The embedded database: the same registrations, one process, PGlite in it.
  await withPgliteDir(async (dir, database) => {
    const d = await buildBenchDeployment(database, systemClock);
    await database.close();
    const server = await startServer({ DATABASE_URL: '', DATA_DIR: dir });
    const env = await registerEnv(d);
    try {
      const loads = await repeat(RUNS, async (i) => {
        const load = await wrk(server.base, 'register.lua', 32, env);
        log(`register pglite run ${i + 1}: ${JSON.stringify(load)}`);
        return load;
      });
      figures.push(
        {
          what: 'register a grievance, embedded PGlite, 32 connections',
          unit: '/s',
          runs: loads.map((l) => l.perSecond),
        },
        { what: '... p99 latency', unit: 'ms', runs: loads.map((l) => l.p99), lowerIsBetter: true },
      );
    } finally {
      await server.stop();
    }
  });
}

async function reads() {
  await withPostgres(async (database, schema) => {
    const d = await buildBenchDeployment(database, systemClock);
    const started = performance.now();
    await bulkGrievances(database, d, ROWS, systemClock.now(), {
      progress: (n) => log(`  ${n.toLocaleString('en')} grievances`),
    });
    log(`${ROWS.toLocaleString('en')} grievances in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    // Fold the bulk load's queued counts and insight events now, so the server under measurement
    // is not folding hundreds of thousands of them in its minute jobs while the figures are taken.
    await foldOpenCounts(database.db);
    await foldInsight(database.db);
    figures.push(...(await readFigures(database, schema, d, `${ROWS.toLocaleString('en')} grievances`)));
  });
}

/**
 * Which reads `readFigures` measures (BENCH_READS, comma-separated: lookup, queue, search, counts,
 * overdue, centre; default all).
 */
const READS = new Set((process.env.BENCH_READS ?? 'lookup,queue,search,counts,overdue,centre').split(','));

/** The read figures on a database as it stands, each with its target; `at` says how full it is. */
export async function readFigures(database: Database, schema: string, d: BenchDeployment, at: string) {
  const { rows: refs } = await sql<{ reference: string }>`
    select reference from grievances tablesample system (5) where citizen_id is not null limit 20000`.execute(
    database.db,
  );
  // What the ceilings' scripts (bench/pgbench) need: the span of ids to pick a reference from, an actor
  // for the audit rows, the officer's position.
  const span = await database.db
    .selectFrom('grievances')
    .select((eb) => [eb.fn.min('id').as('first'), eb.fn.max('id').as('last')])
    .executeTakeFirstOrThrow();
  const vars = {
    first: Number(span.first),
    last: Number(span.last),
    actor: 1,
    position: d.officerPositionId,
  };
  // Each read twice: a closed loop (wrk: every connection sends again as soon as it is answered), whose
  // rate is the most the service answers and whose latency at that rate is mostly queueing (mean
  // latency = connections / rate); and an open loop at a set rate (`paced`), whose latency is what a
  // caller waits at that load. The latency targets are for the second.
  const cases: {
    name: string;
    what: string;
    key: string;
    paths: string[];
    connections: number;
    target: string;
    rate: number;
    pacedConnections: number;
    /** The same statements replayed by pgbench over as many connections (bench/pgbench). */
    ceiling?: { script: string; what: string };
  }[] = [
    {
      name: 'lookup',
      what: 'lookup by reference (a read of personal data, audited), 64 connections',
      key: d.deskKey,
      paths: refs.map((r) => `/api/grievances/${r.reference}`),
      connections: 64,
      target: 'p99 < 5 ms, >= 5,000/s',
      rate: PACED_LOOKUPS,
      pacedConnections: 64,
      ceiling: {
        script: await readScript('lookup'),
        what: `the lookup's statements and an audit row each, pgbench over ${POOL_SIZE}`,
      },
    },
    {
      name: 'queue',
      what: "an officer's queue (open cases at their position)",
      key: d.officerKey,
      paths: [
        `/api/grievances?positionId=${d.officerPositionId}&status=assigned&status=in_progress&status=awaiting_info&limit=50`,
      ],
      connections: 32,
      target: 'p99 < 20 ms',
      rate: PACED_LISTS,
      pacedConnections: 16,
      ceiling: {
        script: await readScript('queue'),
        what: `the queue's statements and an audit row each, pgbench over ${POOL_SIZE}`,
      },
    },
    {
      name: 'search',
      what: 'search by words (q=)',
      key: d.deskKey,
      paths: SEARCH_WORDS.map((w) => `/api/grievances?q=${encodeURIComponent(w)}&limit=50`),
      connections: 32,
      target: 'p99 < 20 ms',
      rate: PACED_LISTS,
      pacedConnections: 16,
      ceiling: READS.has('search')
        ? {
            script: await searchScript(database, d.deskKey, SEARCH_WORDS),
            what: `the statements of a search for each word, recorded, and an audit row each, pgbench over ${POOL_SIZE}`,
          }
        : undefined,
    },
    {
      name: 'counts',
      what: 'command-centre counts (by department, by district)',
      key: d.deskKey,
      paths: ['/api/grievances/counts?by=department', '/api/grievances/counts?by=place&depth=2'],
      connections: 32,
      target: '< 50 ms',
      rate: PACED_LISTS,
      pacedConnections: 16,
      ceiling: {
        script: await readScript('counts'),
        what: `the counts' statements, pgbench over ${POOL_SIZE}`,
      },
    },
    {
      name: 'overdue',
      what: 'overdue list',
      key: d.deskKey,
      paths: ['/api/grievances?overdue=true&limit=50'],
      connections: 32,
      target: 'p99 < 20 ms',
      rate: PACED_LISTS,
      pacedConnections: 16,
      ceiling: {
        script: await readScript('overdue'),
        what: `the overdue list's statements and an audit row each, pgbench over ${POOL_SIZE}`,
      },
    },
    {
      name: 'centre',
      what: "the command centre's queue (its open cases, newest first)",
      key: d.deskKey,
      paths: ['/api/grievances?commandCentre=true&limit=50'],
      connections: 32,
      target: 'p99 < 20 ms',
      rate: PACED_LISTS,
      pacedConnections: 16,
      ceiling: {
        script: await readScript('centre'),
        what: `the centre's queue's statements and an audit row each, pgbench over ${POOL_SIZE}`,
      },
    },
  ];
  const out: Figure[] = [];
  const server = await startServer({ DATABASE_URL: schemaUrl(schema) });
  try {
    for (const c of cases.filter((c) => READS.has(c.name))) {
      const file = await linesFile(c.paths);
      const ceilings: number[] = [];
      const loads = await repeat(RUNS, async (i) => {
        // Over the service's own number of connections: the service never has more backends at work,
        // and 64 pgbench clients on two cores spend the machine switching between backends (the
        // lookup's statements: 1,190/s over 64 against 3,490/s over 10).
        if (c.ceiling) ceilings.push(await pgbench(schema, c.ceiling.script, POOL_SIZE, vars));
        const load = await wrk(server.base, 'get.lua', c.connections, {
          BENCH_KEY: c.key,
          BENCH_PATHS: file,
        });
        log(
          `${c.what} run ${i + 1}: ${JSON.stringify(load)}${c.ceiling ? `; ceiling ${ceilings.at(-1)}` : ''}`,
        );
        return load;
      });
      out.push(
        {
          what: `${c.what}, ${at}`,
          unit: '/s',
          runs: loads.map((l) => l.perSecond),
          ...(c.ceiling ? { ceiling: { what: c.ceiling.what, runs: ceilings } } : {}),
        },
        { what: '... p99, closed loop', unit: 'ms', runs: loads.map((l) => l.p99), lowerIsBetter: true },
      );
      if (!c.rate) continue;
      const open = await repeat(RUNS, async (i) => {
        const load = await paced(server.base, file, c.pacedConnections, c.rate, c.key);
        log(`${c.what} paced at ${c.rate}/s, run ${i + 1}: ${JSON.stringify(load)}`);
        return load;
      });
      const offered = `offered ${c.rate.toLocaleString('en')}/s over ${c.pacedConnections} connections`;
      out.push(
        { what: `... ${offered}: answered`, unit: '/s', runs: open.map((l) => l.answered) },
        { what: '... ... p50', unit: 'ms', runs: open.map((l) => l.p50), lowerIsBetter: true },
        {
          what: `... ... p99 (target ${c.target})`,
          unit: 'ms',
          runs: open.map((l) => l.p99),
          lowerIsBetter: true,
        },
      );
    }
  } finally {
    await server.stop();
  }
  return out;
}

async function slaSweep() {
  const runs = await repeat(RUNS, () =>
    withPostgres(async (database) => {
      const clock = manualClock('2026-03-02T04:30:00Z');
      const d = await buildDeployment({ db: database.db, clock });
      const past = new Date(clock.now().getTime() - 3_600_000);
      await sql`
        insert into grievances (reference, channel, category_id, department_id, place_id, subject, description, language,
                                status, position_id, level, rule_id, due_at, sla_started_at, sla_next_at, created_at, updated_at)
        select 'B' || lpad(n::text, 8, '0'), 'phone', ${d.category.id}, ${d.department.id}, ${d.village.id},
               'Bench grievance', 'Hand pump not working', 'hi', 'assigned', ${d.chain[0]?.id}, 1, ${d.rule.id},
               ${past}, ${past}, ${past}, ${past}, ${past}
        from generate_series(1, ${BREACHED}) as n`.execute(database.db);
      await sql`analyze grievances`.execute(database.db);
      const started = performance.now();
      const result = await sweep(database.db, clock);
      const seconds = (performance.now() - started) / 1000;
      log(`sla sweep: ${result.escalated} escalated in ${seconds.toFixed(2)} s`);
      return seconds;
    }),
  );
  figures.push({
    what: `SLA sweep, PostgreSQL: ${BREACHED.toLocaleString('en')} breached at once, all escalated`,
    unit: 's',
    runs,
    lowerIsBetter: true,
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  log(`bench: ${RUNS} runs of ${SECONDS} s per figure`);
  if (ONLY.has('register')) await registration();
  if (ONLY.has('reads')) await reads();
  if (ONLY.has('sweep')) await slaSweep();
  if (ONLY.has('sip')) figures.push(...(await sipFigures()));
  if (ONLY.has('ivr')) figures.push(...(await ivrFigures(log)));
  if (ONLY.has('insight')) figures.push(...(await insightFigures(log)));
  if (ONLY.has('delivery')) figures.push(...(await deliveryFigures(log)));
  console.log(`\n${table(figures)}\n`);
}
