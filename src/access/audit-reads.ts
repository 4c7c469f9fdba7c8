// Recording reads of personal data without making every read wait for the disk.
//
// A change and its audit entry commit together, synchronously (audit.ts). A read changes nothing, and
// waiting for the write-ahead log to reach the disk on every lookup would bound how many lookups the
// service answers per second by how fast the disk flushes. So reads are recorded like this: entries
// arriving together are inserted by one statement, which commits asynchronously (synchronous_commit
// off for that statement alone). The entry is in the table, visible to auditors and sealed like any
// other, before the read is answered; what is deferred is only the flush to disk, which the database's
// WAL writer does within a fraction of a second. The trade, written down: if the database server
// itself crashes, the read records of the last fraction of a second may be lost; changes never are.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type AuditEntry, auditRow } from './audit.ts';

const MAX_BATCH = 500;

interface Pending {
  entry: AuditEntry;
  now: Date;
  resolve(): void;
  reject(error: unknown): void;
}

const writers = new WeakMap<Kysely<DB>, (entry: AuditEntry, now: Date) => Promise<void>>();

/** Records a read; resolves once the entry is in the table (its flush to disk follows shortly). */
export function appendReadAudit(db: Kysely<DB>, now: Date, entry: AuditEntry): Promise<void> {
  let write = writers.get(db);
  if (!write) {
    write = readAuditWriter(db);
    writers.set(db, write);
  }
  return write(entry, now);
}

function readAuditWriter(db: Kysely<DB>) {
  const queue: Pending[] = [];
  let running = false;
  const pump = async () => {
    if (running) return;
    running = true;
    try {
      while (queue.length) {
        const batch = queue.splice(0, MAX_BATCH);
        try {
          await insertReads(db, batch);
          for (const p of batch) p.resolve();
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      running = false;
    }
  };
  return (entry: AuditEntry, now: Date) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ entry, now, resolve, reject });
      void pump();
    });
}

async function insertReads(db: Kysely<DB>, batch: Pending[]) {
  const rows = batch.map((p) => auditRow(p.now, p.entry));
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  // set_config(..., true) holds for this statement's own transaction: its commit does not wait.
  await sql`
    with relaxed as (select set_config('synchronous_commit', 'off', true))
    insert into audit_log (at, actor_kind, actor_id, ip, action, entity, entity_id, reason, data)
    select * from unnest(${col('at')}::timestamptz[], ${col('actor_kind')}::text[], ${col('actor_id')}::bigint[],
                         ${col('ip')}::text[], ${col('action')}::text[], ${col('entity')}::text[],
                         ${col('entity_id')}::text[], ${col('reason')}::text[], ${col('data')}::jsonb[])
    where exists (select 1 from relaxed)`.execute(db);
}
