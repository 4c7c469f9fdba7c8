// A search by words finds a common word by walking the newest grievances and a rare one through the
// trigram index (queries.ts, wordPage). Here more grievances than the walk checks sit on top of older
// ones, so each word is found by the walk, by the index, or by both on one page; every page, and every
// run of pages by cursor, must be what one plain query over all of them gives, newest first, within
// what the reader may read.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { type Caller, staffCaller } from '../../test/principals.ts';
import type { Database } from '../db/index.ts';
import { WORD_WALK } from './queries.ts';

const HOUR = 3_600_000;
/** Grievances on top of the older ones: more than the walk checks. */
const ON_TOP = WORD_WALK + 300;

type Page = {
  items: { reference: string; citizen: unknown; anonymous: boolean }[];
  total: number;
  totalIsLowerBound: boolean;
  next: string | null;
};

describe.each(databases)('search by words on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  let d: Deployment;
  let monitor: Caller;
  const refs: Record<string, string> = {};

  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
    d = await buildDeployment(api.deps);
    const { clock } = api;
    const make = async (name: string, subject: string, description: string, more = {}) => {
      refs[name] = (await buildGrievance(api.deps, d, { subject, description, ...more })).reference;
      clock.advance(60_000);
    };
    // Older grievances, each with the default text ("hand pump near the school") or a word of its own.
    await make('well1', 'Kisima kimeharibika', 'Maji ya kisima ni machafu.', { language: 'sw' });
    await make('land1', 'ज़मीन पर कब्ज़ा', 'पंचायत की ज़मीन पर कब्ज़ा कर लिया गया है।', { language: 'hi' });
    await make('well2', 'Well water dirty', 'The KISIMA by the market smells.', {
      anonymous: true,
      citizen: { phone: '+919811122233', name: 'Asha' },
    });
    await make('elsewhere', 'Kisima', 'Kisima cha kijiji kimekauka.', {
      placeId: d.otherDistrict.id,
      language: 'sw',
    });
    await make('land2', 'जमीन की नाप', 'मेरी ज़मीन की नाप नहीं हुई।', { language: 'hi' });
    await make('well3', 'Kisima', 'Pampu ya kisima imevunjika.', { language: 'sw' });
    for (const n of [1, 2, 3]) await make(`school${n}`, 'Hand pump broken', 'Near the school, a week now.');
    // On top: ON_TOP grievances an hour later, a second apart, one in 1,000 near the school, one in
    // 100 near the market.
    await sql`
      insert into grievances (reference, channel, category_id, department_id, place_id, subject, description,
                              language, status, position_id, level, rule_id, due_at, created_at, updated_at)
      select 'W' || lpad(n::text, 8, '0'), 'phone', t.category_id, t.department_id, t.place_id,
             'Hand pump broken',
             case when n % 1000 = 0 then 'The hand pump near the school is broken.'
                  when n % 100 = 0 then 'The hand pump near the market is broken.'
                  else 'The hand pump near the temple is broken.' end,
             'en', t.status, t.position_id, t.level, t.rule_id, t.due_at,
             ${new Date(clock.now().getTime() + HOUR)}::timestamptz + n * interval '1 second',
             ${new Date(clock.now().getTime() + HOUR)}::timestamptz + n * interval '1 second'
      from generate_series(1, ${ON_TOP}) as n, grievances t
      where t.reference = ${refs.school3}`.execute(database.db);
    clock.advance(2 * HOUR + ON_TOP * 1000);
    // Newest of all: within the walk.
    await make('well4', 'Kisima kipya kinahitajika', 'Tunaomba kisima kipya.', { language: 'sw' });
    monitor = await staffCaller(api.raw, database, clock, 'Monitor', [
      { role: 'monitor', placeId: d.district.id },
    ]);
  });
  afterAll(async () => {
    await api?.app.close();
    await database?.close();
  });

  const search = async (query: string, as?: Caller): Promise<Page> => {
    const res = await (as ? api.raw : api.app).inject({
      url: `/api/grievances?${query}`,
      headers: as?.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  /** Every page of a search, by cursor. */
  const allPages = async (query: string, as?: Caller) => {
    const seen: string[] = [];
    let next: string | null = null;
    let pages = 0;
    do {
      const after = next ? `&after=${encodeURIComponent(next)}` : '';
      const page: Page = await search(`${query}${after}`, as);
      seen.push(...page.items.map((g) => g.reference));
      next = page.next;
      pages++;
    } while (next && pages < 100);
    return seen;
  };
  /** What one plain query over every grievance gives, newest first (optionally in one district). */
  const truth = async (words: string, district?: number) => {
    const { rows } = await sql<{ reference: string }>`
      select g.reference from grievances g join places p on p.id = g.place_id
      where g.search_text like knowledge_fold(${`%${words}%`})
        and (${district ?? null}::bigint is null
             or p.path like (select path || '%' from places where id = ${district ?? null}::bigint))
      order by g.created_at desc, g.id desc`.execute(database.db);
    return rows.map((r) => r.reference);
  };

  it('finds a common word among the newest grievances, and pages through them all', async () => {
    const pump = await truth('pump');
    expect(pump.length).toBeGreaterThan(ON_TOP);
    const first = await search('q=pump&limit=50');
    expect(first.items.map((g) => g.reference)).toEqual(pump.slice(0, 50));
    expect(first).toMatchObject({ total: 50, totalIsLowerBound: true });
    // Pages of 200 cross the walk's reach, each page from its own cursor.
    expect(await allPages('q=pump&limit=200')).toEqual(pump);
  });

  it('finds a rare word below the walk through the index, and one on top in the same page', async () => {
    const kisima = await truth('kisima');
    // The newest on top, the rest below the grievances the walk checks.
    expect(kisima).toEqual([refs.well4, refs.well3, refs.elsewhere, refs.well2, refs.well1]);
    const first = await search('q=kisima&limit=2');
    expect(first.items.map((g) => g.reference)).toEqual(kisima.slice(0, 2));
    expect(first.next).toEqual(expect.any(String));
    expect(await allPages('q=kisima&limit=2')).toEqual(kisima);
    expect(await allPages('q=kisima&limit=50')).toEqual(kisima);
    // Folded as it was written: any case.
    expect(await allPages('q=KiSiMa&limit=3')).toEqual(kisima);
    // An offset counts across both parts.
    expect((await search('q=kisima&limit=2&offset=1')).items.map((g) => g.reference)).toEqual(
      kisima.slice(1, 3),
    );
  });

  it('pages a word that is sparse on top and common below, across the walk and the index', async () => {
    const school = await truth('school');
    expect(school).toHaveLength(5);
    // Two on top (the walk), three below (the index): the first page takes from both.
    expect((await search('q=school&limit=3')).items.map((g) => g.reference)).toEqual(school.slice(0, 3));
    expect(await allPages('q=school&limit=3')).toEqual(school);
    expect(await allPages('q=school&limit=1')).toEqual(school);
    // One in 100 on top: enough that the rest of the page is found by walking on.
    const market = await truth('market');
    expect(market.length).toBeGreaterThan(20);
    expect((await search('q=market&limit=200')).items.map((g) => g.reference)).toEqual(market);
    expect(await allPages('q=market&limit=7')).toEqual(market);
    expect(await allPages('q=hand%20pump%20near%20the%20school&limit=4')).toEqual(
      await truth('hand pump near the school'),
    );
  });

  it('reads the windows of time below the walk nearest first, and pages across them', async () => {
    // Matches 20 minutes, 2 hours, 12 hours, 30 days and 3 years below the first grievance on top: one
    // in each of five of the index's windows (queries.ts, INDEX_WINDOWS), the last beyond them all.
    const ago = ['20 minutes', '2 hours', '12 hours', '30 days', '3 years'];
    await sql`
      insert into grievances (reference, channel, category_id, department_id, place_id, subject, description,
                              language, status, position_id, level, rule_id, due_at, created_at, updated_at)
      select 'Z' || lpad(n::text, 8, '0'), 'phone', t.category_id, t.department_id, t.place_id,
             'Zebra crossing faded', 'The zebra crossing by the road has faded.',
             'en', t.status, t.position_id, t.level, t.rule_id, t.due_at, top.at - ago, top.at - ago
      from unnest(${ago}::interval[]) with ordinality as a(ago, n), grievances t,
           (select min(created_at) as at from grievances where reference like 'W%') top
      where t.reference = ${refs.school3}`.execute(database.db);
    const zebra = await truth('zebra');
    expect(zebra).toEqual(['Z00000001', 'Z00000002', 'Z00000003', 'Z00000004', 'Z00000005']);
    expect((await search('q=zebra&limit=3')).items.map((g) => g.reference)).toEqual(zebra.slice(0, 3));
    expect(await allPages('q=zebra&limit=1')).toEqual(zebra);
    expect(await allPages('q=zebra&limit=2')).toEqual(zebra);
    expect(await allPages('q=zebra&limit=50')).toEqual(zebra);
  });

  it('finds Hindi words with or without the nukta, below the walk', async () => {
    const land = [refs.land2, refs.land1];
    expect(await allPages(`q=${encodeURIComponent('जमीन')}&limit=1`)).toEqual(land);
    expect(await allPages(`q=${encodeURIComponent('ज़मीन')}&limit=1`)).toEqual(land);
    expect(await search(`q=${encodeURIComponent('तेंदुआ')}`)).toMatchObject({ items: [], next: null });
  });

  it("keeps to the reader's scope in both parts, and never says who raised an anonymous grievance", async () => {
    const inDistrict = await truth('kisima', d.district.id);
    expect(inDistrict).not.toContain(refs.elsewhere);
    expect(await allPages('q=kisima&limit=2', monitor)).toEqual(inDistrict);
    const page = await search('q=kisima&limit=50', monitor);
    const anonymous = page.items.find((g) => g.reference === refs.well2);
    expect(anonymous).toMatchObject({ anonymous: true, citizen: null });
    expect(await allPages('q=school&limit=200', monitor)).toEqual(await truth('school', d.district.id));
  });

  it("keeps the index's words (grievance_words, 0143) as the grievances' own, however they were written", async () => {
    const differ = async () => {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from grievances g full join grievance_words w on w.grievance_id = g.id
        where w.grievance_id is null or g.id is null or w.words <> g.search_text or w.created_at <> g.created_at`.execute(
        database.db,
      );
      return rows[0]?.n;
    };
    // Registered through the service, and inserted by the thousand in one statement (beforeAll).
    expect(await differ()).toBe(0);
    // A text corrected below the walk: found by its new words through the index, no longer by its old.
    await sql`update grievances set description = 'Ukuta wa shule umeanguka.' where reference = ${refs.well1}`.execute(
      database.db,
    );
    expect(await differ()).toBe(0);
    expect(await allPages('q=ukuta&limit=5')).toEqual([refs.well1]);
    expect(await allPages('q=machafu&limit=5')).toEqual([]);
  });
});
