// The notification outbox. A notification is written in the same transaction as the event that causes
// it, so a message is sent if and only if the change it reports was committed. Delivery (SMS over SMPP,
// WhatsApp, email, voice) is a separate worker that reads pending rows; until a channel is configured
// rows simply wait here.

import type { Kysely, Transaction } from 'kysely';
import { withoutSealedCode } from '../access/otp-sealing.ts';
import type { DB } from '../db/schema.ts';

export type TemplateName =
  | 'grievance_registered'
  | 'grievance_assigned'
  | 'grievance_transferred_in'
  | 'info_requested'
  | 'grievance_resolved'
  | 'grievance_rejected'
  | 'grievance_reopened'
  | 'grievance_escalated'
  | 'sla_reminder'
  | 'sla_overdue'
  | 'grievance_closed'
  | 'otp'
  /** The code confirming an email address a citizen gave on the portal (src/channels/email/address.ts). */
  | 'email_code'
  /** A reply to a message from the citizen (SMS keywords): `params.text` holds the words. */
  | 'reply'
  /** A scheduled report to a position (src/insight/schedules.ts): its name, period, summary and link. */
  | 'insight_report';

export type Recipient = { kind: 'citizen'; citizenId: number } | { kind: 'position'; positionId: number };

export interface NotificationInput {
  to: Recipient;
  grievanceId: number | null;
  template: TemplateName;
  language: string;
  params: Record<string, unknown>;
  channel?: string;
}

export async function enqueueNotification(trx: Transaction<DB>, now: Date, input: NotificationInput) {
  await trx
    .insertInto('notifications')
    .values({
      recipient_kind: input.to.kind,
      citizen_id: input.to.kind === 'citizen' ? input.to.citizenId : null,
      position_id: input.to.kind === 'position' ? input.to.positionId : null,
      officer_id: null,
      grievance_id: input.grievanceId,
      // Citizens are reached by SMS by default; officers by the channel their position prefers, decided
      // at delivery time (the holder may change before it is sent).
      channel: input.channel ?? (input.to.kind === 'citizen' ? 'sms' : 'default'),
      template: input.template,
      language: input.language,
      params: JSON.stringify(input.params),
      next_attempt_at: now,
      created_at: now,
    })
    .execute();
}

export async function listNotifications(db: Kysely<DB>, grievanceId: number) {
  return (
    db
      .selectFrom('notifications')
      .select([
        'id',
        'recipient_kind as recipientKind',
        'citizen_id as citizenId',
        'position_id as positionId',
        'channel',
        'template',
        'language',
        'params',
        'status',
        'created_at as createdAt',
      ])
      .where('grievance_id', '=', grievanceId)
      .orderBy('id')
      .execute()
      // A sealed sign-in code is for the delivery worker alone (access/otp-sealing.ts).
      .then((rows) => rows.map((row) => ({ ...row, params: withoutSealedCode(row.params) })))
  );
}

/**
 * A grievance's messages as staff see them: to whom (citizen or position, never the citizen's number or
 * id, so an anonymous citizen stays anonymous), on which channel, and how delivery went, with the
 * provider's reason for a failure. Never the params: a sign-in code must not be read back.
 */
export async function notificationsForStaff(db: Kysely<DB>, grievanceId: number) {
  return db
    .selectFrom('notifications')
    .select([
      'id',
      'recipient_kind as recipientKind',
      'position_id as positionId',
      'channel',
      'template',
      'language',
      'status',
      'attempts',
      'last_error as lastError',
      'provider',
      'created_at as createdAt',
      'next_attempt_at as nextAttemptAt',
      'sent_at as sentAt',
      'delivered_at as deliveredAt',
      'failed_at as failedAt',
    ])
    .where('grievance_id', '=', grievanceId)
    .orderBy('id')
    .execute();
}
