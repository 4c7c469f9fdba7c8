// Every test that touches data runs on each database we support: the embedded PGlite always, and the
// PostgreSQL server named by DATABASE_URL when it is set (as in CI). Each PostgreSQL test file gets a
// schema of its own, dropped at the end, so runs and files never see each other's rows.
import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { type Database, dumpPglite, migrate, openPglite, openPostgres } from '../src/db/index.ts';

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

/**
 * A PGlite database with every migration applied. Making an empty cluster costs PGlite 2-4 s and the
 * migrations more, and the suite opens hundreds; a copy of a migrated cluster opens in
 * 1-2 s (2026-12-01: Postgres starting inside WASM; compiling the module is 0.17 s of it). So the first
 * test to need one migrates a fresh cluster and keeps its dump in the temporary folder, named by the
 * migrations' contents (a changed or added migration makes a new one), and every later test, in any
 * worker, opens a copy of that.
 */
async function openTestPglite(): Promise<Database> {
  return openPglite(undefined, await templateDump());
}

/**
 * The same migrated cluster, copied into a folder on disk (for tests of what runs on a data folder: a
 * restart, the jobs' store, a command given DATA_DIR). Migrating a new folder took 10-25 s a test.
 */
export async function openTestPgliteIn(dir: string): Promise<Database> {
  return openPglite(dir, await templateDump());
}

let dumped: Promise<Blob> | null = null;
function templateDump() {
  dumped ??= (async () => {
    const file = await templateFile();
    const dump = await readFile(file).catch(() => null);
    if (dump) return new Blob([dump]);
    const database = await openPglite();
    await migrate(database);
    // A checkpoint first, so a copy starts without replaying the migrations' WAL (0.3 s an open).
    await sql`checkpoint`.execute(database.db);
    const made = await dumpPglite(database);
    await database.close();
    // Written whole, then renamed: a worker reading at the same moment never sees half a dump.
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(partial, Buffer.from(await made.arrayBuffer()));
    await rename(partial, file);
    return made;
  })();
  return dumped;
}

let template: Promise<string> | null = null;
function templateFile() {
  template ??= (async () => {
    const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../src/db/migrations');
    const hash = createHash('sha256');
    for (const name of (await readdir(dir)).sort())
      hash.update(name).update(await readFile(path.join(dir, name)));
    const pglite = JSON.parse(
      await readFile(
        path.join(
          path.dirname(fileURLToPath(import.meta.url)),
          '../node_modules/@electric-sql/pglite/package.json',
        ),
        'utf8',
      ),
    ) as { version: string };
    // 'checkpointed': dumps made before the checkpoint (above) are not reused.
    hash.update(pglite.version).update('checkpointed');
    return path.join(tmpdir(), `civicline-test-pglite-${hash.digest('hex').slice(0, 16)}.tar`);
  })();
  return template;
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
