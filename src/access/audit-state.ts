// The audit chain's state as an auditor's screen shows it: verified now, in full (every broken row),
// how far it is sealed, and what still waits to be sealed, with the entries waiting longer than the
// grace period (a stopped sealer, or an entry held back) set apart.
//
// Verification walks the whole chain: seconds for a few million entries. The screen asks for it when it
// opens and when the auditor asks again, never on a timer.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { SEAL_GRACE_MS, SEAL_INTERVAL_MS, verifyAuditChain } from './audit-seal.ts';

/** At most this many broken rows are listed (all are counted). */
const LISTED = 100;

export async function auditChainState(db: Kysely<DB>, now: Date) {
  const report = await verifyAuditChain(db, now);
  const head = report.head
    ? await db
        .selectFrom('audit_seals as s')
        .leftJoin('audit_log as a', 'a.id', 's.entry_id')
        .select(['s.entry_id as id', 's.seq', 'a.at', 's.sealed_at as sealedAt'])
        .where('s.seq', '=', report.head.seq)
        .executeTakeFirst()
    : undefined;
  return {
    checkedAt: now,
    ok: report.ok,
    intervalSeconds: SEAL_INTERVAL_MS / 1000,
    graceSeconds: SEAL_GRACE_MS / 1000,
    /** Sealed entries walked and found (or not) intact. */
    sealed: report.rows,
    head: head
      ? {
          id: Number(head.id),
          seq: Number(head.seq),
          at: head.at ?? head.sealedAt,
          sealedAt: head.sealedAt,
          hash: report.head?.hash ?? '',
        }
      : null,
    broken: {
      count: report.problems.length,
      items: report.problems.slice(0, LISTED).map(({ id, seq, kind }) => ({ id, seq, kind })),
    },
    unsealed: {
      count: report.unsealed.waiting,
      oldestAt: report.unsealed.oldestAt,
      late: { count: report.unsealed.count, ids: report.unsealed.ids },
    },
  };
}
