// Every test that touches data runs on each database we support: the embedded PGlite always, and the
// PostgreSQL server named by DATABASE_URL when it is set (as in CI). Each PostgreSQL test file gets a
// schema of its own, dropped at the end, so runs and files never see each other's rows.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { type Database, migrate, openPglite, openPostgres } from '../src/db/index.ts';

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  open(): Promise<Database>;
}

export const databases: TestDatabase[] = [
  { name: 'pglite', open: openTestPglite },
  ...(process.env.DATABASE_URL
    ? [{ name: 'postgres' as const, open: () => openTestPostgres(process.env.DATABASE_URL as string) }]
    : []),
];

async function openTestPglite(): Promise<Database> {
  const database = await openPglite();
  await migrate(database);
  return database;
}

export async function openTestPostgres(url: string, options: { max?: number } = {}): Promise<Database> {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = await openPostgres(url, { max: 1 });
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  await admin.close();
  const database = await openPostgres(url, { schema, max: options.max ?? 10 });
  await migrate(database);
  const close = database.close;
  return {
    ...database,
    async close() {
      await sql`drop schema ${sql.id(schema)} cascade`.execute(database.db);
      await close();
    },
  };
}
