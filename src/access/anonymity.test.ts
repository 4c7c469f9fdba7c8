// An anonymous grievance's identity never reaches department-facing responses or exports; only a
// supervisor can reveal it, with a reason, and the reveal is in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance } from '../../test/factories.ts';
import { apiCaller, type Caller, staffCaller } from '../../test/principals.ts';
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
});
