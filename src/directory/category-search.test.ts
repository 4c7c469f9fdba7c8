// Finding a category by what people call it, in any language, and what applies where.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, type Deployment } from '../../test/factories.ts';
import type { Database } from '../db/index.ts';
import { fold } from './category-search.ts';
import { createCategory } from './index.ts';

describe('folding for search', () => {
  it('ignores case, accents, the nukta and chandrabindu', () => {
    expect(fold('Café')).toBe('cafe');
    expect(fold('सड़क')).toBe(fold('सडक'));
    expect(fold('साँप')).toBe(fold('सांप'));
    expect(fold('MAJI')).toBe('maji');
  });
});

describe.each(databases)('category search on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  let d: Deployment;
  let power: { id: number };
  let info: { id: number };

  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
    d = await buildDeployment(api.deps);
    // The hand-pump category (routed in the district) gets synonyms; a power category has no rule.
    await api.app.inject({
      method: 'PATCH',
      url: `/api/categories/${d.category.id}`,
      payload: { keywords: { en: ['handpump', 'tubewell'], hi: ['नल', 'हैंडपंप'] } },
    });
    power = await createCategory(database.db, {
      departmentId: d.otherDepartment.id,
      code: 'EN-OUTAGE-SEARCH',
      name: { en: 'Power cut', hi: 'बिजली कटौती', sw: 'Kukatika kwa umeme' },
      keywords: { hi: ['bijli', 'light nahi'] },
      resolutionValue: 24,
      resolutionUnit: 'working_hours',
    });
    info = await createCategory(database.db, {
      departmentId: d.department.id,
      code: 'PHE-INFO-SEARCH',
      name: { en: 'Water scheme information' },
      kind: 'information',
      resolutionValue: 3,
      resolutionUnit: 'calendar_days',
    });
  });
  afterAll(async () => {
    await api?.raw.close();
    await database?.close();
  });

  const search = async (query: string) => {
    const res = await api.app.inject({ method: 'GET', url: `/api/categories?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { id: number; routed?: boolean; department: { id: number } }[];
  };

  it('matches names and synonyms in every language, by the start of a word', async () => {
    expect((await search('q=hand')).map((c) => c.id)).toContain(d.category.id);
    expect((await search(`q=${encodeURIComponent('नल')}`)).map((c) => c.id)).toEqual([d.category.id]);
    expect((await search('q=tubewell')).map((c) => c.id)).toEqual([d.category.id]);
    expect((await search('q=bijli')).map((c) => c.id)).toEqual([power.id]);
    expect((await search('q=umeme')).map((c) => c.id)).toEqual([power.id]);
    expect((await search(`q=${encodeURIComponent('बिजली')}`)).map((c) => c.id)).toEqual([power.id]);
    expect(await search('q=zzzz')).toEqual([]);
    // Each with its department, for grouping.
    expect((await search('q=bijli'))[0]?.department.id).toBe(d.otherDepartment.id);
  });

  it('keeps information topics apart, and says what is routed at a place', async () => {
    const complaints = await search(`kind=complaint&placeId=${d.village.id}`);
    expect(complaints.map((c) => c.id)).not.toContain(info.id);
    const handPump = complaints.find((c) => c.id === d.category.id);
    const outage = complaints.find((c) => c.id === power.id);
    expect(handPump?.routed).toBe(true);
    expect(outage?.routed).toBe(false);
    // Routed ones first.
    expect(complaints.findIndex((c) => c.id === d.category.id)).toBeLessThan(
      complaints.findIndex((c) => c.id === power.id),
    );
    // In the other district no rule covers the hand pump.
    const elsewhere = await search(`kind=complaint&placeId=${d.otherDistrict.id}`);
    expect(elsewhere.find((c) => c.id === d.category.id)?.routed).toBe(false);
    expect((await search('kind=information')).map((c) => c.id)).toEqual([info.id]);
  });

  it('with applicable, offers at a place only what a rule covers there, and everything where none does', async () => {
    const here = (await search(`kind=complaint&placeId=${d.village.id}&applicable=true`)).map((c) => c.id);
    expect(here).toContain(d.category.id);
    expect(here).not.toContain(power.id); // no rule for power cuts in this district
    // Nothing is configured for the other district: all of it, for a supervisor to route by hand.
    const there = (await search(`kind=complaint&placeId=${d.otherDistrict.id}&applicable=true`)).map(
      (c) => c.id,
    );
    expect(there).toEqual(expect.arrayContaining([d.category.id, power.id]));
  });

  it('is revalidated by the version of the reference data, and changes when an administrator changes it', async () => {
    const first = await api.app.inject({ method: 'GET', url: '/api/categories?q=bijli' });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"reference-\d+"$/);
    expect(first.headers['cache-control']).toBe('public, no-cache');
    const again = await api.app.inject({
      method: 'GET',
      url: '/api/categories?q=bijli',
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    await api.app.inject({
      method: 'PATCH',
      url: `/api/categories/${power.id}`,
      payload: { keywords: { hi: ['bijli', 'light nahi', 'current'] } },
    });
    // Every node drops its cache when the change is announced; the search then sees the new keyword.
    await expect
      .poll(async () => (await search('q=current')).map((c) => c.id), { timeout: 5000 })
      .toEqual([power.id]);
    const changed = await api.app.inject({
      method: 'GET',
      url: '/api/categories?q=bijli',
      headers: { 'if-none-match': etag },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });
});
