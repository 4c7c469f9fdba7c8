// The do-not-call list: numbers never called on an outbound list, because the citizen asked (on a call,
// or at the centre) or a regulator's registry says so. A number put on it leaves every list at once; a
// campaign started later never includes it (outbound.ts), and an agent is never handed it.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { notFound } from '../errors.ts';

export async function addDoNotCall(
  db: Kysely<DB>,
  now: Date,
  phone: string,
  reason: string,
  addedBy: number | null,
) {
  await db
    .insertInto('do_not_call')
    .values({ phone, reason, added_by: addedBy, added_at: now })
    .onConflict((oc) => oc.column('phone').doNothing())
    .execute();
  // Off every list now: what is waiting is skipped, with why.
  const skipped =
    await sql`update outbound_items i set state = 'skipped', outcome = 'do_not_call', updated_at = ${now}
    from citizens c where c.id = i.citizen_id and c.phone = ${phone} and i.state = 'pending'`.execute(db);
  return { phone, skipped: Number(skipped.numAffectedRows ?? 0) };
}

export async function removeDoNotCall(db: Kysely<DB>, phone: string) {
  const gone = await db.deleteFrom('do_not_call').where('phone', '=', phone).executeTakeFirst();
  if (!gone.numDeletedRows) throw notFound('number on the do-not-call list', phone);
}

export async function listDoNotCall(db: Kysely<DB>, filter: { phone?: string; limit: number }) {
  return db
    .selectFrom('do_not_call as d')
    .leftJoin('users as u', 'u.id', 'd.added_by')
    .select(['d.phone', 'd.reason', 'd.added_at as addedAt', 'u.name as addedBy'])
    .$if(Boolean(filter.phone), (q) => q.where('d.phone', 'like', `${filter.phone}%`))
    .orderBy('d.added_at', 'desc')
    .limit(filter.limit)
    .execute();
}
