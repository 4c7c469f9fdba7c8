// Counts for the overview, scoped like everything else: a nodal officer counts their department in
// their district, a district monitor every department there, a supervisor everything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { apiCaller } from '../../test/principals.ts';
import type { Database } from '../db/index.ts';
import { createCategory } from '../directory/index.ts';
import { saveRule } from '../routing/index.ts';
import { foldOpenCounts } from './counts.ts';
import { transition } from './index.ts';

describe.each(databases)('open-case counts on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  let d: Deployment;

  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
    d = await buildDeployment(api.deps);
    const energy = await createCategory(database.db, {
      departmentId: d.otherDepartment.id,
      code: 'ENERGY-NO-POWER-COUNTS',
      name: { en: 'No power' },
      resolutionValue: 24,
      resolutionUnit: 'working_hours',
    });
    await saveRule(database.db, {
      categoryId: energy.id,
      placeId: d.district.id,
      steps: [{ level: 1, positionId: d.otherL1.id }],
    });
    // District A, water: three open (one overdue later, one waiting for the citizen), one resolved.
    const water = await Promise.all([1, 2, 3, 4].map(() => buildGrievance(api.deps, d)));
    const system = { kind: 'system' as const, id: null };
    await transition(
      database.db,
      api.clock,
      water[1]?.reference as string,
      { type: 'request_info', note: 'Which hand pump?' },
      system,
    );
    await transition(
      database.db,
      api.clock,
      water[3]?.reference as string,
      { type: 'resolve', note: 'Repaired' },
      system,
    );
    // District A, energy: one. District B, water: one, unrouted (no rule there).
    await buildGrievance(api.deps, d, { categoryId: energy.id });
    await buildGrievance(api.deps, d, { placeId: d.otherDistrict.id });
    // Four days on, the water cases still with the officer are past their three days.
    api.clock.advance(4 * 86_400_000);
  });
  afterAll(async () => {
    await api?.app.close();
    await database?.close();
  });

  const counts = async (headers: Record<string, string>, query: string) => {
    const res = await api.raw.inject({ url: `/api/grievances/counts?${query}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      id: number | null;
      open: number;
      overdue: number;
      awaitingInfo: number;
      unrouted: number;
    }[];
  };
  const row = (rows: Awaited<ReturnType<typeof counts>>, id: number) => rows.find((r) => r.id === id);

  it('counts everything for a supervisor, per department and per district', async () => {
    const supervisor = await apiCaller(database, api.clock, 'supervisor', [{ role: 'supervisor' }]);
    const byDepartment = await counts(supervisor.headers, 'by=department');
    expect(row(byDepartment, d.department.id)).toMatchObject({
      open: 4,
      overdue: 2,
      awaitingInfo: 1,
      unrouted: 1,
    });
    expect(row(byDepartment, d.otherDepartment.id)).toMatchObject({ open: 1, unrouted: 0 });

    const byDistrict = await counts(supervisor.headers, `by=place&depth=${d.district.depth}`);
    // District A also has the energy case, overdue after its 24 working hours.
    expect(row(byDistrict, d.district.id)).toMatchObject({ open: 4, overdue: 3, awaitingInfo: 1 });
    expect(row(byDistrict, d.otherDistrict.id)).toMatchObject({ open: 1, unrouted: 1 });
    // Overdue first: the overview leads with the worst.
    expect(byDistrict[0]?.id).toBe(d.district.id);
  });

  it('counts only the caller’s department and district, never the rest', async () => {
    const nodal = await apiCaller(database, api.clock, 'nodal', [
      { role: 'nodal_officer', departmentId: d.department.id, placeId: d.district.id },
    ]);
    expect(await counts(nodal.headers, 'by=department')).toEqual([
      {
        id: d.department.id,
        name: d.department.name,
        open: 3,
        overdue: 2,
        awaitingInfo: 1,
        unrouted: 0,
        commandCentre: 0,
      },
    ]);
    const monitor = await apiCaller(database, api.clock, 'monitor', [
      { role: 'monitor', placeId: d.district.id },
    ]);
    const byDistrict = await counts(monitor.headers, `by=place&depth=${d.district.depth}`);
    expect(byDistrict.map((r) => r.id)).toEqual([d.district.id]);
    expect(byDistrict[0]?.open).toBe(4);
  });

  it('keeps the rollup equal to a count of the grievances themselves, before and after folding', async () => {
    const direct = async () => {
      const rows = await database.db
        .selectFrom('grievances')
        .select(['department_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('status', 'in', ['registered', 'assigned', 'in_progress', 'awaiting_info'])
        .groupBy('department_id')
        .execute();
      return new Map(rows.map((r) => [r.department_id, Number(r.n)]));
    };
    const supervisor = await apiCaller(database, api.clock, 'supervisor', [{ role: 'supervisor' }]);
    const rolled = async () =>
      new Map((await counts(supervisor.headers, 'by=department')).map((r) => [r.id as number, r.open]));
    // Changes of every kind since the counts were last folded: a transfer across departments, a
    // rejection, a reopening.
    const moved = await buildGrievance(api.deps, d);
    const system = { kind: 'system' as const, id: null };
    await transition(
      database.db,
      api.clock,
      moved.reference,
      { type: 'transfer', positionId: d.otherL1.id, note: 'Power issue' },
      system,
    );
    const rejected = await buildGrievance(api.deps, d);
    await transition(
      database.db,
      api.clock,
      rejected.reference,
      { type: 'reject', note: 'Duplicate' },
      system,
    );
    await transition(
      database.db,
      api.clock,
      rejected.reference,
      { type: 'reopen', note: 'Not a duplicate' },
      system,
    );
    expect(await rolled()).toEqual(await direct());
    expect(await foldOpenCounts(database.db)).toBeGreaterThan(0);
    expect(await foldOpenCounts(database.db)).toBe(0);
    expect(await rolled()).toEqual(await direct());
  });

  it('counts the command centre’s cases as overdue, but not one whose due time a pause moved on', async () => {
    const supervisor = await apiCaller(database, api.clock, 'supervisor', [{ role: 'supervisor' }]);
    const now = api.clock.now();
    // Overdue straight from the grievances, per department: what the counts must equal.
    const direct = async () => {
      const rows = await database.db
        .selectFrom('grievances')
        .select(['department_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('status', 'in', ['assigned', 'in_progress'])
        .where('due_at', '<=', now)
        .groupBy('department_id')
        .execute();
      return new Map(rows.map((r) => [r.department_id, Number(r.n)]));
    };
    const counted = async () => {
      const rows = await counts(supervisor.headers, 'by=department');
      return new Map(rows.filter((r) => r.overdue > 0).map((r) => [r.id as number, r.overdue]));
    };
    expect(await counted()).toEqual(await direct());

    // The sweep hands an overdue case to the command centre: still overdue, now the centre's.
    const { id } = await database.db
      .selectFrom('grievances')
      .select('id')
      .where('status', 'in', ['assigned', 'in_progress'])
      .where('due_at', '<=', now)
      .where('department_id', '=', d.department.id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await database.db
      .updateTable('grievances')
      .set({ command_centre_at: now, level: 4, sla_next_at: null })
      .where('id', '=', id)
      .execute();
    const before = (await counts(supervisor.headers, 'by=department')).find(
      (r) => r.id === d.department.id,
    ) as { overdue: number; commandCentre?: number };
    expect(await counted()).toEqual(await direct());

    // Its due time moves on (the clock gave back a pause): with the centre still, but not overdue.
    await database.db
      .updateTable('grievances')
      .set({ due_at: new Date(now.getTime() + 86_400_000) })
      .where('id', '=', id)
      .execute();
    const after = (await counts(supervisor.headers, 'by=department')).find((r) => r.id === d.department.id);
    expect(after).toMatchObject({ overdue: before.overdue - 1, commandCentre: before.commandCentre });
    expect(await counted()).toEqual(await direct());
    await foldOpenCounts(database.db);
    expect(await counted()).toEqual(await direct());
  });

  it('gives the overdue list and the command centre’s queue the totals of their own rows', async () => {
    // Their totals come from the rollup and its corrections, not from counting the rows (queries.ts,
    // openTotal): the case the last test handed to the command centre and moved past now is in the
    // centre's queue but not overdue; the water cases past their three days are overdue, unswept.
    const supervisor = await apiCaller(database, api.clock, 'supervisor', [{ role: 'supervisor' }]);
    const nodal = await apiCaller(database, api.clock, 'nodal', [
      { role: 'nodal_officer', departmentId: d.otherDepartment.id, placeId: d.district.id },
    ]);
    const list = async (headers: Record<string, string>, query: string) => {
      const res = await api.raw.inject({ url: `/api/grievances?${query}&limit=100`, headers });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as {
        items: { reference: string }[];
        total: number;
        totalIsLowerBound: boolean;
      };
      expect(body, query).toMatchObject({ total: body.items.length, totalIsLowerBound: false });
      return body.items.length;
    };
    for (const folded of [false, true]) {
      if (folded) await foldOpenCounts(database.db);
      expect(await list(supervisor.headers, 'overdue=true')).toBeGreaterThanOrEqual(2);
      expect(await list(supervisor.headers, 'commandCentre=true')).toBe(1);
      await list(supervisor.headers, `overdue=true&departmentId=${d.department.id}`);
      await list(supervisor.headers, `commandCentre=true&departmentId=${d.otherDepartment.id}`);
      // Another department's reader: only their own overdue case (the energy one), none of the centre's.
      expect(await list(nodal.headers, 'overdue=true')).toBeGreaterThanOrEqual(1);
      expect(await list(nodal.headers, 'commandCentre=true')).toBe(0);
    }
  });

  it('asks for the level when counting by place', async () => {
    const supervisor = await apiCaller(database, api.clock, 'supervisor', [{ role: 'supervisor' }]);
    const res = await api.raw.inject({ url: '/api/grievances/counts?by=place', headers: supervisor.headers });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation_failed', details: [{ field: 'depth' }] });
  });
});
