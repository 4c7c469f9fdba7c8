// An anonymous grievance's identity never reaches department-facing responses or exports; only a
// supervisor can reveal it, with a reason, and the reveal is in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance } from '../../test/factories.ts';
import { form, jpeg } from '../../test/files.ts';
import { apiCaller, type Caller, citizenCaller, staffCaller } from '../../test/principals.ts';
import type { Database } from '../db/index.ts';
import { getPosition } from '../directory/index.ts';
import { listNotifications } from '../notify/index.ts';

describe.each(databases)('anonymous grievances on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  let d: Awaited<ReturnType<typeof buildDeployment>>;
  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
    d = await buildDeployment(api.deps);
  });
  afterAll(async () => {
    await api?.app.close();
    await database?.close();
  });

  it('never shows who raised it to the department, in any response or export, until a supervisor reveals it', async () => {
    const phone = '+919876500001';
    const name = 'Kamla Bai';
    const { reference, id } = await buildGrievance(api.deps, d, {
      anonymous: true,
      citizen: { phone, name },
      subject: 'Bribe demanded for hand pump repair',
      description: 'The line man asked for money.',
    });
    // Acknowledgements still reach the citizen.
    expect(
      (await listNotifications(database.db, id)).some(
        (n) => n.recipientKind === 'citizen' && n.template === 'grievance_registered',
      ),
    ).toBe(true);

    const { raw, clock } = api;
    const officerId = (await getPosition(database.db, d.chain[0]?.id as number)).officerId as number;
    const departmentSide: Caller[] = [
      await staffCaller(raw, database, clock, 'officer', [], officerId),
      await apiCaller(database, clock, 'nodal', [{ role: 'nodal_officer', departmentId: d.department.id }]),
      await apiCaller(database, clock, 'monitor', [{ role: 'monitor' }]),
      await staffCaller(raw, database, clock, 'admin', [{ role: 'admin' }]),
      await apiCaller(database, clock, 'auditor', [{ role: 'auditor' }]),
      await apiCaller(database, clock, 'agent', [{ role: 'agent' }]),
    ];
    const leaks = (body: string) => body.includes('9876500001') || body.includes(name);
    for (const caller of departmentSide) {
      const urls = [
        `/api/grievances/${reference}`,
        `/api/grievances/${reference}/history`,
        '/api/grievances?limit=200',
        `/api/grievances?reference=${reference}`,
        `/api/grievances?phone=${encodeURIComponent(phone)}`,
        '/api/grievances/export.csv',
      ];
      for (const url of urls) {
        const res = await raw.inject({ url, headers: caller.headers });
        expect(leaks(res.body), `${caller.name} ${url}`).toBe(false);
      }
      const act = await raw.inject({
        method: 'POST',
        url: `/api/grievances/${reference}/actions`,
        headers: caller.headers,
        payload: { type: 'note', note: 'looked' },
      });
      expect(leaks(act.body), `${caller.name} action`).toBe(false);
      const reveal = await raw.inject({
        method: 'POST',
        url: `/api/grievances/${reference}/reveal`,
        headers: caller.headers,
        payload: { reason: 'curious' },
      });
      expect(reveal.statusCode, caller.name).toBe(403);
    }

    const supervisor = await staffCaller(raw, database, clock, 'supervisor', [{ role: 'supervisor' }]);
    const read = await raw.inject({ url: `/api/grievances/${reference}`, headers: supervisor.headers });
    expect(leaks(read.body)).toBe(false); // even supervisors see it only by an explicit reveal
    const noReason = await raw.inject({
      method: 'POST',
      url: `/api/grievances/${reference}/reveal`,
      headers: supervisor.headers,
      payload: {},
    });
    expect(noReason.statusCode).toBe(400);
    const reveal = await raw.inject({
      method: 'POST',
      url: `/api/grievances/${reference}/reveal`,
      headers: supervisor.headers,
      payload: { reason: 'Citizen reports threats; police need to contact them' },
    });
    expect(reveal.statusCode).toBe(200);
    expect(reveal.json()).toMatchObject({ phone, name });
    const audited = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'grievance.reveal_identity')
      .where('entity_id', '=', reference)
      .execute();
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({
      actor_kind: 'staff',
      reason: 'Citizen reports threats; police need to contact them',
    });
    expect(audited[0]?.ip).toBeTruthy();
  });

  it('records every read of personal data and every export', async () => {
    const before = await database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const { reference } = await buildGrievance(api.deps, d, {
      citizen: { phone: '+919876500002', name: 'Ramesh' },
    });
    await api.app.inject({ url: `/api/grievances/${reference}` });
    await api.app.inject({ url: '/api/grievances/export.csv' });
    await api.app.inject({ url: `/api/citizens/${encodeURIComponent('+919876500002')}/history` });
    const rows = await database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .orderBy('id', 'desc')
      .limit(10)
      .execute();
    const actions = rows.map((r) => r.action);
    expect(actions).toContain('grievance.read_personal_data');
    expect(actions).toContain('grievance.export');
    expect(actions).toContain('citizen.read_history');
    const after = await database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBeGreaterThan(Number(before.n) + 2);
  });

  it('never gives the department a citizen id that links an anonymous grievance to a named one', async () => {
    const phone = '+919876500003';
    const citizen = await citizenCaller(api.raw, database, 'citizen', phone);
    const register = async (anonymous: boolean) => {
      const res = await api.raw.inject({
        method: 'POST',
        url: '/api/grievances',
        headers: citizen.headers,
        payload: {
          categoryId: d.category.id,
          placeId: d.village.id,
          subject: anonymous ? 'Ration shop owner demands money' : 'Street light broken',
          description: 'Please look into it.',
          language: 'en',
          channel: 'web',
          anonymous,
          citizen: { phone, name: anonymous ? 'Only Here' : 'Geeta Verma' },
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      const reference: string = res.json().reference;
      // The citizen acts on it (an event by the citizen) and adds a photo (an upload by the citizen).
      const note = await api.raw.inject({
        method: 'POST',
        url: `/api/grievances/${reference}/actions`,
        headers: citizen.headers,
        payload: { type: 'note', note: 'Any news?' },
      });
      expect(note.statusCode, note.body).toBeLessThan(300);
      const photo = await api.raw.inject({
        method: 'POST',
        url: `/api/grievances/${reference}/attachments`,
        headers: citizen.headers,
        payload: form({ bytes: jpeg(), name: 'photo.jpg', type: 'image/jpeg' }),
      });
      expect(photo.statusCode, photo.body).toBe(201);
      return reference;
    };
    const named = await register(false);
    const anonymous = await register(true);
    const { citizenId } = await database.db
      .selectFrom('grievances')
      .select('citizen_id as citizenId')
      .where('reference', '=', anonymous)
      .executeTakeFirstOrThrow();
    expect(citizenId).not.toBeNull();

    const officerId = (await getPosition(database.db, d.chain[0]?.id as number)).officerId as number;
    const readers: Caller[] = [
      await staffCaller(api.raw, database, api.clock, 'officer', [], officerId),
      await apiCaller(database, api.clock, 'agent', [{ role: 'agent' }]),
      await staffCaller(api.raw, database, api.clock, 'supervisor', [{ role: 'supervisor' }]),
    ];
    for (const caller of readers) {
      for (const reference of [named, anonymous]) {
        const history = await api.raw.inject({
          url: `/api/grievances/${reference}/history`,
          headers: caller.headers,
        });
        expect(history.statusCode).toBe(200);
        const byCitizen = history
          .json()
          .events.filter((e: { actorKind: string }) => e.actorKind === 'citizen');
        expect(byCitizen.length, `${caller.name} ${reference}`).toBeGreaterThan(0);
        for (const event of byCitizen) expect(event.actorId, `${caller.name} event`).toBeNull();
        const files = await api.raw.inject({
          url: `/api/grievances/${reference}/attachments`,
          headers: caller.headers,
        });
        expect(files.statusCode).toBe(200);
        for (const item of files.json().items)
          expect(item.uploadedBy, caller.name).toEqual({ kind: 'citizen', id: null });
      }
    }
    // Nor is it stored where a later reader (an export, a report) could find it.
    const events = await database.db
      .selectFrom('grievance_events as e')
      .innerJoin('grievances as g', 'g.id', 'e.grievance_id')
      .select('e.actor_id')
      .where('g.reference', 'in', [named, anonymous])
      .where('e.actor_kind', '=', 'citizen')
      .execute();
    expect(events.every((e) => e.actor_id === null)).toBe(true);
    // The name given only with the anonymous report stays off the citizen's record.
    const record = await database.db
      .selectFrom('citizens')
      .select('name')
      .where('phone', '=', phone)
      .executeTakeFirstOrThrow();
    expect(record.name).toBe('Geeta Verma');
  });
});
