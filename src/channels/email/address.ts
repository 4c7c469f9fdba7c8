// A citizen's email address. Only a verified one is kept on the citizen, and only a kept one receives
// messages about their grievances or may answer a resolution by reply:
//   - verified by use: a grievance that came by email (registered from the sender's email) keeps the
//     address they wrote from, only when that registration created the citizen (an existing citizen
//     never gets an address from a From line, which anyone can write, with their number);
//   - verified by code: a signed-in citizen types an address on the portal, we send a six-digit code to
//     it (the one message an unconfirmed address ever gets), and it is kept once they type the code.
// Addresses are compared as normaliseEmail leaves them: trimmed, without angle brackets, lower-cased.
import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../../access/audit.ts';
import { sealOtpCode } from '../../access/otp-sealing.ts';
import { newOtpCode, sameText, sha256 } from '../../access/secrets.ts';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { type DetailCode, invalid, refusal } from '../../errors.ts';
import { enqueueNotification } from '../../notify/outbox.ts';

const VALID_MS = 10 * 60_000;
const MAX_TRIES = 5;
const WINDOW_MS = 60 * 60_000;
const MAX_CODES_PER_WINDOW = 5;

/** The address as we keep and compare it, or null for something that is not one address. */
export function normaliseEmail(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const address = raw
    .normalize('NFC')
    .trim()
    .replace(/^mailto:/i, '')
    .replace(/^<(.*)>$/, '$1')
    .trim()
    .toLowerCase();
  if (address.length > 254 || !/^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/.test(address))
    return null;
  return address;
}

/** Whether `sender` is the citizen's kept (verified) address. */
export function sameAddress(sender: string | null | undefined, kept: string | null | undefined): boolean {
  const a = normaliseEmail(sender);
  const b = normaliseEmail(kept);
  return a !== null && b !== null && a === b;
}

/**
 * A grievance registered from an email for a citizen that registration created: the sender's address is
 * kept on the citizen (they wrote from it), unless the citizen already has an address (one they
 * confirmed stays; we do not let a From line replace it). Returns whether it was kept.
 */
export async function keepSenderAddress(
  trx: Transaction<DB>,
  now: Date,
  citizenId: number,
  sender: string,
): Promise<boolean> {
  const address = normaliseEmail(sender);
  if (!address) return false;
  const updated = await trx
    .updateTable('citizens')
    .set({ email: address, email_verified_at: now, email_verified_by: 'used' })
    .where('id', '=', citizenId)
    .where('email', 'is', null)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/**
 * The sender of the email an interaction recorded, when that email was a new matter from someone we
 * did not know (its draft keeps the address).
 */
export async function senderOfInteraction(db: Kysely<DB>, interactionId: number): Promise<string | null> {
  const draft = await db
    .selectFrom('intake_drafts as d')
    .innerJoin('interactions as i', 'i.id', 'd.interaction_id')
    .select('d.data')
    .where('d.interaction_id', '=', interactionId)
    .where('i.channel', '=', 'email')
    .where('i.direction', '=', 'inbound')
    .executeTakeFirst();
  const email = (draft?.data as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email : null;
}

/**
 * A grievance just registered from an email (channel email, linked to the inbound email's interaction)
 * whose registration created its citizen (the caller checks): the citizen keeps the sender's address,
 * audited (the entry names the citizen, not the address).
 */
export async function keepAddressOfEmailGrievance(
  db: Kysely<DB>,
  now: Date,
  grievanceId: number,
  interactionId: number,
): Promise<boolean> {
  const sender = await senderOfInteraction(db, interactionId);
  if (!sender) return false;
  return db.transaction().execute(async (trx) => {
    const g = await trx
      .selectFrom('grievances')
      .select(['citizen_id', 'reference', 'channel'])
      .where('id', '=', grievanceId)
      .executeTakeFirst();
    if (!g?.citizen_id || g.channel !== 'email') return false;
    const kept = await keepSenderAddress(trx, now, g.citizen_id, sender);
    if (kept)
      await appendAudit(trx, now, {
        actorKind: 'system',
        actorId: null,
        action: 'citizen email kept (wrote from it)',
        entity: 'citizen',
        entityId: String(g.citizen_id),
        data: { grievance: g.reference, interactionId },
      });
    return kept;
  });
}

const codeHash = (citizenId: number, email: string, code: string) =>
  sha256(`email:${citizenId}:${email}:${code}`);

/** Sends a code to an address a signed-in citizen typed; nothing else goes to it until it is confirmed. */
export async function requestEmailCode(
  trx: Transaction<DB>,
  clock: Clock,
  citizenId: number,
  raw: string,
): Promise<{ email: string; expiresAt: Date }> {
  const email = normaliseEmail(raw);
  if (!email) throw invalid('email', 'not an email address', 'email_invalid');
  const now = clock.now();
  const recent = await trx
    .selectFrom('citizen_email_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('citizen_id', '=', citizenId)
    .where('created_at', '>', new Date(now.getTime() - WINDOW_MS))
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= MAX_CODES_PER_WINDOW)
    throw refusal('rate_limited', 'email_code_too_many', 'too many codes sent; wait an hour and try again');
  const citizen = await trx
    .selectFrom('citizens')
    .select('language')
    .where('id', '=', citizenId)
    .executeTakeFirstOrThrow();
  const code = newOtpCode();
  const expiresAt = new Date(now.getTime() + VALID_MS);
  await trx
    .insertInto('citizen_email_codes')
    .values({
      citizen_id: citizenId,
      email,
      code_hash: codeHash(citizenId, email, code),
      created_at: now,
      expires_at: expiresAt,
      consumed_at: null,
    })
    .execute();
  await enqueueNotification(trx, now, {
    to: { kind: 'citizen', citizenId },
    grievanceId: null,
    template: 'email_code',
    language: citizen.language,
    channel: 'email',
    // The address it goes to is named here: it is not the citizen's (kept) address yet.
    params: { to: email, sealedCode: sealOtpCode(code), minutes: VALID_MS / 60_000 },
  });
  return { email, expiresAt };
}

/**
 * Checks the latest code; on success the address it was sent to becomes the citizen's. A wrong code is
 * counted and answered `null` (not thrown: the count must commit; the caller refuses after).
 */
export async function confirmEmailCode(
  trx: Transaction<DB>,
  clock: Clock,
  citizenId: number,
  code: string,
): Promise<string | null> {
  const now = clock.now();
  const row = await trx
    .selectFrom('citizen_email_codes')
    .select(['id', 'email', 'code_hash', 'attempts', 'expires_at', 'consumed_at'])
    .where('citizen_id', '=', citizenId)
    .orderBy('id', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
  const fail = (reason: DetailCode, message: string) => refusal('conflict', reason, message);
  if (!row || row.consumed_at) throw fail('email_code_none', 'no code is waiting; ask for a new one');
  if (row.expires_at <= now) throw fail('email_code_expired', 'the code has expired; ask for a new one');
  if (row.attempts >= MAX_TRIES) throw fail('email_code_tries', 'too many wrong codes; ask for a new one');
  if (!sameText(row.code_hash, codeHash(citizenId, row.email, code))) {
    await trx
      .updateTable('citizen_email_codes')
      .set({ attempts: row.attempts + 1 })
      .where('id', '=', row.id)
      .execute();
    return null;
  }
  await trx.updateTable('citizen_email_codes').set({ consumed_at: now }).where('id', '=', row.id).execute();
  await trx
    .updateTable('citizens')
    .set({ email: row.email, email_verified_at: now, email_verified_by: 'code' })
    .where('id', '=', citizenId)
    .execute();
  return row.email;
}

export const wrongEmailCode = () =>
  refusal('conflict', 'email_code_wrong', 'that code is not right; look at the email we sent');
