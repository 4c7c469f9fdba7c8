// `npx tsx bench/load.ts`: loads the benchmark deployment and LOAD_ROWS grievances with their histories
// into a PostgreSQL schema of its own and keeps it, for measuring dashboards, exports and plans at scale
// by hand. Prints how to start the service on it and the API keys to call it with.
//
//   LOAD_SCHEMA   the schema to create (default civicline_scale); refused if it exists
//   LOAD_ROWS     grievances (default 10,000,000)
//   LOAD_INSIGHT  0 to skip rebuilding the insight rollups (the longest step; `npm run insight:rebuild`
//                 does it later)
//
// The deployment (ids, API keys) is kept in the schema's table bench_deployment, so `SCALE_SCHEMA=<schema>
// npm run bench:scale` measures the loaded schema without loading it again (see loadedDeployment).
//
// Drop it afterwards: psql -c 'drop schema civicline_scale cascade'.
import { sql } from 'kysely';
import { systemClock } from '../src/clock.ts';
import { migrate, openPostgres } from '../src/db/index.ts';
import { buildBenchDeployment, bulkGrievances, keepDeployment } from './data.ts';
import { POSTGRES_URL, schemaUrl } from './lib.ts';

const schema = process.env.LOAD_SCHEMA ?? 'civicline_scale';
const rows = Number(process.env.LOAD_ROWS ?? 10_000_000);
const log = (line: string) => console.error(`${new Date().toISOString().slice(11, 19)} ${line}`);

const admin = await openPostgres(POSTGRES_URL, { max: 1 });
const { rows: existing } = await sql`select 1 from pg_namespace where nspname = ${schema}`.execute(admin.db);
if (existing.length) {
  await admin.close();
  throw new Error(`schema ${schema} exists: drop it first, or name another with LOAD_SCHEMA`);
}
await sql`create schema ${sql.id(schema)}`.execute(admin.db);
await admin.close();

const database = await openPostgres(POSTGRES_URL, { schema, max: 4 });
try {
  await migrate(database);
  const d = await buildBenchDeployment(database, systemClock);
  await keepDeployment(database, d);
  const started = performance.now();
  await bulkGrievances(database, d, rows, systemClock.now(), {
    rebuildIndexes: rows >= 1_000_000,
    insight: process.env.LOAD_INSIGHT !== '0',
    progress: (n) => log(`  ${n.toLocaleString('en')} grievances`),
    log,
  });
  log(`loaded in ${((performance.now() - started) / 60_000).toFixed(1)} min`);
  console.log(`
Schema ${schema}: ${rows.toLocaleString('en')} grievances.
Start the service on it:  DATABASE_URL='${schemaUrl(schema)}' SEED_DEMO=false npx tsx src/main.ts
API key (agent, supervisor, intake; everywhere): ${d.deskKey}
API key (an officer at position ${d.officerPositionId}): ${d.officerKey}
`);
} finally {
  await database.close();
}
