// Cookie sessions for staff and citizens, and bearer API keys for integrations. Only hashes of session
// tokens and keys are stored. A session is replaced by a fresh one whenever it gains privilege (sign-in,
// second factor), so a token planted before sign-in is worthless after it.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { loadStaffPrincipal, type Principal } from './principal.ts';
import { newToken, sha256 } from './secrets.ts';

export const SESSION_COOKIE = 'cl_session';
const HOUR = 3_600_000;
export const STAFF_SESSION_HOURS = 12;
export const CITIZEN_SESSION_HOURS = 2;

export interface SessionStart {
  userId?: number;
  citizenId?: number;
  mfaPassed: boolean;
  ip: string | null;
  userAgent: string | null;
}

export async function startSession(db: Kysely<DB>, now: Date, start: SessionStart) {
  const { token, hash } = newToken();
  const csrfToken = randomBytes(24).toString('base64url');
  const hours = start.userId ? STAFF_SESSION_HOURS : CITIZEN_SESSION_HOURS;
  const expiresAt = new Date(now.getTime() + hours * HOUR);
  await db
    .insertInto('sessions')
    .values({
      token_hash: hash,
      user_id: start.userId ?? null,
      citizen_id: start.citizenId ?? null,
      csrf_token: csrfToken,
      mfa_passed: start.mfaPassed,
      ip: start.ip,
      user_agent: start.userAgent?.slice(0, 300) ?? null,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export async function endSession(db: Kysely<DB>, token: string) {
  await db.deleteFrom('sessions').where('token_hash', '=', sha256(token)).execute();
}

export interface ResolvedSession {
  principal: Principal;
  csrfToken: string;
  userId: number | null;
}

export async function resolveSession(
  db: Kysely<DB>,
  now: Date,
  token: string,
): Promise<ResolvedSession | null> {
  const session = await db
    .selectFrom('sessions as s')
    .leftJoin('citizens as c', 'c.id', 's.citizen_id')
    .select([
      's.user_id',
      's.citizen_id',
      's.csrf_token',
      's.mfa_passed',
      's.expires_at',
      's.last_seen_at',
      'c.phone',
    ])
    .where('s.token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!session || session.expires_at <= now) return null;
  // Touch at most once a minute: a busy officer's every click need not write.
  if (now.getTime() - session.last_seen_at.getTime() > 60_000) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: now })
      .where('token_hash', '=', sha256(token))
      .execute();
  }
  if (session.citizen_id !== null && session.phone) {
    return {
      principal: { kind: 'citizen', citizenId: session.citizen_id, phone: session.phone },
      csrfToken: session.csrf_token,
      userId: null,
    };
  }
  if (session.user_id === null) return null;
  const principal = await loadStaffPrincipal(db, session.user_id, !session.mfa_passed);
  return principal ? { principal, csrfToken: session.csrf_token, userId: session.user_id } : null;
}

export async function resolveApiKey(db: Kysely<DB>, now: Date, key: string): Promise<Principal | null> {
  const row = await db
    .selectFrom('api_keys')
    .select(['id', 'user_id', 'last_used_at'])
    .where('key_hash', '=', sha256(key))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
    await db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return loadStaffPrincipal(db, row.user_id, false);
}

export async function purgeExpiredSessions(db: Kysely<DB>, now: Date) {
  const result = await db.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
