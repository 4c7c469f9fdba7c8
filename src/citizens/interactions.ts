// An interaction is one contact: a call, a WhatsApp thread, an SMS, an email, a visit. Channels log them
// here; a grievance registered during the contact links back to it.

import type { Kysely } from 'kysely';
import { type Principal, SYSTEM } from '../access/principal.ts';
import type { Clock } from '../clock.ts';
import type { Channel, DB } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { AppError, notFound } from '../errors.ts';
import { findOrCreateCitizen } from './citizens.ts';
import { interactionReadableBy } from './policy.ts';

export interface InteractionInput {
  channel: Channel;
  /** The account logging it (it may later link a grievance to it). */
  createdBy?: number | null;
  direction?: 'inbound' | 'outbound';
  phone?: string;
  externalId?: string;
  summary?: string;
  startedAt?: Date;
  endedAt?: Date;
}

/**
 * Logs a contact. A provider that repeats a webhook (same channel and external id) gets the same row,
 * as `principal` may read it: an external id someone else logged is refused, never shown (it would hand
 * a stranger's call, phone and summary to whoever guesses the id). The contact row is written first and
 * the citizen only once it is known to be new, so a repeat writes nothing at all.
 */
export async function logInteraction(
  db: Kysely<DB>,
  clock: Clock,
  input: InteractionInput,
  principal: Principal = SYSTEM,
) {
  return inTransaction(db, async (trx) => {
    const now = clock.now();
    const inserted = await trx
      .insertInto('interactions')
      .values({
        citizen_id: null,
        channel: input.channel,
        direction: input.direction ?? 'inbound',
        external_id: input.externalId ?? null,
        summary: input.summary ?? null,
        started_at: input.startedAt ?? now,
        ended_at: input.endedAt ?? null,
        created_by: input.createdBy ?? null,
      })
      .onConflict((oc) => oc.columns(['channel', 'external_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) {
      if (input.phone) {
        const citizenId = await findOrCreateCitizen(trx, now, { phone: input.phone });
        await trx
          .updateTable('interactions')
          .set({ citizen_id: citizenId })
          .where('id', '=', inserted.id)
          .execute();
      }
      return getInteraction(trx, inserted.id);
    }
    const existing = await trx
      .selectFrom('interactions')
      .select('id')
      .where('channel', '=', input.channel)
      .where('external_id', '=', input.externalId ?? '')
      .executeTakeFirstOrThrow();
    return getInteraction(trx, existing.id, principal).catch((error) => {
      if (!(error instanceof AppError && error.code === 'not_found')) throw error;
      throw new AppError('conflict', 'a contact with this external id was logged by someone else', [
        { field: 'externalId', message: 'already logged by someone else', code: 'external_id_taken' },
      ]);
    });
  });
}

/** One contact as `principal` may see it (citizens/policy.ts); one they may not read does not exist for them. */
export async function getInteraction(db: Kysely<DB>, id: number, principal: Principal = SYSTEM) {
  const row = await db
    .selectFrom('interactions as i')
    .leftJoin('citizens as c', 'c.id', 'i.citizen_id')
    .select([
      'i.id',
      'i.channel',
      'i.direction',
      'i.external_id as externalId',
      'i.summary',
      'i.started_at as startedAt',
      'i.ended_at as endedAt',
      'c.phone',
    ])
    .where('i.id', '=', id)
    .where(interactionReadableBy(principal))
    .executeTakeFirst();
  if (!row) throw notFound('interaction', id);
  return row;
}
