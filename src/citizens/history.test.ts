// A citizen's history and a contact go through the same read policy as grievances: a caller sees only
// what is in their department and place, and an anonymous grievance (or the contact that produced it)
// never appears under the citizen for anyone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { apiCaller, type Caller, staffCaller } from '../../test/principals.ts';
import type { Database } from '../db/index.ts';
import { logInteraction } from './index.ts';

describe.each(databases)('citizen history and contacts on $name', ({ open }) => {
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

  it('shows each caller only what they may read, and never an anonymous grievance', async () => {
    const phone = '+919833300001';
    const log = (externalId: string) =>
      logInteraction(database.db, api.clock, { channel: 'phone', phone, externalId });
    const namedCall = await log('call-named');
    const anonymousCall = await log('call-anonymous');
    const freeCall = await log('call-nothing');
    const named = await buildGrievance(api.deps, d, {
      citizen: { phone, name: 'Asha Kumari' },
      interactionId: namedCall.id,
    });
    const anonymous = await buildGrievance(api.deps, d, {
      citizen: { phone },
      anonymous: true,
      subject: 'Contractor took a bribe',
      interactionId: anonymousCall.id,
    });
    const { raw, clock } = api;
    const agent = (name: string, grant: object) =>
      staffCaller(raw, database, clock, name, [{ role: 'agent', ...grant }]);
    const elsewhere = await agent('elsewhere', {
      departmentId: d.department.id,
      placeId: d.otherDistrict.id,
    });
    const here = await agent('here', { departmentId: d.department.id, placeId: d.district.id });
    const everywhere = await agent('everywhere', {});
    const supervisor = await staffCaller(raw, database, clock, 'supervisor', [{ role: 'supervisor' }]);

    const history = async (caller: Caller) => {
      const res = await raw.inject({
        url: `/api/citizens/${encodeURIComponent(phone)}/history`,
        headers: caller.headers,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body).not.toContain(anonymous.reference);
      expect(res.body).not.toContain('Contractor');
      expect(res.json().citizen).not.toHaveProperty('id');
      return res.json();
    };
    const contact = async (caller: Caller, id: number) =>
      (await raw.inject({ url: `/api/interactions/${id}`, headers: caller.headers })).statusCode;

    // Out of scope: nothing of the citizen's, not even their name.
    const none = await history(elsewhere);
    expect(none).toMatchObject({ citizen: { phone, name: null }, grievances: [], interactions: [] });
    for (const call of [namedCall, anonymousCall, freeCall])
      expect(await contact(elsewhere, call.id)).toBe(404);
    expect(
      (await raw.inject({ url: `/api/grievances/${anonymous.reference}`, headers: elsewhere.headers }))
        .statusCode,
    ).toBe(404);

    // In scope: the named grievance and the call that produced it; not the call that produced nothing
    // (it belongs to no department), nor the anonymous one.
    const mine = await history(here);
    expect(mine.citizen.name).toBe('Asha Kumari');
    expect(mine.grievances.map((g: { reference: string }) => g.reference)).toEqual([named.reference]);
    expect(mine.interactions).toEqual([
      expect.objectContaining({ id: namedCall.id, references: [named.reference] }),
    ]);
    expect(await contact(here, namedCall.id)).toBe(200);
    expect(await contact(here, freeCall.id)).toBe(404);
    expect(await contact(here, anonymousCall.id)).toBe(404);

    // Everywhere, supervisors included: every contact but the one that would name the anonymous raiser.
    for (const caller of [everywhere, supervisor]) {
      const all = await history(caller);
      expect(all.grievances.map((g: { reference: string }) => g.reference)).toEqual([named.reference]);
      expect(all.interactions.map((i: { id: number }) => i.id).sort()).toEqual(
        [namedCall.id, freeCall.id].sort(),
      );
      expect(await contact(caller, freeCall.id)).toBe(200);
      expect(await contact(caller, anonymousCall.id), caller.name).toBe(404);
    }

    const reads = await database.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'interaction.read')
      .execute();
    expect(reads.map((r) => r.entity_id)).toContain(String(namedCall.id));
  });

  it('answers a repeated external id only to whoever may read it, and writes nothing for the rest', async () => {
    const ivr = await apiCaller(database, api.clock, 'ivr', [{ role: 'intake' }]);
    const other = await apiCaller(database, api.clock, 'other', [{ role: 'intake' }]);
    const post = (caller: Caller, payload: object) =>
      api.raw.inject({ method: 'POST', url: '/api/interactions', headers: caller.headers, payload });
    const first = await post(ivr, {
      channel: 'phone',
      externalId: 'CA-secret-1',
      phone: '+919833300011',
      summary: 'Asked about her widow pension',
    });
    expect(first.statusCode, first.body).toBe(201);
    const again = await post(ivr, { channel: 'phone', externalId: 'CA-secret-1' });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ id: first.json().id, phone: '+919833300011' });

    const guess = await post(other, { channel: 'phone', externalId: 'CA-secret-1', phone: '+919833300012' });
    expect(guess.statusCode).toBe(409);
    expect(guess.json().details[0].code).toBe('external_id_taken');
    expect(guess.body).not.toContain('9833300011');
    expect(guess.body).not.toContain('widow');
    const orphan = await database.db
      .selectFrom('citizens')
      .select('id')
      .where('phone', '=', '+919833300012')
      .executeTakeFirst();
    expect(orphan).toBeUndefined();
  });
});
