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
import { databases, openTestPgliteIn, openTestPostgres } from '../../test/databases.ts';
import { manualClock } from '../clock.ts';
import { type Database, openPglite, openPostgres } from '../db/index.ts';
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
  Number(
    (
      await database.db
        .selectFrom('audit_seals')
        .select('entry_id')
        .where('seq', '=', seq)
        .executeTakeFirstOrThrow()
    ).entry_id,
  );

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
    // Seals are written once too: rewriting or removing one is refused, and so is a second seal.
    await expect(
      sql`update audit_seals set hash = 'x', prev_hash = 'y' where seq = 5`.execute(database.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_seals where seq = 5`.execute(database.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(
      sql`insert into audit_seals (seq, entry_id, prev_hash, hash, sealed_at)
          values (21, ${fifth}, 'x', 'y', now())`.execute(database.db),
    ).rejects.toThrow(/audit_seals_entry/);
    await expect(sql`truncate audit_log`.execute(database.db)).rejects.toThrow(/append-only/);

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

    // A deleted entry: its seal names it.
    const twelfth = await idOfSeq(database, 12);
    await sql`delete from audit_log where id = ${twelfth}`.execute(database.db);
    const deleted = await verifyAuditChain(database.db, clock.now());
    expect(deleted.ok).toBe(false);
    expect(deleted.problems.map((p) => [p.id, p.seq, p.kind])).toEqual([[twelfth, 12, 'missing']]);
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(database.db);

    // The seals themselves: one rehashed, one deleted (its entry then also shows as never sealed).
    const third = await idOfSeq(database, 3);
    const fourth = await idOfSeq(database, 4);
    const eighth = await idOfSeq(database, 8);
    const ninth = await idOfSeq(database, 9);
    await sql`alter table audit_seals disable trigger audit_seals_append_only`.execute(database.db);
    await sql`update audit_seals set hash = sha256('forged') where seq = 3`.execute(database.db);
    await sql`delete from audit_seals where seq = 8`.execute(database.db);
    await sql`alter table audit_seals enable trigger audit_seals_append_only`.execute(database.db);
    const seals = await verifyAuditChain(database.db, clock.now(), { graceMs: 0 });
    expect(seals.problems.map((p) => [p.id, p.seq, p.kind])).toEqual([
      [third, 3, 'content'],
      [fourth, 4, 'link'],
      [ninth, 9, 'missing'],
      [ninth, 9, 'link'],
      [twelfth, 12, 'missing'],
    ]);
    expect(seals.unsealed).toMatchObject({ count: 1, ids: [eighth], waiting: 1 });
  });

  it('never updates an entry: a seal is a row of its own, written once', async () => {
    const fresh = await open();
    try {
      // Batches of 7, and more than one call should another schema's sealer hold the database's lock.
      const sealUpTo = async (want: number) => {
        let n = 0;
        for (let i = 0; i < 100 && n < want; i++) n += await sealAudit(fresh.db, clock.now(), 7);
        return n;
      };
      await writeSome(fresh, 30);
      expect(await sealUpTo(30)).toBe(30);
      await writeSome(fresh, 5);
      expect(await sealUpTo(5)).toBe(5);
      expect(await verifyAuditChain(fresh.db, clock.now())).toMatchObject({ ok: true, rows: 35 });
      const seals = await fresh.db
        .selectFrom('audit_seals')
        .select(['seq', 'entry_id'])
        .orderBy('seq')
        .execute();
      const ids = await fresh.db.selectFrom('audit_log').select('id').orderBy('id').execute();
      expect(seals.map((s) => Number(s.entry_id))).toEqual(ids.map((r) => Number(r.id)));
      expect(seals.map((s) => Number(s.seq))).toEqual(ids.map((_, i) => i + 1));
      if (fresh.kind !== 'postgres') return;
      // The server's own count of row writes: 35 inserts into each table and not one update.
      const counts = async () => {
        await sql`select pg_stat_force_next_flush()`.execute(fresh.db);
        const { rows } = await sql<{ relname: string; ins: string; upd: string; dead: string }>`
          select relname, n_tup_ins as ins, n_tup_upd as upd, n_dead_tup as dead from pg_stat_user_tables
           where relid in ('audit_log'::regclass, 'audit_seals'::regclass) order by relname`.execute(
          fresh.db,
        );
        return rows.map((r) => [r.relname, Number(r.ins), Number(r.upd), Number(r.dead)]);
      };
      const want = [
        ['audit_log', 35, 0, 0],
        ['audit_seals', 35, 0, 0],
      ];
      let got = await counts();
      for (let i = 0; i < 75 && JSON.stringify(got) !== JSON.stringify(want); i++) {
        await new Promise((r) => setTimeout(r, 200));
        got = await counts();
      }
      expect(got).toEqual(want);
    } finally {
      await fresh.close();
    }
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

describe.skipIf(!process.env.DATABASE_URL)('audit sealing by two nodes on one PostgreSQL', () => {
  const url = process.env.DATABASE_URL as string;
  let a: Database;
  let b: Database;
  beforeAll(async () => {
    a = await openTestPostgres(url);
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(a.db);
    b = await openPostgres(url, { schema: rows[0]?.schema });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  // The sealer's advisory lock is the database's, so another test's sealer in another schema may hold
  // it for a moment (sealAudit then returns 0 at once): seal until nothing visible waits.
  const sealAll = async (node: Database) => {
    let sealed = 0;
    for (let i = 0; i < 200; i++) {
      sealed += await sealAudit(node.db, clock.now());
      const { rows } = await sql<{ n: string }>`select count(*) as n from audit_log as a
        where not exists (select 1 from audit_seals as s where s.entry_id = a.id)`.execute(node.db);
      if (Number(rows[0]?.n) === 0) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    return sealed;
  };

  it('seals an entry committed long after later ones, and both nodes sealing at once make one chain', async () => {
    // A transaction takes its entry's id, then waits while others commit theirs and are sealed.
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    const slow = a.db.transaction().execute(async (trx) => {
      await appendAudit(trx, clock.now(), { actorKind: 'staff', actorId: 1, action: 'slow.change' });
      await held;
    });
    await new Promise((r) => setTimeout(r, 200));
    await writeSome(b, 3);
    expect(await sealAll(a)).toBe(3);
    for (let i = 0; i < 3; i++) await sealAudit(a.db, clock.now());
    expect(await verifyAuditChain(a.db, clock.now())).toMatchObject({ ok: true, rows: 3 });
    release();
    await slow;
    expect(await sealAll(b)).toBe(1);

    // Writers on both nodes, and both nodes' sealers running all the while.
    let writing = true;
    const sealer = async (node: Database) => {
      let n = 0;
      while (writing) {
        n += await sealAudit(node.db, clock.now(), 50);
        await new Promise((r) => setTimeout(r, 5));
      }
      return n;
    };
    const sealers = [sealer(a), sealer(b)];
    await Promise.all(
      [a, b, a, b].map(async (node, w) => {
        for (let i = 0; i < 60; i++) {
          await node.db.transaction().execute(async (trx) => {
            await appendAudit(trx, clock.now(), { actorKind: 'staff', actorId: w, action: `w${w}.${i}` });
            // Some commit late, behind entries with higher ids.
            if (i % 7 === 0) await new Promise((r) => setTimeout(r, 30));
          });
        }
      }),
    );
    writing = false;
    const byNodes = (await Promise.all(sealers)).reduce((x, y) => x + y, 0);
    const last = await sealAll(a);
    const report = await verifyAuditChain(a.db, clock.now(), { graceMs: 0 });
    expect(report).toMatchObject({ ok: true, rows: 244, problems: [], unsealed: { count: 0, waiting: 0 } });
    expect(byNodes + last).toBe(240);
  }, 60_000);
});

describe('npm run audit:verify', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'civicline-audit-'));
    const database = await openTestPgliteIn(dir);
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
    await sql`update audit_log set ip = '127.0.0.1' where id = (select entry_id from audit_seals where seq = 2)`.execute(
      database.db,
    );
    await sql`update audit_log set action = 'nothing' where id = (select entry_id from audit_seals where seq = 4)`.execute(
      database.db,
    );
    const ids = await database.db.selectFrom('audit_seals').select('entry_id').orderBy('seq').execute();
    await database.close();
    const tampered = await run();
    expect(tampered.code).toBe(1);
    expect(tampered.out).toContain(`TAMPERED: row ${ids[1]?.entry_id} (sealed as 2)`);
    expect(tampered.out).toContain(`TAMPERED: row ${ids[3]?.entry_id} (sealed as 4)`);
  }, 180_000);
});
