// A delivery receipt updates the outbox row the provider's id names. Receipts arrive out of order and
// more than once (WhatsApp may report "delivered" before "sent"; SMSCs repeat receipts), so a row only
// moves forward: sent < delivered, and nothing overrides delivered. A receipt for an id we never
// recorded (a message sent before the row was marked, or a conversation reply that is no notification)
// changes nothing and says so.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { ChannelKind, DeliveryReceipt } from './adapter.ts';

/** Applies one receipt; returns how many outbox rows it moved (0 or 1). */
export async function applyReceipt(db: Kysely<DB>, channel: ChannelKind, receipt: DeliveryReceipt) {
  let query = db
    .updateTable('notifications')
    .where('provider_id', '=', receipt.providerId)
    .where('channel', '=', channel)
    .where('status', '!=', 'delivered');
  if (receipt.state === 'delivered') {
    query = query.set({ status: 'delivered', delivered_at: receipt.at });
  } else if (receipt.state === 'failed') {
    query = query.set({
      status: 'failed',
      last_error: receipt.reason ?? 'the provider reported the message failed',
    });
  } else {
    query = query
      .set({ status: 'sent', sent_at: sql<Date>`coalesce(sent_at, ${receipt.at})` })
      .where('status', '!=', 'failed');
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
