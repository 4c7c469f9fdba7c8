// Flags on citizens: an agent or supervisor marks a habitual or fake complainant with the reason, and
// every agent who takes their call sees it on the screen-pop. A flag is never a reason to refuse: what
// they send is registered as usual. A supervisor clears a flag that no longer holds (the citizen's
// complaints turned out genuine, or it was put on the wrong person), with the reason; both are audited
// and the flag row keeps who cleared it and when, so the history of a flag is never lost.
import type { Kysely } from 'kysely';
import type { AuditWho } from '../access/audit.ts';
import { appendAudit } from '../access/audit.ts';
import type { DB } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { notFound, refusal } from '../errors.ts';

/** Flags a citizen as a habitual or fake complainant, with the reason; what they send is never dropped. */
export async function flagCitizen(
  db: Kysely<DB>,
  now: Date,
  citizenId: number,
  reason: string,
  who: AuditWho,
) {
  return inTransaction(db, async (trx) => {
    const citizen = await trx
      .selectFrom('citizens')
      .select('id')
      .where('id', '=', citizenId)
      .executeTakeFirst();
    if (!citizen) throw notFound('citizen', citizenId);
    const row = await trx
      .insertInto('citizen_flags')
      .values({
        citizen_id: citizenId,
        reason,
        flagged_by: who.actorId,
        flagged_at: now,
        cleared_by: null,
        cleared_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, now, {
      ...who,
      action: 'desk.flag_citizen',
      entity: 'citizen',
      entityId: String(citizenId),
      reason,
    });
    return row.id;
  });
}

/** Clears an open flag, with the supervisor's reason. A flag already cleared is refused, not cleared twice. */
export async function clearFlag(db: Kysely<DB>, now: Date, flagId: number, reason: string, who: AuditWho) {
  return inTransaction(db, async (trx) => {
    const cleared = await trx
      .updateTable('citizen_flags')
      .set({ cleared_by: who.actorId, cleared_at: now })
      .where('id', '=', flagId)
      .where('cleared_at', 'is', null)
      .returning(['id', 'citizen_id'])
      .executeTakeFirst();
    if (!cleared) {
      const exists = await trx
        .selectFrom('citizen_flags')
        .select('id')
        .where('id', '=', flagId)
        .executeTakeFirst();
      if (!exists) throw notFound('flag', flagId);
      throw refusal('conflict', 'not_in_this_state', `flag ${flagId} is already cleared`);
    }
    await appendAudit(trx, now, {
      ...who,
      action: 'desk.clear_flag',
      entity: 'citizen',
      entityId: String(cleared.citizen_id),
      reason,
      data: { flagId },
    });
  });
}

export async function openFlags(db: Kysely<DB>, citizenId: number) {
  return db
    .selectFrom('citizen_flags')
    .select(['id', 'reason', 'flagged_at as flaggedAt'])
    .where('citizen_id', '=', citizenId)
    .where('cleared_at', 'is', null)
    .orderBy('id')
    .execute();
}

/** Every open flag, newest first, for the supervisor's review: who, why, flagged by whom and when. */
export async function listOpenFlags(db: Kysely<DB>) {
  return db
    .selectFrom('citizen_flags as f')
    .innerJoin('citizens as c', 'c.id', 'f.citizen_id')
    .leftJoin('users as u', 'u.id', 'f.flagged_by')
    .select([
      'f.id',
      'f.citizen_id as citizenId',
      'c.phone',
      'c.name',
      'f.reason',
      'f.flagged_at as flaggedAt',
      'u.name as flaggedBy',
    ])
    .where('f.cleared_at', 'is', null)
    .orderBy('f.flagged_at', 'desc')
    .orderBy('f.id', 'desc')
    .limit(500)
    .execute();
}
