// Registration in one statement: what it writes, who may link a contact, anonymity of a name given with
// an anonymous report, and routing that follows a rule changed a moment before, through a warm cache.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { apiCaller, PUBLIC_CALLER, staffCaller } from '../../test/principals.ts';
import { SYSTEM } from '../access/principal.ts';
import { referenceCache } from '../cache/index.ts';
import type { Database } from '../db/index.ts';
import { createCategory, createPosition } from '../directory/index.ts';
import { createPlace } from '../places/index.ts';
import { saveRule } from '../routing/index.ts';
import { getGrievance, grievanceHistory, readGrievance } from './index.ts';

describe.each(databases)('registration on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  let d: Deployment;

  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
    d = await buildDeployment(api.deps);
  });
  afterAll(async () => {
    await api?.raw.close();
    await database?.close();
  });

  const body = (extra: object = {}) => ({
    categoryId: d.category.id,
    placeId: d.village.id,
    subject: 'Hand pump broken',
    description: 'No water since Monday.',
    language: 'hi',
    channel: 'phone',
    ...extra,
  });

  it('answers with the grievance as stored, without reading it back', async () => {
    const res = await api.app.inject({
      method: 'POST',
      url: '/api/grievances',
      payload: body({ citizen: { phone: '+919811100001', name: 'Ramesh' }, latitude: 23.1, longitude: 77.4 }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const stored = await getGrievance(database.db, res.json().reference);
    // A read also says what its reader may do now (`actions`); registration's answer does not.
    const { actions: _actions, ...asStored } = stored;
    expect(res.json()).toEqual(JSON.parse(JSON.stringify(asStored)));
    expect(stored).toMatchObject({ status: 'assigned', level: 1, citizen: { name: 'Ramesh' } });
  });

  it('keeps a name given with an anonymous report off the citizen record and their named grievances', async () => {
    const phone = '+919811100002';
    const anonymous = await buildGrievance(api.deps, d, {
      citizen: { phone, name: 'Kamla Bai' },
      anonymous: true,
    });
    const named = await buildGrievance(api.deps, d, { citizen: { phone } });
    const citizen = await database.db
      .selectFrom('citizens')
      .select('name')
      .where('phone', '=', phone)
      .executeTakeFirstOrThrow();
    expect(citizen.name).toBeNull();
    expect((await getGrievance(database.db, named.reference)).citizen).toEqual({ phone, name: null });
    expect((await readGrievance(database.db, anonymous.reference, SYSTEM)).citizen).toBeNull();
  });

  it('links a contact only for the desk that took it or the integration that logged it', async () => {
    const integration = await apiCaller(database, api.clock, 'ivr integration', [{ role: 'intake' }]);
    const other = await apiCaller(database, api.clock, 'other integration', [{ role: 'intake' }]);
    const logged = await api.raw.inject({
      method: 'POST',
      url: '/api/interactions',
      headers: integration.headers,
      payload: { channel: 'phone', phone: '+919811100003', externalId: 'call-link-1' },
    });
    expect(logged.statusCode, logged.body).toBe(201);
    const interactionId = logged.json().id;
    for (const caller of [PUBLIC_CALLER, other]) {
      const res = await api.raw.inject({
        method: 'POST',
        url: '/api/grievances',
        headers: caller.headers,
        payload: body({ interactionId }),
      });
      expect(res.statusCode, `${caller.name}: ${res.body}`).toBe(403);
      expect(res.json().details[0]).toMatchObject({ field: 'interactionId', code: 'interaction_not_yours' });
    }
    const agent = await staffCaller(api.raw, database, api.clock, 'agent', [{ role: 'agent' }]);
    for (const caller of [integration, agent]) {
      const res = await api.raw.inject({
        method: 'POST',
        url: '/api/grievances',
        headers: caller.headers,
        payload: body({ interactionId, citizen: { phone: '+919811100003' } }),
      });
      expect(res.statusCode, `${caller.name}: ${res.body}`).toBe(201);
    }
    const links = await database.db
      .selectFrom('interaction_grievances')
      .select('grievance_id')
      .where('interaction_id', '=', interactionId)
      .execute();
    expect(links).toHaveLength(2);
  });

  it('writes registrations arriving together in one statement, and one bad row fails alone', async () => {
    const good = Array.from({ length: 30 }, (_, i) =>
      buildGrievance(api.deps, d, { citizen: { phone: `+91982220${String(i).padStart(4, '0')}` } }),
    );
    // Out of the database's range: refused by its check constraint inside the shared statement.
    const bad = buildGrievance(api.deps, d, { latitude: 1000, longitude: 10 });
    const results = await Promise.allSettled([...good, bad]);
    expect(results.slice(0, 30).every((r) => r.status === 'fulfilled')).toBe(true);
    expect(results[30]?.status).toBe('rejected');
    const refs = results
      .slice(0, 30)
      .map((r) => (r as PromiseFulfilledResult<{ reference: string }>).value.reference);
    for (const reference of refs.slice(0, 3)) {
      const events = await grievanceHistory(database.db, reference, SYSTEM);
      expect(events.map((e) => e.kind)).toEqual(['registered', 'assigned']);
    }
    expect(new Set(refs).size).toBe(30);
  });

  it('names a grievance at a place its node had looked for before the place existed', async () => {
    // A node that was asked about the next place ids before they were made, and has not yet heard
    // (NOTIFY) that one now exists, holds "no such place" for it.
    const { rows } = await sql<{ last: number }>`select max(id)::int as last from places`.execute(
      database.db,
    );
    const next = Array.from({ length: 20 }, (_, i) => (rows[0]?.last ?? 0) + 1 + i);
    const stale = referenceCache();
    expect(
      (await stale.facts(database.db, { categories: [], departments: [], places: next, positions: [] }))
        .places.size,
    ).toBe(0);
    const hamlet = await createPlace(database.db, {
      parentId: d.block.id,
      code: 'VILLAGE-NEW',
      name: { en: 'Naya Tola' },
    });
    expect(next).toContain(hamlet.id);
    const g = await buildGrievance(api.deps, d, { placeId: hamlet.id });
    expect((await readGrievance(database.db, g.reference, SYSTEM, stale)).place).toMatchObject({
      id: hamlet.id,
      name: { en: 'Naya Tola' },
    });
  });

  it('follows a routing rule saved after the cache was warmed (the version check), on every node', async () => {
    const category = await createCategory(database.db, {
      departmentId: d.department.id,
      code: 'PHE-CACHE-ROUTE',
      name: { en: 'Pipeline leak' },
      resolutionValue: 2,
      resolutionUnit: 'calendar_days',
    });
    // A node's cache that hears nothing: only the version check can tell it the rules changed.
    const deps = { ...api.deps, reference: referenceCache() };
    const before = await buildGrievance(deps, d, { categoryId: category.id });
    expect((await getGrievance(database.db, before.reference)).status).toBe('registered');
    const l1 = await createPosition(database.db, {
      departmentId: d.department.id,
      placeId: d.block.id,
      level: 1,
      title: { en: 'Pipeline engineer' },
    });
    await saveRule(database.db, {
      categoryId: category.id,
      placeId: d.block.id,
      steps: [{ level: 1, positionId: l1.id }],
    });
    const after = await buildGrievance(deps, d, { categoryId: category.id });
    expect(await getGrievance(database.db, after.reference)).toMatchObject({
      status: 'assigned',
      position: { id: l1.id },
    });
    const events = await grievanceHistory(database.db, after.reference, SYSTEM);
    expect(events.map((e) => e.kind)).toEqual(['registered', 'assigned']);
  });
});
