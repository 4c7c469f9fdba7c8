// The account list as the admin screen uses it: an integration's keys are listed so one can be revoked,
// by their prefix and dates only; the key itself is never shown after it was issued.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApp } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { cookieOf } from '../../test/principals.ts';
import type { Database } from '../db/index.ts';

describe.each(databases)('account administration on $name', ({ open }) => {
  let database: Database;
  let app: TestApp;
  let raw: FastifyInstance;

  beforeAll(async () => {
    database = await open();
    ({ app, raw } = await startApi(database));
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it("lists an API client's keys without the key, and shows when one is revoked", async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/api-clients',
      payload: { name: 'Open311 gateway', grants: [{ role: 'intake' }] },
    });
    expect(created.statusCode).toBe(201);
    const { userId, keyId, prefix, key } = created.json();

    const listed = (await app.inject({ method: 'GET', url: '/api/users' }))
      .json()
      .find((u: { id: number }) => u.id === userId);
    expect(listed.apiKeys).toEqual([
      {
        id: keyId,
        name: 'Open311 gateway',
        prefix,
        createdAt: expect.any(String),
        lastUsedAt: null,
        revokedAt: null,
      },
    ]);
    expect(JSON.stringify(listed)).not.toContain(key);

    expect((await app.inject({ method: 'DELETE', url: `/api/api-keys/${keyId}` })).statusCode).toBe(204);
    const after = (await app.inject({ method: 'GET', url: `/api/users/${userId}` })).json();
    expect(after.apiKeys[0].revokedAt).toEqual(expect.any(String));

    const staff = await app.inject({
      method: 'POST',
      url: '/api/users',
      payload: {
        email: 'clerk@example.gov.in',
        name: 'Clerk',
        password: 'correct horse battery',
        grants: [{ role: 'agent' }],
      },
    });
    expect(staff.json().apiKeys).toEqual([]);
  });

  it('changes or revokes roles alone, ending the sessions, and refuses an unknown officer with a code', async () => {
    const email = 'roles@example.gov.in';
    const password = 'correct horse battery staple';
    const created = await app.inject({
      method: 'POST',
      url: '/api/users',
      payload: { email, name: 'Roles', password, grants: [{ role: 'agent' }] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id: number = created.json().id;
    const signIn = await raw.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email, password },
    });
    const session = { cookie: cookieOf(signIn) };
    expect((await raw.inject({ url: '/api/auth/me', headers: session })).json().roles).toEqual(['agent']);

    const changed = await app.inject({
      method: 'PATCH',
      url: `/api/users/${id}`,
      payload: { grants: [{ role: 'monitor' }] },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().grants).toEqual([{ role: 'monitor', departmentId: null, placeId: null }]);
    // The session that held the old role is over.
    expect((await raw.inject({ url: '/api/auth/me', headers: session })).json().kind).toBe('public');

    const revoked = await app.inject({ method: 'PATCH', url: `/api/users/${id}`, payload: { grants: [] } });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().grants).toEqual([]);

    const unknown = await app.inject({
      method: 'PATCH',
      url: `/api/users/${id}`,
      payload: { officerId: 999_999 },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().details).toEqual([
      expect.objectContaining({ field: 'officerId', code: 'does_not_exist' }),
    ]);
  });
});
