// Messages from citizens by SMS (a deliver_sm that is not a receipt). The parts of a long message are
// put back together first (they may arrive in any order, on any node); then the whole message is:
//   - `STATUS <reference>` (स्थिति, HALI): the grievance's status and due date, if it is the sender's;
//   - `1` / `2` (YES/NO, हाँ/नहीं, NDIYO/HAPANA) after a "were you satisfied?" question: closes the
//     sender's resolved grievance as satisfied, or reopens it with their words;
//   - `STOP` (रोकें, SITISHA) / `START` (शुरू, ANZA): no more SMS from us, or again;
//   - anything else: a draft for an agent to complete into a grievance (src/intake), never dropped.
// Every message, in and out, is an interaction on the citizen's history, linked to the grievance it
// concerns. Replies go through the outbox like every other message.
import { createHash } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import { findOrCreateCitizen } from '../../citizens/index.ts';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { actOn, normalizeReference } from '../../grievances/index.ts';
import { cleanText } from '../../http/text.ts';
import { createDraft } from '../../intake/index.ts';
import { enqueueNotification, replyText, statusText } from '../../notify/index.ts';
import { formatWhen } from '../../notify/templates.ts';
import { deploymentZone } from '../../sla/calendars.ts';
import type { InboundSms } from './smpp.ts';

/** Parts of an unfinished long message are kept this long for the rest to arrive. */
const PART_WAIT_MS = 24 * 3600_000;
/** A 1/2 reply counts as feedback on a resolution sent this recently. */
const FEEDBACK_WINDOW_MS = 14 * 24 * 3600_000;

const KEYWORDS: { words: string[]; language: string; kind: 'status' | 'stop' | 'start' | 'yes' | 'no' }[] = [
  { words: ['STATUS'], language: 'en', kind: 'status' },
  { words: ['स्थिति'], language: 'hi', kind: 'status' },
  { words: ['HALI'], language: 'sw', kind: 'status' },
  { words: ['STOP', 'UNSUBSCRIBE'], language: 'en', kind: 'stop' },
  { words: ['रोकें', 'बंद'], language: 'hi', kind: 'stop' },
  { words: ['SITISHA', 'ACHA'], language: 'sw', kind: 'stop' },
  { words: ['START'], language: 'en', kind: 'start' },
  { words: ['शुरू'], language: 'hi', kind: 'start' },
  { words: ['ANZA'], language: 'sw', kind: 'start' },
  { words: ['1', 'YES'], language: '', kind: 'yes' },
  { words: ['हाँ', 'हां'], language: 'hi', kind: 'yes' },
  { words: ['NDIYO'], language: 'sw', kind: 'yes' },
  { words: ['2', 'NO'], language: '', kind: 'no' },
  { words: ['नहीं'], language: 'hi', kind: 'no' },
  { words: ['HAPANA'], language: 'sw', kind: 'no' },
];

export type InboundResult =
  | { kind: 'waiting' | 'duplicate' }
  | { kind: 'status' | 'stop' | 'start' | 'feedback' | 'draft' | 'not_found'; interactionId: number };

/** Handles one deliver_sm; resolves once everything it caused is stored (then the SMSC gets its answer). */
export async function receiveSms(
  deps: { db: Kysely<DB>; clock: Clock },
  message: InboundSms,
): Promise<InboundResult> {
  const now = deps.clock.now();
  const whole = message.concatenation ? await reassemble(deps.db, now, message) : message.text;
  if (whole === null) return { kind: 'waiting' };
  const result = await handleText(deps, message.from, cleanText(whole).trim(), message.id);
  if (result.kind !== 'feedback' || !('feedback' in result)) return result;
  return applyFeedback(deps, message.from, result.interactionId, result.feedback as Feedback);
}

interface Feedback {
  id: number;
  reference: string;
  citizenId: number;
  language: string;
  keyword: { kind: string; rest: string };
}

/** "Were you satisfied?" answered: close as satisfied, or reopen with the citizen's words (audited). */
async function applyFeedback(
  deps: { db: Kysely<DB>; clock: Clock },
  phone: string,
  interactionId: number,
  f: Feedback,
): Promise<InboundResult> {
  const yes = f.keyword.kind === 'yes';
  let replyKey = yes ? 'thanks' : 'reopened';
  try {
    await actOn(
      deps.db,
      deps.clock,
      f.reference,
      yes
        ? { type: 'close', reason: 'citizen_satisfied', note: 'Satisfied (SMS reply)' }
        : {
            type: 'reopen',
            note: f.keyword.rest ? `Not satisfied (SMS): ${f.keyword.rest}` : 'Not satisfied (SMS reply)',
          },
      { kind: 'citizen', citizenId: f.citizenId, phone },
      { actorKind: 'citizen', actorId: f.citizenId, ip: null },
    );
  } catch {
    // Closed or reopened meanwhile (by the portal, or the no-response timer): nothing waits for feedback.
    replyKey = 'noFeedback';
  }
  await deps.db.transaction().execute((trx) =>
    enqueueNotification(trx, deps.clock.now(), {
      to: { kind: 'citizen', citizenId: f.citizenId },
      grievanceId: f.id,
      template: 'reply',
      language: f.language,
      params: { text: replyText(replyKey, f.language, { reference: f.reference }) },
    }),
  );
  return { kind: 'feedback', interactionId };
}

async function reassemble(db: Kysely<DB>, now: Date, message: InboundSms): Promise<string | null> {
  const c = message.concatenation as NonNullable<InboundSms['concatenation']>;
  return inTransaction(db, async (trx) => {
    await trx
      .insertInto('sms_inbound_parts')
      .values({
        sender: message.from,
        reference: c.reference,
        total: c.total,
        sequence: c.sequence,
        text: message.text,
        received_at: now,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const have = await trx
      .selectFrom('sms_inbound_parts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('sender', '=', message.from)
      .where('reference', '=', c.reference)
      .where('total', '=', c.total)
      .where('received_at', '>', new Date(now.getTime() - PART_WAIT_MS))
      .executeTakeFirstOrThrow();
    if (Number(have.n) < c.total) return null;
    // Whoever deletes the parts handles the message: two nodes receiving the last parts at once
    // cannot both see them all.
    const parts = await trx
      .deleteFrom('sms_inbound_parts')
      .where('sender', '=', message.from)
      .where('reference', '=', c.reference)
      .where('total', '=', c.total)
      .returning(['sequence', 'text'])
      .execute();
    if (parts.length < c.total) return null;
    return parts
      .sort((a, b) => a.sequence - b.sequence)
      .map((p) => p.text)
      .join('');
  });
}

/** The keyword a message starts with (STATUS, STOP, 1/2 and their Hindi and Swahili words), and the rest. */
export function keywordOf(text: string) {
  const [first = '', ...rest] = text.split(/\s+/);
  const word = first.toUpperCase().replace(/[.,;:!?]+$/, '');
  const found = KEYWORDS.find((k) => k.words.includes(word));
  return found ? { ...found, rest: rest.join(' ') } : null;
}

async function handleText(
  deps: { db: Kysely<DB>; clock: Clock },
  from: string,
  text: string,
  smscId: string | null,
): Promise<InboundResult> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const citizenId = await findOrCreateCitizen(trx, now, { phone: from });
    const citizen = await trx
      .selectFrom('citizens')
      .select(['language'])
      .where('id', '=', citizenId)
      .executeTakeFirstOrThrow();
    const keyword = keywordOf(text);
    // The language of the reply: the keyword's, else the script's, else the citizen's.
    const language = keyword?.language || (/[\u0900-\u097F]/.test(text) ? 'hi' : citizen.language || 'en');
    const interactionId = await logInbound(trx, now, citizenId, text, smscId ?? digest(from, text, now));
    // The SMSC delivered it again (our answer was lost): it was handled the first time.
    if (interactionId === null) return { kind: 'duplicate' as const };
    const reply = (key: string, vars: Record<string, unknown>, grievanceId: number | null = null) =>
      enqueueNotification(trx, now, {
        to: { kind: 'citizen', citizenId },
        grievanceId,
        template: 'reply',
        language,
        params: { text: replyText(key, language, vars) },
      });

    if (keyword?.kind === 'stop' || keyword?.kind === 'start') {
      await trx
        .updateTable('citizens')
        .set({ sms_opted_out_at: keyword.kind === 'stop' ? now : null })
        .where('id', '=', citizenId)
        .execute();
      await reply(keyword.kind === 'stop' ? 'stopped' : 'started', {});
      return { kind: keyword.kind, interactionId };
    }

    if (keyword?.kind === 'status') {
      const reference = normalizeReference(keyword.rest);
      // Only the sender's own grievances: a reference alone must not tell a stranger anything.
      const g = reference
        ? await trx
            .selectFrom('grievances')
            .select(['id', 'reference', 'status', 'due_at'])
            .where('reference', '=', reference)
            .where('citizen_id', '=', citizenId)
            .executeTakeFirst()
        : undefined;
      if (!g) {
        await reply('notFound', { reference: keyword.rest || '?' });
        return { kind: 'not_found', interactionId };
      }
      await link(trx, interactionId, g.id);
      const zone = await deploymentZone(trx);
      const due =
        g.due_at && !['resolved', 'closed', 'rejected'].includes(g.status)
          ? replyText('statusDue', language, { due: formatWhen(g.due_at, language, 'IN', zone) })
          : '';
      await reply('status', { reference: g.reference, status: statusText(g.status, language), due }, g.id);
      return { kind: 'status', interactionId };
    }

    if (keyword?.kind === 'yes' || keyword?.kind === 'no') {
      // The feedback question went with the resolution: the latest resolved grievance of this citizen
      // whose resolution was sent to them recently.
      const asked = await trx
        .selectFrom('grievances as g')
        .innerJoin('notifications as n', 'n.grievance_id', 'g.id')
        .select(['g.id', 'g.reference'])
        .where('g.citizen_id', '=', citizenId)
        .where('g.status', '=', 'resolved')
        .where('n.template', '=', 'grievance_resolved')
        .where('n.created_at', '>', new Date(now.getTime() - FEEDBACK_WINDOW_MS))
        .orderBy('n.id', 'desc')
        .executeTakeFirst();
      if (asked) {
        await link(trx, interactionId, asked.id);
        // The transition runs in its own transaction (with its audit entry) once this one commits.
        return {
          kind: 'feedback' as const,
          interactionId,
          feedback: { ...asked, citizenId, language, keyword },
        };
      }
      if (keyword.words.includes('1') || keyword.words.includes('2')) {
        await reply('noFeedback', {});
        return { kind: 'not_found', interactionId };
      }
    }

    // Free text: a draft for an agent, who registers it and the citizen gets the reference.
    await createDraft(trx, now, { channel: 'sms', interactionId, citizenId, language, text });
    await reply('draft', {});
    return { kind: 'draft', interactionId };
  });
}

async function logInbound(
  trx: Transaction<DB>,
  now: Date,
  citizenId: number,
  text: string,
  externalId: string,
) {
  const row = await trx
    .insertInto('interactions')
    .values({
      citizen_id: citizenId,
      channel: 'sms',
      direction: 'inbound',
      external_id: `sms-in:${externalId}`,
      summary: text.slice(0, 2000),
      started_at: now,
      ended_at: now,
    })
    .onConflict((oc) => oc.columns(['channel', 'external_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

async function link(trx: Transaction<DB>, interactionId: number, grievanceId: number) {
  await trx
    .insertInto('interaction_grievances')
    .values({ interaction_id: interactionId, grievance_id: grievanceId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** An id for a message the SMSC gave none: the same message redelivered within the minute is one. */
function digest(from: string, text: string, now: Date) {
  return createHash('sha256')
    .update(`${from}\n${text}\n${Math.floor(now.getTime() / 60_000)}`)
    .digest('hex')
    .slice(0, 32);
}

/** Drops the parts of long messages whose other parts never came (an hourly job, src/jobs.ts). */
export async function purgeStaleParts(db: Kysely<DB>, now: Date) {
  await sql`delete from sms_inbound_parts where received_at < ${new Date(now.getTime() - PART_WAIT_MS)}`.execute(
    db,
  );
}
