// The account list as the admin screen uses it: an integration's keys are listed so one can be revoked,
// by their prefix and dates only; the key itself is never shown after it was issued.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApp } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import type { Database } from '../db/index.ts';

describe.each(databases)('account administration on $name', ({ open }) => {
  let database: Database;
  let app: TestApp;

  beforeAll(async () => {
    database = await open();
    app = (await startApi(database)).app;
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
});
