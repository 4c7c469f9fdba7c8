// Officers are people; they hold positions. Moving an officer never moves a grievance: the grievance
// belongs to the position and the next holder inherits it.

import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import { escapeLike } from '../db/like.ts';
import { page } from '../db/page.ts';
import type { DB } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { invalid, notFound } from '../errors.ts';

export interface OfficerInput {
  name: string;
  phone?: string | null;
  email?: string | null;
}

const columns = ['id', 'name', 'phone', 'email', 'active', 'created_at as createdAt'] as const;

export async function listOfficers(db: Kysely<DB>, filter: { q?: string; limit: number; offset: number }) {
  let query = db
    .selectFrom('officers')
    .select(columns)
    .select((eb) => eb.fn.countAll<number>().over().as('total'));
  if (filter.q) query = query.where('name', 'ilike', `%${escapeLike(filter.q)}%`);
  return page(await query.orderBy('name').orderBy('id').limit(filter.limit).offset(filter.offset).execute());
}

export async function getOfficer(db: Kysely<DB>, id: number) {
  const officer = await db.selectFrom('officers').select(columns).where('id', '=', id).executeTakeFirst();
  if (!officer) throw notFound('officer', id);
  const positions = await db
    .selectFrom('position_holders')
    .select(['position_id as positionId', 'started_at as startedAt', 'ended_at as endedAt'])
    .where('officer_id', '=', id)
    .orderBy('started_at', 'desc')
    .execute();
  return { ...officer, positions };
}

export async function createOfficer(db: Kysely<DB>, clock: Clock, input: OfficerInput) {
  const { id } = await db
    .insertInto('officers')
    .values({
      name: input.name,
      phone: input.phone ?? null,
      email: input.email ?? null,
      created_at: clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return getOfficer(db, id);
}

export async function updateOfficer(
  db: Kysely<DB>,
  id: number,
  patch: Partial<OfficerInput> & { active?: boolean },
) {
  await getOfficer(db, id);
  await db.updateTable('officers').set(patch).where('id', '=', id).execute();
  return getOfficer(db, id);
}

/** Puts an officer in a position (posting or transfer), ending the previous holder's tenure. */
export async function postOfficer(db: Kysely<DB>, clock: Clock, positionId: number, officerId: number) {
  return inTransaction(db, async (trx) => {
    const position = await trx
      .selectFrom('positions')
      .select('id')
      .where('id', '=', positionId)
      .forUpdate()
      .executeTakeFirst();
    if (!position) throw notFound('position', positionId);
    const officer = await trx
      .selectFrom('officers')
      .select(['id', 'active'])
      .where('id', '=', officerId)
      .executeTakeFirst();
    if (!officer) throw invalid('officerId', `officer ${officerId} does not exist`, 'does_not_exist');
    if (!officer.active) throw invalid('officerId', `officer ${officerId} is inactive`, 'inactive');
    const now = clock.now();
    await trx
      .updateTable('position_holders')
      .set({ ended_at: now })
      .where('position_id', '=', positionId)
      .where('ended_at', 'is', null)
      .execute();
    await trx
      .insertInto('position_holders')
      .values({ position_id: positionId, officer_id: officerId, started_at: now })
      .execute();
  });
}

export async function vacatePosition(db: Kysely<DB>, clock: Clock, positionId: number) {
  const result = await db
    .updateTable('position_holders')
    .set({ ended_at: clock.now() })
    .where('position_id', '=', positionId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) {
    const exists = await db
      .selectFrom('positions')
      .select('id')
      .where('id', '=', positionId)
      .executeTakeFirst();
    if (!exists) throw notFound('position', positionId);
  }
}
