// Logic that writes opens its own transaction when called alone, and joins the caller's when it is given
// one: a request that changes something and records it in the audit log commits both or neither.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.ts';

export function inTransaction<T>(db: Kysely<DB>, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Transaction<DB>) : db.transaction().execute(work);
}
