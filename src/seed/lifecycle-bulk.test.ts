// The demo's bulk histories write what the lifecycle writes: the same script is played on two twin
// grievances, one through `transition` action by action and one through `playInBulk`, and their rows
// (the grievance, its events, its notifications) must be the same but for ids and references.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { referenceCache } from '../cache/reference.ts';
import { manualClock } from '../clock.ts';
import type { Database } from '../db/index.ts';
import { createCategory } from '../directory/index.ts';
import { AppError } from '../errors.ts';
import { transition } from '../grievances/index.ts';
import { saveRule } from '../routing/index.ts';
import { type DemoStep, playInBulk } from './lifecycle-bulk.ts';

const HOUR = 3_600_000;
const officer = { kind: 'officer' as const, id: null };
const citizen = { kind: 'citizen' as const, id: null };
const system = { kind: 'system' as const, id: null };

/** Steps `hours` apart from `start`, in order. */
function script(start: Date, ...steps: [DemoStep['action'], DemoStep['actor'], number][]): DemoStep[] {
  let at = start.getTime();
  return steps.map(([action, actor, hours]) => {
    at += hours * HOUR;
    return { action, actor, at: new Date(at) };
  });
}

const SCRIPTS: Record<string, (start: Date) => DemoStep[]> = {
  'asked, answered, resolved, closed satisfied': (s) =>
    script(
      s,
      [{ type: 'start', note: 'Field staff informed' }, officer, 3],
      [{ type: 'request_info', note: 'Which landmark?' }, officer, 20],
      [{ type: 'provide_info', note: 'Near the panchayat bhawan.' }, citizen, 50],
      [{ type: 'resolve', note: 'Fixed.' }, officer, 30],
      [{ type: 'close', reason: 'citizen_satisfied' }, citizen, 40],
    ),
  'resolved and reopened': (s) =>
    script(
      s,
      [{ type: 'start', note: 'Field staff informed' }, officer, 5],
      [{ type: 'resolve', note: 'Fixed.' }, officer, 100],
      [{ type: 'reopen', note: 'Problem has come back.' }, citizen, 30],
    ),
  rejected: (s) => script(s, [{ type: 'reject', note: 'Duplicate' }, officer, 20]),
  'still waiting for the citizen': (s) =>
    script(
      s,
      [{ type: 'start', note: 'Field staff informed' }, officer, 2],
      [{ type: 'request_info', note: 'Which landmark?' }, officer, 7],
    ),
  'closed for no answer': (s) =>
    script(
      s,
      [{ type: 'start', note: 'Field staff informed' }, officer, 2],
      [{ type: 'resolve', note: 'Fixed.' }, officer, 70],
      [{ type: 'close', reason: 'no_response' }, system, 168],
    ),
};

describe.each(databases)('the demo histories in bulk on $name', ({ open }) => {
  let database: Database;
  let d: Deployment;
  let workingHours: number;
  const start = new Date('2026-06-03T05:10:00Z'); // a Wednesday, in office hours in India

  beforeAll(async () => {
    database = await open();
    d = await buildDeployment({ db: database.db, clock: manualClock(start) });
    // A category on the office calendar too: pausing and resuming count working hours there.
    const category = await createCategory(database.db, {
      departmentId: d.department.id,
      code: 'PHE-PIPE-BULK',
      name: { en: 'Pipeline leak' },
      resolutionValue: 16,
      resolutionUnit: 'working_hours',
    });
    await saveRule(database.db, {
      categoryId: category.id,
      placeId: d.district.id,
      steps: d.chain.map((p, i) => ({ level: i + 1, positionId: p.id })),
    });
    workingHours = category.id;
  });
  afterAll(() => database?.close());

  /** Everything a grievance's history wrote, without ids and references. */
  async function written(id: number, reference: string) {
    const db = database.db;
    const g = await db.selectFrom('grievances').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const { id: _, reference: __, search_text: ___, ...state } = g as typeof g & { search_text?: unknown };
    const events = await db
      .selectFrom('grievance_events')
      .select([
        'id',
        'at',
        'kind',
        'from_status',
        'to_status',
        'actor_kind',
        'actor_id',
        'position_id',
        'note',
      ])
      .select(['data', 'public'])
      .where('grievance_id', '=', id)
      .orderBy('id')
      .execute();
    const notices = await db
      .selectFrom('notifications')
      .select(['recipient_kind', 'citizen_id', 'position_id', 'channel', 'template', 'language', 'params'])
      .select(['next_attempt_at', 'created_at', 'status'])
      .where('grievance_id', '=', id)
      .orderBy('id')
      .execute();
    // A resolution's notice names its event by id: compared as which of the grievance's events it is.
    const eventIds = events.map((e) => e.id);
    const noRef = (params: unknown) => {
      const { resolution, ...rest } = params as { reference: string; resolution?: number };
      return {
        ...rest,
        reference: rest.reference === reference,
        ...(resolution === undefined ? {} : { resolution: eventIds.indexOf(Number(resolution)) }),
      };
    };
    return {
      state,
      events: events.map(({ id: _, ...e }) => e),
      notices: notices.map((n) => ({ ...n, params: noRef(n.params) })),
    };
  }

  for (const [name, steps] of Object.entries(SCRIPTS)) {
    for (const [where, unit] of [
      ['a calendar-day category', 'days'],
      ['a working-hour category', 'hours'],
      ['an unrouted place', 'unrouted'],
    ] as const) {
      it(`${name}, in ${where}: the same rows as action by action`, async () => {
        const overrides = {
          ...(unit === 'hours' ? { categoryId: workingHours } : {}),
          ...(unit === 'unrouted' ? { placeId: d.otherDistrict.id } : {}),
          language: 'hi',
        };
        const deps = { db: database.db, clock: manualClock(start) };
        const one = await buildGrievance(deps, d, overrides);
        const other = await buildGrievance(deps, d, overrides);
        const plan = steps(start);

        const clock = manualClock(start);
        for (const step of plan) {
          clock.set(step.at);
          try {
            await transition(database.db, clock, one.reference, step.action, step.actor);
          } catch (error) {
            // Not allowed in its state (an unrouted grievance cannot be started): skipped, as in bulk.
            if (!(error instanceof AppError && error.code === 'illegal_transition')) throw error;
          }
        }
        const finals = await playInBulk(database.db, referenceCache(), [{ id: other.id, steps: plan }]);

        const a = await written(one.id, one.reference);
        const b = await written(other.id, other.reference);
        expect(b).toEqual(a);
        expect(finals.get(other.id)).toBe(a.state.status);
        expect(a.events.length).toBeGreaterThanOrEqual(unit === 'unrouted' ? 1 : plan.length + 2);
      });
    }
  }
});
