// Smaller findings of the security review: personal data never kept in caches, and API keys (which skip
// the second factor) get admin or supervisor powers only when an administrator explicitly says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import type { Database } from '../db/index.ts';

describe.each(databases)('hardening on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  let d: Deployment;
  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
    d = await buildDeployment(api.deps);
  });
  afterAll(async () => {
    await api?.raw.close();
    await database?.close();
  });

  it('marks every API answer no-store, personal data and exports included; public settings stay cacheable', async () => {
    const { reference } = await buildGrievance(api.deps, d, { citizen: { phone: '+919855500001' } });
    for (const url of [
      `/api/grievances/${reference}`,
      `/api/grievances/${reference}/history`,
      '/api/grievances/export.csv',
      `/api/citizens/${encodeURIComponent('+919855500001')}/history`,
      '/api/grievances/NOT-A-REF',
      '/api/users',
    ]) {
      const res = await api.app.inject({ url });
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    const settings = await api.app.inject({ url: '/api/settings' });
    expect(settings.headers['cache-control']).toBe('public, max-age=300');
  });

  it('gives an API key admin or supervisor roles only with the explicit dangerous-scope flag', async () => {
    const refused = await api.app.inject({
      method: 'POST',
      url: '/api/api-clients',
      payload: { name: 'Partner', grants: [{ role: 'intake' }, { role: 'supervisor' }] },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().details[0]).toMatchObject({
      field: 'grants[1].role',
      code: 'dangerous_scope_required',
    });
    const allowed = await api.app.inject({
      method: 'POST',
      url: '/api/api-clients',
      payload: { name: 'Ops robot', grants: [{ role: 'admin' }], dangerousScope: true },
    });
    expect(allowed.statusCode, allowed.body).toBe(201);
    const robot = { authorization: `Bearer ${allowed.json().key}` };
    expect((await api.raw.inject({ url: '/api/users', headers: robot })).statusCode).toBe(200);

    // A key given the role later, without the flag, does not get its powers.
    const plain = await api.app.inject({
      method: 'POST',
      url: '/api/api-clients',
      payload: { name: 'Gateway', grants: [{ role: 'intake' }] },
    });
    const promoted = await api.app.inject({
      method: 'PATCH',
      url: `/api/users/${plain.json().userId}`,
      payload: { grants: [{ role: 'admin' }] },
    });
    expect(promoted.statusCode, promoted.body).toBe(200);
    const gateway = { authorization: `Bearer ${plain.json().key}` };
    expect((await api.raw.inject({ url: '/api/users', headers: gateway })).statusCode).toBe(403);
  });
});
