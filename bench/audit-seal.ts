// What sealing costs the audit log (`npx tsx bench/audit-seal.ts`): audited lookups by reference
// (wrk, 64 connections, BENCH_RUNS runs of BENCH_SECONDS) against the service on PostgreSQL, then,
// once the sealer has caught up and the service has stopped, the server's own counts for the audit
// tables: rows inserted and updated, dead rows, and heap and index bytes per entry.
//
//   AUDIT_ROWS   grievances to look up (default 20,000)
import { sql } from 'kysely';
import { systemClock } from '../src/clock.ts';
import type { Database } from '../src/db/index.ts';
import { bulkGrievances } from './bulk.ts';
import { buildBenchDeployment } from './data.ts';
import { linesFile, RUNS, repeat, SECONDS, schemaUrl, startServer, withPostgres, wrk } from './lib.ts';

const ROWS = Number(process.env.AUDIT_ROWS ?? 20_000);
const log = (msg: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${msg}`);

async function tableFigures(database: Database, table: string) {
  const { rows } = await sql<Record<string, string>>`
    select n_tup_ins as inserted, n_tup_upd as updated, n_tup_hot_upd as hot, n_live_tup as live,
           n_dead_tup as dead, pg_relation_size(relid) as heap, pg_indexes_size(relid) as indexes
      from pg_stat_user_tables where relid = to_regclass(${table})`.execute(database.db);
  return rows[0] ? Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)])) : null;
}

await withPostgres(async (database, schema) => {
  const d = await buildBenchDeployment(database, systemClock);
  await bulkGrievances(database, d, ROWS, systemClock.now());
  const { rows: refs } = await sql<{ reference: string }>`
    select reference from grievances where citizen_id is not null limit 20000`.execute(database.db);
  const entriesBefore = Number(
    (await sql<{ n: string }>`select count(*) as n from audit_log`.execute(database.db)).rows[0]?.n,
  );
  const file = await linesFile(refs.map((r) => `/api/grievances/${r.reference}`));
  const server = await startServer({ DATABASE_URL: schemaUrl(schema) });
  let loads: Awaited<ReturnType<typeof wrk>>[];
  try {
    loads = await repeat(RUNS, async (i) => {
      const load = await wrk(server.base, 'get.lua', 64, { BENCH_KEY: d.deskKey, BENCH_PATHS: file });
      log(`lookups run ${i + 1}: ${JSON.stringify(load)}`);
      return load;
    });
  } finally {
    // Stopping seals what waits, and the service's connections report their counts as they close.
    await server.stop();
  }
  await new Promise((r) => setTimeout(r, 11_000));
  const entries = Number(
    (await sql<{ n: string }>`select count(*) as n from audit_log`.execute(database.db)).rows[0]?.n,
  );
  const log_ = await tableFigures(database, 'audit_log');
  const seals = await tableFigures(database, 'audit_seals');
  const bytes = (t: Record<string, number> | null) => (t?.heap ?? 0) + (t?.indexes ?? 0);
  console.log(
    JSON.stringify(
      {
        grievances: ROWS,
        lookupsPerSecond: loads.map((l) => Math.round(l.perSecond)),
        errors: loads.reduce((n, l) => n + l.errors, 0),
        auditedReads: entries - entriesBefore,
        entries,
        audit_log: log_,
        audit_seals: seals,
        heapBytesPerEntry: Math.round(((log_?.heap ?? 0) + (seals?.heap ?? 0)) / entries),
        indexBytesPerEntry: Math.round(((log_?.indexes ?? 0) + (seals?.indexes ?? 0)) / entries),
        totalBytesPerEntry: Math.round((bytes(log_) + bytes(seals)) / entries),
      },
      null,
      2,
    ),
  );
  log(`${SECONDS} s runs done`);
});
