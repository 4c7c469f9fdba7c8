import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment } from '../../test/factories.ts';
import type { Database } from '../db/index.ts';
import { migrate, openPglite } from '../db/index.ts';

describe.each(databases)('health, metrics and API document on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  beforeAll(async () => {
    database = await open();
    api = await startApi(database, undefined, { metricsToken: 'scraper-token-123' });
  });
  afterAll(async () => {
    await api?.app.close();
    await database?.close();
  });

  it('reports health', async () => {
    const res = await api.app.inject({ url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('exposes Prometheus metrics with grievance counts by status and request counts by route', async () => {
    const d = await buildDeployment(api.deps);
    await api.app.inject({
      method: 'POST',
      url: '/api/grievances',
      payload: {
        categoryId: d.category.id,
        placeId: d.village.id,
        subject: 's',
        description: 'd',
        language: 'en',
        channel: 'sms',
      },
    });
    // Only the scraper with the token: not the public, not an API key.
    expect((await api.raw.inject({ url: '/metrics' })).statusCode).toBe(401);
    expect((await api.app.inject({ url: '/metrics' })).statusCode).toBe(401);
    const res = await api.app.inject({
      url: '/metrics',
      headers: { authorization: 'Bearer scraper-token-123' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toContain('civicline_grievances_open{state="running"} 1');
    expect(res.body).toContain('civicline_grievances_open{state="awaiting_info"} 0');
    expect(res.body).toMatch(
      /civicline_http_requests_total\{method="POST",route="\/api\/grievances",status="201"\} 1/,
    );
    expect(res.body).toContain('process_cpu_user_seconds_total');
  });

  it('serves no metrics at all without a token configured', async () => {
    const plain = await startApi(database);
    try {
      expect((await plain.raw.inject({ url: '/metrics' })).statusCode).toBe(404);
    } finally {
      await plain.raw.close();
    }
  });

  it('serves the OpenAPI document for every API route', async () => {
    const res = await api.app.inject({ url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const route of [
      '/api/grievances',
      '/api/grievances/{reference}/actions',
      '/api/places',
      '/api/routing-rules',
      '/api/officers/{id}',
    ]) {
      expect(Object.keys(doc.paths)).toContain(route);
    }
    expect((await api.app.inject({ url: '/docs/' })).statusCode).toBe(200);
  });
});

describe('the embedded database keeps its data across a restart', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'civicline-restart-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads back a grievance after the process closes and reopens the folder', async () => {
    const first = await openPglite(dir);
    await migrate(first);
    const api = await startApi(first);
    const d = await buildDeployment(api.deps);
    const created = await api.app.inject({
      method: 'POST',
      url: '/api/grievances',
      payload: {
        categoryId: d.category.id,
        placeId: d.village.id,
        subject: 'सड़क टूटी है',
        description: 'गाँव की सड़क टूटी है',
        language: 'hi',
        channel: 'web',
      },
    });
    expect(created.statusCode).toBe(201);
    await api.app.close();
    await first.close();

    const second = await openPglite(dir);
    expect(await migrate(second)).toEqual([]); // nothing to apply twice
    const again = await startApi(second);
    const read = await again.app.inject({ url: `/api/grievances/${created.json().reference}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({
      reference: created.json().reference,
      subject: 'सड़क टूटी है',
      status: 'assigned',
    });
    const history = await again.app.inject({ url: `/api/grievances/${created.json().reference}/history` });
    expect(history.json().events).toHaveLength(2);
    await again.app.close();
    await second.close();
  });
});
