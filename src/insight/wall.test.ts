// The command-and-control wall against a small set worked out by hand: today's intake by channel,
// contacts, overdue by department, a hotspot against its own baseline (and a place that is not one), the
// oldest open cases; and the same through a district monitor's read policy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { apiCaller, type Caller } from '../../test/principals.ts';
import type { Database } from '../db/index.ts';
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

  it(`is not for the public (${name})`, async () => {
    const res = await api.raw.inject({ url: '/api/insight/wall' });
    expect(res.statusCode).toBe(401);
  });
});
