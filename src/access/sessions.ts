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

/** A session as stored, by the hash of its token, with the principal it signs in (expiry not checked). */
export interface SessionLookup extends ResolvedSession {
  expiresAt: Date;
  lastSeenAt: Date;
}

export async function lookupSession(db: Kysely<DB>, tokenHash: string): Promise<SessionLookup | null> {
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
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!session) return null;
  const times = { expiresAt: session.expires_at, lastSeenAt: session.last_seen_at };
  if (session.citizen_id !== null && session.phone) {
    return {
      principal: { kind: 'citizen', citizenId: session.citizen_id, phone: session.phone },
      csrfToken: session.csrf_token,
      userId: null,
      ...times,
    };
  }
  if (session.user_id === null) return null;
  const principal = await loadStaffPrincipal(db, session.user_id, !session.mfa_passed);
  return principal ? { principal, csrfToken: session.csrf_token, userId: session.user_id, ...times } : null;
}

export async function touchSession(db: Kysely<DB>, tokenHash: string, now: Date) {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
}

export async function resolveSession(
  db: Kysely<DB>,
  now: Date,
  token: string,
): Promise<ResolvedSession | null> {
  const session = await lookupSession(db, sha256(token));
  if (!session || session.expiresAt <= now) return null;
  // Touch at most once a minute: a busy officer's every click need not write.
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) await touchSession(db, sha256(token), now);
  return session;
}

/** An API key that is not revoked, by its hash, with the principal it signs in. */
export async function lookupApiKey(db: Kysely<DB>, keyHash: string) {
  const row = await db
    .selectFrom('api_keys')
    .select(['id', 'user_id', 'last_used_at'])
    .where('key_hash', '=', keyHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  const principal = await loadStaffPrincipal(db, row.user_id, false);
  return principal ? { keyId: row.id, lastUsedAt: row.last_used_at, principal } : null;
}

export async function touchApiKey(db: Kysely<DB>, keyId: number, now: Date) {
  await db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', keyId).execute();
}

export async function resolveApiKey(db: Kysely<DB>, now: Date, key: string): Promise<Principal | null> {
  const found = await lookupApiKey(db, sha256(key));
  if (!found) return null;
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() > 60_000) {
    await touchApiKey(db, found.keyId, now);
  }
  return found.principal;
}

export async function purgeExpiredSessions(db: Kysely<DB>, now: Date) {
  const result = await db.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
