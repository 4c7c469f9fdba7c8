// The public transparency page against a month worked out by hand: what is published, what is withheld
// (small counts, and enough others that they cannot be worked out from the totals), that it carries no
// personal data, and that it is cacheable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { apiCaller, type Caller } from '../../test/principals.ts';
import type { Database } from '../db/index.ts';
import { createCategory, createDepartment } from '../directory/index.ts';
import { transition } from '../grievances/index.ts';
import { withheld } from './public.ts';

const DAY = 86_400_000;

describe('withholding small counts', () => {
  it('withholds every small count, and others until the hidden ones add up and are not alone', () => {
    expect([...withheld([20, 30], 10)]).toEqual([]);
    // One small cell alone would be the total less the rest: the next smallest goes with it.
    expect([...withheld([0, 3, 50], 10)].sort()).toEqual([1, 2]);
    // Two small ones adding up to less than the threshold: one more.
    expect([...withheld([12, 15, 3, 4], 10)].sort()).toEqual([0, 2, 3]);
    expect([...withheld([3, 15, 23], 10)].sort()).toEqual([0, 1]);
    // Zeros are no one: shown.
    expect([...withheld([0, 0, 40], 10)]).toEqual([]);
    expect([...withheld([5], 10)]).toEqual([0]);
  });
});

describe.each(databases)('public transparency page on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  let d: Deployment;
  let admin: Caller;
  let revenueId: number;
  const texts: string[] = [];

  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
    d = await buildDeployment(api.deps);
    admin = await apiCaller(database, api.clock, 'admin', [{ role: 'admin' }]);
    const db = database.db;
    const energy = await createCategory(db, {
      departmentId: d.otherDepartment.id,
      code: 'PUB-ENERGY',
      name: { en: 'No power' },
      resolutionValue: 3,
      resolutionUnit: 'calendar_days',
    });
    const revenue = await createDepartment(db, { code: 'PUB-REV', name: { en: 'Revenue', hi: 'राजस्व' } });
    revenueId = revenue.id;
    const land = await createCategory(db, {
      departmentId: revenue.id,
      code: 'PUB-LAND',
      name: { en: 'Land records' },
      resolutionValue: 3,
      resolutionUnit: 'calendar_days',
    });
    let n = 0;
    const make = async (o: Parameters<typeof buildGrievance>[2] = {}) => {
      const g = await buildGrievance(api.deps, d, {
        citizen: { phone: `+9197100${String(++n).padStart(5, '0')}`, name: `Citizen ${n}` },
        subject: `Private matter ${n}`,
        ...o,
      });
      texts.push(`Private matter ${n}`, `Citizen ${n}`);
      return g.reference;
    };
    // March 2026. PHE in district A: twelve; district B: eleven. Energy in A: three. Revenue in B: fifteen.
    const phe: string[] = [];
    for (let i = 0; i < 12; i++) phe.push(await make());
    for (let i = 0; i < 11; i++) await make({ placeId: d.otherDistrict.id });
    for (let i = 0; i < 3; i++) await make({ categoryId: energy.id });
    for (let i = 0; i < 15; i++) await make({ categoryId: land.id, placeId: d.otherDistrict.id });
    // Nine of PHE's resolved the next day (in time), one five days later (late); nine closed satisfied,
    // one refused by the citizen.
    const system = { kind: 'system', id: null } as const;
    const citizen = { kind: 'citizen', id: null } as const;
    const start = api.clock.now().getTime();
    api.clock.set(new Date(start + DAY));
    for (const ref of phe.slice(0, 9))
      await transition(db, api.clock, ref, { type: 'resolve', note: 'Done' }, system);
    api.clock.set(new Date(start + 5 * DAY));
    await transition(db, api.clock, phe[9] as string, { type: 'resolve', note: 'Done' }, system);
    api.clock.set(new Date(start + 6 * DAY));
    // Rated: five 4s and four 5s with the satisfied closures, a 1 with the refusal (ten ratings, 41).
    for (const [i, ref] of phe.slice(0, 9).entries())
      await transition(
        db,
        api.clock,
        ref,
        { type: 'close', reason: 'citizen_satisfied', rating: i < 5 ? 4 : 5 },
        citizen,
      );
    await transition(
      db,
      api.clock,
      phe[9] as string,
      { type: 'reopen', note: 'Not fixed', rating: 1 },
      citizen,
    );
    // The page is read in April: last month is March.
    api.clock.set(new Date('2026-04-05T06:00:00Z'));
  }, 300_000);
  afterAll(async () => {
    await api?.app.close();
    await database?.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) => api.raw.inject({ url, headers });

  it('publishes the month as worked out by hand, withholding what could identify someone', async () => {
    const res = await get('/api/public/figures');
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page).toMatchObject({ month: '2026-03', threshold: 10, formula: 'cmh181' });
    const byId = (rows: { id: number; grade: string | null }[], id: number) => rows.find((r) => r.id === id);
    // PHE: 23 received, 10 resolved (9 in time), 10 answered (9 satisfied).
    expect(byId(page.departments, d.department.id)).toMatchObject({
      received: 23,
      resolved: 10,
      withinTime: 0.9,
      satisfaction: 0.9,
      averageRating: 4.1,
    });
    expect(byId(page.departments, d.department.id)?.grade).toMatch(/^[A-D]$/);
    // Energy's three are too few; Revenue's fifteen are withheld with them, or Energy's would be the
    // districts' total less PHE's and Revenue's.
    expect(byId(page.departments, d.otherDepartment.id)).toMatchObject({
      received: null,
      resolved: 0,
      withinTime: null,
      satisfaction: null,
      averageRating: null,
      grade: null,
    });
    expect(byId(page.departments, revenueId)).toMatchObject({ received: null, grade: null });
    // Districts: A 15 (12 + 3), B 26 (11 + 15); 10 resolved in A, none in B.
    expect(byId(page.districts, d.district.id)).toMatchObject({
      received: 15,
      resolved: 10,
      withinTime: 0.9,
      averageRating: 4.1,
    });
    expect(byId(page.districts, d.otherDistrict.id)).toMatchObject({
      received: 26,
      resolved: 0,
      withinTime: null,
    });
    // The grade is the one the dashboards give.
    const grades = await api.raw.inject({
      url: '/api/insight/grades?formula=cmh181&month=2026-03&unit=department',
      headers: admin.headers,
    });
    const phe = grades.json().find((g: { key: string }) => g.key === String(d.department.id));
    expect(byId(page.departments, d.department.id)?.grade).toBe(phe.grade);
    // Counts only: no text, no names, no numbers of anyone.
    for (const text of texts) expect(res.body).not.toContain(text);
    expect(res.body).not.toMatch(/\+91\d{10}|reference|subject|citizen/i);
  });

  it('is cacheable: public, with an ETag that answers 304 when unchanged', async () => {
    const first = await get('/api/public/figures?month=2026-03');
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    const again = await get('/api/public/figures?month=2026-03', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const other = await get('/api/public/figures?month=2026-02');
    expect(other.statusCode).toBe(200);
    expect(other.json()).toMatchObject({ month: '2026-02', departments: [], districts: [] });
    expect(other.headers.etag).not.toBe(etag);
  });

  it('takes the threshold an admin sets', async () => {
    const put = await api.raw.inject({
      method: 'PUT',
      url: '/api/insight/public-settings',
      headers: admin.headers,
      payload: { minCount: 3, formula: 'cmh181', depth: 3 },
    });
    expect(put.statusCode, put.body).toBe(200);
    const page = (await get('/api/public/figures?month=2026-03')).json();
    const energy = page.departments.find((r: { id: number }) => r.id === d.otherDepartment.id);
    expect(energy).toMatchObject({ received: 3, resolved: 0 });
    expect(page.departments.find((r: { id: number }) => r.id === revenueId)).toMatchObject({ received: 15 });
    const bad = await api.raw.inject({
      method: 'PUT',
      url: '/api/insight/public-settings',
      headers: admin.headers,
      payload: { minCount: 3, formula: 'nosuch', depth: 3 },
    });
    expect(bad.statusCode).toBe(404);
    const unknownMonth = await get('/api/public/figures?month=2026-13');
    expect(unknownMonth.statusCode).toBe(400);
  });

  it('publishes only the figures and months an admin chooses, under their title, and withholds a small rating', async () => {
    const put = await api.raw.inject({
      method: 'PUT',
      url: '/api/insight/public-settings',
      headers: admin.headers,
      payload: {
        minCount: 11,
        formula: 'cmh181',
        depth: 3,
        figures: ['received', 'averageRating'],
        months: 3,
        title: { en: 'Rajgarh helpline figures', hi: 'राजगढ़ हेल्पलाइन के आंकड़े' },
        intro: { en: 'Published monthly.' },
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ figures: ['received', 'averageRating'], months: 3 });
    const got = await api.raw.inject({ url: '/api/insight/public-settings', headers: admin.headers });
    expect(got.json()).toEqual(put.json());
    const page = (await get('/api/public/figures?month=2026-03')).json();
    expect(page).toMatchObject({
      figures: ['received', 'averageRating'],
      months: ['2026-01', '2026-02', '2026-03'],
      title: { en: 'Rajgarh helpline figures' },
      intro: { en: 'Published monthly.' },
    });
    // PHE's ten ratings are under 11: withheld. What is not published is not sent.
    const phe = page.departments.find((r: { id: number }) => r.id === d.department.id);
    expect(phe).toMatchObject({ received: 23, averageRating: null, resolved: null, grade: null });
    for (const r of [...page.departments, ...page.districts])
      expect([r.resolved, r.withinTime, r.satisfaction, r.grade]).toEqual([null, null, null, null]);
    // A month the page does not offer.
    const old = await get('/api/public/figures?month=2025-12');
    expect(old.statusCode).toBe(400);
    expect(old.json()).toMatchObject({ details: [{ field: 'month', code: 'out_of_range' }] });
    // An unknown figure is refused.
    const bad = await api.raw.inject({
      method: 'PUT',
      url: '/api/insight/public-settings',
      headers: admin.headers,
      payload: { minCount: 3, formula: 'cmh181', depth: 3, figures: ['names'] },
    });
    expect(bad.statusCode).toBe(400);
  });
});
