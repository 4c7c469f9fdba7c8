// Logic that writes opens its own transaction when called alone, and joins the caller's when it is given
// one: a request that changes something and records it in the audit log commits both or neither.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from './schema.ts';

export function inTransaction<T>(db: Kysely<DB>, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Transaction<DB>) : db.transaction().execute(work);
}

/**
 * `read` with PostgreSQL settings of its own (set_config(..., true): until its transaction ends), in a
 * transaction made for it unless the caller's is open (then they hold for the rest of that one).
 */
export function withSettings<T>(
  db: Kysely<DB>,
  settings: Record<string, string>,
  read: (db: Kysely<DB>) => Promise<T>,
): Promise<T> {
  return inTransaction(db, async (trx) => {
    const set = Object.entries(settings).map(([name, value]) => sql`set_config(${name}, ${value}, true)`);
    await sql`select ${sql.join(set)}`.execute(trx);
    return read(trx);
  });
}
