// An interaction is one contact: a call, a WhatsApp thread, an SMS, an email, a visit. Channels log them
// here; a grievance registered during the contact links back to it.

import type { Kysely } from 'kysely';
import { type Principal, SYSTEM } from '../access/principal.ts';
import type { Clock } from '../clock.ts';
import type { Channel, DB } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { notFound } from '../errors.ts';
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

/** Logs a contact. A provider that repeats a webhook (same channel and external id) gets the same row. */
export async function logInteraction(db: Kysely<DB>, clock: Clock, input: InteractionInput) {
  return inTransaction(db, async (trx) => {
    const now = clock.now();
    const citizenId = input.phone ? await findOrCreateCitizen(trx, now, { phone: input.phone }) : null;
    const inserted = await trx
      .insertInto('interactions')
      .values({
        citizen_id: citizenId,
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
    const id =
      inserted?.id ??
      (
        await trx
          .selectFrom('interactions')
          .select('id')
          .where('channel', '=', input.channel)
          .where('external_id', '=', input.externalId ?? '')
          .executeTakeFirstOrThrow()
      ).id;
    return getInteraction(trx, id);
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
