// The auditor's API: search by words (an account's name, a reference, an address), by action and time,
// paged with a total; the chain's state verified on request with every broken row and the entries left
// unsealed; both recorded in the log as reads.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { type Caller, staffCaller } from '../../test/principals.ts';
import type { Database } from '../db/index.ts';
import { appendAudit } from './audit.ts';
import { sealAudit } from './audit-seal.ts';

describe.each(databases)('the audit log screen API on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  let d: Deployment;
  let auditor: Caller;
  let reference: string;

  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
    d = await buildDeployment(api.deps);
    auditor = await staffCaller(api.raw, database, api.clock, 'Asha Auditor', [{ role: 'auditor' }]);
    ({ reference } = await buildGrievance(api.deps, d, { citizen: { phone: '+919844400001' } }));
    const note = await api.app.inject({
      method: 'POST',
      url: `/api/grievances/${reference}/notes`,
      payload: { note: 'Called the citizen back', internal: true },
    });
    expect(note.statusCode, note.body).toBe(201);
  });
  afterAll(async () => {
    await api?.raw.close();
    await database?.close();
  });

  const get = (url: string) => api.raw.inject({ url, headers: auditor.headers });

  it('finds entries by reference, account name and action, paged, with who they were', async () => {
    const byReference = (await get(`/api/audit?q=${reference}`)).json();
    expect(byReference.total).toBeGreaterThanOrEqual(2);
    expect(byReference.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['grievance.register', 'grievance.note']),
    );
    const note = byReference.items.find((e: { action: string }) => e.action === 'grievance.note');
    expect(note).toMatchObject({ actorKind: 'api', entity: 'grievance', entityId: reference });
    expect(note.actorName).toMatch(/test super-user/);

    // The auditor's own sign-in, found by the account's name, words in any case.
    const byName = (await get('/api/audit?q=asha%20auditor')).json();
    expect(byName.items.some((e: { action: string }) => e.action.startsWith('auth.'))).toBe(true);

    const page = (await get('/api/audit?action=grievance.&limit=1&offset=1')).json();
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(2);
    const none = (await get(`/api/audit?q=${reference}&to=2000-01-01T00:00:00Z`)).json();
    expect(none).toEqual({ items: [], total: 0 });
  });

  it('verifies the chain on request: sealed up to where, every broken row, entries left unsealed', async () => {
    await sealAudit(database.db, api.clock.now());
    const clean = (await get('/api/audit/chain')).json();
    expect(clean).toMatchObject({
      ok: true,
      broken: { count: 0, items: [] },
      unsealed: { late: { count: 0 } },
    });
    expect(clean.head.seq).toBe(clean.sealed);

    // Two sealed entries edited behind the application's back, and one entry that was never sealed.
    const [first, second] = await database.db
      .selectFrom('audit_seals')
      .select('entry_id as id')
      .orderBy('seq')
      .limit(2)
      .execute();
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(database.db);
    await sql`update audit_log set reason = 'nothing to see' where id = ${first?.id}`.execute(database.db);
    await sql`update audit_log set ip = '10.9.9.9' where id = ${second?.id}`.execute(database.db);
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(database.db);
    await appendAudit(database.db, new Date(api.clock.now().getTime() - 3_600_000), {
      actorKind: 'system',
      actorId: null,
      action: 'held.back',
    });
    const broken = (await get('/api/audit/chain')).json();
    expect(broken.ok).toBe(false);
    expect(broken.broken.items).toEqual([
      { id: first?.id, seq: 1, kind: 'content' },
      { id: second?.id, seq: 2, kind: 'content' },
    ]);
    expect(broken.unsealed.late.count).toBe(1);
    expect(broken.unsealed.count).toBeGreaterThanOrEqual(1);

    // Both reads are in the log, as the auditor's.
    const reads = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['audit.search', 'audit.verify'])
      .where('actor_kind', '=', 'staff')
      .execute();
    expect(new Set(reads.map((r) => r.action))).toEqual(new Set(['audit.search', 'audit.verify']));
  });
});
