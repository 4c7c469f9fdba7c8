// What to do with an email that reached our SMTP listener (listener.ts), once parsed.
//
// 1. Robots are dropped: out-of-office answers, bounces, lists and anything else that says it was
//    sent automatically (Auto-Submitted other than "no", Precedence bulk/junk/list/auto_reply, the
//    X-Autoreply family, List-Id, an empty envelope sender, mailer-daemon or postmaster, a delivery
//    report). Our own mail says Auto-Submitted too; so two robots never write to each other forever.
// 2. A message seen before (the same Message-ID: a relay that delivers twice) is ignored.
// 3. It is threaded to its grievance by, in order: the reply+<reference>@ address our mail asks
//    replies to go to; In-Reply-To and References (a Message-ID we sent, or one naming the
//    reference); a reference in the subject. It becomes an interaction linked to that grievance.
//    A reply to a resolved grievance that starts with 1 or 2 (yes/no, हाँ/नहीं, ndiyo/hapana) answers
//    its "were you satisfied?" only when it is sent to the signed address of the resolution email,
//    reply+<reference>.<tag>@ (src/feedback/reply-tag.ts), for the resolution still current, and comes
//    from the citizen's verified address (address.ts). Otherwise it stays a reply on the history and
//    changes nothing: anyone can write to reply+<reference>@ (a reference is printed on slips and read
//    out on the phone) and forge a From line (staff see the citizen's address).
// 4. Otherwise it is a new matter from someone we may not know: a draft for an agent, with its photos.
// Every text is passed through cleanText: this input never went through the API's text check.
import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { ParsedMail } from 'mailparser';
import { appendAudit } from '../../access/audit.ts';
import { DEFAULT_UPLOAD_CAP, thatFit } from '../../attachments/cap.ts';
import { checkFile } from '../../attachments/check.ts';
import { insertAttachments } from '../../attachments/store.ts';
import type { DraftMediaType } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import { answerResolution } from '../../feedback/answer.ts';
import { isReplyTag } from '../../feedback/reply-tag.ts';
import { normalizeReference } from '../../grievances/index.ts';
import { cleanText } from '../../http/text.ts';
import { createDraft } from '../../intake/index.ts';
import { enqueueNotification, replyText } from '../../notify/index.ts';
import { keywordOf } from '../sms/inbound.ts';
import { sameAddress } from './address.ts';

export interface Envelope {
  /** MAIL FROM; empty for a bounce ("<>"). */
  from: string;
  to: string[];
}

export type EmailOutcome =
  | { kind: 'dropped'; why: string }
  | { kind: 'duplicate' }
  | {
      kind: 'threaded';
      reference: string;
      interactionId: number;
      by: 'address' | 'headers' | 'subject';
      /**
       * A reply of 1 or 2 to a resolution: what it did (`not_the_citizen`: nothing, wrong sender;
       * `not_signed`: nothing, not sent to the resolution email's signed reply address).
       */
      feedback?: Feedback;
    }
  | { kind: 'drafted'; draftId: number; interactionId: number };

type Feedback = 'closed' | 'reopened' | 'too_late' | 'not_the_citizen' | 'not_signed';

const REFERENCE = /\b([2-9A-HJ-NP-Za-hj-np-z]{3}-?[2-9A-HJ-NP-Za-hj-np-z]{3}-?[2-9A-HJ-NP-Za-hj-np-z]{3})\b/g;

export async function receiveEmail(
  deps: Deps,
  replyDomain: string,
  mail: ParsedMail,
  envelope: Envelope,
  log: FastifyBaseLogger,
): Promise<EmailOutcome> {
  const robot = automatic(mail, envelope);
  if (robot) {
    log.info({ messageId: mail.messageId, why: robot }, 'email: automatic message dropped');
    return { kind: 'dropped', why: robot };
  }
  const subject = cleanText(mail.subject ?? '').slice(0, 300);
  const body = cleanText(withoutQuote(mail.text ?? '')).slice(0, 10_000);
  const sender = cleanText(mail.from?.value[0]?.address ?? envelope.from)
    .toLowerCase()
    .slice(0, 300);
  const externalId = mail.messageId
    ? cleanText(mail.messageId).slice(0, 300)
    : `sha256:${createHash('sha256').update(`${sender}\n${mail.date?.toISOString()}\n${subject}\n${body}`).digest('hex')}`;
  const seen = await deps.db
    .selectFrom('interactions')
    .select('id')
    .where('channel', '=', 'email')
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  if (seen) return { kind: 'duplicate' };

  const found = await findGrievance(deps, replyDomain, mail, envelope, subject);
  const now = deps.clock.now();
  const photos = mail.attachments
    .map((a) => {
      try {
        return checkFile(
          { name: a.filename, bytes: new Uint8Array(a.content) },
          { photosOnly: found?.anonymous ?? false },
        );
      } catch {
        return null; // not a photo or PDF we accept: the text still counts
      }
    })
    .filter((f) => f !== null)
    .slice(0, 3);

  if (found) {
    const interactionId = await inTransaction(deps.db, async (trx) => {
      const interaction = await trx
        .insertInto('interactions')
        .values({
          citizen_id: found.citizenId,
          channel: 'email',
          direction: 'inbound',
          external_id: externalId,
          // An anonymous complainant's address is not written where the department could read it.
          summary: `${found.anonymous ? '' : `From ${sender}: `}${subject}\n\n${body}`.slice(0, 4000),
          started_at: now,
          ended_at: null,
          created_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('interaction_grievances')
        .values({ interaction_id: interaction.id, grievance_id: found.id })
        .execute();
      // The grievance's upload cap holds here too: photos past it are left out, the reply is kept.
      const fit = await thatFit(trx, found.id, 'evidence', photos, deps.uploadCap ?? DEFAULT_UPLOAD_CAP);
      const attached = await insertAttachments(
        trx,
        now,
        found.id,
        { kind: 'citizen', id: found.citizenId },
        fit.map((p) => ({ ...p, kind: 'evidence' as const })),
      );
      await appendAudit(trx, now, {
        actorKind: 'system',
        actorId: null,
        action: 'email threaded to grievance',
        entity: 'grievances',
        entityId: found.reference,
        data: {
          interactionId: interaction.id,
          by: found.by,
          attachments: attached.map((a) => a.id),
          ...(fit.length < photos.length ? { photosOverCap: photos.length - fit.length } : {}),
        },
      });
      return interaction.id;
    });
    log.info({ reference: found.reference, by: found.by }, 'email: threaded to its grievance');
    const feedback =
      found.status === 'resolved' && found.citizenId !== null
        ? await answerByReply(deps, { ...found, citizenId: found.citizenId }, sender, body, interactionId)
        : undefined;
    if (feedback) log.info({ reference: found.reference, feedback }, 'email: a reply to the resolution');
    return {
      kind: 'threaded',
      reference: found.reference,
      interactionId,
      by: found.by,
      ...(feedback ? { feedback } : {}),
    };
  }

  const interaction = await deps.db
    .insertInto('interactions')
    .values({
      citizen_id: null,
      channel: 'email',
      direction: 'inbound',
      external_id: externalId,
      summary: `From ${sender}: ${subject}\n\n${body}`.slice(0, 4000),
      started_at: now,
      ended_at: null,
      created_by: null,
    })
    .onConflict((oc) => oc.columns(['channel', 'external_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!interaction) return { kind: 'duplicate' };
  const draft = await createDraft(deps.db, now, {
    channel: 'email',
    interactionId: interaction.id,
    text: subject ? `${subject}\n\n${body}` : body,
    data: { email: sender, subject, messageId: externalId },
    media: photos.map((p) => ({ mediaType: p.mediaType as DraftMediaType, content: p.content })),
  });
  log.info({ draftId: draft.id }, 'email: new matter, drafted for an agent');
  return { kind: 'drafted', draftId: draft.id, interactionId: interaction.id };
}

/** Why this looks sent by a program rather than a person, or null. */
export function automatic(mail: ParsedMail, envelope: Envelope): string | null {
  const header = (name: string) => {
    const value = mail.headers.get(name);
    if (value === undefined || value === null) return null;
    return (typeof value === 'string' ? value : JSON.stringify(value)).toLowerCase().trim();
  };
  const auto = header('auto-submitted');
  if (auto && auto !== 'no') return `Auto-Submitted: ${auto}`;
  const precedence = header('precedence');
  if (precedence && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence))
    return `Precedence: ${precedence}`;
  for (const name of ['x-autoreply', 'x-autorespond', 'x-auto-reply', 'list-id', 'list-unsubscribe']) {
    if (header(name) !== null) return name;
  }
  if (!envelope.from) return 'empty envelope sender (a bounce)';
  const from = (mail.from?.value[0]?.address ?? envelope.from).toLowerCase();
  if (/^(mailer-daemon|postmaster)@/.test(from)) return `from ${from}`;
  const type = header('content-type');
  if (type?.includes('multipart/report')) return 'a delivery or read report';
  return null;
}

/** The reply without the message it quotes (most mail programs add it below "On ... wrote:"). */
export function withoutQuote(text: string): string {
  const lines = text.split(/\r?\n/);
  const cut = lines.findIndex(
    (l) => /^On .{4,200} wrote:\s*$/.test(l) || /^-{2,}\s*Original Message\s*-{2,}/i.test(l),
  );
  return (cut === -1 ? lines : lines.slice(0, cut))
    .filter((l) => !l.startsWith('>'))
    .join('\n')
    .trim();
}

async function findGrievance(
  deps: Deps,
  replyDomain: string,
  mail: ParsedMail,
  envelope: Envelope,
  subject: string,
) {
  const lookup = (reference: string) =>
    deps.db
      .selectFrom('grievances')
      .select(['id', 'reference', 'anonymous', 'status', 'citizen_id as citizenId'])
      .where('reference', '=', reference)
      .executeTakeFirst();
  const addresses = [
    ...envelope.to,
    ...[mail.to, mail.cc]
      .flatMap((a) => (a ? (Array.isArray(a) ? a : [a]) : []))
      .flatMap((a) => a.value.map((v) => v.address ?? '')),
  ];
  const tagged = new RegExp(`^reply\\+([^@]+)@${replyDomain.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'i');
  for (const address of addresses) {
    // reply+<reference>@, or reply+<reference>.<tag>@ from a resolution email.
    const [named, tag] = (tagged.exec(address.trim())?.[1] ?? '').split('.', 2);
    const reference = named ? normalizeReference(named) : null;
    const g = reference ? await lookup(reference) : undefined;
    if (g) return { ...g, by: 'address' as const, tag: tag ?? null };
  }
  const ids = [mail.inReplyTo, ...(Array.isArray(mail.references) ? mail.references : [mail.references])]
    .filter((x): x is string => typeof x === 'string' && x.length > 0)
    .map((x) => x.trim());
  if (ids.length) {
    const sent = await deps.db
      .selectFrom('interactions as i')
      .innerJoin('interaction_grievances as ig', 'ig.interaction_id', 'i.id')
      .innerJoin('grievances as g', 'g.id', 'ig.grievance_id')
      .select(['g.id', 'g.reference', 'g.anonymous', 'g.status', 'g.citizen_id as citizenId'])
      .where('i.channel', '=', 'email')
      .where('i.external_id', 'in', ids)
      .orderBy('i.id', 'desc')
      .executeTakeFirst();
    if (sent) return { ...sent, by: 'headers' as const, tag: null };
    for (const id of ids) {
      const named = /^<?civicline\.([2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3})\./.exec(id)?.[1];
      const g = named ? await lookup(named) : undefined;
      if (g) return { ...g, by: 'headers' as const, tag: null };
    }
  }
  for (const match of subject.matchAll(REFERENCE)) {
    const reference = normalizeReference(match[1] as string);
    const g = reference ? await lookup(reference) : undefined;
    if (g) return { ...g, by: 'subject' as const, tag: null };
  }
  return null;
}

/**
 * A reply of 1 or 2 to a resolved grievance: the answer to its "were you satisfied?" when it was sent to
 * the reply address signed for one of its resolutions and the sender is the citizen's verified address
 * (both are needed: a From line is easy to forge). answerResolution then checks, under the lock, that
 * the signed resolution is still the current one. The citizen hears back by email when it reopened it
 * or came too late (a closure sends its own message).
 */
async function answerByReply(
  deps: Deps,
  found: { id: number; reference: string; citizenId: number; tag: string | null },
  sender: string,
  body: string,
  interactionId: number,
): Promise<Feedback | undefined> {
  const keyword = keywordOf(body.trim());
  if (keyword?.kind !== 'yes' && keyword?.kind !== 'no') return undefined;
  const citizen = await deps.db
    .selectFrom('citizens')
    .select(['email', 'language'])
    .where('id', '=', found.citizenId)
    .executeTakeFirstOrThrow();
  if (!sameAddress(sender, citizen.email)) return 'not_the_citizen';
  const resolutionId = found.tag ? await signedResolution(deps, found, found.tag) : null;
  if (resolutionId === null) return 'not_signed';
  const satisfied = keyword.kind === 'yes';
  const done = await answerResolution(deps, {
    grievanceId: found.id,
    citizenId: found.citizenId,
    resolutionId,
    answer: { satisfied, ...(keyword.rest.trim() ? { reason: keyword.rest } : {}) },
    via: 'email reply',
    ip: null,
    interactionId,
  });
  if (!done || !satisfied) {
    await inTransaction(deps.db, (trx) =>
      enqueueNotification(trx, deps.clock.now(), {
        to: { kind: 'citizen', citizenId: found.citizenId },
        grievanceId: found.id,
        template: 'reply',
        language: citizen.language,
        channel: 'email',
        params: { text: replyText(done ? 'reopened' : 'noFeedback', citizen.language, found) },
      }),
    );
  }
  if (!done) return 'too_late';
  return satisfied ? 'closed' : 'reopened';
}

/** Which of the grievance's resolutions (any, the latest first) the tag was signed for, or null. */
async function signedResolution(
  deps: Deps,
  found: { id: number; citizenId: number },
  tag: string,
): Promise<number | null> {
  const resolutions = await deps.db
    .selectFrom('grievance_events')
    .select('id')
    .where('grievance_id', '=', found.id)
    .where('kind', '=', 'resolved')
    .orderBy('id', 'desc')
    .execute();
  const claim = { grievanceId: found.id, citizenId: found.citizenId };
  const signed = resolutions.find((r) => isReplyTag(tag, { ...claim, resolutionId: Number(r.id) }));
  return signed ? Number(signed.id) : null;
}
