// Sealing the audit log into a hash chain, and verifying it.
//
// Entries are appended without any lock in the transactions that make changes (audit.ts). The sealer
// takes the committed entries not yet sealed, oldest first, and links them into the chain: each gets the
// next `seq`, the hash of the entry sealed before it (`prev_hash`) and its own hash over its content and
// that link. It works in batches, like a Certificate Transparency log integrating queued entries into
// its tree, and one sealer at a time across every node (a transaction-scoped advisory lock: a node that
// finds it taken simply leaves the batch to the holder).
//
// The hash is computed over the entry as read back from the database, never over what a request sent:
// what is hashed is exactly what is stored, so text the database normalises (or any other round-trip
// difference) cannot make an honest row look tampered with.
//
// The window: an entry is unsealed from its commit until the next sealing pass (SEAL_INTERVAL_MS, plus
// the time a batch takes). In that window someone with write access to the database could alter or
// remove it without the chain showing it; after it, any edit, deletion or reordering of a sealed entry
// is reported. Verification also reports every entry left unsealed for longer than the grace period,
// which is what a stopped sealer (or an entry held back on purpose) looks like.
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

const GENESIS = '0'.repeat(64);
const SEAL_LOCK = 74_231_182; // arbitrary, constant: "the CivicLine audit sealer"
export const SEAL_INTERVAL_MS = 1_000;
/** An entry unsealed for longer than this is reported by verification. */
export const SEAL_GRACE_MS = 60_000;

interface HashedContent {
  at: Date;
  actor_kind: string;
  actor_id: number | null;
  ip: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  reason: string | null;
  data: unknown;
}

/** The chain's hash of one entry given the hash before it. (Unchanged since the first audit log.) */
export function entryHash(prev: string, row: HashedContent): string {
  const content = JSON.stringify([
    row.at.toISOString(),
    row.actor_kind,
    row.actor_id,
    row.ip,
    row.action,
    row.entity,
    row.entity_id,
    row.reason,
    canonical(row.data),
  ]);
  return createHash('sha256').update(prev).update(content).digest('hex');
}

/**
 * Seals every committed entry that is not sealed yet, in batches; returns how many it sealed. Returns 0
 * at once if another node is sealing (it will get these too).
 */
export async function sealAudit(db: Kysely<DB>, now: Date, batch = 5_000): Promise<number> {
  let sealed = 0;
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      const { rows } = await sql<{
        got: boolean;
      }>`select pg_try_advisory_xact_lock(${SEAL_LOCK}) as got`.execute(trx);
      if (!rows[0]?.got) return -1;
      const head = await trx
        .selectFrom('audit_log')
        .select(['seq', 'hash'])
        .where('seq', 'is not', null)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      const entries = await trx
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', 'is', null)
        .orderBy('id')
        .limit(batch)
        .execute();
      if (entries.length === 0) return 0;
      let seq = Number(head?.seq ?? 0);
      let prev = head?.hash ?? GENESIS;
      const ids: number[] = [];
      const seqs: number[] = [];
      const prevs: string[] = [];
      const hashes: string[] = [];
      for (const entry of entries) {
        const hash = entryHash(prev, entry);
        seq++;
        ids.push(entry.id);
        seqs.push(seq);
        prevs.push(prev);
        hashes.push(hash);
        prev = hash;
      }
      await sql`
        update audit_log as a
           set seq = v.seq, prev_hash = v.prev, hash = v.hash, sealed_at = ${now}
          from (select unnest(${ids}::bigint[]) as id, unnest(${seqs}::bigint[]) as seq,
                       unnest(${prevs}::text[]) as prev, unnest(${hashes}::text[]) as hash) as v
         where a.id = v.id`.execute(trx);
      return entries.length;
    });
    if (done <= 0) return sealed;
    sealed += done;
    if (done < batch) return sealed;
  }
}

export interface ChainProblem {
  id: number;
  seq: number | null;
  /** What is wrong, stable for screens: entries missing before it, its link, or its own content. */
  kind: 'missing' | 'link' | 'content';
  problem: string;
}

export interface ChainReport {
  ok: boolean;
  /** Sealed entries walked. */
  rows: number;
  /** Every row where the chain does not add up, in chain order. */
  problems: ChainProblem[];
  /** Entries still unsealed past the grace period (the oldest first, at most 100 listed). */
  unsealed: { count: number; ids: number[] };
  /** The newest sealed entry: note it elsewhere, and a later check shows if the newest rows were cut off. */
  head: { seq: number; hash: string } | null;
}

/**
 * Walks the whole chain in sealing order and reports every broken row, not only the first: after a bad
 * row it carries on from that row's stored hash, so an honest row after a tampered one verifies and a
 * real edit further on is still reported.
 */
export async function verifyAuditChain(
  db: Kysely<DB>,
  now: Date,
  options: { graceMs?: number } = {},
): Promise<ChainReport> {
  const problems: ChainProblem[] = [];
  let prev = GENESIS;
  let expectedSeq = 1;
  let rows = 0;
  let head: ChainReport['head'] = null;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(5000)
      .execute();
    for (const r of page) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq) {
        problems.push({
          id: r.id,
          seq,
          kind: 'missing',
          problem: `the entries sealed as ${expectedSeq}${seq - 1 > expectedSeq ? `-${seq - 1}` : ''} are missing (deleted)`,
        });
      }
      if (r.prev_hash !== prev) {
        problems.push({
          id: r.id,
          seq,
          kind: 'link',
          problem: 'its link to the entry sealed before it is broken (that entry was deleted or changed)',
        });
      }
      if (entryHash(r.prev_hash ?? '', r) !== r.hash) {
        problems.push({
          id: r.id,
          seq,
          kind: 'content',
          problem: 'its content does not match its hash (the entry was edited)',
        });
      }
      prev = r.hash ?? '';
      expectedSeq = seq + 1;
      head = { seq, hash: r.hash ?? '' };
      rows++;
    }
    if (page.length < 5000) break;
  }
  const cutoff = new Date(now.getTime() - (options.graceMs ?? SEAL_GRACE_MS));
  const late = await db
    .selectFrom('audit_log')
    .select('id')
    .where('seq', 'is', null)
    .where('at', '<', cutoff)
    .orderBy('id')
    .limit(100)
    .execute();
  const lateCount =
    late.length < 100
      ? late.length
      : Number(
          (
            await db
              .selectFrom('audit_log')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('seq', 'is', null)
              .where('at', '<', cutoff)
              .executeTakeFirstOrThrow()
          ).n,
        );
  return {
    ok: problems.length === 0 && lateCount === 0,
    rows,
    problems,
    unsealed: { count: lateCount, ids: late.map((r) => r.id) },
    head,
  };
}

/** JSON with object keys sorted, so a jsonb round trip (which reorders keys) hashes the same. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

/**
 * Seals every SEAL_INTERVAL_MS on this node. Every node runs one; the advisory lock lets one seal at a
 * time and the others find nothing to do. A missed tick loses nothing: the next one seals what waited.
 */
export function startAuditSealer(
  db: Kysely<DB>,
  clock: { now(): Date },
  log?: { error(obj: unknown, msg: string): void },
  intervalMs = SEAL_INTERVAL_MS,
) {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    running = sealAudit(db, clock.now()).catch((error) => log?.error({ err: error }, 'audit sealing failed'));
  };
  const timer = setInterval(() => {
    if (!stopped) tick();
  }, intervalMs);
  timer.unref();
  return {
    /** Stops the timer and seals once more, so a clean shutdown leaves nothing waiting. */
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await sealAudit(db, clock.now()).catch((error) => log?.error({ err: error }, 'audit sealing failed'));
    },
  };
}
