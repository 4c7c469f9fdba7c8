// Several app processes on one PostgreSQL, and a real crash, as in production. These start the service
// as separate processes (src/main.ts), so they need a PostgreSQL server (DATABASE_URL, as in CI).
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeployment, type Deployment } from '../../test/factories.ts';
import { type ServerProcess, startServerProcess } from '../../test/server.ts';
import { sealAudit, verifyAuditChain } from '../access/audit-seal.ts';
import { createApiClient } from '../access/users.ts';
import { systemClock } from '../clock.ts';
import { type Database, migrate, openPostgres } from '../db/index.ts';

const url = process.env.DATABASE_URL;

async function schemaFor(base: string) {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = await openPostgres(base, { max: 1 });
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  await admin.close();
  const database = await openPostgres(base, { schema });
  await migrate(database);
  const withPath = new URL(base);
  withPath.searchParams.set('options', `-c search_path=${schema}`);
  return {
    database,
    url: withPath.toString(),
    async drop() {
      await sql`drop schema ${sql.id(schema)} cascade`.execute(database.db);
      await database.close();
    },
  };
}

const register = (
  server: ServerProcess,
  key: string,
  d: Deployment,
  extra: object = {},
  idempotency?: string,
) =>
  fetch(`${server.base}/api/grievances`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${key}`,
      ...(idempotency ? { 'idempotency-key': idempotency } : {}),
    },
    body: JSON.stringify({
      categoryId: d.category.id,
      placeId: d.village.id,
      subject: 'No water',
      description: 'The hand pump near the school is broken.',
      language: 'hi',
      channel: 'phone',
      ...extra,
    }),
  });

describe.skipIf(!url)('two app processes on one PostgreSQL', () => {
  let setup: Awaited<ReturnType<typeof schemaFor>>;
  let d: Deployment;
  let key: string;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    setup = await schemaFor(url as string);
    d = await buildDeployment({ db: setup.database.db, clock: systemClock });
    key = (
      await createApiClient(setup.database.db, systemClock, {
        name: 'desk',
        grants: [{ role: 'agent' }, { role: 'supervisor' }, { role: 'intake' }],
        dangerousScope: true,
      })
    ).key;
    // Grievances past their due time, for both nodes' SLA sweeps to find at start.
    const past = new Date(Date.now() - 3_600_000);
    await sql`
      insert into grievances (reference, channel, category_id, department_id, place_id, subject, description,
        language, status, position_id, level, rule_id, due_at, sla_started_at, sla_next_at, created_at, updated_at)
      select 'N' || lpad(n::text, 8, '0'), 'phone', ${d.category.id}, ${d.department.id}, ${d.village.id},
        'Breached', 'Past due', 'hi', 'assigned', ${d.chain[0]?.id}, 1, ${d.rule.id}, ${past}, ${past}, ${past},
        ${past}, ${past}
      from generate_series(1, 300) as n`.execute(setup.database.db);
    servers.push(...(await Promise.all([1, 2].map(() => startServerProcess({ DATABASE_URL: setup.url })))));
  }, 180_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await setup?.drop();
  });

  it('shows a grievance registered on one node live on the other, and runs each job once', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const stream = await fetch(`${b.base}/api/live`, { headers: { authorization: `Bearer ${key}` } });
    expect(stream.status).toBe(200);
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let heard = '';
    const created = await register(a, key, d);
    expect(created.status).toBe(201);
    const { reference } = (await created.json()) as { reference: string };
    const deadline = Date.now() + 20_000;
    while (!heard.includes(reference) && Date.now() < deadline) {
      const chunk = await Promise.race([
        reader.read(),
        new Promise<{ value?: undefined }>((r) => setTimeout(() => r({}), 1000)),
      ]);
      if (chunk.value) heard += decoder.decode(chunk.value);
    }
    await reader.cancel();
    expect(heard).toContain(`"reference":"${reference}"`);

    // Both nodes swept at start: every breached grievance escalated exactly once.
    const escalated = async () =>
      Number(
        (
          await setup.database.db
            .selectFrom('grievance_events')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('kind', '=', 'escalated')
            .executeTakeFirstOrThrow()
        ).n,
      );
    for (let i = 0; i < 200 && (await escalated()) < 300; i++) await new Promise((r) => setTimeout(r, 200));
    const perGrievance = await setup.database.db
      .selectFrom('grievance_events')
      .select(['grievance_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('kind', '=', 'escalated')
      .groupBy('grievance_id')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    expect(await escalated()).toBe(300);
    expect(perGrievance).toEqual([]);
  }, 120_000);

  it("seals both nodes' entries into one chain, each entry once, the nodes' own sealers only", async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const made = await Promise.all(Array.from({ length: 40 }, (_, i) => register(i % 2 ? b : a, key, d)));
    expect(made.map((r) => r.status)).toEqual(made.map(() => 201));
    const db = setup.database.db;
    const unsealed = async () =>
      Number(
        (
          await sql<{ n: string }>`select count(*) as n from audit_log as a
             where not exists (select 1 from audit_seals as s where s.entry_id = a.id)`.execute(db)
        ).rows[0]?.n,
      );
    for (let i = 0; i < 100 && (await unsealed()) > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await unsealed()).toBe(0);
    const entries = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const report = await verifyAuditChain(db, new Date());
    expect(report).toMatchObject({ ok: true, problems: [], rows: Number(entries.n) });
    expect(report.head?.seq).toBe(Number(entries.n));
  }, 60_000);
});

describe.skipIf(!url)('a crash (SIGKILL) under load', () => {
  let setup: Awaited<ReturnType<typeof schemaFor>>;
  let d: Deployment;
  let key: string;
  let database: Database;

  beforeAll(async () => {
    setup = await schemaFor(url as string);
    database = setup.database;
    d = await buildDeployment({ db: database.db, clock: systemClock });
    key = (
      await createApiClient(database.db, systemClock, {
        name: 'desk',
        grants: [{ role: 'agent' }, { role: 'supervisor' }, { role: 'intake' }],
        dangerousScope: true,
      })
    ).key;
  }, 120_000);
  afterAll(() => setup?.drop());

  it('keeps every acknowledged grievance exactly once, and every committed change with its audit entry', async () => {
    const first = await startServerProcess({ DATABASE_URL: setup.url });
    const acknowledged = new Map<string, string>(); // idempotency key -> reference
    const sent: string[] = [];
    let stop = false;
    let n = 0;
    // Eight callers registering and noting as fast as they can, until the machine "loses power".
    const worker = async () => {
      while (!stop) {
        const idempotency = `crash-${++n}`;
        sent.push(idempotency);
        try {
          const res = await register(
            first,
            key,
            d,
            { citizen: { phone: `+9190${String(n).padStart(8, '0')}` } },
            idempotency,
          );
          if (res.status !== 201) continue;
          const { reference } = (await res.json()) as { reference: string };
          acknowledged.set(idempotency, reference);
          await fetch(`${first.base}/api/grievances/${reference}/notes`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
            body: JSON.stringify({ note: 'Caller rang again', internal: true }),
          });
        } catch {
          // The connection died with the process: not acknowledged.
        }
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    while (acknowledged.size < 150) await new Promise((r) => setTimeout(r, 50));
    await first.kill();
    stop = true;
    await Promise.all(workers);

    // After the restart, retrying every request with its key answers the same grievance, and registers
    // those that never were.
    const second = await startServerProcess({ DATABASE_URL: setup.url });
    try {
      for (const idempotency of sent) {
        const i = Number(idempotency.split('-')[1]);
        const res = await register(
          second,
          key,
          d,
          { citizen: { phone: `+9190${String(i).padStart(8, '0')}` } },
          idempotency,
        );
        expect([200, 201]).toContain(res.status);
        const { reference } = (await res.json()) as { reference: string };
        if (acknowledged.has(idempotency)) expect(reference).toBe(acknowledged.get(idempotency));
      }
    } finally {
      await second.stop();
    }
    const rows = await database.db
      .selectFrom('grievances')
      .select(['reference', 'idempotency_key'])
      .execute();
    expect(rows).toHaveLength(sent.length);
    expect(new Set(rows.map((r) => r.idempotency_key)).size).toBe(sent.length);
    // Every committed registration and note has its audit entry, and nothing else does.
    const registered = await database.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'grievance.register')
      .execute();
    expect(registered.map((r) => r.entity_id).sort()).toEqual(rows.map((r) => r.reference).sort());
    const notes = await database.db
      .selectFrom('grievance_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'note')
      .executeTakeFirstOrThrow();
    const noteAudits = await database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'grievance.note')
      .executeTakeFirstOrThrow();
    expect(Number(noteAudits.n)).toBe(Number(notes.n));
    // The chain seals and verifies after the crash.
    await sealAudit(database.db, new Date());
    expect(await verifyAuditChain(database.db, new Date())).toMatchObject({ ok: true, problems: [] });
  }, 300_000);
});
