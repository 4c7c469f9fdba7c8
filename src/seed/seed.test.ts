import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { cookieOf } from '../../test/principals.ts';
import type { Database } from '../db/index.ts';
import { DEMO_PASSWORD, seedDemoAccounts } from './accounts.ts';
import { type SeedPlace, STATE } from './data.ts';
import { isEmpty, seedDemo } from './seed.ts';

/** Great-circle distance in metres. */
function metres([lat1, lon1]: [number, number], [lat2, lon2]: [number, number]) {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

/** Every place of the demo tree with its district and block (where it has them). */
function flatten(place: SeedPlace, chain: SeedPlace[] = []): { place: SeedPlace; chain: SeedPlace[] }[] {
  return [{ place, chain }, ...(place.children ?? []).flatMap((c) => flatten(c, [...chain, place]))];
}

describe('the demo places on the map', () => {
  const all = flatten(STATE);
  const blocks = all.filter((p) => p.chain.length === 3);
  const villages = all.filter((p) => p.chain.length === 4);

  it('puts every place in Madhya Pradesh, each village or ward near its own block', () => {
    expect(villages).toHaveLength(90);
    for (const { place } of all) {
      // Madhya Pradesh lies within about 21-27 N and 74-83 E.
      expect(place.at[0], place.code).toBeGreaterThan(21);
      expect(place.at[0], place.code).toBeLessThan(27);
      expect(place.at[1], place.code).toBeGreaterThan(74);
      expect(place.at[1], place.code).toBeLessThan(83);
    }
    for (const { place, chain } of villages) {
      const [, , district, block] = chain as [SeedPlace, SeedPlace, SeedPlace, SeedPlace];
      const own = metres(place.at, block.at);
      expect(own, place.code).toBeLessThan(35_000);
      // Closer to its own block's headquarters than to any block of another district.
      for (const other of blocks.filter((b) => b.chain[2] !== district))
        expect(own, `${place.code} vs ${other.place.code}`).toBeLessThan(metres(place.at, other.place.at));
    }
    expect(new Set(villages.map((v) => v.place.at.join())).size).toBe(villages.length);
  });
});

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
    // Every name in all three languages: a Swahili reader never falls back to English.
    for (const c of hindi.json() as { code: string; name: Record<string, string> }[])
      expect(Object.keys(c.name).sort(), c.code).toEqual(['en', 'hi', 'sw']);
    // The officers' titles too: a Swahili supervisor reads "Mhandisi Mtendaji, <district>".
    const untranslated = await database.db
      .selectFrom('positions')
      .select('title')
      .where((eb) => eb.or([eb(sql`title->>'hi'`, 'is', null), eb(sql`title->>'sw'`, 'is', null)]))
      .execute();
    expect(untranslated).toEqual([]);
    // Enough information topics for the enquiry form.
    expect(
      hindi.json().filter((c: { kind: string }) => c.kind === 'information').length,
    ).toBeGreaterThanOrEqual(8);

    // What applies where: a city ward is offered municipal services and no panchayat ones, a village
    // the other way round; both get the departments that serve everyone.
    const codesAt = async (code: string) => {
      const place = await database.db
        .selectFrom('places')
        .select('id')
        .where('code', '=', code)
        .executeTakeFirstOrThrow();
      const res = await api.raw.inject({ url: `/api/categories?placeId=${place.id}&applicable=true` });
      return (res.json() as { code: string }[]).map((c) => c.code);
    };
    const ward = await codesAt('MP-BPL-BHO-B1-W2');
    const village = await codesAt('MP-BPL-BHO-B2-V1');
    expect(ward).toContain('UDH-GARBAGE');
    expect(ward).not.toContain('PRD-MGNREGA-WAGES');
    expect(village).toContain('PRD-MGNREGA-WAGES');
    expect(village).not.toContain('UDH-GARBAGE');
    for (const both of [ward, village]) expect(both).toContain('PHE-HANDPUMP');
    const bijli = await api.raw.inject({ url: '/api/categories?q=bijli' });
    const power = (bijli.json() as { code: string }[]).map((c) => c.code);
    expect(power).toContain('ENERGY-NO-SUPPLY');
    expect(power.every((code) => code.startsWith('ENERGY-'))).toBe(true);

    // The knowledge base: published articles in three languages for everyone, the draft for staff.
    const articles = await api.raw.inject({ url: '/api/knowledge?limit=200' });
    const published = articles.json();
    expect(published.total).toBeGreaterThanOrEqual(12);
    expect(counts.articles).toBe(published.total + 1);
    for (const a of published.items as { title: Record<string, string>; summary: Record<string, string> }[])
      for (const text of [a.title, a.summary])
        expect(Object.keys(text).sort(), JSON.stringify(a.title)).toEqual(['en', 'hi', 'sw']);
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
    expect(full.json().documents.sw).toHaveLength(full.json().documents.en.length);
    const drafts = await api.raw.inject({
      url: '/api/knowledge?status=unpublished',
      headers: { authorization: `Bearer ${demo.apiKey}` },
    });
    expect(drafts.json().items.map((a: { code: string }) => a.code)).toEqual(['WCD-LADLI-BEHNA-NEW-ROUND']);
  }, 120_000);

  it('stores a point for every place, and the nearest place to each village is that village', async () => {
    const unpinned = await database.db
      .selectFrom('places')
      .select('code')
      .where((eb) => eb.or([eb('latitude', 'is', null), eb('longitude', 'is', null)]))
      .execute();
    expect(unpinned).toEqual([]);
    for (const { place, chain } of flatten(STATE).filter((p) => p.chain.length === 4)) {
      // A few hundred metres off the village's point, as a phone's fix would be.
      const at = [place.at[0] + 0.002, place.at[1] - 0.002];
      const res = await api.raw.inject({ url: `/api/places/nearest?latitude=${at[0]}&longitude=${at[1]}` });
      expect(res.statusCode, place.code).toBe(200);
      expect(res.json().lineage.map((p: { code: string }) => p.code)).toEqual([
        ...chain.map((c) => c.code),
        place.code,
      ]);
    }
  });
});
