// The SLA clock end to end on a real database: due times on the position's calendar, reminders at 50%
// and 90%, escalation L1 > L2 > L3 > L4 > command centre, pause while waiting for the citizen, manual
// escalation, and no double action when sweeps race.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases, openTestPostgres } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { SYSTEM } from '../access/principal.ts';
import { referenceCache } from '../cache/index.ts';
import { manualClock } from '../clock.ts';
import type { Database } from '../db/index.ts';
import { createCategory } from '../directory/index.ts';
import { getGrievance, grievanceHistory, searchGrievances, transition } from '../grievances/index.ts';
import { saveRule } from '../routing/index.ts';
import { addHoliday } from './calendars.ts';
import { type SweepResult, sweep } from './sweep.ts';

// Mondays to Fridays 10:00-18:00 in India (the default calendar). 2026-03-02 is a Monday.
const ist = (local: string) => new Date(`${local}+05:30`);
const supervisor = { kind: 'supervisor' as const, id: 9 };

describe.each(databases)('SLA clock and sweep on $name', ({ open }) => {
  let database: Database;
  let d: Deployment;
  let categoryId: number;
  const clock = manualClock(ist('2026-03-02T10:00'));
  const deps = () => ({ db: database.db, clock });
  const events = async (reference: string) =>
    (await grievanceHistory(database.db, reference, SYSTEM)).map((e) => e.kind);
  const notes = async (reference: string) => {
    const g = await database.db
      .selectFrom('grievances')
      .select('id')
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    return database.db
      .selectFrom('notifications')
      .select(['template', 'position_id as positionId', 'params'])
      .where('grievance_id', '=', g.id)
      .where('recipient_kind', '=', 'position')
      .orderBy('id')
      .execute();
  };

  beforeAll(async () => {
    database = await open();
    d = await buildDeployment(deps());
    // 16 working hours: two office days.
    const category = await createCategory(database.db, {
      departmentId: d.department.id,
      code: 'PHE-NO-SUPPLY',
      name: { en: 'No drinking water supply' },
      resolutionValue: 16,
      resolutionUnit: 'working_hours',
      priority: 'high',
    });
    categoryId = category.id;
    await saveRule(database.db, {
      categoryId,
      placeId: d.district.id,
      steps: d.chain.map((p, i) => ({ level: i + 1, positionId: p.id })),
    });
  });
  afterAll(() => database?.close());

  it('sets the due time in working hours on the position calendar when it is assigned', async () => {
    clock.set(ist('2026-03-02T10:00'));
    const { reference } = await buildGrievance(deps(), d, { categoryId });
    expect((await getGrievance(database.db, reference)).dueAt).toEqual(ist('2026-03-03T18:00'));

    clock.set(ist('2026-03-06T16:00')); // Friday afternoon: 2 hours today, 8 Monday, 6 Tuesday
    const friday = await buildGrievance(deps(), d, { categoryId });
    expect((await getGrievance(database.db, friday.reference)).dueAt).toEqual(ist('2026-03-10T16:00'));

    // A district holiday on Monday pushes it a day, for positions in that district only.
    await addHoliday(database.db, {
      placeId: d.district.id,
      day: '2026-03-16',
      name: { en: 'Local holiday' },
    });
    clock.set(ist('2026-03-13T16:00'));
    const beforeHoliday = await buildGrievance(deps(), d, { categoryId });
    expect((await getGrievance(database.db, beforeHoliday.reference)).dueAt).toEqual(ist('2026-03-18T16:00'));
  });

  it('reminds at 50% and 90%, then escalates up the chain, then hands over to the command centre', async () => {
    clock.set(ist('2026-03-23T10:00'));
    const { reference } = await buildGrievance(deps(), d, { categoryId });

    // Half the time is gone at Monday's close; the reminder goes out when the office opens on Tuesday,
    // when someone is there to read it.
    clock.set(ist('2026-03-23T18:00'));
    await sweep(database.db, clock);
    expect((await notes(reference)).map((n) => n.template)).toEqual(['grievance_assigned']);
    clock.set(ist('2026-03-24T10:00'));
    await sweep(database.db, clock);
    expect((await notes(reference)).map((n) => n.template)).toEqual(['grievance_assigned', 'sla_reminder']);
    expect((await notes(reference))[1]).toMatchObject({
      positionId: d.chain[0]?.id,
      params: { reference, percent: 50 },
    });
    await sweep(database.db, clock); // again at the same instant: nothing new
    expect((await notes(reference)).filter((n) => n.template === 'sla_reminder')).toHaveLength(1);

    clock.set(ist('2026-03-24T16:24')); // 1.6 hours (10%) left
    await sweep(database.db, clock);
    expect((await notes(reference)).at(-1)).toMatchObject({
      template: 'sla_reminder',
      params: { percent: 90 },
    });

    clock.set(ist('2026-03-24T18:00')); // breached at L1
    await sweep(database.db, clock);
    let g = await getGrievance(database.db, reference);
    expect(g).toMatchObject({ status: 'assigned', level: 2, position: { id: d.chain[1]?.id } });
    expect(g.dueAt).toEqual(ist('2026-03-26T18:00')); // L2 gets its own 16 working hours from now
    expect((await notes(reference)).slice(-2)).toMatchObject([
      { template: 'sla_overdue', positionId: d.chain[0]?.id },
      { template: 'grievance_escalated', positionId: d.chain[1]?.id },
    ]);
    const escalated = (await grievanceHistory(database.db, reference, SYSTEM)).at(-1);
    expect(escalated).toMatchObject({
      kind: 'escalated',
      actorKind: 'system',
      data: { reason: 'sla_breach', fromLevel: 1, toLevel: 2 },
    });

    clock.set(ist('2026-03-26T18:00'));
    await sweep(database.db, clock);
    g = await getGrievance(database.db, reference);
    expect(g.level).toBe(3);
    clock.set(ist('2026-03-30T18:00'));
    await sweep(database.db, clock);
    expect((await getGrievance(database.db, reference)).level).toBe(4);
    clock.set(ist('2026-04-01T18:00'));
    await sweep(database.db, clock);
    g = await getGrievance(database.db, reference);
    expect(g.level).toBe(4);
    expect(g.commandCentreAt).toEqual(ist('2026-04-01T18:00'));
    const queue = await searchGrievances(database.db, { commandCentre: true, limit: 200, offset: 0 }, SYSTEM);
    expect(queue.items.map((x) => x.reference)).toContain(reference);

    clock.set(ist('2026-05-01T18:00'));
    await sweep(database.db, clock);
    expect((await events(reference)).filter((k) => k === 'escalated')).toHaveLength(4); // 3 levels + command centre, once each
  });

  it('uses a level-specific resolution time when the category has one', async () => {
    await database.db
      .insertInto('category_level_times')
      .values({ category_id: categoryId, level: 2, resolution_value: 4, resolution_unit: 'working_hours' })
      .execute();
    clock.set(ist('2026-04-06T10:00'));
    const { reference } = await buildGrievance(deps(), d, { categoryId });
    clock.set(ist('2026-04-07T18:00'));
    await sweep(database.db, clock);
    const g = await getGrievance(database.db, reference);
    expect(g.level).toBe(2);
    expect(g.dueAt).toEqual(ist('2026-04-08T14:00'));
    await database.db.deleteFrom('category_level_times').execute();
  });

  it("takes calendars and resolution times from the process's reference cache, until it is cleared", async () => {
    // A cache that hears nothing, so what it holds shows (the app's is cleared by NOTIFY on a change).
    const reference = referenceCache();
    const escalateOne = async (monday: string) => {
      clock.set(ist(`${monday}T10:00`));
      const { reference: ref } = await buildGrievance(deps(), d, { categoryId });
      clock.advance(32 * 3_600_000); // Tuesday 18:00: L1's 16 working hours are gone
      await sweep(database.db, clock, { reference });
      const g = await getGrievance(database.db, ref);
      expect(g.level).toBe(2);
      return g.dueAt;
    };
    // L2's 16 working hours, read once and kept.
    expect(await escalateOne('2026-05-04')).toEqual(ist('2026-05-07T18:00'));
    expect(
      (await reference.slaContext(database.db, d.chain[1]?.id as number, categoryId, 2)).resolution,
    ).toEqual({ value: 16, unit: 'working_hours' });

    // L2 is given 4 hours. Until the cache is cleared the sweep keeps to what it holds...
    await database.db
      .insertInto('category_level_times')
      .values({ category_id: categoryId, level: 2, resolution_value: 4, resolution_unit: 'working_hours' })
      .execute();
    expect(await escalateOne('2026-05-11')).toEqual(ist('2026-05-14T18:00'));
    // ...and once it is (as every node's is when the change is announced), it reads the new time.
    reference.clear();
    expect(await escalateOne('2026-05-18')).toEqual(ist('2026-05-20T14:00'));
    await database.db.deleteFrom('category_level_times').execute();
  });

  it('stops the clock while waiting for the citizen and gives the time back', async () => {
    clock.set(ist('2026-04-13T10:00'));
    const { reference } = await buildGrievance(deps(), d, { categoryId });
    clock.set(ist('2026-04-13T12:00')); // 2 of 16 hours used
    await transition(
      database.db,
      clock,
      reference,
      { type: 'request_info', note: 'Which ward?' },
      { kind: 'officer', id: 1 },
    );
    clock.set(ist('2026-04-14T19:00')); // past the original due time, but paused
    await sweep(database.db, clock);
    expect((await getGrievance(database.db, reference)).level).toBe(1);
    const overdue = await searchGrievances(
      database.db,
      { overdueAt: clock.now(), limit: 200, offset: 0 },
      SYSTEM,
    );
    expect(overdue.items.map((g) => g.reference)).not.toContain(reference);
    clock.set(ist('2026-04-15T12:00'));
    await transition(
      database.db,
      clock,
      reference,
      { type: 'provide_info', note: 'Ward 4' },
      { kind: 'citizen', id: null },
    );
    // 14 hours were left: Wednesday 12-18 and Thursday 10-18.
    expect((await getGrievance(database.db, reference)).dueAt).toEqual(ist('2026-04-16T18:00'));
  });

  it('stops the clock on resolution and restarts it on reopen', async () => {
    clock.set(ist('2026-04-20T10:00'));
    const { reference } = await buildGrievance(deps(), d, { categoryId });
    await transition(
      database.db,
      clock,
      reference,
      { type: 'resolve', note: 'Valve repaired' },
      { kind: 'officer', id: 1 },
    );
    clock.set(ist('2026-04-30T10:00'));
    await sweep(database.db, clock);
    expect((await getGrievance(database.db, reference)).level).toBe(1);
    await transition(
      database.db,
      clock,
      reference,
      { type: 'reopen', note: 'No water again' },
      { kind: 'citizen', id: null },
    );
    expect((await getGrievance(database.db, reference)).dueAt).toEqual(ist('2026-05-01T18:00'));
  });

  it('lets a supervisor escalate and de-escalate by hand with a reason', async () => {
    clock.set(ist('2026-05-04T10:00'));
    const { reference } = await buildGrievance(deps(), d, { categoryId });
    await transition(
      database.db,
      clock,
      reference,
      { type: 'escalate', note: 'MLA has raised it in the assembly' },
      supervisor,
    );
    let g = await getGrievance(database.db, reference);
    expect(g).toMatchObject({ level: 2, position: { id: d.chain[1]?.id } });
    await transition(
      database.db,
      clock,
      reference,
      { type: 'deescalate', note: 'Block office can handle it' },
      supervisor,
    );
    g = await getGrievance(database.db, reference);
    expect(g).toMatchObject({ level: 1, position: { id: d.chain[0]?.id } });
    await expect(
      transition(database.db, clock, reference, { type: 'deescalate', note: 'lower?' }, supervisor),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(
      (await grievanceHistory(database.db, reference, SYSTEM)).slice(-2).map((e) => [e.kind, e.note]),
    ).toEqual([
      ['escalated', 'MLA has raised it in the assembly'],
      ['deescalated', 'Block office can handle it'],
    ]);
  });

  it('keeps a grievance no rule covers in the unrouted queue, never lost', async () => {
    const { reference } = await buildGrievance(deps(), d, { categoryId, placeId: d.otherDistrict.id });
    const queue = await searchGrievances(database.db, { unrouted: true, limit: 200, offset: 0 }, SYSTEM);
    expect(queue.items.map((g) => g.reference)).toContain(reference);
    clock.advance(30 * 86_400_000);
    await sweep(database.db, clock);
    expect((await getGrievance(database.db, reference)).status).toBe('registered');
  });

  it('acts once per grievance when many sweeps run at the same moment', async () => {
    clock.set(ist('2026-06-01T10:00'));
    const refs = [];
    for (let i = 0; i < 60; i++) refs.push((await buildGrievance(deps(), d, { categoryId })).reference);
    clock.set(ist('2026-06-02T18:00'));
    const results = await Promise.all(
      Array.from({ length: 4 }, () => sweep(database.db, clock, { batch: 7 })),
    );
    expect(results.reduce((n, r) => n + r.escalated, 0)).toBeGreaterThanOrEqual(60);
    for (const reference of refs.slice(0, 10)) {
      expect((await events(reference)).filter((k) => k === 'escalated')).toHaveLength(1);
    }
  });
});

describe.skipIf(!process.env.DATABASE_URL)('two app processes sweeping one PostgreSQL', () => {
  let database: Database;
  let schema: string;
  beforeAll(async () => {
    database = await openTestPostgres(process.env.DATABASE_URL as string);
    schema = ((await database.executeSql('select current_schema() as s')).rows[0] as { s: string }).s;
  });
  afterAll(() => database?.close());

  /** Runs the sweep in a separate Node process, as a second app node would. */
  const sweepInProcess = (at: Date, batch: number) =>
    new Promise<SweepResult>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'test/sweep-process.ts',
          process.env.DATABASE_URL as string,
          schema,
          at.toISOString(),
          String(batch),
        ],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
      });
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`sweep process exited with ${code}`)),
      );
    });

  it('never escalates or reminds the same grievance twice', async () => {
    const clock = manualClock(ist('2026-06-01T10:00'));
    const d = await buildDeployment({ db: database.db, clock });
    const category = await createCategory(database.db, {
      departmentId: d.department.id,
      code: 'RACE',
      name: { en: 'Race' },
      resolutionValue: 16,
      resolutionUnit: 'working_hours',
    });
    await saveRule(database.db, {
      categoryId: category.id,
      placeId: d.district.id,
      steps: d.chain.map((p, i) => ({ level: i + 1, positionId: p.id })),
    });
    const count = 400;
    await Promise.all(
      Array.from({ length: count }, () =>
        buildGrievance({ db: database.db, clock }, d, { categoryId: category.id }),
      ),
    );

    let acted = 0;
    for (const at of ['2026-06-02T10:00', '2026-06-02T16:24', '2026-06-02T18:00', '2026-06-04T18:00']) {
      const results = await Promise.all([
        sweepInProcess(ist(at), 25),
        sweepInProcess(ist(at), 40),
        sweep(database.db, manualClock(ist(at)), { batch: 30 }),
      ]);
      acted += results.reduce((n, r) => n + r.escalated + r.reminded, 0);
    }
    const perGrievance = await database.db
      .selectFrom('grievance_events')
      .select(['grievance_id', 'kind', (eb) => eb.fn.countAll<number>().as('n')])
      .where('kind', 'in', ['escalated', 'reminded'])
      .groupBy(['grievance_id', 'kind'])
      .execute();
    const escalations = perGrievance.filter((r) => r.kind === 'escalated');
    const reminders = perGrievance.filter((r) => r.kind === 'reminded');
    expect(escalations).toHaveLength(count);
    expect(escalations.every((r) => Number(r.n) === 2)).toBe(true); // L1 > L2 on 06-02, L2 > L3 on 06-04
    expect(reminders).toHaveLength(count);
    expect(reminders.every((r) => Number(r.n) === 2)).toBe(true); // 50% and 90% at L1; L2 was swept only once due
    expect(acted).toBe(4 * count); // what the processes say they did adds up exactly
    const overdue = await database.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('template', '=', 'sla_overdue')
      .executeTakeFirstOrThrow();
    expect(Number(overdue.n)).toBe(2 * count);
  });
});
