// The audit log cannot be quietly changed: the database refuses edits, and if someone with enough power
// bypasses that, the hash chain shows where.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../../test/databases.ts';
import { manualClock } from '../clock.ts';
import { type Database, migrate, openPglite } from '../db/index.ts';
import { audit, verifyAuditChain } from './audit.ts';

const clock = manualClock('2026-03-02T04:30:00Z');

async function writeSome(database: Database, count: number) {
  for (let i = 0; i < count; i++) {
    clock.advance(1000);
    await audit(database.db, clock.now(), {
      actorKind: 'staff',
      actorId: 7,
      ip: '10.0.0.8',
      action: 'grievance.read_personal_data',
      entity: 'grievance',
      entityId: `K7M-4QX-9P${i}`,
      reason: i % 2 ? 'follow-up call' : null,
      data: { z: 1, a: [i, { b: 'ज़िला' }] },
    });
  }
}

describe.each(databases)('audit log on $name', ({ open }) => {
  let database: Database;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(() => database?.close());

  it('verifies an untouched chain, refuses edits, and finds an edited or deleted row', async () => {
    await writeSome(database, 20);
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, rows: 20 });

    await expect(
      sql`update audit_log set reason = 'nothing to see' where id = 5`.execute(database.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where id = 5`.execute(database.db)).rejects.toThrow(/append-only/);

    // Someone with owner rights switches the guard off and edits a row.
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(database.db);
    await sql`update audit_log set actor_id = 8 where id = 5`.execute(database.db);
    const edited = await verifyAuditChain(database.db);
    expect(edited).toMatchObject({ ok: false, brokenAt: { id: 5 } });
    expect(edited.brokenAt?.problem).toMatch(/edited/);
    await sql`update audit_log set actor_id = 7 where id = 5`.execute(database.db);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);

    await sql`delete from audit_log where id = 12`.execute(database.db);
    const deleted = await verifyAuditChain(database.db);
    expect(deleted).toMatchObject({ ok: false, brokenAt: { id: 13 } });
    expect(deleted.brokenAt?.problem).toMatch(/deleted/);
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(database.db);
  });
});

describe('npm run audit:verify', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'civicline-audit-'));
    const database = await openPglite(dir);
    await migrate(database);
    await writeSome(database, 5);
    await database.close();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const run = () =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/access/audit-verify.ts'], {
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: dir },
    }).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e) => ({ code: e.code as number, out: `${e.stdout}${e.stderr}` }),
    );

  it('says intact, then exits 1 naming the row after tampering', async () => {
    const intact = await run();
    expect(intact).toMatchObject({ code: 0 });
    expect(intact.out).toMatch(/intact: 5 rows/);

    const database = await openPglite(dir);
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(database.db);
    await sql`update audit_log set ip = '127.0.0.1' where id = 3`.execute(database.db);
    await database.close();
    const tampered = await run();
    expect(tampered.code).toBe(1);
    expect(tampered.out).toMatch(/TAMPERED: row 3/);
  });
});
