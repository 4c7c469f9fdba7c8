// A staff user who lost their authenticator gets back in: an administrator, confirming with a fresh code
// of their own, resets it; the user's sessions end, and their next sign-in asks them to set up a new
// one (with the QR code), even for a role that would not otherwise need one. Audited; a key may not do it.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApp } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { apiCaller, cookieOf } from '../../test/principals.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/index.ts';
import { totpCode } from './secrets.ts';
import { createStaffUser, type GrantInput } from './users.ts';

const PASSWORD = 'correct horse battery staple';

describe.each(databases)('resetting a lost authenticator on $name', ({ open }) => {
  let database: Database;
  let app: TestApp;
  let raw: FastifyInstance;
  let clock: Clock & { advance(ms: number): void };
  let n = 0;

  beforeAll(async () => {
    database = await open();
    ({ app, raw, clock } = await startApi(database));
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  /** Signs in with the password. */
  const signIn = (email: string, password = PASSWORD) =>
    raw.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } });

  /** Sets up an authenticator in the session `headers` (after a sign-in that asked for one). */
  async function enrol(headers: Record<string, string>) {
    const started = await raw.inject({ method: 'POST', url: '/api/auth/totp/enrol', headers });
    const { secret, qrSvg } = started.json();
    const done = await raw.inject({
      method: 'POST',
      url: '/api/auth/totp',
      headers,
      payload: { code: totpCode(secret, clock.now()) },
    });
    expect(done.statusCode).toBe(200);
    return { secret: secret as string, qrSvg: qrSvg as string, done };
  }

  /** `by` resets `targetId`'s authenticator, with a fresh code of their own (the next 30 seconds). */
  async function resetBy(by: { headers: Record<string, string>; secret: string }, targetId: number) {
    clock.advance(30_000);
    return raw.inject({
      method: 'POST',
      url: `/api/users/${targetId}/authenticator/reset`,
      headers: by.headers,
      payload: { code: totpCode(by.secret, clock.now()) },
    });
  }

  /** A staff user signed in with an authenticator set up: their headers, id and the authenticator's key. */
  async function signedIn(grants: GrantInput[], withAuthenticator = true) {
    const email = `staff${++n}@example.gov.in`;
    const user = await createStaffUser(database.db, clock, {
      email,
      name: `Staff ${n}`,
      password: PASSWORD,
      grants,
    });
    const res = await signIn(email);
    let headers = { cookie: cookieOf(res), 'x-csrf-token': res.json().csrfToken as string };
    let secret = '';
    if (withAuthenticator) {
      const set = await enrol(headers);
      secret = set.secret;
      headers = { cookie: cookieOf(set.done), 'x-csrf-token': set.done.json().csrfToken };
    }
    return { id: user.id as number, email, headers, secret };
  }

  it('resets it, ends their sessions, asks for a new one at sign-in, and records who did it and why', async () => {
    const admin = await signedIn([{ role: 'admin' }]);
    const lost = await signedIn([{ role: 'supervisor' }]);
    expect((await raw.inject({ url: '/api/auth/me', headers: lost.headers })).json().kind).toBe('staff');

    // The code the admin signed in with is spent: a fresh one (the next 30 seconds) is asked for.
    const reset = (code: string, headers = admin.headers) =>
      raw.inject({
        method: 'POST',
        url: `/api/users/${lost.id}/authenticator/reset`,
        headers,
        payload: { code, reason: 'Phone lost; identity checked by video call' },
      });
    const spent = await reset(totpCode(admin.secret, clock.now()));
    expect(spent.statusCode).toBe(401);
    expect(spent.json().details[0].code).toBe('totp_used');
    clock.advance(30_000);
    const wrong = await reset('000000' === totpCode(admin.secret, clock.now()) ? '111111' : '000000');
    expect(wrong.json().details[0].code).toBe('totp_wrong');
    const done = await reset(totpCode(admin.secret, clock.now()));
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ id: lost.id, mfaEnabled: false, mfaEnrolRequired: true });

    // Their session is over; signing in again asks them to set up a new authenticator, with its QR code.
    expect((await raw.inject({ url: '/api/auth/me', headers: lost.headers })).json().kind).toBe('public');
    const again = await signIn(lost.email);
    expect(again.json().mfa).toBe('enrol');
    const set = await enrol({ cookie: cookieOf(again), 'x-csrf-token': again.json().csrfToken });
    expect(set.qrSvg).toContain('<svg');
    expect(set.secret).not.toBe(lost.secret);
    const user = await app.inject({ url: `/api/users/${lost.id}` });
    expect(user.json()).toMatchObject({ mfaEnabled: true, mfaEnrolRequired: false });

    const entries = await database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'entity_id', 'reason', 'data'])
      .where('action', 'in', ['user.authenticator_reset', 'auth.totp_failed'])
      .where('actor_id', '=', admin.id)
      .orderBy('id')
      .execute();
    expect(entries.map((e) => e.action)).toEqual([
      'auth.totp_failed',
      'auth.totp_failed',
      'user.authenticator_reset',
    ]);
    expect(entries[2]).toMatchObject({
      entity_id: String(lost.id),
      reason: 'Phone lost; identity checked by video call',
    });
  });

  it('makes even a role without a required second factor set one up again', async () => {
    const admin = await signedIn([{ role: 'admin' }]);
    const officer = await signedIn([{ role: 'officer' }], false);
    expect((await resetBy(admin, officer.id)).statusCode).toBe(200);
    expect((await signIn(officer.email)).json().mfa).toBe('enrol');
  });

  it('lets the password alone set up a new one for a day after the reset, then only after another reset', async () => {
    const lost = await signedIn([{ role: 'supervisor' }]);
    // By an admin signed in now (a day's wait ends sessions).
    const reset = async () =>
      expect((await resetBy(await signedIn([{ role: 'admin' }]), lost.id)).statusCode).toBe(200);
    const HOUR = 3_600_000;

    await reset();
    clock.advance(23 * HOUR);
    expect((await signIn(lost.email)).json().mfa).toBe('enrol'); // within the day: asked to set one up
    clock.advance(HOUR);
    const late = await signIn(lost.email);
    expect(late.statusCode).toBe(403);
    expect(late.json().details[0].code).toBe('authenticator_reset_expired');
    expect(late.headers['set-cookie']).toBeUndefined(); // no session of any kind
    // A wrong password still says only that: the expiry is told to the holder of the password alone.
    const guess = await signIn(lost.email, 'not the password');
    expect(guess.json().details[0].code).toBe('wrong_password');

    await reset();
    const again = await signIn(lost.email);
    expect(again.json().mfa).toBe('enrol');
    await enrol({ cookie: cookieOf(again), 'x-csrf-token': again.json().csrfToken });
    // Set up in time: the window is over, and with it nothing expires later.
    clock.advance(48 * HOUR);
    expect((await signIn(lost.email)).json().mfa).toBe('required');
  });

  it('is refused to an API key, which has no second factor of its own, and to a non-admin', async () => {
    const target = await signedIn([{ role: 'supervisor' }]);
    const key = await apiCaller(database, clock, 'robot', [{ role: 'admin' }]);
    const byKey = await raw.inject({
      method: 'POST',
      url: `/api/users/${target.id}/authenticator/reset`,
      headers: key.headers,
      payload: { code: '123456' },
    });
    expect(byKey.statusCode).toBe(403);
    expect(byKey.json().details[0].code).toBe('totp_person_only');
    const bySupervisor = await resetBy(await signedIn([{ role: 'supervisor' }]), target.id);
    expect(bySupervisor.statusCode).toBe(403);
    const user = await app.inject({ url: `/api/users/${target.id}` });
    expect(user.json()).toMatchObject({ mfaEnabled: true, mfaEnrolRequired: false });
  });
});
