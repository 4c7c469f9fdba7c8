// Durable timers: the SLA sweep runs on pg-boss. After a restart, whatever fell due while the service was
// down is done at once, without waiting for the next tick.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openTestPgliteIn, openTestPostgres } from '../test/databases.ts';
import { buildDeployment, buildGrievance } from '../test/factories.ts';
import { manualClock } from './clock.ts';
import { type Database, migrate, openPglite, openPostgres } from './db/index.ts';
import { getGrievance } from './grievances/index.ts';
import { startJobs } from './jobs.ts';

const DAY = 86_400_000;

async function waitFor<T>(what: () => Promise<T>, ok: (value: T) => boolean, seconds = 30): Promise<T> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    const value = await what();
    if (ok(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

interface Store {
  name: string;
  open(): Promise<Database>;
  cleanup(): Promise<void>;
}

function pgliteStore(): Store {
  let dir: string | undefined;
  return {
    name: 'pglite',
    async open() {
      // The first open copies the migrated cluster into a new folder; later ones reopen it.
      if (!dir) {
        dir = await mkdtemp(path.join(tmpdir(), 'civicline-jobs-'));
        return openTestPgliteIn(dir);
      }
      const database = await openPglite(dir);
      await migrate(database);
      return database;
    },
    cleanup: async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

function postgresStore(url: string): Store {
  let schema: string | undefined;
  let first: Database | undefined;
  return {
    name: 'postgres',
    async open() {
      if (!first) {
        first = await openTestPostgres(url);
        schema = ((await first.executeSql('select current_schema() as s')).rows[0] as { s: string }).s;
        return { ...first, close: async () => undefined }; // kept for cleanup; "closing" it is the restart
      }
      return openPostgres(url, { schema });
    },
    cleanup: async () => first?.close(),
  };
}

const stores: Store[] = [
  pgliteStore(),
  ...(process.env.DATABASE_URL ? [postgresStore(process.env.DATABASE_URL)] : []),
];

describe.each(stores)('durable SLA timers on $name', (store) => {
  const jobsSchema = `jobs_${randomBytes(4).toString('hex')}`;
  afterAll(async () => {
    if (store.name === 'postgres' && process.env.DATABASE_URL) {
      const admin = await openPostgres(process.env.DATABASE_URL, { max: 1 });
      await sql`drop schema if exists ${sql.id(jobsSchema)} cascade`.execute(admin.db);
      await admin.close();
    }
    await store.cleanup();
  });

  it('escalates at once after a restart a grievance that fell due while the service was down', async () => {
    const clock = manualClock('2026-03-02T04:30:00Z');
    const before = await store.open();
    const d = await buildDeployment({ db: before.db, clock });
    const { reference } = await buildGrievance({ db: before.db, clock }, d); // 3 calendar days
    const running = await startJobs(
      before,
      { db: before.db, clock },
      { schema: jobsSchema, pollingIntervalSeconds: 0.5 },
    );
    await running.stop();
    await before.close();

    clock.advance(5 * DAY); // the service was down past the due time
    const after = await store.open();
    const jobs = await startJobs(
      after,
      { db: after.db, clock },
      { schema: jobsSchema, pollingIntervalSeconds: 0.5 },
    );
    try {
      const g = await waitFor(
        () => getGrievance(after.db, reference),
        (x) => x.level === 2,
      );
      expect(g).toMatchObject({ level: 2, position: { id: d.chain[1]?.id }, status: 'assigned' });
    } finally {
      await jobs.stop();
      await after.close();
    }
  }, 60_000);
});
