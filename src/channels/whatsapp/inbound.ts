// What happens to a message the webhook verified. It is logged as an interaction on the citizen's
// history; the interaction's unique (channel, external_id) makes the log also the record of what was
// already handled, so a webhook Meta retries (it does, on any slow or failed answer) changes nothing
// the second time. The citizen's last-message time opens the 24-hour window for free-form replies.
import type { Kysely } from 'kysely';
import { findOrCreateCitizen } from '../../citizens/index.ts';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { InboundContent, InboundMessage } from './payload.ts';

/** What a message says, in a line, for the citizen's history. */
export function summarise(content: InboundContent): string {
  switch (content.kind) {
    case 'text':
      return content.text.slice(0, 1000);
    case 'choice':
      return `[choice] ${content.title}`;
    case 'location':
      return `[location] ${content.latitude.toFixed(5)}, ${content.longitude.toFixed(5)}${content.name ? ` ${content.name}` : ''}`;
    case 'image':
      return `[photo]${content.caption ? ` ${content.caption.slice(0, 500)}` : ''}`;
    case 'audio':
      return '[voice note]';
    case 'other':
      return `[${content.type}]`;
  }
}

/** True when a message with this id was already handled (a cheap look before fetching its media). */
export async function seenBefore(db: Kysely<DB>, messageId: string): Promise<boolean> {
  const row = await db
    .selectFrom('interactions')
    .select('id')
    .where('channel', '=', 'whatsapp')
    .where('external_id', '=', messageId)
    .executeTakeFirst();
  return Boolean(row);
}

/**
 * Logs the message and touches the conversation, in `trx`. Returns null when the message was handled
 * before (a retried webhook), else the citizen, the interaction and the conversation as it was.
 */
export async function recordInbound(trx: Kysely<DB>, clock: Clock, message: InboundMessage) {
  const now = clock.now();
  const citizenId = await findOrCreateCitizen(trx, now, { phone: message.from });
  const interaction = await trx
    .insertInto('interactions')
    .values({
      citizen_id: citizenId,
      channel: 'whatsapp',
      direction: 'inbound',
      external_id: message.id,
      summary: summarise(message.content),
      started_at: message.at,
      ended_at: null,
      created_by: null,
    })
    .onConflict((oc) => oc.columns(['channel', 'external_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!interaction) return null;
  await trx
    .insertInto('whatsapp_conversations')
    .values({ phone: message.from, citizen_id: citizenId, language: null, updated_at: now })
    .onConflict((oc) => oc.column('phone').doNothing())
    .execute();
  const conversation = await trx
    .selectFrom('whatsapp_conversations')
    .selectAll()
    .where('phone', '=', message.from)
    .forUpdate()
    .executeTakeFirstOrThrow();
  // The window runs from the citizen's latest message; a delayed webhook never moves it back.
  const lastInbound =
    conversation.last_inbound_at && conversation.last_inbound_at > message.at
      ? conversation.last_inbound_at
      : message.at;
  await trx
    .updateTable('whatsapp_conversations')
    .set({
      last_inbound_at: lastInbound,
      interaction_ids: [...conversation.interaction_ids.map(Number), interaction.id],
      updated_at: now,
    })
    .where('phone', '=', message.from)
    .execute();
  return {
    citizenId,
    interactionId: interaction.id,
    conversation: { ...conversation, last_inbound_at: lastInbound },
  };
}

/** Whether we may send free-form text to `phone` now: they wrote to us within the last 24 hours. */
export async function windowOpen(db: Kysely<DB>, clock: Clock, phone: string): Promise<boolean> {
  const row = await db
    .selectFrom('whatsapp_conversations')
    .select('last_inbound_at')
    .where('phone', '=', phone)
    .executeTakeFirst();
  const last = row?.last_inbound_at;
  return Boolean(last && clock.now().getTime() - new Date(last).getTime() < WINDOW_MS);
}

export const WINDOW_MS = 24 * 60 * 60 * 1000;

/** Runs `work` with the message recorded, in one transaction; null for a message already handled. */
export function withInbound<T>(
  db: Kysely<DB>,
  clock: Clock,
  message: InboundMessage,
  work: (trx: Kysely<DB>, recorded: NonNullable<Awaited<ReturnType<typeof recordInbound>>>) => Promise<T>,
): Promise<T | null> {
  return inTransaction(db, async (trx) => {
    const recorded = await recordInbound(trx, clock, message);
    return recorded ? work(trx, recorded) : null;
  });
}
