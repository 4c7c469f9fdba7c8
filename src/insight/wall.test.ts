// The command-and-control wall against a small set worked out by hand: today's intake by channel,
// contacts, overdue by department, a hotspot against its own baseline (and a place that is not one), the
// oldest open cases; and the same through a district monitor's read policy. Hotspots from registrations
// by place and category (0133) against the same sums taken from the fine rollup, for each kind of viewer.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { apiCaller, type Caller, staffCaller } from '../../test/principals.ts';
import type { Database } from '../db/index.ts';
import { createCategory, getPosition } from '../directory/index.ts';
import { foldInsight } from './index.ts';

const DAY = 86_400_000;

describe.each(databases)('command-and-control wall on $name', ({ name, open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  let d: Deployment;
  let supervisor: Caller;
  let monitorB: Caller;
  const oldA: string[] = [];
  const oldB: string[] = [];
  const todayB: string[] = [];

  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
    d = await buildDeployment(api.deps);
    supervisor = await apiCaller(database, api.clock, 'supervisor', [{ role: 'supervisor' }]);
    monitorB = await apiCaller(database, api.clock, 'monitor', [
      { role: 'monitor', placeId: d.otherDistrict.id },
    ]);
    // The clock stands at Monday 2 March 2026, 10:00 in Asia/Kolkata.
    const now = api.clock.now().getTime();
    const phone = (n: number) => ({ citizen: { phone: `+9198700000${String(n).padStart(2, '0')}` } });
    let n = 0;
    // 20 days ago: two in district A (routed, three days to resolve: overdue now).
    api.clock.set(new Date(now - 20 * DAY));
    for (let i = 0; i < 2; i++) oldA.push((await buildGrievance(api.deps, d, phone(++n))).reference);
    // 10 days ago: three in district B (no routing rule there: unrouted, no clock running).
    api.clock.set(new Date(now - 10 * DAY));
    for (let i = 0; i < 3; i++)
      oldB.push(
        (await buildGrievance(api.deps, d, { ...phone(++n), placeId: d.otherDistrict.id })).reference,
      );
    // Today: six in district A (four on the web, two by phone), one in B by WhatsApp.
    api.clock.set(new Date(now));
    for (let i = 0; i < 6; i++)
      await buildGrievance(api.deps, d, { ...phone(++n), channel: i < 4 ? 'web' : 'phone' });
    todayB.push(
      (
        await buildGrievance(api.deps, d, {
          ...phone(++n),
          placeId: d.otherDistrict.id,
          channel: 'whatsapp',
        })
      ).reference,
    );
    // Contacts: three calls and an SMS in today, a call yesterday, an outbound call today. One of
    // today's calls is about the grievance in district B.
    const contact = (channel: 'phone' | 'sms', at: number, direction: 'inbound' | 'outbound' = 'inbound') =>
      database.db
        .insertInto('interactions')
        .values({
          channel,
          direction,
          citizen_id: null,
          external_id: null,
          summary: null,
          started_at: new Date(at),
          ended_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const linked = await contact('phone', now - 3_600_000);
    await contact('phone', now - 60_000);
    await contact('phone', now);
    await contact('sms', now);
    await contact('phone', now - DAY);
    await contact('phone', now, 'outbound');
    const b = await database.db
      .selectFrom('grievances')
      .select('id')
      .where('reference', '=', todayB[0] as string)
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto('interaction_grievances')
      .values({ interaction_id: linked.id, grievance_id: b.id })
      .execute();
    // Half folded, half still queued: the wall adds both.
    await foldInsight(database.db);
    await buildGrievance(api.deps, d, { ...phone(++n), channel: 'web' });
  }, 300_000);
  afterAll(async () => {
    await api?.app.close();
    await database?.close();
  });

  const wall = async (caller: Caller, query = '') => {
    const res = await api.raw.inject({ url: `/api/insight/wall${query}`, headers: caller.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('shows the whole helpline to a supervisor, as worked out by hand', async () => {
    const w = await wall(supervisor);
    expect(w.today).toBe('2026-03-02');
    expect(w.registered).toEqual([
      { channel: 'web', n: 5 },
      { channel: 'phone', n: 2 },
      { channel: 'whatsapp', n: 1 },
    ]);
    expect(w.contacts).toEqual([
      { channel: 'phone', n: 3 },
      { channel: 'sms', n: 1 },
    ]);
    // The two from 20 days ago have run out of time; everything is in the one department.
    expect(w.overdue).toEqual([
      { departmentId: d.department.id, name: d.department.name, open: 13, overdue: 2 },
    ]);
    // District A: seven this week against two in the four weeks before (0.5 expected a week).
    // District B: one this week, under the minimum.
    expect(w.hotspots).toEqual([
      {
        placeId: d.district.id,
        place: d.district.name,
        categoryId: d.category.id,
        category: d.category.name,
        recent: 7,
        expected: 0.5,
      },
    ]);
    expect(w.oldest.slice(0, 5).map((g: { reference: string }) => g.reference)).toEqual([...oldA, ...oldB]);
    expect(w.oldest).toHaveLength(10);
    expect(w.oldest[0].ageDays).toBe(20);
    // A room sees the wall: no text, no one's identity.
    expect(Object.keys(w.oldest[0]).sort()).toEqual(
      ['ageDays', 'category', 'createdAt', 'department', 'level', 'place', 'reference', 'status'].sort(),
    );
  });

  it('finds the rise against its own baseline, not against a fixed number', async () => {
    // With the window at 21 days the baseline's two fall inside it: nine against none before.
    const wide = await wall(supervisor, '?days=21&baselineDays=28&minCount=5');
    expect(wide.hotspots.map((h: { recent: number; expected: number }) => [h.recent, h.expected])).toEqual([
      [9, 0],
    ]);
    // Two weeks against the week before: seven against an expected four is not a rise of ten times.
    const strict = await wall(supervisor, '?days=14&baselineDays=7&minCount=5&ratio=10');
    expect(strict.hotspots).toEqual([]);
    // District B: four in a month; a window of 11 days holds all four, with nothing before.
    const b = await wall(supervisor, '?days=11&minCount=4&ratio=2');
    expect(b.hotspots.map((h: { placeId: number }) => h.placeId).sort()).toEqual(
      [d.district.id, d.otherDistrict.id].sort(),
    );
  });

  it("shows a district monitor their district's wall only", async () => {
    const w = await wall(monitorB);
    expect(w.registered).toEqual([{ channel: 'whatsapp', n: 1 }]);
    // Only the call linked to a grievance they may read.
    expect(w.contacts).toEqual([{ channel: 'phone', n: 1 }]);
    expect(w.overdue).toEqual([]);
    expect(w.hotspots).toEqual([]);
    expect(w.oldest.map((g: { reference: string }) => g.reference)).toEqual([...oldB, ...todayB]);
  });

  it('finds the hotspots the fine rollup gives, folded or queued, for each viewer', async () => {
    const now = api.clock.now().getTime();
    const water = await createCategory(database.db, {
      departmentId: d.otherDepartment.id,
      code: `WALL-${name}`,
      name: { en: 'No water supply' },
      resolutionValue: 3,
      resolutionUnit: 'calendar_days',
    });
    let n = 0;
    const register = async (daysAgo: number, placeId: number, categoryId: number) => {
      api.clock.set(new Date(now - daysAgo * DAY));
      await buildGrievance(api.deps, d, {
        citizen: { phone: `+9198711000${String(++n).padStart(2, '0')}` },
        placeId,
        categoryId,
      });
    };
    // Water in district B: two in the baseline (12 days ago), four this week (3 days ago).
    for (let i = 0; i < 2; i++) await register(12, d.otherDistrict.id, water.id);
    for (let i = 0; i < 4; i++) await register(3, d.otherDistrict.id, water.id);
    await foldInsight(database.db);
    // Today, after a fold: two more hand pumps in A (rows folded already grow), three of water in A.
    for (let i = 0; i < 2; i++) await register(0, d.village.id, d.category.id);
    for (let i = 0; i < 3; i++) await register(0, d.village.id, water.id);
    await foldInsight(database.db);
    // And one of water in B still queued.
    await register(0, d.otherDistrict.id, water.id);
    api.clock.set(new Date(now));

    // Every place and category with a registration this week (7 days against the 28 before).
    const query = '?minCount=1&ratio=1';
    const hotspots = async (caller: Caller) =>
      (await wall(caller, query)).hotspots.map(
        (h: { placeId: number; categoryId: number; recent: number; expected: number }) => ({
          placeId: h.placeId,
          categoryId: h.categoryId,
          recent: h.recent,
          expected: h.expected,
        }),
      );
    // The same sums from the fine rollup and the queued facts, the viewer's scope written by hand.
    const fromFine = async (scope: string) => {
      const { rows } = await sql<{ placeId: number; categoryId: number; recent: number; base: number }>`
        select nullif(split_part(pl.path, '/', 4), '')::int as "placeId", g.category_id::int as "categoryId",
          sum(g.received) filter (where g.day >= '2026-02-24')::int as recent,
          coalesce(sum(g.received) filter (where g.day < '2026-02-24'), 0)::int as base
        from (
          select day, department_id, place_id, position_id, category_id, received from insight_daily
          union all
          select day, department_id, place_id, position_id, category_id, received from insight_facts
          where event_id in (select event_id from insight_event_queue)
        ) g join places pl on pl.id = g.place_id
        where g.day >= '2026-01-27' and ${sql.raw(scope)}
        group by 1, 2
        having sum(g.received) filter (where g.day >= '2026-02-24') > 0`.execute(database.db);
      return rows.map(({ placeId, categoryId, recent, base }) => ({
        placeId,
        categoryId,
        recent,
        expected: Math.round((base / 28) * 7 * 10) / 10,
      }));
    };
    const sorted = <T extends { placeId: number; categoryId: number }>(rows: T[]) =>
      [...rows].sort((a, b) => a.placeId - b.placeId || a.categoryId - b.categoryId);
    const hot = (place: { id: number }, category: { id: number }, recent: number, expected: number) => ({
      placeId: place.id,
      categoryId: category.id,
      recent,
      expected,
    });

    // Worked out by hand, in order of standard deviations above expectation: hand pumps in A (9 against
    // 0.5), water in B (5 against 0.5), water in A (3, none before), hand pumps in B (1 against 0.75).
    const all = await hotspots(supervisor);
    expect(all).toEqual([
      hot(d.district, d.category, 9, 0.5),
      hot(d.otherDistrict, water, 5, 0.5),
      hot(d.district, water, 3, 0),
      hot(d.otherDistrict, d.category, 1, 0.8),
    ]);
    expect(sorted(all)).toEqual(sorted(await fromFine('true')));

    // The district monitor: district B only.
    const inB = await hotspots(monitorB);
    expect(inB).toEqual([hot(d.otherDistrict, water, 5, 0.5), hot(d.otherDistrict, d.category, 1, 0.8)]);
    const pathB = (
      await database.db
        .selectFrom('places')
        .select('path')
        .where('id', '=', d.otherDistrict.id)
        .executeTakeFirstOrThrow()
    ).path;
    expect(sorted(inB)).toEqual(sorted(await fromFine(`pl.path like '${pathB}%'`)));

    // A nodal officer of the water department, everywhere: water only.
    const nodal = await apiCaller(database, api.clock, 'nodal', [
      { role: 'nodal_officer', departmentId: d.otherDepartment.id },
    ]);
    const ofWater = await hotspots(nodal);
    expect(ofWater.map((h: { categoryId: number }) => h.categoryId)).toEqual([water.id, water.id]);
    expect(sorted(ofWater)).toEqual(sorted(await fromFine(`g.department_id = ${d.otherDepartment.id}`)));

    // The officer at the first position of the hand pumps' chain in A reads by position, and a
    // registration's fact has none (the assignment is an event of its own): nothing, either way.
    const officerId = (await getPosition(database.db, d.chain[0]?.id as number)).officerId as number;
    const officer = await staffCaller(api.raw, database, api.clock, 'officer', [], officerId);
    expect(await hotspots(officer)).toEqual([]);
    expect(await fromFine(`g.position_id = ${d.chain[0]?.id}`)).toEqual([]);
  });

  it(`is not for the public (${name})`, async () => {
    const res = await api.raw.inject({ url: '/api/insight/wall' });
    expect(res.statusCode).toBe(401);
  });
});
