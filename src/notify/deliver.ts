// The delivery worker: claims due outbox rows, renders them, hands each to the adapter for its channel
// and records what the provider said.
//
// Claiming. A row is claimed in its own short transaction (`FOR UPDATE SKIP LOCKED`, so any number of
// nodes share the outbox without waiting on one another) by setting status 'sending', counting the
// attempt and taking a lease. The provider is called after that commit, never inside it: a transaction
// must not stay open for as long as a carrier takes to answer.
//
// A crash between claim and the provider's answer. The row stays 'sending' until its lease runs out,
// then any worker claims it again and sends it again. We cannot know whether the first send reached
// the provider, so the choice is between perhaps losing the message and perhaps sending it twice; for
// an acknowledgement number, a sign-in code or a feedback question, twice is the right side to err on.
// The bound: one extra copy per crash in that window (a worker that dies holding a batch may duplicate
// each row of the batch once), never more than `maxAttempts` sends in all. Which channels may then
// duplicate:
//   - SMS over SMPP: yes. submit_sm has no idempotency key; an SMSC that accepted the first submit
//     sends both.
//   - SMS over HTTP: yes, unless the provider de-duplicates on the client reference we pass (the
//     notification id).
//   - WhatsApp Cloud API: yes; the API takes no idempotency key.
//   - Email: yes, but both copies carry the same Message-ID (derived from the notification id), so most
//     mail clients show one.
// The lease must outlast the slowest send an adapter allows (its own timeout), or a slow but live
// worker would see its row taken and sent again: DELIVERY_LEASE_SECONDS defaults to 120 s against
// adapters that give up after 30 s.
//
// Fencing. A worker records its outcome only if the row is still on the attempt it claimed: a worker
// that was presumed dead and comes back late cannot overwrite the newer attempt's result.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Clock } from '../clock.ts';
import type { DB } from '../db/schema.ts';
import type {
  ChannelAdapter,
  ChannelKind,
  DeliveryReceipt,
  RenderedMessage,
  SendOutcome,
} from './adapter.ts';
import { type ClaimedRow, type Rendered, renderBatch } from './render.ts';

export interface DeliveryLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface DeliveryOptions {
  adapters: Partial<Record<ChannelKind, ChannelAdapter>>;
  /** How long a claim holds before another worker may take the row (default 120 s). */
  leaseSeconds?: number;
  /** Rows claimed at once (default 50). */
  batch?: number;
  /** Sends before a row that keeps failing transiently is given up (default 8). */
  maxAttempts?: number;
  /** First retry delay; doubled each attempt up to `maxRetrySeconds` (defaults 30 s and 1 hour). */
  retrySeconds?: number;
  maxRetrySeconds?: number;
  region?: string;
  officerLanguage?: string;
  /** The portal's address (PUBLIC_URL), for the feedback links of resolution emails. */
  publicUrl?: string | null;
  feedbackLinkDays?: number;
  /** The largest file attached to an email (a scheduled report); a larger one is linked only. */
  attachmentMaxBytes?: number;
  log?: DeliveryLog;
}

export interface PassResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

/**
 * The channels rows may name that some adapter here serves ('default' is an officer's notice). A
 * citizen's message about a grievance is written as 'sms' and follows the citizen at delivery
 * (render.ts: their choice, the channel they used, SMS as the fallback), so WhatsApp and email claim
 * those too.
 */
export function claimableChannels(adapters: DeliveryOptions['adapters']): string[] {
  const kinds = Object.keys(adapters);
  if ((adapters.whatsapp || adapters.email) && !adapters.sms) kinds.push('sms');
  return kinds.length ? [...kinds, 'default'] : [];
}

export async function claimDue(
  db: Kysely<DB>,
  now: Date,
  channels: string[],
  limit: number,
  leaseSeconds: number,
): Promise<ClaimedRow[]> {
  if (channels.length === 0) return [];
  const lease = new Date(now.getTime() + leaseSeconds * 1000);
  const result = await sql<ClaimedRow>`
    update notifications
       set status = 'sending', lease_until = ${lease}, attempts = attempts + 1
     where id in (
       select id from notifications
        where ((status = 'pending' and next_attempt_at <= ${now})
            or (status = 'sending' and lease_until <= ${now}))
          and channel in (${sql.join(channels)})
        order by next_attempt_at, id
        limit ${limit}
        for update skip locked)
    returning id, created_at as "createdAt", attempts, channel, template, language, params`.execute(db);
  return result.rows;
}

/** Runs passes until nothing is due. */
export async function deliverDue(
  db: Kysely<DB>,
  clock: Clock,
  options: DeliveryOptions,
): Promise<PassResult> {
  const total: PassResult = { claimed: 0, sent: 0, retried: 0, failed: 0 };
  for (;;) {
    const pass = await deliverOnce(db, clock, options);
    total.claimed += pass.claimed;
    total.sent += pass.sent;
    total.retried += pass.retried;
    total.failed += pass.failed;
    if (pass.claimed < (options.batch ?? 50)) return total;
  }
}

export async function deliverOnce(
  db: Kysely<DB>,
  clock: Clock,
  options: DeliveryOptions,
): Promise<PassResult> {
  const batch = options.batch ?? 50;
  const channels = claimableChannels(options.adapters);
  const rows = await claimDue(db, clock.now(), channels, batch, options.leaseSeconds ?? 120);
  const result: PassResult = { claimed: rows.length, sent: 0, retried: 0, failed: 0 };
  if (rows.length === 0) return result;
  const available = Object.keys(options.adapters) as ChannelKind[];
  let rendered: Map<number, Rendered>;
  try {
    rendered = await renderBatch(db, rows, {
      region: options.region ?? 'IN',
      officerLanguage: options.officerLanguage ?? 'en',
      available,
      publicUrl: options.publicUrl ?? null,
      feedbackLinkDays: options.feedbackLinkDays,
      attachmentMaxBytes: options.attachmentMaxBytes,
    });
  } catch (error) {
    // The rows keep their lease and are taken again when it runs out.
    options.log?.error({ err: error }, 'rendering notifications failed');
    return result;
  }
  await Promise.all(
    rows.map(async (row) => {
      let r = rendered.get(row.id);
      let outcome: SendOutcome;
      let adapter: ChannelAdapter | undefined;
      if (r?.kind === 'wait') {
        // Nothing here reaches the recipient yet (the channel is not configured): the row goes back to
        // waiting, its attempt not counted, and is looked at again in a while.
        await waitAgain(db, clock.now(), row, r.reason);
        result.retried++;
        return;
      }
      if (!r) outcome = { kind: 'failed', reason: 'the notification vanished' };
      else if (expired(row, clock.now()))
        outcome = { kind: 'failed', reason: 'the code expired before it could be sent' };
      else if (r.kind === 'undeliverable') outcome = { kind: 'failed', reason: r.reason };
      else {
        adapter = options.adapters[r.channel];
        outcome = adapter
          ? await sendSafely(adapter, r.message)
          : { kind: 'failed', reason: `no ${r.channel} adapter` };
        const fallback = r.fallback;
        const second = fallback ? options.adapters[fallback.channel] : undefined;
        if (outcome.kind === 'failed' && fallback && second) {
          // WhatsApp refused it for good (not a WhatsApp number, no approved template): SMS instead.
          options.log?.info(
            { notification: row.id, from: r.channel, to: fallback.channel, reason: outcome.reason },
            'notification sent on the fallback channel',
          );
          adapter = second;
          r = { kind: 'message', channel: fallback.channel, message: fallback.message };
          outcome = await sendSafely(second, fallback.message);
        }
      }
      const message = r?.kind === 'message' ? r : null;
      await recordOutcome(db, clock.now(), row, outcome, {
        provider: adapter?.provider ?? null,
        channel: message?.channel ?? null,
        message: message?.message ?? null,
        options,
      });
      if (outcome.kind === 'sent') result.sent++;
      else if (outcome.kind === 'retry' && row.attempts < (options.maxAttempts ?? 8)) result.retried++;
      else result.failed++;
      if (outcome.kind !== 'sent')
        options.log?.warn(
          { notification: row.id, attempt: row.attempts, outcome: outcome.kind, reason: outcome.reason },
          'notification not sent',
        );
    }),
  );
  return result;
}

/** Back to pending without counting the attempt the claim counted (render.ts said: wait). */
async function waitAgain(db: Kysely<DB>, now: Date, row: ClaimedRow, reason: string) {
  await db
    .updateTable('notifications')
    .set((eb) => ({
      status: 'pending',
      attempts: eb('attempts', '-', 1),
      last_error: reason,
      next_attempt_at: new Date(now.getTime() + WAIT_SECONDS * 1000),
      lease_until: null,
    }))
    .where('id', '=', row.id)
    .where('attempts', '=', row.attempts)
    .where('status', '=', 'sending')
    .execute();
}
const WAIT_SECONDS = 600;

/** A sign-in code that can no longer be used is not worth sending (a gateway down for an hour). */
function expired(row: ClaimedRow, now: Date) {
  const minutes = Number(row.params.minutes);
  return (
    (row.template === 'otp' || row.template === 'email_code') &&
    minutes > 0 &&
    row.createdAt.getTime() + minutes * 60_000 <= now.getTime()
  );
}

/** An adapter that throws is a transient failure, never a crash of the whole pass. */
async function sendSafely(adapter: ChannelAdapter, message: RenderedMessage): Promise<SendOutcome> {
  try {
    return await adapter.send(message);
  } catch (error) {
    return { kind: 'retry', reason: error instanceof Error ? error.message : String(error) };
  }
}

export function backoffSeconds(
  attempt: number,
  options: Pick<DeliveryOptions, 'retrySeconds' | 'maxRetrySeconds'>,
) {
  const base = options.retrySeconds ?? 30;
  return Math.min(base * 2 ** Math.max(0, attempt - 1), options.maxRetrySeconds ?? 3600);
}

async function recordOutcome(
  db: Kysely<DB>,
  now: Date,
  row: ClaimedRow,
  outcome: SendOutcome,
  context: {
    provider: string | null;
    channel: ChannelKind | null;
    message: RenderedMessage | null;
    options: DeliveryOptions;
  },
) {
  const { options } = context;
  await db.transaction().execute(async (trx) => {
    const still = trx
      .updateTable('notifications')
      .where('id', '=', row.id)
      .where('attempts', '=', row.attempts)
      .where('status', '=', 'sending');
    if (outcome.kind === 'sent') {
      const updated = await still
        .set({
          status: 'sent',
          provider: context.provider,
          provider_id: outcome.providerId,
          sent_at: now,
          lease_until: null,
          last_error: null,
          ...(context.channel ? { channel: context.channel } : {}),
        })
        .returning(['citizen_id', 'grievance_id', 'template'])
        .executeTakeFirst();
      if (!updated) return;
      const ids = outcome.partIds?.length ? outcome.partIds : [outcome.providerId];
      await trx
        .insertInto('notification_parts')
        .values(
          ids.map((providerId, i) => ({
            notification_id: row.id,
            part: i + 1,
            provider: context.provider ?? '',
            provider_id: providerId,
            updated_at: now,
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
      if (updated.citizen_id !== null && context.channel && context.message) {
        await logOutbound(trx, now, {
          citizenId: updated.citizen_id,
          grievanceId: updated.grievance_id,
          channel: context.channel,
          notificationId: row.id,
          summary: updated.template === 'otp' ? 'sign-in code' : context.message.text,
        });
      }
      // A receipt may have beaten us here (an SMSC answers fast): apply any that wait.
      await applyWaitingReceipts(trx, context.provider ?? '', ids, now);
      return;
    }
    const giveUp = outcome.kind === 'failed' || row.attempts >= (options.maxAttempts ?? 8);
    if (giveUp) {
      const reason =
        outcome.kind === 'failed'
          ? outcome.reason
          : `gave up after ${row.attempts} attempts: ${outcome.reason}`;
      await still
        .set({ status: 'failed', last_error: reason.slice(0, 1000), failed_at: now, lease_until: null })
        .execute();
      return;
    }
    const delay = outcome.afterSeconds ?? backoffSeconds(row.attempts, options);
    await still
      .set({
        status: 'pending',
        last_error: outcome.reason.slice(0, 1000),
        next_attempt_at: new Date(now.getTime() + delay * 1000),
        lease_until: null,
      })
      .execute();
  });
}

/** Every message to a citizen is a contact on their history, linked to its grievance. */
export async function logOutbound(
  trx: Transaction<DB>,
  now: Date,
  input: {
    citizenId: number;
    grievanceId: number | null;
    channel: ChannelKind;
    notificationId: number;
    summary: string;
  },
) {
  if (input.channel === 'voice') return;
  const interaction = await trx
    .insertInto('interactions')
    .values({
      citizen_id: input.citizenId,
      channel: input.channel,
      direction: 'outbound',
      external_id: `notification:${input.notificationId}`,
      summary: input.summary.slice(0, 2000),
      started_at: now,
      ended_at: now,
    })
    .onConflict((oc) => oc.columns(['channel', 'external_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (interaction && input.grievanceId !== null) {
    await trx
      .insertInto('interaction_grievances')
      .values({ interaction_id: interaction.id, grievance_id: input.grievanceId })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

// ---------------------------------------------------------------------------------------------------
// Receipts. A receipt names the provider's id of one part. It is stored first (delivery_receipts) and
// then applied, so a receipt that arrives before we recorded the send (the SMSC's answer and its
// receipt can overtake our commit) is applied when the send is recorded.

export async function applyReceipt(db: Kysely<DB>, provider: string, receipt: DeliveryReceipt) {
  const state = receipt.state;
  if (state === 'sent') return { matched: false };
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('delivery_receipts')
      .values({
        provider,
        provider_id: receipt.providerId,
        state,
        reason: receipt.reason ?? null,
        at: receipt.at,
      })
      .onConflict((oc) =>
        oc.columns(['provider', 'provider_id']).doUpdateSet({
          state,
          reason: receipt.reason ?? null,
          at: receipt.at,
        }),
      )
      .execute();
    const matched = await applyWaitingReceipts(trx, provider, [receipt.providerId], receipt.at);
    return { matched };
  });
}

async function applyWaitingReceipts(
  trx: Transaction<DB>,
  provider: string,
  providerIds: string[],
  now: Date,
) {
  const updated = await trx
    .updateTable('notification_parts as p')
    .from('delivery_receipts as r')
    .set((eb) => ({ state: eb.ref('r.state'), reason: eb.ref('r.reason'), updated_at: eb.ref('r.at') }))
    .whereRef('r.provider', '=', 'p.provider')
    .whereRef('r.provider_id', '=', 'p.provider_id')
    .where('p.provider', '=', provider)
    .where('p.provider_id', 'in', providerIds)
    .returning('p.notification_id')
    .execute();
  const ids = [...new Set(updated.map((u) => u.notification_id))];
  for (const id of ids) await settle(trx, id, now);
  return ids.length > 0;
}

/** A notification is delivered when all its parts are, failed when any part failed. */
async function settle(trx: Transaction<DB>, notificationId: number, now: Date) {
  const parts = await trx
    .selectFrom('notification_parts')
    .select(['state', 'reason'])
    .where('notification_id', '=', notificationId)
    .execute();
  const failed = parts.find((p) => p.state === 'failed');
  if (failed) {
    await trx
      .updateTable('notifications')
      .set({
        status: 'failed',
        last_error: failed.reason ?? 'the carrier could not deliver it',
        failed_at: now,
      })
      .where('id', '=', notificationId)
      .where('status', 'in', ['sent', 'delivered'])
      .execute();
  } else if (parts.length > 0 && parts.every((p) => p.state === 'delivered')) {
    await trx
      .updateTable('notifications')
      .set({ status: 'delivered', delivered_at: now })
      .where('id', '=', notificationId)
      .where('status', '=', 'sent')
      .execute();
  }
}
