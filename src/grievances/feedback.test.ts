// The citizen's verdict on a resolution: satisfied (closes) or not (reopens with their words), each with
// a 1-5 rating kept on the event, and read back by insight through the citizen_feedback view, which
// never names the citizen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApp } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import type { Database } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { transition } from './transition.ts';

const officer = { kind: 'officer' as const, id: null };

describe.each(databases)('feedback with a rating on $name', ({ open }) => {
  let database: Database;
  let app: TestApp;
  let deps: Deps;
  let d: Deployment;

  beforeAll(async () => {
    database = await open();
    const api = await startApi(database);
    app = api.app;
    deps = api.deps;
    d = await buildDeployment(deps);
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  async function resolved() {
    const g = await buildGrievance(deps, d, { citizen: { phone: '+919812300401' } });
    await transition(deps.db, deps.clock, g.reference, { type: 'resolve', note: 'Pump repaired' }, officer);
    return g.reference;
  }
  const act = (reference: string, payload: object) =>
    app.inject({ method: 'POST', url: `/api/grievances/${reference}/actions`, payload });
  const feedbackOf = (reference: string) =>
    deps.db
      .selectFrom('citizen_feedback as f')
      .innerJoin('grievances as g', 'g.id', 'f.grievance_id')
      .selectAll('f')
      .where('g.reference', '=', reference)
      .orderBy('f.event_id')
      .execute();

  it('keeps the rating and the reason of a satisfied citizen with the closing event', async () => {
    const reference = await resolved();
    const res = await act(reference, {
      type: 'close',
      reason: 'citizen_satisfied',
      rating: 4,
      note: 'Water comes again',
    });
    expect(res.statusCode).toBe(200);
    const [row, ...more] = await feedbackOf(reference);
    expect(more).toEqual([]);
    expect(row).toMatchObject({ satisfied: true, rating: 4, reason: 'Water comes again' });
    expect(row?.department_id).toBe(d.department.id);
    expect(Object.keys(row ?? {})).not.toContain('citizen_id');
  });

  it('reopens with the words and the rating of a citizen who is not satisfied', async () => {
    const reference = await resolved();
    const res = await act(reference, { type: 'reopen', rating: 1, note: 'Still no water' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('assigned');
    expect(await feedbackOf(reference)).toMatchObject([
      { satisfied: false, rating: 1, reason: 'Still no water' },
    ]);
    const event = await deps.db
      .selectFrom('grievance_events as e')
      .innerJoin('grievances as g', 'g.id', 'e.grievance_id')
      .select(['e.data', 'e.note'])
      .where('g.reference', '=', reference)
      .where('e.kind', '=', 'reopened')
      .executeTakeFirstOrThrow();
    expect(event).toEqual({ data: { rating: 1 }, note: 'Still no water' });
  });

  it('refuses a rating out of range, on another action, or without a verdict, and changes nothing', async () => {
    const reference = await resolved();
    const problems = async (payload: object) => {
      const res = await act(reference, payload);
      expect(res.statusCode).toBe(400);
      return res.json().details.map((x: { field: string; code: string }) => [x.field, x.code]);
    };
    expect(await problems({ type: 'close', reason: 'citizen_satisfied', rating: 6 })).toEqual([
      ['rating', 'out_of_range'],
    ]);
    expect(await problems({ type: 'close', reason: 'citizen_satisfied', rating: 2.5 })).toEqual([
      ['rating', 'wrong_type'],
    ]);
    expect(await problems({ type: 'close', reason: 'no_response', rating: 3 })).toEqual([
      ['rating', 'rating_not_allowed'],
    ]);
    expect(await problems({ type: 'note', note: 'called the citizen', rating: 3 })).toEqual([
      ['rating', 'rating_not_allowed'],
    ]);
    // "Not satisfied" needs the citizen's words.
    expect(await problems({ type: 'reopen', rating: 2 })).toEqual([['note', 'required']]);
    expect(await feedbackOf(reference)).toEqual([]);
  });

  it('has nothing to rate on a rejected grievance reopened', async () => {
    const g = await buildGrievance(deps, d);
    await transition(deps.db, deps.clock, g.reference, { type: 'reject', note: 'Not ours' }, officer);
    const res = await act(g.reference, { type: 'reopen', rating: 3, note: 'It is yours' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0]).toMatchObject({ field: 'rating', code: 'rating_not_allowed' });
  });
});
