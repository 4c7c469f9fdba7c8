// Staff accounts, their role grants, API clients and their keys, and staff sign-in with lockout and a
// TOTP second factor (required for admins and supervisors, optional for others until they enrol).

import { type Kysely, sql } from 'kysely';
import type { Clock } from '../clock.ts';
import type { DB, Role } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { AppError, invalid, notFound, refusal } from '../errors.ts';
import { hashPassword, newToken, newTotpSecret, totpStep, totpUri, verifyPassword } from './secrets.ts';

export interface GrantInput {
  role: Role;
  departmentId?: number | null;
  placeId?: number | null;
}

/** Roles whose holders must use a second factor. */
export const MFA_REQUIRED: Role[] = ['admin', 'supervisor'];
const MAX_FAILURES = 5;
const LOCKOUT_MS = 15 * 60_000;
const dummyHash = hashPassword('no account has this password');

const userColumns = [
  'id',
  'kind',
  'email',
  'name',
  'officer_id as officerId',
  'active',
  'totp_enabled_at as totpEnabledAt',
  'totp_enrol_required as mfaEnrolRequired',
  'created_at as createdAt',
] as const;

export async function getUser(db: Kysely<DB>, id: number) {
  const user = await db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
  if (!user) throw notFound('user', id);
  const grants = await db
    .selectFrom('role_grants')
    .select(['role', 'department_id as departmentId', 'place_id as placeId'])
    .where('user_id', '=', id)
    .orderBy('id')
    .execute();
  // The keys of an integration, so an administrator can tell them apart and revoke one; never the key.
  const apiKeys = await db
    .selectFrom('api_keys')
    .select([
      'id',
      'name',
      'prefix',
      'created_at as createdAt',
      'last_used_at as lastUsedAt',
      'revoked_at as revokedAt',
    ])
    .where('user_id', '=', id)
    .orderBy('id')
    .execute();
  return { ...user, mfaEnabled: user.totpEnabledAt !== null, grants, apiKeys };
}

export async function listUsers(db: Kysely<DB>) {
  const users = await db.selectFrom('users').select('id').orderBy('id').limit(1000).execute();
  return Promise.all(users.map((u) => getUser(db, u.id)));
}

async function saveGrants(db: Kysely<DB>, userId: number, grants: GrantInput[]) {
  for (const [i, g] of grants.entries()) {
    if (g.departmentId != null) {
      const d = await db
        .selectFrom('departments')
        .select('id')
        .where('id', '=', g.departmentId)
        .executeTakeFirst();
      if (!d)
        throw invalid(
          `grants[${i}].departmentId`,
          `department ${g.departmentId} does not exist`,
          'does_not_exist',
        );
    }
    if (g.placeId != null) {
      const p = await db.selectFrom('places').select('id').where('id', '=', g.placeId).executeTakeFirst();
      if (!p) throw invalid(`grants[${i}].placeId`, `place ${g.placeId} does not exist`, 'does_not_exist');
    }
  }
  await db.deleteFrom('role_grants').where('user_id', '=', userId).execute();
  if (grants.length) {
    await db
      .insertInto('role_grants')
      .values(
        grants.map((g) => ({
          user_id: userId,
          role: g.role,
          department_id: g.departmentId ?? null,
          place_id: g.placeId ?? null,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

async function assertOfficer(db: Kysely<DB>, officerId: number) {
  const officer = await db.selectFrom('officers').select('id').where('id', '=', officerId).executeTakeFirst();
  if (!officer) throw invalid('officerId', `officer ${officerId} does not exist`, 'does_not_exist');
}

export async function createStaffUser(
  db: Kysely<DB>,
  clock: Clock,
  input: { email: string; name: string; password: string; officerId?: number | null; grants: GrantInput[] },
) {
  const email = input.email.toLowerCase();
  const id = await inTransaction(db, async (trx) => {
    const taken = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (taken)
      throw new AppError('conflict', `an account with email ${email} already exists`, [
        { field: 'email', message: 'taken', code: 'taken' },
      ]);
    if (input.officerId != null) await assertOfficer(trx, input.officerId);
    const { id } = await trx
      .insertInto('users')
      .values({
        kind: 'staff',
        email,
        name: input.name,
        password_hash: await hashPassword(input.password),
        totp_secret: null,
        totp_enabled_at: null,
        officer_id: input.officerId ?? null,
        locked_until: null,
        created_at: clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await saveGrants(trx, id, input.grants);
    return id;
  });
  return getUser(db, id);
}

export async function updateUser(
  db: Kysely<DB>,
  id: number,
  patch: {
    name?: string;
    active?: boolean;
    password?: string;
    grants?: GrantInput[];
    officerId?: number | null;
  },
) {
  await getUser(db, id);
  await inTransaction(db, async (trx) => {
    if (patch.officerId != null) await assertOfficer(trx, patch.officerId);
    const columns = {
      ...(patch.name ? { name: patch.name } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      ...(patch.password
        ? { password_hash: await hashPassword(patch.password), failed_sign_ins: 0, locked_until: null }
        : {}),
      ...(patch.officerId !== undefined ? { officer_id: patch.officerId } : {}),
    };
    // A change of roles alone sets no column: an empty SET is not SQL.
    if (Object.keys(columns).length)
      await trx.updateTable('users').set(columns).where('id', '=', id).execute();
    if (patch.grants) await saveGrants(trx, id, patch.grants);
    // A deactivated account or changed powers: end its sessions so the change applies now.
    if (patch.active === false || patch.grants || patch.password)
      await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
  });
  return getUser(db, id);
}

/** Roles an API key holds only with the explicit dangerous-scope flag: keys skip the second factor. */
export const DANGEROUS_FOR_KEYS: Role[] = ['admin', 'supervisor'];

/** An integration (an Open311 client, a partner system): an API user with grants, and a key shown once. */
export async function createApiClient(
  db: Kysely<DB>,
  clock: Clock,
  input: { name: string; grants: GrantInput[]; dangerousScope?: boolean },
) {
  const dangerous = input.grants.findIndex((g) => DANGEROUS_FOR_KEYS.includes(g.role));
  if (dangerous !== -1 && !input.dangerousScope) {
    throw new AppError(
      'validation_failed',
      `grants[${dangerous}].role: an API key skips the second factor, so it gets admin or supervisor only with dangerousScope: true`,
      [
        {
          field: `grants[${dangerous}].role`,
          message: 'needs dangerousScope: true',
          code: 'dangerous_scope_required',
        },
      ],
    );
  }
  return inTransaction(db, async (trx) => {
    const now = clock.now();
    const { id } = await trx
      .insertInto('users')
      .values({
        kind: 'api',
        email: null,
        name: input.name,
        dangerous_scope: input.dangerousScope ?? false,
        password_hash: null,
        totp_secret: null,
        totp_enabled_at: null,
        officer_id: null,
        locked_until: null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await saveGrants(trx, id, input.grants);
    const { token, hash } = newToken('cl_');
    const key = await trx
      .insertInto('api_keys')
      .values({ user_id: id, name: input.name, prefix: token.slice(0, 10), key_hash: hash, created_at: now })
      .returning(['id', 'prefix'])
      .executeTakeFirstOrThrow();
    return { userId: id, keyId: key.id, prefix: key.prefix, key: token };
  });
}

export async function revokeApiKey(db: Kysely<DB>, clock: Clock, id: number) {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: clock.now() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw notFound('active API key', id);
}

export type SignInOutcome = { userId: number; mfa: 'none' | 'required' | 'enrol' };

/**
 * Checks a password. Five failures lock the account for fifteen minutes. Every attempt is counted in
 * the database before the password is checked, in one UPDATE ... RETURNING, so a burst of guesses sent
 * at once is counted exactly (reading the count and writing it back let forty parallel guesses each see
 * "no failures yet"); the sixth attempt, right password or not, finds the account locked. A good password
 * clears the count only if the account was not locked meanwhile. A locked account answers exactly as an
 * unknown email or a wrong password does, after as long a check, so the answer tells a guesser nothing.
 */
export async function signInStaff(
  db: Kysely<DB>,
  clock: Clock,
  email: string,
  password: string,
): Promise<SignInOutcome> {
  const now = clock.now();
  const wrong = refusal('unauthenticated', 'wrong_password', 'wrong email or password');
  const counted = await db
    .updateTable('users')
    .set((eb) => {
      const lockedNow = eb.and([eb('locked_until', 'is not', null), eb('locked_until', '>', now)]);
      // An expired lock starts the count afresh.
      const attempts = eb
        .case()
        .when('locked_until', 'is not', null)
        .then(sql<number>`1`)
        .else(sql<number>`failed_sign_ins + 1`)
        .end();
      return {
        failed_sign_ins: eb.case().when(lockedNow).then(eb.ref('failed_sign_ins')).else(attempts).end(),
        locked_until: eb
          .case()
          .when(lockedNow)
          .then(eb.ref('locked_until'))
          .when(attempts, '>', MAX_FAILURES)
          .then(new Date(now.getTime() + LOCKOUT_MS))
          .else(null)
          .end(),
      };
    })
    .where('email', '=', email.toLowerCase())
    .where('kind', '=', 'staff')
    .returning([
      'id',
      'password_hash',
      'active',
      'locked_until',
      'totp_enabled_at',
      'totp_enrol_required',
      'totp_reset_until',
    ])
    .executeTakeFirst();
  if (!counted || (counted.locked_until && counted.locked_until > now) || !counted.password_hash) {
    await verifyPassword(await dummyHash, password); // take as long as a real check, so timing tells nothing
    throw wrong;
  }
  if (!(await verifyPassword(counted.password_hash, password)) || !counted.active) throw wrong;
  const cleared = await db
    .updateTable('users')
    .set({ failed_sign_ins: 0 })
    .where('id', '=', counted.id)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning('id')
    .executeTakeFirst();
  if (!cleared) throw wrong; // locked by guesses that arrived while this password was being checked
  if (counted.totp_enabled_at) return { userId: counted.id, mfa: 'required' };
  if (counted.totp_enrol_required) {
    // Said only to the holder of the password: the reset's window for setting up a new one has passed.
    if (counted.totp_reset_until && counted.totp_reset_until <= now)
      throw refusal(
        'forbidden',
        'authenticator_reset_expired',
        'the authenticator reset has expired: ask an administrator to reset it again',
      );
    return { userId: counted.id, mfa: 'enrol' };
  }
  const roles = await db.selectFrom('role_grants').select('role').where('user_id', '=', counted.id).execute();
  return { userId: counted.id, mfa: roles.some((r) => MFA_REQUIRED.includes(r.role)) ? 'enrol' : 'none' };
}

export async function beginTotpEnrolment(db: Kysely<DB>, userId: number) {
  const user = await db
    .selectFrom('users')
    .select(['email', 'totp_enabled_at'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  if (user.totp_enabled_at)
    throw refusal('conflict', 'totp_exists', 'a second factor is already set up for this account');
  const secret = newTotpSecret();
  await db.updateTable('users').set({ totp_secret: secret }).where('id', '=', userId).execute();
  return { secret, uri: totpUri(secret, user.email ?? `user-${userId}`) };
}

/** Wrong codes a half-signed-in session may give before it ends (the password is asked again). */
export const TOTP_SESSION_TRIES = 5;
/** Wrong codes an account may get, from all its sessions, before codes are refused for a while. */
export const TOTP_ACCOUNT_TRIES = 10;
const TOTP_LOCKOUT_MS = 15 * 60_000;

/**
 * Checks a TOTP code; on the first good code after enrolment, the factor becomes active. Six digits
 * fall to a patient guesser without limits, so each attempt is counted first, atomically, against the
 * session (five, then it ends and the password is asked again) and against the account (ten from any
 * sessions, then fifteen minutes without codes). A code is accepted once: its 30-second step must be
 * later than the last accepted one, set in the same conditional UPDATE, so two requests with one code
 * cannot both pass.
 */
export async function checkSecondFactor(
  db: Kysely<DB>,
  clock: Clock,
  userId: number,
  code: string,
  sessionTokenHash: string | null = null,
) {
  const now = clock.now();
  if (sessionTokenHash) {
    const session = await db
      .updateTable('sessions')
      .set((eb) => ({ totp_failures: eb('totp_failures', '+', 1) }))
      .where('token_hash', '=', sessionTokenHash)
      .returning('totp_failures')
      .executeTakeFirst();
    if (!session || session.totp_failures > TOTP_SESSION_TRIES) {
      await db.deleteFrom('sessions').where('token_hash', '=', sessionTokenHash).execute();
      throw refusal(
        'unauthenticated',
        'totp_session_ended',
        'too many wrong codes: sign in with your password again',
      );
    }
  }
  const user = await db
    .updateTable('users')
    .set((eb) => {
      const lockedNow = eb.and([eb('totp_locked_until', 'is not', null), eb('totp_locked_until', '>', now)]);
      const attempts = eb
        .case()
        .when('totp_locked_until', 'is not', null)
        .then(sql<number>`1`)
        .else(sql<number>`totp_failures + 1`)
        .end();
      return {
        totp_failures: eb.case().when(lockedNow).then(eb.ref('totp_failures')).else(attempts).end(),
        totp_locked_until: eb
          .case()
          .when(lockedNow)
          .then(eb.ref('totp_locked_until'))
          .when(attempts, '>', TOTP_ACCOUNT_TRIES)
          .then(new Date(now.getTime() + TOTP_LOCKOUT_MS))
          .else(null)
          .end(),
      };
    })
    .where('id', '=', userId)
    .returning(['totp_secret', 'totp_enabled_at', 'totp_locked_until'])
    .executeTakeFirstOrThrow();
  if (user.totp_locked_until && user.totp_locked_until > now)
    throw refusal(
      'rate_limited',
      'totp_locked',
      'too many wrong codes for this account; try again in 15 minutes',
    );
  if (!user.totp_secret) throw refusal('conflict', 'totp_not_set', 'set up an authenticator app first');
  const wrongCode = () =>
    refusal(
      'unauthenticated',
      'totp_wrong',
      'that code is not right; use the current code from your authenticator app',
    );
  const step = totpStep(user.totp_secret, code, now);
  if (step === null) throw wrongCode();
  const accepted = await db
    .updateTable('users')
    .set({ totp_last_step: step, totp_failures: 0 })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]))
    .returning('id')
    .executeTakeFirst();
  if (!accepted)
    throw refusal(
      'unauthenticated',
      'totp_used',
      'that code has already been used; wait for the next code from your authenticator app',
    );
  if (!user.totp_enabled_at)
    await db
      .updateTable('users')
      .set({ totp_enabled_at: now, totp_enrol_required: false, totp_reset_until: null })
      .where('id', '=', userId)
      .execute();
}

/** How long after a reset the new authenticator may be set up: whoever has the password can, meanwhile. */
export const RESET_ENROL_HOURS = 24;

/**
 * A staff user lost their authenticator: their factor is removed, with its failed tries and lock, their
 * sessions end, and their next sign-in within RESET_ENROL_HOURS asks them to set up a new one (the QR
 * code again), whatever their roles; after that, only another reset lets them in. The admin who does it
 * gives a fresh code of their own first (the route, access/routes.ts).
 */
export async function resetAuthenticator(db: Kysely<DB>, clock: Clock, userId: number) {
  const user = await getUser(db, userId);
  if (user.kind !== 'staff')
    throw refusal('conflict', 'totp_not_set', 'an API client has no authenticator to reset');
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('users')
      .set({
        totp_secret: null,
        totp_enabled_at: null,
        totp_last_step: null,
        totp_failures: 0,
        totp_locked_until: null,
        totp_enrol_required: true,
        totp_reset_until: new Date(clock.now().getTime() + RESET_ENROL_HOURS * 3_600_000),
      })
      .where('id', '=', userId)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
  });
  return getUser(db, userId);
}
