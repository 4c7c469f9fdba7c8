// Sealing the audit log into a hash chain, and verifying it.
//
// Entries are appended without any lock in the transactions that make changes (audit.ts). The sealer
// takes the committed entries not yet sealed, oldest first, and links them into the chain: each gets a
// row in audit_seals, written once (the entry itself never changes), with the next `seq`, the hash of
// the entry sealed before it (`prev_hash`) and its own hash over its content and that link. It works in
// batches, like a Certificate Transparency log integrating queued entries into its tree, and one sealer
// at a time across every node (a transaction-scoped advisory lock: a node that finds it taken simply
// leaves the batch to the holder).
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
// Arbitrary, constant: "the CivicLine audit sealer", taken with the schema (a second key) so that two
// deployments (or two tests) in schemas of one database do not wait on each other's sealer.
const SEAL_LOCK = 74_231_182;
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
 *
 * Each seal is a new row in audit_seals; the entry itself is never written again. The entries to seal
 * are those at or above the horizon's floor with no seal. Entries commit out of id order (a transaction
 * takes its entry's id, then commits when its change does), so the floor moves up to an id only once
 * every transaction that could still hold a lower one has ended: the sealer notes the highest id
 * committed (`pending`) and the transactions then holding a write lock on the log (an insert takes it
 * before it takes an id and keeps it to the end), and at a later pass, when none of them is left, every
 * entry below `pending` is visible, is sealed, and the floor moves there. Each pass so reads the entries
 * of the last pass or two, however long the log is.
 */
export async function sealAudit(db: Kysely<DB>, now: Date, batch = 5_000): Promise<number> {
  let sealed = 0;
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      const { rows } = await sql<{
        got: boolean;
      }>`select pg_try_advisory_xact_lock(${SEAL_LOCK}, hashtext(current_schema())) as got`.execute(trx);
      if (!rows[0]?.got) return -1;
      // Asked before the entries are read: a writer gone by now has its entries in the next statement.
      const { rows: horizons } = await sql<{ floor: string; pending: string | null; settled: boolean }>`
        select floor, pending,
               not exists (select 1 from pg_locks as l
                            where l.relation = 'audit_log'::regclass and l.mode = 'RowExclusiveLock'
                              and l.virtualtransaction = any (h.pending_writers)) as settled
          from audit_seal_horizon as h`.execute(trx);
      const horizon = horizons[0];
      if (!horizon) throw new Error('audit_seal_horizon has no row');
      const floor = Number(horizon.floor);
      const head = await trx
        .selectFrom('audit_seals')
        .select(['seq', hex('hash')])
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      const entries = await trx
        .selectFrom('audit_log as a')
        .selectAll('a')
        .where('a.id', '>=', floor)
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('audit_seals as s').select('s.seq').whereRef('s.entry_id', '=', 'a.id'))),
        )
        .orderBy('a.id')
        .limit(batch)
        .execute();
      let seq = Number(head?.seq ?? 0);
      let prev = head?.hash ?? GENESIS;
      const seals = entries.map((entry) => {
        const hash = entryHash(prev, entry);
        const seal = {
          seq: ++seq,
          entry_id: entry.id,
          prev_hash: Buffer.from(prev, 'hex'),
          hash: Buffer.from(hash, 'hex'),
          sealed_at: now,
        };
        prev = hash;
        return seal;
      });
      if (seals.length) await trx.insertInto('audit_seals').values(seals).execute();
      if (entries.length < batch) await moveHorizon(trx, floor, horizon.pending, horizon.settled);
      return entries.length;
    });
    if (done <= 0) return sealed;
    sealed += done;
    if (done < batch) return sealed;
  }
}

/** After a pass that sealed every visible entry at or above the floor. */
async function moveHorizon(trx: Kysely<DB>, floor: number, pending: string | null, settled: boolean) {
  if (pending !== null && !settled) return;
  const newFloor = pending === null ? floor : Number(pending);
  // The highest id committed, then who is writing: any entry below it not yet visible is theirs.
  const top = await trx
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  const next = Number(top?.id ?? 0) + 1;
  if (next > newFloor) {
    await sql`
      update audit_seal_horizon
         set floor = ${newFloor}, pending = ${next},
             pending_writers = array(select l.virtualtransaction from pg_locks as l
                                      where l.relation = 'audit_log'::regclass and l.mode = 'RowExclusiveLock')`.execute(
      trx,
    );
  } else if (newFloor !== floor) {
    await sql`update audit_seal_horizon set floor = ${newFloor}, pending = null, pending_writers = null`.execute(
      trx,
    );
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
  /** Entries not sealed yet: how many and since when, and those past the grace period (the oldest first, at most 100 listed). */
  unsealed: { count: number; ids: number[]; waiting: number; oldestAt: Date | null };
  /** The newest sealed entry: note it elsewhere, and a later check shows if the newest rows were cut off. */
  head: { seq: number; hash: string } | null;
}

/**
 * Walks the whole chain in sealing order (the seals, each with its entry) and reports every broken row,
 * not only the first: after a bad row it carries on from that row's stored hash, so an honest row after
 * a tampered one verifies and a real edit further on is still reported. Every entry without a seal is
 * counted too, the whole log over: it trusts nothing the sealer keeps for itself.
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
      .selectFrom('audit_seals as s')
      .leftJoin('audit_log as a', 'a.id', 's.entry_id')
      .select(['s.seq', 's.entry_id', hex('s.prev_hash'), hex('s.hash')])
      .select([
        'a.id',
        'a.at',
        'a.actor_kind',
        'a.actor_id',
        'a.ip',
        'a.action',
        'a.entity',
        'a.entity_id',
        'a.reason',
        'a.data',
      ])
      .where('s.seq', '>=', expectedSeq)
      .orderBy('s.seq')
      .limit(5000)
      .execute();
    for (const r of page) {
      const seq = Number(r.seq);
      const id = Number(r.entry_id);
      if (seq !== expectedSeq) {
        problems.push({
          id,
          seq,
          kind: 'missing',
          problem: `the entries sealed as ${expectedSeq}${seq - 1 > expectedSeq ? `-${seq - 1}` : ''} are missing (deleted)`,
        });
      }
      if (r.prev_hash !== prev) {
        problems.push({
          id,
          seq,
          kind: 'link',
          problem: 'its link to the entry sealed before it is broken (that entry was deleted or changed)',
        });
      }
      if (r.id === null || r.at === null || r.actor_kind === null || r.action === null) {
        problems.push({ id, seq, kind: 'missing', problem: 'the entry sealed here is missing (deleted)' });
      } else if (
        entryHash(r.prev_hash, { ...r, at: r.at, actor_kind: r.actor_kind, action: r.action }) !== r.hash
      ) {
        problems.push({
          id,
          seq,
          kind: 'content',
          problem: 'its content does not match its hash (the entry was edited)',
        });
      }
      prev = r.hash;
      expectedSeq = seq + 1;
      head = { seq, hash: r.hash };
      rows++;
    }
    if (page.length < 5000) break;
  }
  const cutoff = new Date(now.getTime() - (options.graceMs ?? SEAL_GRACE_MS));
  const unsealed = db
    .selectFrom('audit_log as a')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('audit_seals as s').select('s.seq').whereRef('s.entry_id', '=', 'a.id'))),
    );
  const waiting = await unsealed
    .select((eb) => [
      eb.fn.countAll<string>().as('n'),
      eb.fn.min('a.at').as('oldest'),
      eb.fn.countAll<string>().filterWhere('a.at', '<', cutoff).as('late'),
    ])
    .executeTakeFirstOrThrow();
  const lateCount = Number(waiting.late);
  const late = lateCount
    ? await unsealed.select('a.id').where('a.at', '<', cutoff).orderBy('a.id').limit(100).execute()
    : [];
  return {
    ok: problems.length === 0 && lateCount === 0,
    rows,
    problems,
    unsealed: {
      count: lateCount,
      ids: late.map((r) => r.id),
      waiting: Number(waiting.n),
      oldestAt: waiting.oldest ?? null,
    },
    head,
  };
}

/** A digest column as the hex the chain is computed in, under the column's own name. */
function hex<C extends 'hash' | 'prev_hash' | 's.hash' | 's.prev_hash'>(column: C) {
  const name = column.replace(/^s\./, '') as C extends `s.${infer N}` ? N : C;
  return sql<string>`encode(${sql.ref(column)}, 'hex')`.as(name);
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
