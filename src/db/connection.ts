// Opens the system of record: embedded PGlite (a folder on disk, or memory for tests) or a PostgreSQL
// server. Both speak the same SQL and are used through one Kysely instance, so no query knows which.

import { createHash } from 'node:crypto';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';
import { parseTimestamptz, TIMESTAMPTZ } from './timestamps.ts';

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Kysely<DB>;
  /** Runs a multi-statement SQL script in one transaction (migrations). */
  runScript(script: string): Promise<void>;
  /** Plain SQL for the job queue (pg-boss), taking its turn on the connection like everything else. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /** LISTEN on a channel for the life of the process (live updates between app nodes). */
  listen: Listen;
  close(): Promise<void>;
}

export interface ListenHandlers {
  message(payload: string): void;
  /** The connection was lost and is back: whatever was announced in between was missed. */
  reconnected?(): void;
}
export type Listen = (channel: string, handlers: ListenHandlers) => Promise<() => Promise<void>>;

// bigint counts and ids fit comfortably in a JS number; dates ('YYYY-MM-DD') stay strings so no time
// zone is ever applied to a calendar day; times are read by position (timestamps.ts).
const INT8 = 20;
const DATE = 1082;
pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(DATE, (v) => v);
pg.types.setTypeParser(TIMESTAMPTZ, parseTimestamptz);

/**
 * Connections a node keeps to PostgreSQL. On this project's two-core machine 10 answered more lookups
 * than 4 (3,200-3,700/s against 2,400-2,900/s, 64 clients, 20,000 grievances): a request's own work in
 * Node overlaps its statements, so a node keeps more statements in flight than the cores it runs on.
 */
export const POOL_SIZE = 10;

export async function openPostgres(
  url: string,
  options: { schema?: string; max?: number } = {},
): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? POOL_SIZE,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // No parallel workers for the service's statements. Its reads are short and many run at once; a
  // parallel plan starts worker processes for each, which on a busy machine costs more than the query
  // (at ten million grievances the command centre's overdue correction read 515 index entries in 0.3 ms
  // alone and took 20-22 ms with two workers, planned for the 230,000 rows a generic plan guesses).
  // Nor JIT compilation: PostgreSQL compiles a statement whose estimated cost passes jit_above_cost,
  // which a search for a rare word's matches does (at ten million, 12 ms of compiling for a 10 ms read).
  pool.on('connect', (client) => {
    client.query('set max_parallel_workers_per_gather = 0; set jit = off').catch(() => undefined);
  });
  // Fail at start, not at the first request, if the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  return {
    kind: 'postgres',
    db: new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparing(pool) }) }),
    executeSql: (text, values) => pool.query(text, values),
    listen: (channel, handlers) => listenPostgres(url, channel, handlers),
    async runScript(script) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query(script);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * Begins a statement that PostgreSQL is to plan for the values it is sent with, each time: see
 * `preparing`. For the few whose best plan depends on their values more than planning costs (a search's
 * windows of time over the trigram index).
 */
export const PLANNED_PER_CALL = '/* planned per call */';

/**
 * Every statement with parameters is sent as a named prepared statement, so PostgreSQL parses and plans
 * each distinct statement once per connection instead of on every request (a registration's statement
 * is long; planning it cost more than running it). The name is a hash of the text: the same statement
 * always gets the same name, a different one never does. Statements without parameters (BEGIN,
 * COMMIT), and those that begin with PLANNED_PER_CALL, go unnamed: PostgreSQL plans an unnamed
 * statement for the values bound to it (a named one, after five runs, may keep one plan for any values).
 */
export function preparing(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (!name) {
      name = `cl_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
      // The texts are the application's own statements, a few hundred shapes; bound it all the same.
      if (names.size > 20_000) names.clear();
      names.set(text, name);
    }
    return name;
  };
  return {
    async connect() {
      const client = await pool.connect();
      return {
        query(text: unknown, values?: unknown[]) {
          if (typeof text === 'string' && values?.length && !text.startsWith(PLANNED_PER_CALL)) {
            return client.query({ name: nameOf(text), text, values });
          }
          return client.query(text as string, values);
        },
        release: () => client.release(),
      } as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}

/**
 * LISTEN needs a connection of its own for as long as we listen: pool connections come and go. When
 * it drops (a server restart, a network blip) we reconnect with a growing pause and say so, because
 * whatever was announced meanwhile is lost and listeners must catch up by reading again.
 */
async function listenPostgres(url: string, channel: string, handlers: ListenHandlers) {
  let stopped = false;
  let client: pg.Client | null = null;
  let retryMs = 500;

  const connect = async (isRetry: boolean) => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (m) => {
      if (m.channel === channel) handlers.message(m.payload ?? '');
    });
    // 'error' without a listener would crash the process; 'end' follows it and schedules the retry.
    c.on('error', () => undefined);
    c.on('end', () => {
      // Only a connection that was up schedules a retry; a failed attempt is retried by its caller.
      if (client !== c) return;
      client = null;
      if (!stopped) setTimeout(retry, retryMs);
    });
    try {
      await c.connect();
      await c.query(`listen ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      await c.end().catch(() => undefined);
      throw error;
    }
    client = c;
    retryMs = 500;
    if (isRetry) handlers.reconnected?.();
  };
  const retry = () => {
    if (stopped) return;
    connect(true).catch(() => {
      retryMs = Math.min(retryMs * 2, 30_000);
      setTimeout(retry, retryMs);
    });
  };

  await connect(false);
  return async () => {
    stopped = true;
    await client?.end();
  };
}

const dumpOf = new WeakMap<Kysely<DB>, () => Promise<Blob | File>>();

/** The whole PGlite cluster as a tarball, to open copies of it with `openPglite(undefined, dump)`. */
export function dumpPglite(database: Database): Promise<Blob | File> {
  const dump = dumpOf.get(database.db);
  if (!dump) throw new Error('not a PGlite database');
  return dump();
}

/** Handles on a single connection (PGlite): work on them queues, so there is no point sending more at once. */
const singleConnection = new WeakSet<Kysely<DB>>();
export const isSingleConnection = (db: Kysely<DB>) => singleConnection.has(db);

/**
 * `dataDir` undefined keeps the database in memory (tests). `from` starts it from a dump of another
 * (`dumpPglite`) instead of an empty cluster: tests start from a migrated one, as making a cluster costs
 * seconds each time.
 */
export async function openPglite(dataDir?: string, from?: Blob): Promise<Database> {
  const pglite = await PGlite.create(dataDir, {
    parsers: { [pgliteTypes.INT8]: (v: string) => Number(v), [pgliteTypes.DATE]: (v: string) => v },
    // Trigram indexes for searching grievances by words (0013_read_paths.sql).
    extensions: { pg_trgm },
    ...(from ? { loadDataDir: from } : {}),
  });
  const pool = singleConnectionPool(pglite);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  singleConnection.add(db);
  dumpOf.set(db, () => pool.exclusive(() => pglite.dumpDataDir('none')));
  return {
    kind: 'pglite',
    db,
    executeSql: (text, values) => pool.exclusive(() => pgliteSql(pglite, text, values)),
    // Through the queue like every statement: a LISTEN sent while another caller's transaction holds
    // the one connection would join that transaction, and vanish if it rolled back.
    async listen(channel, handlers) {
      const stop = await pool.exclusive(() => pglite.listen(channel, handlers.message));
      return () => pool.exclusive(() => stop());
    },
    runScript: (script) =>
      pool.exclusive(() => pglite.transaction((tx) => tx.exec(script).then(() => undefined))),
    // Let queued statements finish first: closing under them would fail them.
    close: () => pool.exclusive(() => pglite.close()),
  };
}

/**
 * pg-boss sends both parameterised statements and multi-statement scripts (its schema, and plans that
 * wrap several statements in BEGIN/COMMIT). PGlite's `query` takes one statement, its `exec` many
 * without parameters. A failed script can leave its transaction open on the one connection, which would
 * swallow every later statement, so roll back after any failure.
 */
async function pgliteSql(pglite: PGlite, text: string, values?: unknown[]) {
  try {
    if (values?.length) return await pglite.query(text, values);
    const results = await pglite.exec(text);
    return results.at(-1) ?? { rows: [] };
  } catch (error) {
    await pglite.exec('rollback').catch(() => undefined);
    throw error;
  }
}

/**
 * PGlite is one connection. Kysely asks a pool for a connection per query and holds it for a whole
 * transaction, so callers queue here until the holder releases it. The consequence to remember: code
 * inside a transaction must use that transaction, never the outer `db`, or it waits on itself.
 */
function singleConnectionPool(
  pglite: PGlite,
): PostgresPool & { exclusive<T>(fn: () => Promise<T>): Promise<T> } {
  let tail: Promise<void> = Promise.resolve();

  function acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Hand over on a fresh turn of the event loop: PGlite answers through promises alone, so a long
    // queue of queries would otherwise run as one unbroken chain of microtasks and starve timers and
    // sockets (HTTP requests, health checks) until the whole queue drained.
    const ready = tail.then(() => new Promise<() => void>((resolve) => setImmediate(() => resolve(release))));
    tail = tail.then(() => held);
    return ready;
  }

  const client = (release: () => void) =>
    ({
      async query(sql: string, parameters: readonly unknown[]) {
        const result = await pglite.query(sql, parameters as unknown[]);
        // Kysely reads affected-row counts only for these commands; PGlite does not name the command.
        return { command: 'UPDATE', rowCount: result.affectedRows ?? 0, rows: result.rows };
      },
      release,
    }) as unknown as PostgresPoolClient;

  return {
    async connect() {
      return client(await acquire());
    },
    async end() {},
    async exclusive(fn) {
      const release = await acquire();
      try {
        return await fn();
      } finally {
        release();
      }
    },
  };
}
