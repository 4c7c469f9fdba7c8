// `npx tsx bench/cost.ts`: what one request costs, measured so that a busy machine does not change the
// answer. Wall-clock figures (requests a second, latencies) depend on whatever else the machine is
// doing; the CPU time the server process and its PostgreSQL backends spend per request, and the number
// of statements each request sends, do not. Each figure runs COST_REQUESTS requests, COST_CONCURRENCY
// at a time, after a warm-up, against the service as its own process (bench/probe.ts counts its
// statements and CPU).
//
//   COST_ROWS         grievances in the database (default 100,000)
//   COST_REQUESTS     requests per figure (default 2,000)
//   COST_CONCURRENCY  requests in flight (default 8)
//   COST_ONLY         comma-separated: lookup, queue, search, counts, overdue, register, pglite
//   COST_CPU_PROF     a folder: the server writes a V8 CPU profile there when it stops
//   COST_TEXTS        print the statements each figure sent, by count
//   COST_AS           connect as this role (one with log_statement = 'all' logs every statement in full)

import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { sql } from 'kysely';
import { systemClock } from '../src/clock.ts';
import type { Database } from '../src/db/index.ts';
import { type BenchDeployment, buildBenchDeployment, bulkGrievances, SEARCH_WORDS } from './data.ts';
import { ROOT, type Server, schemaUrl, startServer, withPgliteDir, withPostgres } from './lib.ts';

const ROWS = Number(process.env.COST_ROWS ?? 100_000);
const REQUESTS = Number(process.env.COST_REQUESTS ?? 2_000);
const CONCURRENCY = Number(process.env.COST_CONCURRENCY ?? 8);
const ONLY = new Set(
  (process.env.COST_ONLY ?? 'lookup,queue,search,counts,overdue,register,pglite').split(','),
);
const APP = 'civicline-cost';
const log = (line: string) => console.error(line);

interface Probe {
  user: number;
  system: number;
  statements: number;
  texts: Record<string, number>;
}

/** Asks the server for its counters (SIGUSR2) and reads them from its output. */
async function probe(server: Server): Promise<Probe> {
  const before = server.output().length;
  server.process.kill('SIGUSR2');
  for (let i = 0; i < 200; i++) {
    const line = /probe (\{.*\})\n/.exec(server.output().slice(before));
    if (line) return JSON.parse(line[1] as string) as Probe;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the server did not answer the probe');
}

/** CPU time (µs) of the PostgreSQL backends serving the service (by application_name). */
async function backendsCpu(admin: Database | null): Promise<number> {
  if (!admin) return 0;
  const { rows } = await sql<{ pid: number }>`
    select pid from pg_stat_activity where application_name = ${APP}`.execute(admin.db);
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The backend ended meanwhile.
    }
  }
  return ticks * 10_000; // USER_HZ is 100 on Linux
}

type Request = () => { method: string; path: string; body?: string };

async function fire(base: string, key: string, make: Request, n: number, concurrency: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL(base);
  let sent = 0;
  let failed = 0;
  let lastError = '';
  const one = () =>
    new Promise<void>((resolve) => {
      const r = make();
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: r.method,
          path: r.path,
          headers: {
            authorization: `Bearer ${key}`,
            ...(r.body ? { 'content-type': 'application/json' } : {}),
          },
        },
        (res) => {
          let body = '';
          res.on('data', (d) => {
            body += d;
          });
          res.on('end', () => {
            if ((res.statusCode ?? 500) >= 300) {
              failed++;
              lastError = `${res.statusCode} ${body.slice(0, 200)}`;
            }
            resolve();
          });
        },
      );
      req.on('error', (e) => {
        failed++;
        lastError = String(e);
        resolve();
      });
      req.end(r.body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent < n) {
        sent++;
        await one();
      }
    }),
  );
  agent.destroy();
  if (failed) log(`  ${failed} failed; last: ${lastError}`);
  return (performance.now() - started) / 1000;
}

async function measure(what: string, server: Server, admin: Database | null, key: string, make: Request) {
  await fire(server.base, key, make, Math.min(500, REQUESTS), CONCURRENCY); // warm-up: caches, plans, JIT
  const [p0, b0] = [await probe(server), await backendsCpu(admin)];
  const seconds = await fire(server.base, key, make, REQUESTS, CONCURRENCY);
  const [p1, b1] = [await probe(server), await backendsCpu(admin)];
  const per = (a: number, b: number) => (b - a) / REQUESTS;
  const node = per(p0.user + p0.system, p1.user + p1.system);
  const db = per(b0, b1);
  const line = `${what}: node ${node.toFixed(0)} µs/request (user ${per(p0.user, p1.user).toFixed(0)}), ${
    admin ? `postgres ${db.toFixed(0)} µs/request, ` : ''
  }${per(p0.statements, p1.statements).toFixed(2)} statements/request (${REQUESTS} requests, ${CONCURRENCY} at once, ${(REQUESTS / seconds).toFixed(0)}/s wall)`;
  console.log(line);
  if (process.env.COST_TEXTS) {
    for (const [text, n] of Object.entries(p1.texts)) {
      const d = n - (p0.texts[text] ?? 0);
      if (d > 0) console.log(`    ${(d / REQUESTS).toFixed(2)}  ${text}`);
    }
  }
  return { node, db };
}

const registerBody = (d: BenchDeployment) => () => ({
  method: 'POST',
  path: '/api/grievances',
  body: JSON.stringify({
    categoryId: d.categoryId,
    placeId: d.placeId,
    subject: 'No water for three days',
    description:
      'The hand pump near the primary school has been broken since Monday and the village has no other source.',
    language: 'hi',
    channel: 'phone',
    citizen: { phone: `+9190${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}` },
  }),
});

const probeArgs = () => [
  '--import',
  'tsx',
  '--import',
  path.join(ROOT, 'bench/probe.ts'),
  ...(process.env.COST_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.COST_CPU_PROF}`] : []),
];

async function onPostgres() {
  await withPostgres(async (database, schema) => {
    const d = await buildBenchDeployment(database, systemClock);
    if (ROWS) {
      const started = performance.now();
      await bulkGrievances(database, d, ROWS, systemClock.now(), { log });
      log(
        `${ROWS.toLocaleString('en')} grievances in ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
    }
    const url = new URL(schemaUrl(schema));
    url.searchParams.set('application_name', APP);
    if (process.env.COST_AS) url.username = process.env.COST_AS;
    const server = await startServer({ DATABASE_URL: url.toString() }, probeArgs());
    try {
      const { rows: refs } = await sql<{ reference: string }>`
        select reference from grievances where citizen_id is not null order by random() limit 5000`.execute(
        database.db,
      );
      const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)] as T;
      const get = (paths: string[]) => () => ({ method: 'GET', path: pick(paths) });
      if (ONLY.has('lookup'))
        await measure(
          'lookup by reference',
          server,
          database,
          d.deskKey,
          get(refs.map((r) => `/api/grievances/${r.reference}`)),
        );
      if (ONLY.has('queue'))
        await measure(
          "officer's queue",
          server,
          database,
          d.officerKey,
          get([
            `/api/grievances?positionId=${d.officerPositionId}&status=assigned&status=in_progress&status=awaiting_info&limit=50`,
          ]),
        );
      if (ONLY.has('search'))
        await measure(
          'search q=',
          server,
          database,
          d.deskKey,
          get(SEARCH_WORDS.map((w) => `/api/grievances?q=${encodeURIComponent(w)}&limit=50`)),
        );
      if (ONLY.has('counts'))
        await measure(
          'command-centre counts',
          server,
          database,
          d.deskKey,
          get(['/api/grievances/counts?by=department', '/api/grievances/counts?by=place&depth=2']),
        );
      if (ONLY.has('overdue'))
        await measure(
          'overdue list',
          server,
          database,
          d.deskKey,
          get(['/api/grievances?overdue=true&limit=50']),
        );
      if (ONLY.has('register'))
        await measure('register (PostgreSQL)', server, database, d.deskKey, registerBody(d));
    } finally {
      await server.stop();
    }
  });
}

async function onPglite() {
  await withPgliteDir(async (dir, database) => {
    const d = await buildBenchDeployment(database, systemClock);
    await database.close();
    const server = await startServer({ DATABASE_URL: '', DATA_DIR: dir }, probeArgs());
    try {
      await measure('register (PGlite, in process)', server, null, d.deskKey, registerBody(d));
    } finally {
      await server.stop();
    }
  });
}

if (['lookup', 'queue', 'search', 'counts', 'overdue', 'register'].some((k) => ONLY.has(k)))
  await onPostgres();
if (ONLY.has('pglite')) await onPglite();
