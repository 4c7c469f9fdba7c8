import { type Kysely, sql } from 'kysely';
import type { Config } from '../config.ts';
import { type Database, openPglite, openPostgres } from './connection.ts';
import { migrate } from './migrate.ts';

export type { Database, Listen, ListenHandlers } from './connection.ts';
export { dumpPglite, isSingleConnection, openPglite, openPostgres } from './connection.ts';
export { migrate } from './migrate.ts';
export type { DB } from './schema.ts';

import type { DB } from './schema.ts';

/** The schema this connection works in: channels and locks are named for it, so deployments (and test
 * runs) sharing one server stay apart. */
export async function currentSchema(db: Kysely<DB>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema ?? 'public';
}

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  const database = config.databaseUrl
    ? await openPostgres(config.databaseUrl)
    : await openPglite(config.dataDir);
  await migrate(database);
  return database;
}
export { inTransaction } from './transaction.ts';
