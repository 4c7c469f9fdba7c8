// `npm run bench`: the figures the issues set targets for, measured on this machine.
//   SLA sweep: 100,000 grievances breached at once (after an outage, or a long weekend), time until all
//   are escalated. Target: 10 s on PostgreSQL on 2 cores.
//   Registration: grievances registered per second, many at once.
// PostgreSQL is DATABASE_URL or the local server; each run works in a schema of its own and drops it.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { manualClock } from '../src/clock.ts';
import { type Database, migrate, openPglite, openPostgres } from '../src/db/index.ts';
import { sweep } from '../src/sla/sweep.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../test/factories.ts';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BREACHED = Number(process.env.BENCH_BREACHED ?? 100_000);
const REGISTRATIONS = Number(process.env.BENCH_REGISTRATIONS ?? 2_000);

async function withPostgres<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = await openPostgres(url, { max: 1 });
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  const database = await openPostgres(url, { schema, max: 10 });
  try {
    await migrate(database);
    return await fn(database);
  } finally {
    await database.close();
    await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.db);
    await admin.close();
  }
}

async function withPglite<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openPglite();
  try {
    await migrate(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** `count` grievances at L1 of the deployment's chain, all past their due time, inserted in bulk. */
async function breachedGrievances(database: Database, d: Deployment, count: number, now: Date) {
  const past = new Date(now.getTime() - 3_600_000);
  const rule = d.rule.id;
  await sql`
    insert into grievances (reference, channel, category_id, department_id, place_id, subject, description, language,
                            status, position_id, level, rule_id, due_at, sla_started_at, sla_next_at, created_at, updated_at)
    select 'B' || lpad(n::text, 8, '0'), 'phone', ${d.category.id}, ${d.department.id}, ${d.village.id},
           'Bench grievance', 'Hand pump not working', 'hi', 'assigned', ${d.chain[0]?.id}, 1, ${rule},
           ${past}, ${past}, ${past}, ${past}, ${past}
    from generate_series(1, ${count}) as n`.execute(database.db);
}

async function benchSweep(name: string, database: Database, count: number) {
  const clock = manualClock('2026-03-02T04:30:00Z');
  const d = await buildDeployment({ db: database.db, clock });
  await breachedGrievances(database, d, count, clock.now());
  await sql`analyze grievances`.execute(database.db);
  const started = performance.now();
  const result = await sweep(database.db, clock);
  const seconds = (performance.now() - started) / 1000;
  const left = await database.db
    .selectFrom('grievances')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('level', '=', 1)
    .executeTakeFirstOrThrow();
  console.log(
    `sla sweep   ${name.padEnd(9)} ${count.toLocaleString('en')} breached: escalated ${result.escalated.toLocaleString('en')} in ${seconds.toFixed(2)} s ` +
      `(${Math.round(result.escalated / seconds).toLocaleString('en')}/s), ${left.n} left at L1`,
  );
}

async function benchRegistration(name: string, database: Database, count: number) {
  const clock = manualClock('2026-03-02T04:30:00Z');
  const d = await buildDeployment({ db: database.db, clock });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      buildGrievance({ db: database.db, clock }, d, {
        citizen: { phone: `+9198${String(i).padStart(8, '0')}` },
      }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `register    ${name.padEnd(9)} ${count.toLocaleString('en')} at once in ${seconds.toFixed(2)} s (${Math.round(count / seconds)}/s)`,
  );
}

await withPostgres((db) => benchSweep('postgres', db, BREACHED));
await withPglite((db) => benchSweep('pglite', db, Math.min(BREACHED, 20_000)));
await withPostgres((db) => benchRegistration('postgres', db, REGISTRATIONS));
await withPglite((db) => benchRegistration('pglite', db, REGISTRATIONS));
