import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { cookieOf } from '../../test/principals.ts';
import type { Database } from '../db/index.ts';
import { DEMO_PASSWORD, seedDemoAccounts } from './accounts.ts';
import { isEmpty, seedDemo } from './seed.ts';

describe.each(databases)('demo deployment on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  beforeAll(async () => {
    database = await open();
    api = await startApi(database, '2026-11-20T06:00:00Z');
  });
  afterAll(async () => {
    await api?.app.close();
    await database?.close();
  });

  it('loads a whole state with working accounts, routing and grievances in many states', async () => {
    expect(await isEmpty(database.db)).toBe(true);
    const counts = await seedDemo(api.deps, { grievances: 60 });
    expect(counts).toMatchObject({ places: 135, departments: 19, officers: 855, grievances: 60 });
    expect(Object.keys(counts.byStatus).length).toBeGreaterThanOrEqual(3);
    expect(await isEmpty(database.db)).toBe(false);

    const demo = await seedDemoAccounts(api.deps);
    const signIn = await api.raw.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'officer@civicline.demo', password: DEMO_PASSWORD },
    });
    expect(signIn.json()).toMatchObject({ kind: 'staff', mfa: 'none' });
    const mine = await api.raw.inject({
      url: '/api/grievances?limit=200',
      headers: { cookie: cookieOf(signIn) },
    });
    expect(mine.statusCode).toBe(200);
    const byKey = await api.raw.inject({
      url: '/api/grievances?limit=1',
      headers: { authorization: `Bearer ${demo.apiKey}` },
    });
    expect(byKey.json().total).toBe(60);
    const hindi = await api.raw.inject({ url: '/api/categories' });
    expect(hindi.json().every((c: { name: { hi?: string } }) => c.name.hi)).toBe(true);
    // Enough information topics for the enquiry form.
    expect(
      hindi.json().filter((c: { kind: string }) => c.kind === 'information').length,
    ).toBeGreaterThanOrEqual(8);

    // The knowledge base: published articles in English and Hindi for everyone, the draft for staff.
    const articles = await api.raw.inject({ url: '/api/knowledge?limit=200' });
    const published = articles.json();
    expect(published.total).toBeGreaterThanOrEqual(12);
    expect(counts.articles).toBe(published.total + 1);
    for (const a of published.items as { title: Record<string, string>; summary: Record<string, string> }[])
      expect(Object.keys(a.title).sort(), JSON.stringify(a.title)).toEqual(['en', 'hi']);
    const ladli = await api.raw.inject({
      url: `/api/knowledge?q=${encodeURIComponent('लाडली बहना')}`,
    });
    expect(ladli.json().items[0]).toMatchObject({
      code: 'WCD-LADLI-BEHNA',
      department: { code: 'WCD' },
      published: true,
    });
    const full = await api.raw.inject({ url: `/api/knowledge/${ladli.json().items[0].id}` });
    expect(full.json().documents.hi.length).toBeGreaterThan(2);
    const drafts = await api.raw.inject({
      url: '/api/knowledge?status=unpublished',
      headers: { authorization: `Bearer ${demo.apiKey}` },
    });
    expect(drafts.json().items.map((a: { code: string }) => a.code)).toEqual(['WCD-LADLI-BEHNA-NEW-ROUND']);
  }, 120_000);
});
