// Citizens prove their mobile number with a six-digit code by SMS: valid ten minutes, five tries, at
// most three codes per number in fifteen minutes. The code is stored hashed; the SMS itself goes
// through the notification outbox like every other message.
import type { Kysely } from 'kysely';
import { findOrCreateCitizen } from '../citizens/index.ts';
import type { Clock } from '../clock.ts';
import type { DB } from '../db/schema.ts';
import { type DetailCode, refusal } from '../errors.ts';
import { enqueueNotification } from '../notify/index.ts';
import { newOtpCode, sameText, sha256 } from './secrets.ts';

const VALID_MS = 10 * 60_000;
const MAX_TRIES = 5;
const WINDOW_MS = 15 * 60_000;
const MAX_CODES_PER_WINDOW = 3;

const codeHash = (phone: string, code: string) => sha256(`${phone}:${code}`);

export async function requestOtp(db: Kysely<DB>, clock: Clock, phone: string, language = 'en') {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const recent = await trx
      .selectFrom('citizen_otps')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('phone', '=', phone)
      .where('created_at', '>', new Date(now.getTime() - WINDOW_MS))
      .executeTakeFirstOrThrow();
    if (Number(recent.n) >= MAX_CODES_PER_WINDOW) {
      throw refusal(
        'rate_limited',
        'otp_too_many',
        'too many codes sent to this number; wait 15 minutes and try again',
      );
    }
    const code = newOtpCode();
    const expiresAt = new Date(now.getTime() + VALID_MS);
    await trx
      .insertInto('citizen_otps')
      .values({
        phone,
        code_hash: codeHash(phone, code),
        created_at: now,
        expires_at: expiresAt,
        consumed_at: null,
      })
      .execute();
    const citizenId = await findOrCreateCitizen(trx, now, { phone, language });
    await enqueueNotification(trx, now, {
      to: { kind: 'citizen', citizenId },
      grievanceId: null,
      template: 'otp',
      language,
      params: { code, minutes: VALID_MS / 60_000 },
    });
    return { expiresAt, code };
  });
}

/** Checks the latest code for the number; on success the number is verified and the citizen's id returned. */
export async function verifyOtp(db: Kysely<DB>, clock: Clock, phone: string, code: string): Promise<number> {
  const now = clock.now();
  return db
    .transaction()
    .execute(async (trx) => {
      const otp = await trx
        .selectFrom('citizen_otps')
        .select(['id', 'code_hash', 'attempts', 'expires_at', 'consumed_at'])
        .where('phone', '=', phone)
        .orderBy('id', 'desc')
        .limit(1)
        .forUpdate()
        .executeTakeFirst();
      const fail = (reason: DetailCode, message: string) => refusal('unauthenticated', reason, message);
      if (!otp || otp.consumed_at)
        throw fail('otp_none', 'no code is waiting for this number; ask for a new one');
      if (otp.expires_at <= now) throw fail('otp_expired', 'the code has expired; ask for a new one');
      if (otp.attempts >= MAX_TRIES) throw fail('otp_tries', 'too many wrong codes; ask for a new one');
      if (!sameText(otp.code_hash, codeHash(phone, code))) {
        await trx
          .updateTable('citizen_otps')
          .set({ attempts: otp.attempts + 1 })
          .where('id', '=', otp.id)
          .execute();
        return null;
      }
      await trx.updateTable('citizen_otps').set({ consumed_at: now }).where('id', '=', otp.id).execute();
      const citizen = await trx
        .updateTable('citizens')
        .set({ phone_verified_at: now })
        .where('phone', '=', phone)
        .returning('id')
        .executeTakeFirstOrThrow();
      return citizen.id;
    })
    .then((id) => {
      // The wrong-code count had to commit, so the refusal is thrown after the transaction.
      if (id === null)
        throw refusal('unauthenticated', 'otp_wrong', 'that code is not right; check the SMS and try again');
      return id;
    });
}
