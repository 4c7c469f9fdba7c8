// Sign-in as people do it: staff with password and second factor, lockout, CSRF, sessions that rotate
// and end; citizens by SMS code; integrations by API key; limits on how fast anyone can guess.
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, type Deployment } from '../../test/factories.ts';
import { cookieOf, lastOtp } from '../../test/principals.ts';
import type { Database } from '../db/index.ts';
import { totpCode } from './secrets.ts';
import { createApiClient, createStaffUser } from './users.ts';

describe.each(databases)('signing in on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  let d: Deployment;
  const password = 'correct horse battery staple';
  const inject = (opts: InjectOptions) => api.raw.inject(opts);

  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
    d = await buildDeployment(api.deps);
  });
  afterAll(async () => {
    await api?.app.close();
    await database?.close();
  });

  it('makes an admin set up and use an authenticator, and rotates the session at each step', async () => {
    await createStaffUser(database.db, api.clock, {
      email: 'Admin@Example.gov.in',
      name: 'Admin',
      password,
      grants: [{ role: 'admin' }],
    });
    const signIn = await inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'admin@example.gov.in', password },
    });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json()).toMatchObject({ kind: 'staff', mfa: 'enrol' });
    const pending = { cookie: cookieOf(signIn), 'x-csrf-token': signIn.json().csrfToken };
    const cookie = signIn.headers['set-cookie'] as string;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    // Until the second factor is done, the session can do nothing else.
    const blocked = await inject({ method: 'GET', url: '/api/users', headers: pending });
    expect(blocked.statusCode).toBe(401);
    expect(blocked.json().message).toMatch(/authenticator/);

    const enrol = await inject({ method: 'POST', url: '/api/auth/totp/enrol', headers: pending });
    expect(enrol.json().uri).toMatch(/^otpauth:\/\/totp\//);
    const wrong = await inject({
      method: 'POST',
      url: '/api/auth/totp',
      headers: pending,
      payload: { code: '000000' },
    });
    expect(wrong.statusCode).toBe(401);
    const done = await inject({
      method: 'POST',
      url: '/api/auth/totp',
      headers: pending,
      payload: { code: totpCode(enrol.json().secret, api.clock.now()) },
    });
    expect(done.statusCode).toBe(200);
    const full = { cookie: cookieOf(done), 'x-csrf-token': done.json().csrfToken };
    expect(full.cookie).not.toBe(pending.cookie); // a fresh session, not the pre-MFA one upgraded
    expect((await inject({ method: 'GET', url: '/api/users', headers: full })).statusCode).toBe(200);
    expect((await inject({ method: 'GET', url: '/api/users', headers: pending })).statusCode).toBe(401); // old token is dead

    // Next time: password, then the code.
    api.clock.advance(60_000);
    const again = await inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'admin@example.gov.in', password },
    });
    expect(again.json().mfa).toBe('required');

    // Changing anything with a cookie session needs the CSRF token.
    const noCsrf = await inject({
      method: 'POST',
      url: '/api/departments',
      headers: { cookie: full.cookie },
      payload: { code: 'X1', name: { en: 'x' } },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().message).toMatch(/CSRF/);
    const withCsrf = await inject({
      method: 'POST',
      url: '/api/departments',
      headers: full,
      payload: { code: 'X1', name: { en: 'x' } },
    });
    expect(withCsrf.statusCode).toBe(201);

    const out = await inject({ method: 'POST', url: '/api/auth/sign-out', headers: full });
    expect(out.statusCode).toBe(204);
    expect((await inject({ method: 'GET', url: '/api/users', headers: full })).statusCode).toBe(401);
  });

  it('locks an account after five wrong passwords and says nothing about which part was wrong', async () => {
    await createStaffUser(database.db, api.clock, {
      email: 'officer@example.gov.in',
      name: 'Officer',
      password,
      grants: [{ role: 'monitor' }],
    });
    const attempt = (pw: string) =>
      inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: 'officer@example.gov.in', password: pw },
      });
    const unknown = await inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'nobody@example.gov.in', password },
    });
    const wrong = await attempt('wrong password 1');
    expect(unknown.json().message).toBe(wrong.json().message);
    for (let i = 2; i <= 5; i++) expect((await attempt(`wrong password ${i}`)).statusCode).toBe(401);
    // Locked: the right password is refused, in exactly the words an unknown email gets.
    const locked = await attempt(password);
    expect(locked.statusCode).toBe(401);
    expect(locked.json()).toEqual(unknown.json());
    api.clock.advance(16 * 60_000);
    expect((await attempt(password)).statusCode).toBe(200);
    const audit = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'auth.%')
      .execute();
    expect(audit.filter((a) => a.action === 'auth.sign_in_failed').length).toBeGreaterThanOrEqual(6);
  });

  it('signs a citizen in by SMS code, with expiry and a limit on tries', async () => {
    const phone = '+919900000001';
    const sent = await inject({
      method: 'POST',
      url: '/api/auth/citizen/otp',
      payload: { phone, language: 'hi' },
    });
    expect(sent.statusCode).toBe(202);
    const code = await lastOtp(database, phone);
    expect(code).toMatch(/^\d{6}$/);
    const stored = await database.db
      .selectFrom('citizen_otps')
      .select('code_hash')
      .where('phone', '=', phone)
      .executeTakeFirstOrThrow();
    expect(stored.code_hash).not.toContain(code);

    for (let i = 0; i < 5; i++) {
      const bad = await inject({
        method: 'POST',
        url: '/api/auth/citizen/verify',
        payload: { phone, code: code === '000000' ? '111111' : '000000' },
      });
      expect(bad.statusCode).toBe(401);
    }
    const tooMany = await inject({
      method: 'POST',
      url: '/api/auth/citizen/verify',
      payload: { phone, code },
    });
    expect(tooMany.json().message).toMatch(/too many/);

    await inject({ method: 'POST', url: '/api/auth/citizen/otp', payload: { phone } });
    api.clock.advance(11 * 60_000);
    const expired = await inject({
      method: 'POST',
      url: '/api/auth/citizen/verify',
      payload: { phone, code: await lastOtp(database, phone) },
    });
    expect(expired.json().message).toMatch(/expired/);

    await inject({ method: 'POST', url: '/api/auth/citizen/otp', payload: { phone } });
    const ok = await inject({
      method: 'POST',
      url: '/api/auth/citizen/verify',
      payload: { phone, code: await lastOtp(database, phone) },
    });
    expect(ok.statusCode).toBe(200);
    const me = { cookie: cookieOf(ok), 'x-csrf-token': ok.json().csrfToken };

    // Registers as themselves whatever phone the body names, and reads only their own.
    const g = await inject({
      method: 'POST',
      url: '/api/grievances',
      headers: me,
      payload: {
        categoryId: d.category.id,
        placeId: d.village.id,
        subject: 'हैंडपंप',
        description: 'खराब है',
        language: 'hi',
        channel: 'web',
        citizen: { phone: '+919999999999' },
      },
    });
    expect(g.statusCode).toBe(201);
    expect(g.json().citizen.phone).toBe(phone);
    const mine = await inject({ method: 'GET', url: '/api/grievances', headers: me });
    expect(mine.json().items.map((x: { reference: string }) => x.reference)).toEqual([g.json().reference]);
    const exported = await inject({ method: 'GET', url: '/api/me/export', headers: me });
    expect(exported.json()).toMatchObject({
      citizen: { phone },
      grievances: [{ reference: g.json().reference }],
    });

    // Three codes per fifteen minutes per number.
    const other = '+919900000002';
    for (let i = 0; i < 3; i++)
      expect(
        (await inject({ method: 'POST', url: '/api/auth/citizen/otp', payload: { phone: other } }))
          .statusCode,
      ).toBe(202);
    expect(
      (await inject({ method: 'POST', url: '/api/auth/citizen/otp', payload: { phone: other } })).statusCode,
    ).toBe(429);
  });

  it('refuses an unverified phone on public registration but takes an anonymous one', async () => {
    const body = {
      categoryId: d.category.id,
      placeId: d.village.id,
      subject: 'Road',
      description: 'Broken',
      language: 'en',
      channel: 'web',
    };
    const named = await inject({
      method: 'POST',
      url: '/api/grievances',
      payload: { ...body, citizen: { phone: '+919900000003' } },
    });
    expect(named.statusCode).toBe(401);
    expect(named.json().details[0].field).toBe('citizen');
    const anonymous = await inject({ method: 'POST', url: '/api/grievances', payload: body });
    expect(anonymous.statusCode).toBe(201);
  });

  it('accepts API keys, stores only their hash, and refuses them once revoked', async () => {
    const client = await createApiClient(database.db, api.clock, {
      name: 'Open311 gateway',
      grants: [{ role: 'intake' }],
    });
    const stored = await database.db
      .selectFrom('api_keys')
      .select(['key_hash', 'prefix'])
      .where('id', '=', client.keyId)
      .executeTakeFirstOrThrow();
    expect(stored.key_hash).not.toContain(client.key);
    expect(client.key.startsWith(stored.prefix)).toBe(true);
    const headers = { authorization: `Bearer ${client.key}` };
    expect(
      (await inject({ method: 'POST', url: '/api/interactions', headers, payload: { channel: 'open311' } }))
        .statusCode,
    ).toBe(201);
    await inject({
      method: 'DELETE',
      url: `/api/api-keys/${client.keyId}`,
      headers: {
        authorization: `Bearer ${(await createApiClient(database.db, api.clock, { name: 'admin', grants: [{ role: 'admin' }] })).key}`,
      },
    });
    const revoked = await inject({
      method: 'POST',
      url: '/api/interactions',
      headers,
      payload: { channel: 'open311' },
    });
    expect(revoked.statusCode).toBe(401);
    expect(
      (
        await inject({
          method: 'GET',
          url: '/api/departments',
          headers: { authorization: 'Bearer cl_made_up' },
        })
      ).statusCode,
    ).toBe(401);
  });

  it('sends security headers and no stack traces', async () => {
    const res = await inject({ method: 'GET', url: '/api/departments' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
    const broken = await inject({
      method: 'POST',
      url: '/api/grievances',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":',
    });
    expect(broken.body).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('rate limits', () => {
  it('slows down guessing on sign-in', async () => {
    const [first] = databases;
    const database = await (first as (typeof databases)[number]).open();
    const api = await startApi(database, undefined, { rateLimit: true });
    try {
      const statuses = [];
      for (let i = 0; i < 12; i++) {
        const res = await api.raw.inject({
          method: 'POST',
          url: '/api/auth/sign-in',
          payload: { email: 'x@example.org', password: 'guess' },
        });
        statuses.push(res.statusCode);
      }
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]);
    } finally {
      await api.app.close();
      await database.close();
    }
  });
});
