// Applies the numbered SQL files in migrations/ that this database has not seen, each in its own
// transaction together with its row in schema_migrations. Several app nodes may start at once against
// one PostgreSQL: a session advisory lock makes them take turns, and the second finds nothing to do.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './connection.ts';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const LOCK_KEY = 74_231_181; // arbitrary, constant: "the CivicLine migrator"

export async function migrate(database: Database): Promise<string[]> {
  const files = (await readdir(migrationsDir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  const { db } = database;
  await sql`create table if not exists schema_migrations (
    name text primary key, applied_at timestamptz not null default now())`.execute(db);

  const applied: string[] = [];
  const run = async () => {
    const done = new Set(
      (await db.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name),
    );
    for (const file of files) {
      const name = file.replace(/\.sql$/, '');
      if (done.has(name)) continue;
      const body = await readFile(path.join(migrationsDir, file), 'utf8');
      await database.runScript(`${body}\ninsert into schema_migrations (name) values ('${name}');`);
      applied.push(name);
    }
  };

  if (database.kind === 'postgres') {
    // The lock is per session, so take and release it on one pinned connection.
    await db.connection().execute(async (conn) => {
      await sql`select pg_advisory_lock(${LOCK_KEY})`.execute(conn);
      try {
        await run();
      } finally {
        await sql`select pg_advisory_unlock(${LOCK_KEY})`.execute(conn);
      }
    });
  } else {
    await run();
  }
  return applied;
}
