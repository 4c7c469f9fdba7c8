// The IVR's reference reads (the flow, district codes, queues, a queue's calendar), cached per app with
// its reference cache: held while the reference version stands, dropped whole when it moves (a flow
// saved, a code or queue changed, a calendar edited: 0009 and 0105 watch those tables). A turn is a
// handful of round trips in one transaction and a busy line takes hundreds a second, so these reads,
// the same for every caller, were a good part of them. Without a reference cache (a test's engine
// alone) every read goes to the database.
import type { Kysely } from 'kysely';
import { type Memo, memo, type ReferenceCache } from '../../cache/index.ts';
import type { DB } from '../../db/schema.ts';

const HELD = new WeakMap<ReferenceCache, { version: number; memo: Memo<unknown> }>();

/** `load()` once per key while the reference data stays as it is. */
export async function cachedRead<T>(
  reference: ReferenceCache | undefined,
  db: Kysely<DB>,
  key: string,
  load: () => Promise<T>,
): Promise<T> {
  if (!reference) return load();
  const version = await reference.version(db);
  let held = HELD.get(reference);
  if (held?.version !== version) {
    held = { version, memo: memo<unknown>(1000) };
    HELD.set(reference, held);
  }
  return held.memo.get(key, load) as Promise<T>;
}
