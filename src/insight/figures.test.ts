// Insight's figures against a small set of grievances worked out by hand, against a direct aggregate of
// the facts, and through the read policy. Days are in Asia/Kolkata (UTC+5:30); the clock starts on
// Monday 2 March 2026, 10:00 there.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { apiCaller, type Caller } from '../../test/principals.ts';
import type { Database } from '../db/index.ts';
import { type Actor, getGrievance, transition } from '../grievances/index.ts';
import { foldInsight, foldRatings, rebuildInsight } from './index.ts';
import { MEASURES } from './measures.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const system: Actor = { kind: 'system', id: null };
const citizen: Actor = { kind: 'citizen', id: null };

describe.each(databases)('insight figures on $name', ({ name, open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  let d: Deployment;
  let supervisor: Caller;
  const refs: Record<string, string> = {};

  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
    d = await buildDeployment(api.deps);
    supervisor = await apiCaller(database, api.clock, 'supervisor', [{ role: 'supervisor' }]);
    const act = (ref: string, action: Parameters<typeof transition>[3], actor = system) =>
      transition(database.db, api.clock, ref, action, actor);
    const start = api.clock.now().getTime();
    const at = (ms: number) => api.clock.set(new Date(start + ms));

    // Monday 2 March, 10:00: four grievances in district A (routed to L1, three days), one in B (unrouted).
    refs.quick = (await buildGrievance(api.deps, d)).reference;
    refs.late = (await buildGrievance(api.deps, d, { citizen: { phone: '+919811111111' } })).reference;
    refs.edge = (
      await buildGrievance(api.deps, d, { channel: 'phone', citizen: { phone: '+919822222222' } })
    ).reference;
    refs.other = (
      await buildGrievance(api.deps, d, {
        placeId: d.otherDistrict.id,
        anonymous: true,
        citizen: { phone: '+919833333333' },
      })
    ).reference;
    const due = (await getGrievance(database.db, refs.edge)).dueAt as Date;

    // Tuesday 3 March, 10:00: the first resolved in 24 hours; the same citizen complains again (a repeat).
    at(DAY);
    await act(refs.quick, { type: 'resolve', note: 'Repaired' });
    refs.repeat = (await buildGrievance(api.deps, d)).reference;
    // Wednesday 4 March: the citizen confirms the first, rating it 5.
    at(2 * DAY);
    await act(refs.quick, { type: 'close', reason: 'citizen_satisfied', rating: 5 }, citizen);
    // Two hours before the deadline: resolved, and refused by the citizen an hour later, rated 2.
    api.clock.set(new Date(due.getTime() - 2 * HOUR));
    await act(refs.edge, { type: 'resolve', note: 'Done' });
    api.clock.set(new Date(due.getTime() - HOUR));
    await act(refs.edge, { type: 'reopen', note: 'Still broken', rating: 2 }, citizen);
    // Saturday 7 March, 10:00: the late one resolved, five days after it came in.
    at(5 * DAY);
    await act(refs.late, { type: 'resolve', note: 'Repaired late' });
    // Tuesday 10 March, 10:00.
    at(8 * DAY);
  }, 300_000);
  afterAll(async () => {
    await api?.app.close();
    await database?.close();
  });

  const get = async (caller: Caller, url: string) => {
    const res = await api.raw.inject({ url, headers: caller.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const figures = (caller: Caller, query: string) =>
    get(caller, `/api/insight/figures?from=2026-03-01&to=2026-03-31&${query}`) as Promise<
      Record<string, unknown>[]
    >;

  it('computes every flow figure as worked out by hand', async () => {
    const [total] = await figures(supervisor, 'by=total');
    expect(total).toMatchObject({
      key: null,
      received: 5,
      resolved: 3,
      resolvedInTime: 2,
      slaCompliance: 2 / 3,
      resolvedLastHours: 1,
      resolvedWithProof: 0,
      closed: 1,
      closedSatisfied: 1,
      reopened: 1,
      reopenedAfterResolution: 1,
      reopenRate: 1 / 3,
      feedback: 2,
      satisfaction: 0.5,
      escalations: 0,
      wrongTransfers: 0,
      // Two verdicts rated, 5 and 2.
      rated: 2,
      averageRating: 3.5,
    });
    // 24 h, 120 h, and 70 h for the edge case (due 72 h after registration, resolved 2 h before).
    expect(total?.averageResolutionHours).toBeCloseTo((24 + 120 + 70) / 3, 6);
    // The middle one falls in the bucket 66-72 h, alone there: half of it is 69 h.
    expect(total?.medianResolutionHours).toBeCloseTo(69, 6);
  });

  it('groups by district, day, channel and level, and counts repeats once on request', async () => {
    const byDistrict = await figures(supervisor, `by=place&depth=${d.district.depth}`);
    expect(byDistrict.find((r) => r.key === String(d.district.id))).toMatchObject({
      received: 4,
      resolved: 3,
      name: d.district.name,
    });
    expect(byDistrict.find((r) => r.key === String(d.otherDistrict.id))).toMatchObject({ received: 1 });
    const byDay = await figures(supervisor, 'by=day');
    expect(byDay.map((r) => [r.key, r.received, r.resolved])).toEqual([
      ['2026-03-02', 4, 0],
      ['2026-03-03', 1, 1],
      ['2026-03-04', 0, 0],
      ['2026-03-05', 0, 1],
      ['2026-03-07', 0, 1],
    ]);
    const byChannel = await figures(supervisor, 'by=channel');
    expect(byChannel.find((r) => r.key === 'phone')?.received).toBe(1);
    expect(byChannel.find((r) => r.key === 'web')?.received).toBe(4);
    const byLevel = await figures(supervisor, 'by=level');
    expect(byLevel.find((r) => r.key === '1')).toMatchObject({ resolved: 3, assigned: 4 });
    // The ratings by the day of the verdict: 5 on Wednesday 4 March, 2 on the edge case's day.
    const ratedDays = byDay.filter((r) => Number(r.rated) > 0).map((r) => [r.key, r.rated, r.averageRating]);
    expect(ratedDays).toEqual([
      ['2026-03-04', 1, 5],
      ['2026-03-05', 1, 2],
    ]);
    expect(byDay.find((r) => r.key === '2026-03-02')).toMatchObject({ rated: 0, averageRating: null });
    expect(byDistrict.find((r) => r.key === String(d.district.id))).toMatchObject({
      rated: 2,
      averageRating: 3.5,
    });
    expect(byDistrict.find((r) => r.key === String(d.otherDistrict.id))).toMatchObject({
      rated: 0,
      averageRating: null,
    });
    const byDepartment = await figures(supervisor, 'by=department');
    expect(byDepartment.find((r) => r.key === String(d.department.id))).toMatchObject({
      rated: 2,
      averageRating: 3.5,
    });
    const byCategory = await figures(supervisor, 'by=category');
    expect(byCategory.reduce((n, r) => n + Number(r.rated), 0)).toBe(2);
    const byMonth = await figures(supervisor, 'by=month');
    expect(byMonth).toHaveLength(1);
    expect(byMonth[0]?.key).toBe('2026-03-01');
    const [unique] = await figures(supervisor, 'by=total&uniqueOnly=true');
    expect(unique?.received).toBe(4);
  });

  it('counts pending by age band, and the lists behind figures hold exactly those grievances', async () => {
    // On 10 March: the reopened edge case and the one in district B are 8 days old; the repeat 7.
    const [pending] = await get(supervisor, '/api/insight/pending?by=total');
    expect(pending).toMatchObject({ pending: 3, bands: { '0-7': 1, '8-30': 2, '31-50': 0 } });
    const list = async (caller: Caller, query: string) =>
      ((await get(caller, `/api/insight/grievances?${query}`)).items as { reference: string }[])
        .map((i) => i.reference)
        .sort();
    expect(await list(supervisor, 'figure=pending&band=8-30')).toEqual([refs.edge, refs.other].sort());
    expect(await list(supervisor, 'figure=resolvedInTime&from=2026-03-01&to=2026-03-31')).toEqual(
      [refs.quick, refs.edge].sort(),
    );
    expect(await list(supervisor, 'figure=resolvedLastHours&from=2026-03-01&to=2026-03-31')).toEqual([
      refs.edge,
    ]);
    expect(await list(supervisor, 'figure=received&from=2026-03-03&to=2026-03-03')).toEqual([refs.repeat]);
    // The verdicts behind the average rating, and those of one rating.
    expect(await list(supervisor, 'figure=rated&from=2026-03-01&to=2026-03-31')).toEqual(
      [refs.quick, refs.edge].sort(),
    );
    expect(await list(supervisor, 'figure=rated&rating=2&from=2026-03-01&to=2026-03-31')).toEqual([
      refs.edge,
    ]);
    // Keyset pages: two at a time, every one once.
    const first = await get(
      supervisor,
      '/api/insight/grievances?figure=received&from=2026-03-01&to=2026-03-31&limit=2',
    );
    const seen = first.items.map((i: { reference: string }) => i.reference);
    let next = first.next;
    while (next) {
      const page = await get(
        supervisor,
        `/api/insight/grievances?figure=received&from=2026-03-01&to=2026-03-31&limit=2&after=${encodeURIComponent(next)}`,
      );
      seen.push(...page.items.map((i: { reference: string }) => i.reference));
      next = page.next;
    }
    expect(seen.sort()).toEqual(Object.values(refs).sort());
  });

  it('shows a district monitor their district only, figures and lists alike, without identities', async () => {
    const monitor = await apiCaller(database, api.clock, 'monitor', [
      { role: 'monitor', placeId: d.otherDistrict.id },
    ]);
    const [total] = await figures(monitor, 'by=total');
    // Nothing rated in their district: the other district's ratings do not reach them.
    expect(total).toMatchObject({ received: 1, resolved: 0, rated: 0, averageRating: null });
    expect(
      (await get(monitor, '/api/insight/grievances?figure=rated&from=2026-03-01&to=2026-03-31')).items,
    ).toEqual([]);
    const [pending] = await get(monitor, '/api/insight/pending?by=total');
    expect(pending).toMatchObject({ pending: 1 });
    const list = await get(monitor, '/api/insight/grievances?figure=received&from=2026-03-01&to=2026-03-31');
    expect(list.items.map((i: { reference: string }) => i.reference)).toEqual([refs.other]);
    expect(JSON.stringify(list)).not.toContain('+919833333333');
    const nodal = await apiCaller(database, api.clock, 'nodal', [
      { role: 'nodal_officer', departmentId: d.otherDepartment.id },
    ]);
    expect(await figures(nodal, 'by=total')).toEqual([]);
  });

  // Each narrow rollup (0086) against the fine one summed the same way: they must agree on every
  // measure and every bucket of the resolution histogram, whatever was folded when.
  const NARROW_KEYS = {
    total: 'null::text',
    department: 'department_id::text',
    place: 'place_id::text',
    level: 'level::text',
    category: 'category_id::text',
    channel: 'channel',
  };
  const narrowAgreesWithFine = async () => {
    const sums = MEASURES.map((m) => `round(sum(${m})::numeric, 3)::text as ${m}`).join(', ');
    for (const [dim, key] of Object.entries(NARROW_KEYS)) {
      const read = async (table: string, where: string, bucket: boolean) => {
        const cols = bucket ? 'bucket, sum(n)::text as n' : sums;
        const { rows } = await sql
          .raw(`select day::text, ${key} as key, repeat, ${cols} from ${table} ${where}
                group by day, ${key}, repeat${bucket ? ', bucket' : ''}
                order by 1, 2 nulls first, 3${bucket ? ', 4' : ''}`)
          .execute(database.db);
        return rows;
      };
      const where = `where dim = '${dim}'`;
      const narrow = await read('insight_dim_daily', where, false);
      expect(narrow.length, dim).toBeGreaterThan(0);
      expect(narrow, dim).toEqual(await read('insight_daily', '', false));
      expect(await read('insight_dim_resolution_hist', where, true), dim).toEqual(
        await read('insight_resolution_hist', '', true),
      );
      const ratings = async (table: string, where: string) =>
        (
          await sql
            .raw(`select day::text, ${key} as key, repeat, sum(rated)::int as rated, sum(rating_sum)::int as s
                  from ${table} ${where} group by day, ${key}, repeat order by 1, 2 nulls first, 3`)
            .execute(database.db)
        ).rows;
      expect(await ratings('insight_dim_rating_daily', where), dim).toEqual(
        await ratings('insight_rating_daily', ''),
      );
      // The pending stock's narrow form (0122) too, by the day received.
      const stock = async (table: string, where: string) =>
        (
          await sql
            .raw(`select created_day::text, ${key} as key, sum(n)::text as n from ${table} ${where}
                  group by 1, 2 having sum(n) <> 0 order by 1, 2 nulls first`)
            .execute(database.db)
        ).rows;
      const pending = await stock('insight_dim_open', where);
      expect(pending.length, dim).toBeGreaterThan(0);
      expect(pending, dim).toEqual(await stock('insight_open', ''));
    }
    // The wall's registrations by place and category (0133) too, with the policy's columns.
    const received = async (table: string) =>
      (
        await sql
          .raw(`select day::text, place_id, category_id, department_id, position_id, sum(received)::int as n
                from ${table} group by 1, 2, 3, 4, 5 having sum(received) <> 0
                order by 1, 2, 3, 4, 5 nulls first`)
          .execute(database.db)
      ).rows;
    const byPlace = await received('insight_place_category_daily');
    expect(byPlace.length).toBeGreaterThan(0);
    expect(byPlace).toEqual(await received('insight_daily'));
    // And the rating rollup equals the ratings in the history.
    const { rows } = await sql<{ n: number; s: number }>`
      select count(*)::int as n, coalesce(sum(rating), 0)::int as s from citizen_feedback
      where rating is not null`.execute(database.db);
    const { rows: rolled } = await sql<{ n: number; s: number }>`
      select coalesce(sum(rated), 0)::int as n, coalesce(sum(rating_sum), 0)::int as s
      from insight_rating_daily`.execute(database.db);
    expect(rolled).toEqual(rows);
  };

  it('stays equal to a direct aggregate of the facts and to a rebuild, with late events folded in any order', async () => {
    const direct = async () => {
      const { rows } = await sql<{ day: string; received: number; resolved: number; reopened: number }>`
        select day::text, sum(received)::int as received, sum(resolved)::int as resolved,
               sum(reopened)::int as reopened
        from insight_facts group by day order by day`.execute(database.db);
      return rows.map((r) => [r.day, r.received, r.resolved, r.reopened]);
    };
    const rolled = async () =>
      (await figures(supervisor, 'by=day')).map((r) => [r.key, r.received, r.resolved, r.reopened]);
    expect(await rolled()).toEqual(await direct());
    expect(await foldInsight(database.db)).toBeGreaterThan(0);
    expect(await foldInsight(database.db)).toBe(0);
    expect(await rolled()).toEqual(await direct());

    // A late event: written now with a time days in the past (an offline channel catching up), after
    // later days were folded. It lands on its own day.
    api.clock.set('2026-03-04T06:00:00Z');
    await transition(
      database.db,
      api.clock,
      refs.repeat as string,
      { type: 'resolve', note: 'Fixed' },
      system,
    );
    api.clock.set('2026-03-10T04:30:00Z');
    expect(await rolled()).toEqual(await direct());
    expect((await rolled()).find((r) => r[0] === '2026-03-04')).toEqual(['2026-03-04', 0, 1, 0]);
    await foldInsight(database.db);
    const before = await figures(supervisor, 'by=department');
    const pendingBefore = await get(supervisor, '/api/insight/pending?by=department');
    await rebuildInsight(database.db);
    expect(await figures(supervisor, 'by=department')).toEqual(before);
    expect(await get(supervisor, '/api/insight/pending?by=department')).toEqual(pendingBefore);
  });

  it('keeps the narrow rollups equal to the fine one, through folds, late events and a rebuild', async () => {
    await foldInsight(database.db);
    await foldRatings(database.db);
    await narrowAgreesWithFine();
    // A late event for a day already folded, and an out-of-order one: written now, dated earlier.
    api.clock.set('2026-03-05T06:00:00Z');
    await transition(database.db, api.clock, refs.edge as string, { type: 'resolve', note: 'Late' }, system);
    api.clock.set('2026-03-03T06:00:00Z');
    await transition(
      database.db,
      api.clock,
      refs.edge as string,
      { type: 'reopen', note: 'No', rating: 1 },
      citizen,
    );
    api.clock.set('2026-03-10T04:30:00Z');
    // Before the fold, a read through a narrow rollup adds the queued facts like the fine one does.
    const [queued] = await figures(supervisor, 'by=total');
    // The queued rating already counts: 5, 2 and now 1.
    expect(queued).toMatchObject({ rated: 3, averageRating: 8 / 3 });
    const byDepartmentInDistrict = await figures(supervisor, `by=department&placeId=${d.district.id}`);
    await foldInsight(database.db);
    expect(await foldRatings(database.db)).toBe(1);
    await narrowAgreesWithFine();
    expect((await figures(supervisor, 'by=total'))[0]).toEqual(queued);
    // Two dimensions at once (a department within a district) read the fine rollup, and agree.
    expect(await figures(supervisor, `by=department&placeId=${d.district.id}`)).toEqual(
      byDepartmentInDistrict,
    );
    // The district's total (narrow, by place) equals its departments' sum (fine).
    const [district] = await figures(supervisor, `by=total&placeId=${d.district.id}`);
    for (const m of ['received', 'resolved', 'reopened', 'resolvedInTime', 'rated'])
      expect(
        byDepartmentInDistrict.reduce((n, r) => n + Number(r[m]), 0),
        m,
      ).toBe(district?.[m]);
    expect(district).toMatchObject({ reopened: 2, reopenedAfterResolution: 2 });
    await rebuildInsight(database.db);
    await narrowAgreesWithFine();
    expect((await figures(supervisor, 'by=total'))[0]).toEqual(queued);
  });

  it.runIf(name === 'postgres')(
    'folds events committed out of order by concurrent transactions',
    async () => {
      // Transaction A writes its event first but commits last; a fold runs in between.
      const a = await buildGrievance(api.deps, d, { citizen: { phone: '+919844444444' } });
      const b = await buildGrievance(api.deps, d, { citizen: { phone: '+919855555555' } });
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const slow = database.db.transaction().execute(async (trx) => {
        // The event alone, as the lifecycle writes it, in a transaction that stays open.
        await sql`insert into grievance_events (grievance_id, at, kind, from_status, to_status, actor_kind, data)
                select id, ${api.clock.now()}, 'resolved', 'assigned', 'resolved', 'system', '{}'
                from grievances where reference = ${a.reference}`.execute(trx);
        await held;
      });
      await new Promise((r) => setTimeout(r, 50));
      await transition(database.db, api.clock, b.reference, { type: 'resolve', note: 'B' }, system);
      await foldInsight(database.db);
      release();
      await slow;
      await foldInsight(database.db);
      const { rows } = await sql<{ n: number }>`select sum(resolved)::int as n from insight_facts`.execute(
        database.db,
      );
      const [total] = await get(supervisor, '/api/insight/figures?from=2026-03-01&to=2026-03-31&by=total');
      expect(total.resolved).toBe(rows[0]?.n);
    },
  );

  it('refuses a grouping deeper than the rollup keeps', async () => {
    const res = await api.raw.inject({
      url: '/api/insight/figures?from=2026-03-01&to=2026-03-31&by=place&depth=5',
      headers: supervisor.headers,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation_failed', details: [{ field: 'depth' }] });
  });
});
