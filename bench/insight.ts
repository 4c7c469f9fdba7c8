// Insight's figures (`BENCH_ONLY=insight npm run bench`, and at the end of `npm run bench:scale`): the
// main dashboard's latency (the five reads its screen makes at once, as one page view: p95, target
// 200 ms, from the rollups alone), a drill-down list page, the command-and-control wall, the grading of
// one month, and an export of every grievance received in the loaded period as XLSX and CSV: rows per
// second, how soon the first byte came, and the server process's memory meanwhile (it must not grow
// with the rows): its peak resident growth in each half of an export, and in a second run the heap and
// buffers still live after a full collection (bench/held-memory.ts), which tells garbage from retention.
//
//   INSIGHT_ROWS    grievances loaded for the suite (default 100,000)
//   INSIGHT_SAMPLES page views per run for each latency (default 40)
//   INSIGHT_EXPORT_DAYS  the export's period: grievances received in this many days (default 121, every
//                   one loaded at 100,000; at ten million a few days make hundreds of thousands of rows)
//   INSIGHT_EXPORT_SECONDS  read each export for at most this long and count its rows by line (CSV
//                   only); 0, the default, reads it whole
//   INSIGHT_ONLY    comma-separated figures: explain, dashboard, drill, wall, grading, report, export
//                   (default all)
//
// The grievances come from bench/data.ts (created over 120 days, two events each); this adds the
// resolutions and closures their statuses imply, set-based, where the loader has not, then builds the
// rollups from the history (itself a figure: `npm run insight:rebuild`).
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { createApiClient } from '../src/access/users.ts';
import { systemClock } from '../src/clock.ts';
import type { Database } from '../src/db/index.ts';
import { rebuildInsight } from '../src/insight/index.ts';
import { MEASURES } from '../src/insight/measures.ts';
import { analyzeSchema } from './bulk.ts';
import { type BenchDeployment, buildBenchDeployment, bulkGrievances } from './data.ts';
import { type Figure, RUNS, repeat, type Server, schemaUrl, startServer, withPostgres } from './lib.ts';

const ROWS = Number(process.env.INSIGHT_ROWS ?? 100_000);
const SAMPLES = Number(process.env.INSIGHT_SAMPLES ?? 40);
const EXPORT_DAYS = Number(process.env.INSIGHT_EXPORT_DAYS ?? 121);
/** Stop reading an export after this many seconds (CSV only then: rows are counted by line). */
const EXPORT_SECONDS = Number(process.env.INSIGHT_EXPORT_SECONDS ?? 0);
const ONLY = new Set(
  (process.env.INSIGHT_ONLY ?? 'explain,dashboard,drill,wall,grading,report,export').split(','),
);
const fmt = (n: number) => n.toLocaleString('en');

/** Resolution and closure events for grievances whose status says they happened, where missing. */
export async function resolutionEvents(database: Database) {
  const db = database.db;
  await sql`
    insert into grievance_events (grievance_id, at, kind, from_status, to_status, actor_kind, position_id, data)
    select g.id, g.resolved_at, 'resolved', 'in_progress', 'resolved', 'officer', g.position_id,
      jsonb_build_object('dueAt', g.created_at + interval '7 days')
        || case when g.id % 3 = 0 then '{"attachmentIds": [1]}'::jsonb else '{}'::jsonb end
    from grievances g
    where g.resolved_at is not null
      and not exists (select 1 from grievance_events e where e.grievance_id = g.id and e.kind = 'resolved')`.execute(
    db,
  );
  await sql`
    insert into grievance_events (grievance_id, at, kind, from_status, to_status, actor_kind, position_id, data)
    select g.id, g.closed_at, 'closed', 'resolved', 'closed', 'citizen', g.position_id,
      case when g.id % 10 < 7 then jsonb_build_object('reason', 'citizen_satisfied', 'rating', 3 + g.id % 3)
           else '{"reason": "no_response"}'::jsonb end
    from grievances g
    where g.status = 'closed' and g.closed_at is not null
      and not exists (select 1 from grievance_events e where e.grievance_id = g.id and e.kind = 'closed')`.execute(
    db,
  );
}

const day = (d: Date) => d.toISOString().slice(0, 10);
function p95(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] as number;
}

/** The resident memory of a process now, in MB (Linux). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

/** The server's heap and buffers after a full collection, in MB (it runs bench/held-memory.ts). */
async function heldMb(server: Server): Promise<number> {
  const seen = server.output().length;
  server.process.kill('SIGUSR2');
  for (let i = 0; i < 500; i++) {
    const line = /held-memory (\{.*\})/.exec(server.output().slice(seen));
    if (line) {
      const m = JSON.parse(line[1] as string) as { heapUsed: number; arrayBuffers: number };
      return (m.heapUsed + m.arrayBuffers) / 1024 / 1024;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return Number.NaN;
}

/**
 * The server's own time for the dashboard's four flow reads, from the fine rollup (as before 0086) and
 * from the narrow one (as now), by EXPLAIN ANALYZE on the same data: on a shared machine this says what
 * the database does, apart from the HTTP round trip and the queueing a loaded machine adds.
 */
async function explainReads(database: Database, from: string, to: string, log: (line: string) => void) {
  const sums = MEASURES.map((m) => `sum(g.${m}) as ${m}`).join(', ');
  const keys = { department: 'g.department_id', day: 'g.day', channel: 'g.channel', level: 'g.level' };
  const out: Figure[] = [];
  for (const [by, key] of Object.entries(keys)) {
    const ms: Record<string, number[]> = { fine: [], narrow: [] };
    const rows: Record<string, number> = {};
    for (const [kind, table] of [
      ['fine', `insight_daily where`],
      ['narrow', `insight_dim_daily where dim = '${by === 'day' ? 'total' : by}' and`],
    ] as const) {
      for (let i = 0; i < 5; i++) {
        const { rows: plan } = await sql<{
          'QUERY PLAN': { 'Execution Time': number; Plan: { 'Plan Rows': number } }[];
        }>`
          explain (analyze, format json) select ${sql.raw(key)} as key, ${sql.raw(sums)}
          from (select * from ${sql.raw(table)} day >= ${from}::date and day <= ${to}::date) g
          left join places pl on pl.id = g.place_id group by 1`.execute(database.db);
        const top = plan[0]?.['QUERY PLAN'][0];
        if (i > 0) ms[kind]?.push(top?.['Execution Time'] ?? Number.NaN); // the first warms the cache
      }
      const { rows: n } = await sql<{
        n: string;
      }>`select count(*) as n from ${sql.raw(table)} day >= ${from}::date
        and day <= ${to}::date`.execute(database.db);
      rows[kind] = Number(n[0]?.n ?? 0);
    }
    log(
      `explain by=${by}: fine ${JSON.stringify(ms.fine)} ms over ${fmt(rows.fine ?? 0)} rows, narrow ${JSON.stringify(ms.narrow)} ms over ${fmt(rows.narrow ?? 0)} rows`,
    );
    out.push(
      {
        what: `EXPLAIN ANALYZE figures by ${by}, 30 days, fine rollup (${fmt(rows.fine ?? 0)} rows)`,
        unit: 'ms',
        runs: ms.fine ?? [],
        lowerIsBetter: true,
      },
      {
        what: `... narrow rollup (${fmt(rows.narrow ?? 0)} rows)`,
        unit: 'ms',
        runs: ms.narrow ?? [],
        lowerIsBetter: true,
      },
    );
  }
  return out;
}

/** Insight's figures on a database as it stands (rollups built). */
export async function measureInsight(
  database: Database,
  schema: string,
  d: BenchDeployment,
  at: string,
  log: (line: string) => void,
): Promise<Figure[]> {
  const now = systemClock.now();
  const from = day(new Date(now.getTime() - 30 * 86_400_000));
  const to = day(now);
  const whole = day(new Date(now.getTime() - EXPORT_DAYS * 86_400_000));
  const lastMonth = (() => {
    const m = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    return m.toISOString().slice(0, 7);
  })();
  // With a full collection on demand, for the exports' live memory (bench/held-memory.ts).
  const server = await startServer({ DATABASE_URL: schemaUrl(schema) }, [
    '--expose-gc',
    '--import',
    'tsx',
    '--import',
    './bench/held-memory.ts',
  ]);
  const headers = { authorization: `Bearer ${d.deskKey}` };
  const get = async (path: string) => {
    const res = await fetch(`${server.base}${path}`, { headers });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.arrayBuffer();
  };
  const period = `from=${from}&to=${to}`;
  const dashboard = [
    `/api/insight/figures?${period}&by=department`,
    `/api/insight/figures?${period}&by=day`,
    `/api/insight/figures?${period}&by=channel`,
    `/api/insight/figures?${period}&by=level`,
    '/api/insight/pending?by=department',
  ];
  /** Page views one after another; each view's time is its slowest request (they go out together). */
  const views = async (paths: string[]) => {
    for (let i = 0; i < 3; i++) await Promise.all(paths.map(get)); // warm: plans, caches
    const times: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const started = performance.now();
      await Promise.all(paths.map(get));
      times.push(performance.now() - started);
    }
    return p95(times);
  };
  const out: Figure[] = ONLY.has('explain') ? await explainReads(database, from, to, log) : [];
  const grading = async () => {
    const runs = await repeat(RUNS, async (i) => {
      const started = performance.now();
      await get(`/api/insight/grades?formula=cmh181&month=${lastMonth}&unit=place&depth=2`);
      const s = (performance.now() - started) / 1000;
      log(`grading ${lastMonth} run ${i + 1}: ${s.toFixed(2)} s`);
      return s;
    });
    out.push({
      what: `grading one month (cmh181, every district), ${at}`,
      unit: 's',
      runs,
      lowerIsBetter: true,
    });
  };
  // A monthly figures report by department sent now to every district officer (the chain's L2
  // positions): each position's copy is made through its own read policy, all in one transaction.
  const report = async () => {
    const admin = await createApiClient(database.db, systemClock, {
      name: 'bench admin',
      dangerousScope: true,
      grants: [{ role: 'admin' }],
    });
    const asAdmin = { authorization: `Bearer ${admin.key}`, 'content-type': 'application/json' };
    const positionIds = [...new Set(d.combos.map((c) => c.chain[1]))];
    const created = await fetch(`${server.base}/api/insight/report-schedules`, {
      method: 'POST',
      headers: asAdmin,
      body: JSON.stringify({
        name: 'Bench: monthly figures by department',
        report: 'figures',
        params: { by: 'department' },
        frequency: 'monthly',
        day: 1,
        format: 'xlsx',
        language: 'en',
        positionIds,
      }),
    });
    if (created.status !== 201 && created.status !== 200)
      throw new Error(`report schedule: ${created.status} ${await created.text()}`);
    const { id } = (await created.json()) as { id: number };
    const runs = await repeat(RUNS, async (i) => {
      const started = performance.now();
      const res = await fetch(`${server.base}/api/insight/report-schedules/${id}/send`, {
        method: 'POST',
        headers: { authorization: asAdmin.authorization },
      });
      if (res.status !== 200) throw new Error(`send report: ${res.status} ${await res.text()}`);
      const s = (performance.now() - started) / 1000;
      log(`report to ${positionIds.length} positions run ${i + 1}: ${s.toFixed(2)} s`);
      return s;
    });
    out.push({
      what: `scheduled figures report (last month by department) to ${positionIds.length} positions, ${at}`,
      unit: 's',
      runs,
      lowerIsBetter: true,
    });
  };
  const exports = async () => {
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from grievances where created_at >= ${whole}::date`.execute(database.db);
    const count = Number(rows[0]?.n ?? 0);
    const pid = server.process.pid as number;
    for (const format of EXPORT_SECONDS ? (['csv'] as const) : (['xlsx', 'csv'] as const)) {
      // Two runs: the first measures resident memory as the service runs (garbage included, collected
      // when V8 chooses); the second asks for a full collection every 2 s and measures what stays live.
      const results = await repeat(2, async (i) => {
        const collect = i % 2 === 1;
        const base = rssMb(pid);
        const baseHeld = collect ? await heldMb(server) : Number.NaN;
        const rss: [number, number][] = [];
        let held = baseHeld;
        let running = true;
        const sampler = setInterval(() => rss.push([performance.now(), rssMb(pid)]), 100);
        const collector = (async () => {
          while (collect && running) {
            await new Promise((r) => setTimeout(r, 2000));
            if (running) held = Math.max(held, await heldMb(server));
          }
        })();
        const started = performance.now();
        const res = await fetch(
          `${server.base}/api/insight/grievances.${format}?figure=received&from=${whole}&to=${to}`,
          { headers },
        );
        let first = Number.NaN;
        let bytes = 0;
        let lines = 0;
        const reader = (res.body as ReadableStream<Uint8Array>).getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          if (Number.isNaN(first)) first = performance.now() - started;
          bytes += value.length;
          for (const b of value) if (b === 10) lines++;
          if (EXPORT_SECONDS && performance.now() - started > EXPORT_SECONDS * 1000) {
            await reader.cancel();
            break;
          }
        }
        const ended = performance.now();
        const seconds = (ended - started) / 1000;
        running = false;
        clearInterval(sampler);
        await collector;
        // Cut short: the rows read (lines less the header) in the time read.
        const rows = EXPORT_SECONDS ? Math.max(0, lines - 1) : count;
        // Memory that grew with the rows would peak later in the export than earlier: each half's peak.
        const half = (started + ended) / 2;
        const peakOf = (xs: [number, number][]) => Math.max(base, ...xs.map(([, mb]) => mb));
        const r = {
          collect,
          perSecond: rows / seconds,
          rows,
          seconds,
          first,
          bytes,
          growth: peakOf(rss) - base,
          firstHalf: peakOf(rss.filter(([t]) => t < half)) - base,
          secondHalf: peakOf(rss.filter(([t]) => t >= half)) - base,
          held: held - baseHeld,
        };
        log(`export ${format} run ${i + 1}: ${JSON.stringify(r)}`);
        return r;
      });
      const natural = results.filter((r) => !r.collect);
      const collected = results.filter((r) => r.collect);
      out.push(
        {
          what: `export ${EXPORT_SECONDS ? `(the first ${EXPORT_SECONDS} s) of ` : ''}${fmt(count)} rows as ${format.toUpperCase()}, ${at}`,
          unit: 'rows/s',
          runs: results.map((r) => r.perSecond),
        },
        { what: '... first byte after', unit: 'ms', runs: results.map((r) => r.first), lowerIsBetter: true },
        {
          what: '... server resident memory, peak growth during the export (first half / second half)',
          unit: `MB (${natural.map((r) => `${r.firstHalf.toFixed(0)} / ${r.secondHalf.toFixed(0)}`).join(', ')})`,
          runs: natural.map((r) => r.growth),
          lowerIsBetter: true,
        },
        {
          what: '... server heap and buffers live after a full collection (every 2 s), peak growth',
          unit: 'MB',
          runs: collected.map((r) => r.held),
          lowerIsBetter: true,
        },
      );
    }
  };
  try {
    const latency = async (what: string, paths: string[], target: string) => {
      const runs = await repeat(RUNS, async (i) => {
        const ms = await views(paths);
        log(`${what} run ${i + 1}: p95 ${ms.toFixed(1)} ms`);
        return ms;
      });
      out.push({ what: `${what}, ${at}: p95 (target ${target})`, unit: 'ms', runs, lowerIsBetter: true });
    };
    if (ONLY.has('dashboard'))
      await latency('main dashboard (5 reads at once, 30 days)', dashboard, '200 ms');
    if (ONLY.has('drill'))
      await latency(
        'drill-down list (received in 30 days, one department, 50 a page)',
        [`/api/insight/grievances?figure=received&${period}&departmentId=${d.departmentId}&limit=50`],
        '200 ms',
      );
    if (ONLY.has('wall')) await latency('command-and-control wall', ['/api/insight/wall'], '200 ms');
    if (ONLY.has('grading')) await grading();
    if (ONLY.has('report')) await report();
    if (ONLY.has('export')) await exports();
  } finally {
    await server.stop();
  }
  return out;
}

/** Loads the rollups' history and builds them (a figure of its own), ready for measureInsight. */
export async function prepareInsight(database: Database, log: (line: string) => void): Promise<Figure> {
  await resolutionEvents(database);
  const { rows } = await sql<{ n: string }>`select count(*) as n from grievance_events`.execute(database.db);
  const started = performance.now();
  await rebuildInsight(database.db);
  const seconds = (performance.now() - started) / 1000;
  await analyzeSchema(database.db);
  log(`rollups rebuilt from ${fmt(Number(rows[0]?.n))} events in ${seconds.toFixed(1)} s`);
  return {
    what: `rebuild the rollups from the history (${fmt(Number(rows[0]?.n))} events)`,
    unit: 's',
    runs: [seconds],
    lowerIsBetter: true,
  };
}

export async function insightFigures(log: (line: string) => void): Promise<Figure[]> {
  return withPostgres(async (database, schema) => {
    const d = await buildBenchDeployment(database, systemClock);
    const started = performance.now();
    await bulkGrievances(database, d, ROWS, systemClock.now(), {
      rebuildIndexes: ROWS >= 1_000_000,
      progress: (n) => log(`  ${fmt(n)} grievances`),
    });
    log(`${fmt(ROWS)} grievances in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    const rebuild = await prepareInsight(database, log);
    return [rebuild, ...(await measureInsight(database, schema, d, `${fmt(ROWS)} grievances`, log))];
  });
}
