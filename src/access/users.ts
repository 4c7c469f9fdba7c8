// Staff accounts, their role grants, API clients and their keys, and staff sign-in with lockout and a
// TOTP second factor (required for admins and supervisors, optional for others until they enrol).

import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { DB, Role } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { AppError, invalid, notFound, refusal } from '../errors.ts';
import { checkTotp, hashPassword, newToken, newTotpSecret, totpUri, verifyPassword } from './secrets.ts';

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
    if (input.officerId != null) {
      const officer = await trx
        .selectFrom('officers')
        .select('id')
        .where('id', '=', input.officerId)
        .executeTakeFirst();
      if (!officer) throw invalid('officerId', `officer ${input.officerId} does not exist`, 'does_not_exist');
    }
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
    await trx
      .updateTable('users')
      .set({
        ...(patch.name ? { name: patch.name } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        ...(patch.password
          ? { password_hash: await hashPassword(patch.password), failed_sign_ins: 0, locked_until: null }
          : {}),
        ...(patch.officerId !== undefined ? { officer_id: patch.officerId } : {}),
      })
      .where('id', '=', id)
      .execute();
    if (patch.grants) await saveGrants(trx, id, patch.grants);
    // A deactivated account or changed powers: end its sessions so the change applies now.
    if (patch.active === false || patch.grants || patch.password)
      await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
  });
  return getUser(db, id);
}

/** An integration (an Open311 client, a partner system): an API user with grants, and a key shown once. */
export async function createApiClient(
  db: Kysely<DB>,
  clock: Clock,
  input: { name: string; grants: GrantInput[] },
) {
  return inTransaction(db, async (trx) => {
    const now = clock.now();
    const { id } = await trx
      .insertInto('users')
      .values({
        kind: 'api',
        email: null,
        name: input.name,
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

/** Checks a password. Five failures lock the account for fifteen minutes; the message never says which part was wrong. */
export async function signInStaff(
  db: Kysely<DB>,
  clock: Clock,
  email: string,
  password: string,
): Promise<SignInOutcome> {
  const now = clock.now();
  const user = await db
    .selectFrom('users')
    .select(['id', 'password_hash', 'active', 'failed_sign_ins', 'locked_until', 'totp_enabled_at'])
    .where('email', '=', email.toLowerCase())
    .where('kind', '=', 'staff')
    .executeTakeFirst();
  const wrong = refusal('unauthenticated', 'wrong_password', 'wrong email or password');
  if (!user) {
    await verifyPassword(await dummyHash, password); // take as long as a real check, so timing tells nothing
    throw wrong;
  }
  if (user.locked_until && user.locked_until > now) {
    throw refusal(
      'rate_limited',
      'account_locked',
      'too many failed sign-ins: this account is locked for 15 minutes',
    );
  }
  if (!user.active || !user.password_hash || !(await verifyPassword(user.password_hash, password))) {
    const failures = user.failed_sign_ins + 1;
    await db
      .updateTable('users')
      .set({
        failed_sign_ins: failures >= MAX_FAILURES ? 0 : failures,
        locked_until: failures >= MAX_FAILURES ? new Date(now.getTime() + LOCKOUT_MS) : null,
      })
      .where('id', '=', user.id)
      .execute();
    throw wrong;
  }
  await db
    .updateTable('users')
    .set({ failed_sign_ins: 0, locked_until: null })
    .where('id', '=', user.id)
    .execute();
  if (user.totp_enabled_at) return { userId: user.id, mfa: 'required' };
  const roles = await db.selectFrom('role_grants').select('role').where('user_id', '=', user.id).execute();
  return { userId: user.id, mfa: roles.some((r) => MFA_REQUIRED.includes(r.role)) ? 'enrol' : 'none' };
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

/** Checks a TOTP code; on the first good code after enrolment, the factor becomes active. */
export async function checkSecondFactor(db: Kysely<DB>, clock: Clock, userId: number, code: string) {
  const user = await db
    .selectFrom('users')
    .select(['totp_secret', 'totp_enabled_at'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  if (!user.totp_secret) throw refusal('conflict', 'totp_not_set', 'set up an authenticator app first');
  if (!checkTotp(user.totp_secret, code, clock.now()))
    throw refusal(
      'unauthenticated',
      'totp_wrong',
      'that code is not right; use the current code from your authenticator app',
    );
  if (!user.totp_enabled_at)
    await db.updateTable('users').set({ totp_enabled_at: clock.now() }).where('id', '=', userId).execute();
}
