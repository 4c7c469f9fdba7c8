import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { SYSTEM } from '../access/principal.ts';
import { manualClock } from '../clock.ts';
import type { Database } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { listNotifications } from '../notify/index.ts';
import { type Action, type ActionType, TRANSITIONS } from './lifecycle.ts';
import { getGrievance, grievanceHistory } from './queries.ts';
import { closeUnconfirmed, transition } from './transition.ts';

const officer = { kind: 'officer' as const, id: 1 };
const citizen = { kind: 'citizen' as const, id: null };
const DAY = 86_400_000;

describe.each(databases)('grievance lifecycle on $name', ({ open }) => {
  let database: Database;
  let deps: Deps;
  let d: Deployment;
  const clock = manualClock('2026-03-02T04:30:00Z');

  beforeAll(async () => {
    database = await open();
    deps = { db: database.db, clock };
    d = await buildDeployment(deps);
  });
  afterAll(() => database.close());

  it('registers, routes to L1 by the most specific rule, and writes events and an acknowledgement', async () => {
    const { reference } = await buildGrievance(deps, d);
    const g = await getGrievance(deps.db, reference);
    expect(g.status).toBe('assigned');
    expect(g.position?.id).toBe(d.chain[0]?.id);
    expect(g.level).toBe(1);
    expect(g.department.id).toBe(d.department.id);
    // 3 calendar days from registration.
    expect(g.dueAt?.toISOString()).toBe(new Date(clock.now().getTime() + 3 * DAY).toISOString());
    const events = await grievanceHistory(deps.db, reference, SYSTEM);
    expect(events.map((e) => e.kind)).toEqual(['registered', 'assigned']);
    expect(events[1]).toMatchObject({
      fromStatus: 'registered',
      toStatus: 'assigned',
      actorKind: 'system',
      positionId: d.chain[0]?.id,
    });
    const id = (
      await deps.db
        .selectFrom('grievances')
        .select('id')
        .where('reference', '=', reference)
        .executeTakeFirstOrThrow()
    ).id;
    const notes = await listNotifications(deps.db, id);
    expect(notes.map((n) => [n.recipientKind, n.template])).toEqual([
      ['citizen', 'grievance_registered'],
      ['position', 'grievance_assigned'],
    ]);
    expect(notes[0]?.params).toEqual({ reference });
  });

  it('walks the whole happy path: start, request info (clock paused), info given, resolve, close', async () => {
    const { reference } = await buildGrievance(deps, d);
    const dueAtFirst = (await getGrievance(deps.db, reference)).dueAt as Date;

    await transition(deps.db, clock, reference, { type: 'start' }, officer);
    clock.advance(2 * 3_600_000);
    await transition(
      deps.db,
      clock,
      reference,
      { type: 'request_info', note: 'Which hand pump: near the school or the temple?' },
      officer,
    );
    let g = await getGrievance(deps.db, reference);
    expect(g.status).toBe('awaiting_info');
    expect(g.slaPausedAt).not.toBeNull();

    clock.advance(DAY); // the citizen answers a day later; that day is given back
    await transition(deps.db, clock, reference, { type: 'provide_info', note: 'Near the school' }, citizen);
    g = await getGrievance(deps.db, reference);
    expect(g.status).toBe('in_progress');
    expect(g.slaPausedAt).toBeNull();
    expect(g.dueAt?.getTime()).toBe(dueAtFirst.getTime() + DAY);

    await transition(
      deps.db,
      clock,
      reference,
      { type: 'resolve', note: 'Replaced the cylinder and rod' },
      officer,
    );
    g = await getGrievance(deps.db, reference);
    expect(g.status).toBe('resolved');
    expect(g.resolvedAt?.getTime()).toBe(clock.now().getTime());

    await transition(deps.db, clock, reference, { type: 'close', reason: 'citizen_satisfied' }, citizen);
    g = await getGrievance(deps.db, reference);
    expect(g.status).toBe('closed');

    const events = await grievanceHistory(deps.db, reference, SYSTEM);
    expect(events.map((e) => e.kind)).toEqual([
      'registered',
      'assigned',
      'started',
      'info_requested',
      'info_provided',
      'resolved',
      'closed',
    ]);
    expect(events.find((e) => e.kind === 'info_provided')?.data).toEqual({ pausedMs: DAY });
  });

  it('reopens a resolved grievance to the same position with a fresh clock', async () => {
    const { reference } = await buildGrievance(deps, d);
    await transition(deps.db, clock, reference, { type: 'resolve', note: 'Repaired' }, officer);
    clock.advance(DAY);
    await transition(deps.db, clock, reference, { type: 'reopen', note: 'Still not working' }, citizen);
    const g = await getGrievance(deps.db, reference);
    expect(g.status).toBe('assigned');
    expect(g.position?.id).toBe(d.chain[0]?.id);
    expect(g.reopenCount).toBe(1);
    expect(g.resolvedAt).toBeNull();
    expect(g.dueAt?.getTime()).toBe(clock.now().getTime() + 3 * DAY);
  });

  it('transfers to another position, moving department and level with it', async () => {
    const { reference } = await buildGrievance(deps, d);
    await transition(
      deps.db,
      clock,
      reference,
      { type: 'transfer', positionId: d.otherL1.id, note: 'Electricity, not water' },
      officer,
    );
    const g = await getGrievance(deps.db, reference);
    expect(g).toMatchObject({
      status: 'assigned',
      position: { id: d.otherL1.id },
      department: { id: d.otherDepartment.id },
      level: 1,
    });
    const last = (await grievanceHistory(deps.db, reference, SYSTEM)).at(-1);
    expect(last).toMatchObject({
      kind: 'transferred',
      note: 'Electricity, not water',
      data: { fromPositionId: d.chain[0]?.id },
    });
  });

  it('rejects with a reason and can be reopened after', async () => {
    const { reference } = await buildGrievance(deps, d);
    await transition(
      deps.db,
      clock,
      reference,
      { type: 'reject', note: 'Private hand pump, not government property' },
      officer,
    );
    expect((await getGrievance(deps.db, reference)).status).toBe('rejected');
    await transition(
      deps.db,
      clock,
      reference,
      { type: 'reopen', note: 'It is a panchayat hand pump' },
      citizen,
    );
    expect((await getGrievance(deps.db, reference)).status).toBe('assigned');
  });

  it('keeps an unrouted grievance in registered, and a supervisor can assign it by hand', async () => {
    const { reference } = await buildGrievance(deps, d, { placeId: d.otherDistrict.id });
    let g = await getGrievance(deps.db, reference);
    expect(g.status).toBe('registered');
    expect(g.position).toBeNull();
    await transition(
      deps.db,
      clock,
      reference,
      { type: 'assign', positionId: d.chain[0]?.id as number },
      { kind: 'supervisor', id: 7 },
    );
    g = await getGrievance(deps.db, reference);
    expect(g.status).toBe('assigned');
  });

  it('refuses every illegal transition with illegal_transition and writes nothing', async () => {
    const setups: Record<string, Action[]> = {
      assigned: [],
      in_progress: [{ type: 'start' }],
      awaiting_info: [{ type: 'request_info', note: 'q' }],
      resolved: [{ type: 'resolve', note: 'done' }],
      closed: [
        { type: 'resolve', note: 'done' },
        { type: 'close', reason: 'citizen_satisfied' },
      ],
      rejected: [{ type: 'reject', note: 'no' }],
    };
    const sample: Record<ActionType, Action> = {
      assign: { type: 'assign', positionId: d.otherL1.id },
      start: { type: 'start' },
      request_info: { type: 'request_info', note: 'q' },
      provide_info: { type: 'provide_info', note: 'a' },
      transfer: { type: 'transfer', positionId: d.otherL1.id, note: 'r' },
      resolve: { type: 'resolve', note: 'done' },
      reject: { type: 'reject', note: 'no' },
      close: { type: 'close', reason: 'citizen_satisfied' },
      withdraw: { type: 'withdraw' },
      reopen: { type: 'reopen', note: 'again' },
      escalate: { type: 'escalate', note: 'slow' },
      deescalate: { type: 'deescalate', note: 'back' },
      note: { type: 'note', note: 'n' },
    };
    let refused = 0;
    for (const [status, steps] of Object.entries(setups)) {
      const { reference } = await buildGrievance(deps, d);
      for (const step of steps) await transition(deps.db, clock, reference, step, officer);
      for (const [type, action] of Object.entries(sample) as [ActionType, Action][]) {
        if (TRANSITIONS[type].from.includes(status as never)) continue;
        const before = await grievanceHistory(deps.db, reference, SYSTEM);
        await expect(transition(deps.db, clock, reference, action, officer)).rejects.toMatchObject({
          code: 'illegal_transition',
        });
        expect(await grievanceHistory(deps.db, reference, SYSTEM)).toHaveLength(before.length);
        expect((await getGrievance(deps.db, reference)).status).toBe(status);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(30);
  });

  it('keeps the event history append-only in the database itself', async () => {
    const { id } = await buildGrievance(deps, d);
    await expect(
      deps.db
        .updateTable('grievance_events')
        .set({ note: 'edited' })
        .where('grievance_id', '=', id)
        .execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      deps.db.deleteFrom('grievance_events').where('grievance_id', '=', id).execute(),
    ).rejects.toThrow(/append-only/);
  });

  it('closes resolved grievances the citizen did not answer after the waiting period', async () => {
    const late = await buildGrievance(deps, d);
    const recent = await buildGrievance(deps, d);
    await transition(deps.db, clock, late.reference, { type: 'resolve', note: 'done' }, officer);
    clock.advance(6 * DAY);
    await transition(deps.db, clock, recent.reference, { type: 'resolve', note: 'done' }, officer);
    clock.advance(2 * DAY);
    const closed = await closeUnconfirmed(deps.db, clock, 7);
    expect(closed).toBeGreaterThanOrEqual(1);
    expect((await getGrievance(deps.db, late.reference)).status).toBe('closed');
    expect((await getGrievance(deps.db, recent.reference)).status).toBe('resolved');
    const last = (await grievanceHistory(deps.db, late.reference, SYSTEM)).at(-1);
    expect(last).toMatchObject({ kind: 'closed', actorKind: 'system', data: { reason: 'no_response' } });
  });
});
