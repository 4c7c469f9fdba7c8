// The audit log cannot be quietly changed: entries commit with the change they record, the database
// refuses edits, and if someone with enough power bypasses that, verification names every row where the
// chain stops adding up.
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
import { appendAudit } from './audit.ts';
import { sealAudit, verifyAuditChain } from './audit-seal.ts';

const clock = manualClock('2026-03-02T04:30:00Z');

async function writeSome(database: Database, count: number) {
  for (let i = 0; i < count; i++) {
    clock.advance(1000);
    await appendAudit(database.db, clock.now(), {
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

const idOfSeq = async (database: Database, seq: number) =>
  (await database.db.selectFrom('audit_log').select('id').where('seq', '=', seq).executeTakeFirstOrThrow())
    .id;

describe.each(databases)('audit log on $name', ({ open }) => {
  let database: Database;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(() => database?.close());

  it('seals committed entries into a chain, refuses edits, and lists every edited or deleted row', async () => {
    await writeSome(database, 20);
    expect(await sealAudit(database.db, clock.now())).toBe(20);
    expect(await sealAudit(database.db, clock.now())).toBe(0);
    expect(await verifyAuditChain(database.db, clock.now())).toMatchObject({
      ok: true,
      rows: 20,
      problems: [],
    });

    const fifth = await idOfSeq(database, 5);
    await expect(
      sql`update audit_log set reason = 'nothing to see' where id = ${fifth}`.execute(database.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where id = ${fifth}`.execute(database.db)).rejects.toThrow(
      /append-only/,
    );
    // Sealing again (to rewrite the chain from here) is refused too.
    await expect(
      sql`update audit_log set seq = 99, hash = 'x', prev_hash = 'y' where id = ${fifth}`.execute(
        database.db,
      ),
    ).rejects.toThrow(/append-only/);

    // Someone with owner rights switches the guard off and edits two rows far apart.
    const fifteenth = await idOfSeq(database, 15);
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(database.db);
    await sql`update audit_log set actor_id = 8 where id = ${fifth}`.execute(database.db);
    await sql`update audit_log set reason = 'routine' where id = ${fifteenth}`.execute(database.db);
    const edited = await verifyAuditChain(database.db, clock.now());
    expect(edited.ok).toBe(false);
    expect(edited.problems.map((p) => [p.id, p.seq])).toEqual([
      [fifth, 5],
      [fifteenth, 15],
    ]);
    expect(edited.problems[0]?.problem).toMatch(/edited/);
    await sql`update audit_log set actor_id = 7 where id = ${fifth}`.execute(database.db);
    await sql`update audit_log set reason = null where id = ${fifteenth}`.execute(database.db);
    expect((await verifyAuditChain(database.db, clock.now())).ok).toBe(true);

    const twelfth = await idOfSeq(database, 12);
    const thirteenth = await idOfSeq(database, 13);
    await sql`delete from audit_log where id = ${twelfth}`.execute(database.db);
    const deleted = await verifyAuditChain(database.db, clock.now());
    expect(deleted.ok).toBe(false);
    expect(deleted.problems.every((p) => p.id === thirteenth)).toBe(true);
    expect(deleted.problems.map((p) => p.problem).join(' ')).toMatch(/missing \(deleted\).*link/);
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(database.db);
  });

  it('hashes what is stored, so text the database normalises still verifies', async () => {
    const fresh = await open();
    try {
      // A lone surrogate cannot be stored as such: the driver writes U+FFFD. The edge refuses such text
      // (see text.test.ts), and should any reach the log another way, the chain still adds up.
      await appendAudit(fresh.db, clock.now(), {
        actorKind: 'citizen',
        actorId: 1,
        action: 'grievance.note',
        reason: 'thank you \ud800',
        data: { note: 'x\udc00y' },
      });
      await writeSome(fresh, 3);
      await sealAudit(fresh.db, clock.now());
      expect(await verifyAuditChain(fresh.db, clock.now())).toMatchObject({ ok: true, rows: 4 });
    } finally {
      await fresh.close();
    }
  });

  it('commits an entry only with its transaction, seals entries committed out of id order, and reports entries left unsealed', async () => {
    const fresh = await open();
    try {
      // An entry whose change rolls back never appears.
      await fresh.db
        .transaction()
        .execute(async (trx) => {
          await appendAudit(trx, clock.now(), { actorKind: 'staff', actorId: 1, action: 'doomed' });
          throw new Error('the change failed');
        })
        .catch(() => undefined);
      await writeSome(fresh, 2);
      await sealAudit(fresh.db, clock.now());
      const actions = await fresh.db.selectFrom('audit_log').select('action').execute();
      expect(actions.map((a) => a.action)).not.toContain('doomed');

      // A sealed chain with later, unsealed entries: fine within the grace period, reported after it.
      await writeSome(fresh, 2);
      expect(await verifyAuditChain(fresh.db, clock.now())).toMatchObject({ ok: true });
      clock.advance(5 * 60_000);
      const late = await verifyAuditChain(fresh.db, clock.now());
      expect(late).toMatchObject({ ok: false, problems: [], unsealed: { count: 2 } });
      await sealAudit(fresh.db, clock.now());
      expect(await verifyAuditChain(fresh.db, clock.now())).toMatchObject({ ok: true, rows: 4 });
    } finally {
      await fresh.close();
    }
  });
});

describe('npm run audit:verify', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'civicline-audit-'));
    const database = await openPglite(dir);
    await migrate(database);
    // Entries written "now", so none is past the grace period when the command runs.
    const now = manualClock(new Date());
    for (let i = 0; i < 5; i++) {
      await appendAudit(database.db, now.now(), { actorKind: 'staff', actorId: 1, action: `a${i}` });
    }
    await sealAudit(database.db, now.now());
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

  it('says intact, then exits 1 naming every tampered row', async () => {
    const intact = await run();
    expect(intact).toMatchObject({ code: 0 });
    expect(intact.out).toMatch(/intact: 5 rows/);
    expect(intact.out).toMatch(/chain head: entry 5/);

    const database = await openPglite(dir);
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(database.db);
    await sql`update audit_log set ip = '127.0.0.1' where seq = 2`.execute(database.db);
    await sql`update audit_log set action = 'nothing' where seq = 4`.execute(database.db);
    const ids = await database.db.selectFrom('audit_log').select(['id', 'seq']).orderBy('seq').execute();
    await database.close();
    const tampered = await run();
    expect(tampered.code).toBe(1);
    expect(tampered.out).toContain(`TAMPERED: row ${ids[1]?.id} (sealed as 2)`);
    expect(tampered.out).toContain(`TAMPERED: row ${ids[3]?.id} (sealed as 4)`);
  }, 180_000);
});
