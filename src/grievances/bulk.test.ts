// Bulk actions: each grievance is checked and done on its own, and reported on its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { apiCaller, type Caller } from '../../test/principals.ts';
import type { Database } from '../db/index.ts';
import { createCategory } from '../directory/index.ts';
import { getGrievance, grievanceHistory } from './index.ts';

describe.each(databases)('bulk actions on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  let d: Deployment;
  let nodal: Caller;

  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
    d = await buildDeployment(api.deps);
    nodal = await apiCaller(database, api.clock, 'nodal', [
      { role: 'nodal_officer', departmentId: d.department.id, placeId: d.district.id },
    ]);
  });
  afterAll(async () => {
    await api?.app.close();
    await database?.close();
  });

  const bulk = (payload: object, headers = nodal.headers) =>
    api.raw.inject({ method: 'POST', url: '/api/grievances/bulk-actions', headers, payload });

  it('assigns a batch of unrouted grievances, reporting the ones it may not touch', async () => {
    // A new category with no routing rule yet: its grievances wait for someone to assign them.
    const borewell = await createCategory(database.db, {
      departmentId: d.department.id,
      code: 'PHE-BOREWELL-BULK',
      name: { en: 'Borewell dry' },
      resolutionValue: 5,
      resolutionUnit: 'calendar_days',
    });
    const waiting = await Promise.all(
      [1, 2, 3].map(() => buildGrievance(api.deps, d, { categoryId: borewell.id })),
    );
    const elsewhere = await buildGrievance(api.deps, d, {
      categoryId: borewell.id,
      placeId: d.otherDistrict.id,
    });
    const routed = await buildGrievance(api.deps, d);

    const res = await bulk({
      references: [...waiting.map((g) => g.reference), elsewhere.reference, routed.reference],
      type: 'assign',
      positionId: d.chain[0]?.id,
      note: 'Borewells are with the block engineer until the rule is set',
    });
    expect(res.statusCode, res.body).toBe(200);
    const results = res.json().results;
    expect(results.slice(0, 3)).toEqual(
      waiting.map((g) => ({ reference: g.reference, ok: true, status: 'assigned' })),
    );
    // Out of the nodal officer's district: as if it did not exist. Already routed: not assignable.
    expect(results[3]).toMatchObject({ reference: elsewhere.reference, ok: false, code: 'not_found' });
    expect(results[4]).toMatchObject({ reference: routed.reference, ok: false, code: 'illegal_transition' });

    for (const g of waiting) {
      expect(await getGrievance(database.db, g.reference)).toMatchObject({
        status: 'assigned',
        position: { id: d.chain[0]?.id },
      });
      const events = await grievanceHistory(database.db, g.reference, { kind: 'system' });
      expect(events.at(-1)).toMatchObject({
        kind: 'assigned',
        note: 'Borewells are with the block engineer until the rule is set',
      });
    }
    expect((await getGrievance(database.db, elsewhere.reference)).status).toBe('registered');

    // Each grievance changed has its audit entry, written with the change; the refused ones changed nothing.
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['entity_id', 'reason'])
      .where('action', '=', 'grievance.assign')
      .where(
        'entity_id',
        'in',
        [...waiting, elsewhere, routed].map((g) => g.reference),
      )
      .execute();
    expect(audit.map((a) => a.entity_id).sort()).toEqual(waiting.map((g) => g.reference).sort());
  });

  it('escalates several at once, each up its own chain', async () => {
    const cases = await Promise.all([1, 2].map(() => buildGrievance(api.deps, d)));
    const res = await bulk({
      references: cases.map((g) => g.reference),
      type: 'escalate',
      note: 'Repeated complaints from the same village',
    });
    expect(res.json().results.every((r: { ok: boolean }) => r.ok)).toBe(true);
    for (const g of cases) expect((await getGrievance(database.db, g.reference)).level).toBe(2);
  });

  it('does not resolve or reject in bulk, and refuses bad batches whole', async () => {
    const g = await buildGrievance(api.deps, d);
    for (const payload of [
      { references: [g.reference], type: 'resolve', note: 'Fixed' },
      { references: [g.reference], type: 'reject', note: 'Duplicate' },
      { references: [], type: 'note', note: 'x' },
      { references: [g.reference, g.reference], type: 'note', note: 'x' },
      { references: Array.from({ length: 101 }, (_, i) => `REF${i}`), type: 'note', note: 'x' },
      { references: [g.reference], type: 'transfer', note: 'to the other engineer' }, // no positionId
    ]) {
      const res = await bulk(payload);
      expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(res.json().code).toBe('validation_failed');
    }
    expect((await getGrievance(database.db, g.reference)).status).toBe('assigned');
    const events = await grievanceHistory(database.db, g.reference, { kind: 'system' });
    expect(events.map((e) => e.kind)).toEqual(['registered', 'assigned']);
  });
});
