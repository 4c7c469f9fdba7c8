// Guessing is slow and counted: the address rate limits and the audit log see is the client's own unless
// a configured proxy vouches for it; passwords lock the account after five failures even when forty
// guesses arrive at once; authenticator codes are limited per session and per account, and good once.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { cookieOf } from '../../test/principals.ts';
import { parseTrustProxy } from '../config.ts';
import type { Database } from '../db/index.ts';
import { totpCode } from './secrets.ts';
import { createStaffUser, TOTP_ACCOUNT_TRIES, TOTP_SESSION_TRIES } from './users.ts';

const password = 'correct horse battery staple';

describe.each(databases)('guessing on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
  });
  afterAll(async () => {
    await api?.raw.close();
    await database?.close();
  });
  const signIn = (email: string, pw: string, headers: Record<string, string> = {}) =>
    api.raw.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password: pw }, headers });

  it('believes X-Forwarded-For only from a configured proxy', async () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy(' 10.0.0.0/8, 127.0.0.1 ')).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(() => parseTrustProxy('true')).toThrow(/TRUST_PROXY/);
    const ipOf = async (email: string) =>
      (
        await database.db
          .selectFrom('audit_log')
          .select('ip')
          .where('action', '=', 'auth.sign_in_failed')
          .where(sql`data->>'email'`, '=', email)
          .executeTakeFirstOrThrow()
      ).ip;
    await signIn('spoof@example.gov.in', 'x', { 'x-forwarded-for': '203.0.113.9' });
    expect(await ipOf('spoof@example.gov.in')).toBe('127.0.0.1');
    const behindProxy = await startApi(database, undefined, { trustProxy: ['127.0.0.1'] });
    try {
      await behindProxy.raw.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: 'proxied@example.gov.in', password: 'x' },
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
      expect(await ipOf('proxied@example.gov.in')).toBe('203.0.113.9');
    } finally {
      await behindProxy.raw.close();
    }
  });

  it('locks the account when forty guesses arrive at once, the right one among them', async () => {
    const email = 'burst@example.gov.in';
    await createStaffUser(database.db, api.clock, {
      email,
      name: 'Burst',
      password,
      grants: [{ role: 'monitor' }],
    });
    const guesses = Array.from({ length: 40 }, (_, i) => (i === 20 ? password : `wrong password ${i}`));
    const answers = await Promise.all(guesses.map((pw) => signIn(email, pw)));
    expect(answers.map((a) => a.statusCode).filter((s) => s === 200)).toEqual([]);
    const user = await database.db
      .selectFrom('users')
      .select('locked_until')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(user.locked_until?.getTime()).toBeGreaterThan(api.clock.now().getTime());
    const right = await signIn(email, password);
    const unknown = await signIn('nobody-at-all@example.gov.in', password);
    expect(right.statusCode).toBe(401);
    expect(right.json()).toEqual(unknown.json());
    api.clock.advance(16 * 60_000);
    expect((await signIn(email, password)).statusCode).toBe(200);
  });

  it('limits authenticator codes per session and per account, and takes each code once', async () => {
    const email = 'totp@example.gov.in';
    await createStaffUser(database.db, api.clock, {
      email,
      name: 'Supervisor',
      password,
      grants: [{ role: 'supervisor' }],
    });
    const session = async () => {
      const res = await signIn(email, password);
      expect(res.statusCode, res.body).toBe(200);
      return { cookie: cookieOf(res), 'x-csrf-token': res.json().csrfToken };
    };
    const give = (headers: Record<string, string>, code: string) =>
      api.raw.inject({ method: 'POST', url: '/api/auth/totp', headers, payload: { code } });
    const first = await session();
    const secret: string = (
      await api.raw.inject({ method: 'POST', url: '/api/auth/totp/enrol', headers: first })
    ).json().secret;
    expect((await give(first, totpCode(secret, api.clock.now()))).statusCode).toBe(200);

    // The same code again, from a new sign-in within its window: refused.
    const replay = await session();
    const used = await give(replay, totpCode(secret, api.clock.now()));
    expect(used.statusCode).toBe(401);
    expect(used.json().message).toMatch(/already been used/);

    // Per session: after five wrong codes the session ends, and even the right code is refused.
    api.clock.advance(60_000);
    const guessing = await session();
    for (let i = 0; i < TOTP_SESSION_TRIES; i++)
      expect((await give(guessing, '000000')).statusCode).toBe(401);
    expect((await give(guessing, totpCode(secret, api.clock.now()))).statusCode).toBe(401);
    const me = await api.raw.inject({ url: '/api/auth/me', headers: guessing });
    expect(me.json().kind).toBe('public');

    // Per account: wrong codes from fresh sessions add up, then codes are refused for fifteen minutes.
    let wrong = 1 + TOTP_SESSION_TRIES; // the replay and the five guesses (the ended session counted no more)
    while (wrong < TOTP_ACCOUNT_TRIES) {
      const next = await session();
      for (let i = 0; i < TOTP_SESSION_TRIES - 1 && wrong < TOTP_ACCOUNT_TRIES; i++, wrong++)
        expect((await give(next, '000000')).statusCode).toBe(401);
    }
    const locked = await give(await session(), totpCode(secret, api.clock.now()));
    expect(locked.statusCode).toBe(429);
    api.clock.advance(16 * 60_000);
    expect((await give(await session(), totpCode(secret, api.clock.now()))).statusCode).toBe(200);
  });
});
