// The live feed over real sockets: each viewer hears exactly the changes to grievances they may read,
// made by any app node, including the SLA sweep's escalations; a revoked key stops its stream.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { createApiClient, revokeApiKey } from '../access/users.ts';
import { buildApp } from '../app.ts';
import { manualClock } from '../clock.ts';
import { type Database, openPostgres } from '../db/index.ts';
import { transition } from '../grievances/index.ts';
import { sweep } from '../sla/sweep.ts';

interface Stream {
  events: { event: string; data: unknown }[];
  /** Resolves with the first event (already received or still to come) that matches. */
  next(match: (e: { event: string; data: unknown }) => boolean, ms?: number): Promise<unknown>;
  ended: Promise<void>;
  close(): void;
}

/** A minimal EventSource: enough of the SSE format (event/data lines, blank-line separated) for tests. */
function openStream(base: string, key: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${base}/api/live`, { headers: { authorization: `Bearer ${key}` } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
      const events: Stream['events'] = [];
      const waiters: { match: (e: Stream['events'][number]) => boolean; done: (e: unknown) => void }[] = [];
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!event || data === undefined) continue;
          const e = { event, data: JSON.parse(data) };
          events.push(e);
          for (const w of [...waiters]) {
            if (w.match(e)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.done(e.data);
            }
          }
        }
      });
      const ended = new Promise<void>((done) => res.on('end', done));
      resolve({
        events,
        ended,
        close: () => request.destroy(),
        next: (match, ms = 5000) => {
          const seen = events.find(match);
          if (seen) return Promise.resolve(seen.data);
          return new Promise((done, fail) => {
            const timer = setTimeout(() => fail(new Error('no matching event in time')), ms);
            waiters.push({
              match,
              done: (e) => {
                clearTimeout(timer);
                done(e);
              },
            });
          });
        },
      });
    });
    request.on('error', reject);
  });
}

type Change = { reference: string; status: string; level: number | null };
const about =
  (reference: string, also: (c: Change) => boolean = () => true) =>
  (e: { event: string; data: unknown }) =>
    e.event === 'changes' && (e.data as Change[]).some((c) => c.reference === reference && also(c));
const references = (s: Stream) =>
  s.events.filter((e) => e.event === 'changes').flatMap((e) => (e.data as Change[]).map((c) => c.reference));

describe.each(databases)('live feed on $name', ({ name, open }) => {
  let database: Database;
  let second: Database | null = null;
  const apps: FastifyInstance[] = [];
  const streams: Stream[] = [];
  let d: Deployment;
  const clock = manualClock('2026-03-02T04:30:00Z');
  const deps = () => ({ db: database.db, clock });

  async function startNode(db: Database) {
    const app = await buildApp(
      { db: db.db, clock },
      { rateLimit: false, cookieSecure: false, listen: db.listen, liveHeartbeatMs: 100 },
    );
    await app.listen({ host: '127.0.0.1', port: 0 });
    apps.push(app);
    return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  }
  async function watch(base: string, grants: Parameters<typeof createApiClient>[2]['grants']) {
    const client = await createApiClient(database.db, clock, {
      name: `viewer ${Math.random()}`,
      grants,
      // Some viewers are supervisors: a test key may hold that role only when it says so.
      dangerousScope: grants.some((g) => g.role === 'admin' || g.role === 'supervisor'),
    });
    const stream = await openStream(base, client.key);
    streams.push(stream);
    return { stream, keyId: client.keyId };
  }

  beforeAll(async () => {
    database = await open();
    d = await buildDeployment(deps());
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    for (const app of apps) await app.close();
    await second?.close();
    await database?.close();
  });

  it('tells each viewer of changes in their scope only, from registration to escalation', async () => {
    const base = await startNode(database);
    const nodal = await watch(base, [
      { role: 'nodal_officer', departmentId: d.department.id, placeId: d.district.id },
    ]);
    const energy = await watch(base, [
      { role: 'nodal_officer', departmentId: d.otherDepartment.id, placeId: d.district.id },
    ]);
    const elsewhere = await watch(base, [{ role: 'monitor', placeId: d.otherDistrict.id }]);

    const here = await buildGrievance(deps(), d);
    await nodal.stream.next(about(here.reference, (c) => c.status === 'assigned' && c.level === 1));

    const there = await buildGrievance(deps(), d, { placeId: d.otherDistrict.id });
    await elsewhere.stream.next(about(there.reference, (c) => c.status === 'registered'));

    // Changes reach each viewer in order, so once this later one has arrived, anything out of scope
    // would have arrived before it.
    await transition(database.db, clock, here.reference, { type: 'start' }, { kind: 'system', id: null });
    await nodal.stream.next(about(here.reference, (c) => c.status === 'in_progress'));
    expect(references(nodal.stream)).not.toContain(there.reference);
    expect(references(elsewhere.stream)).not.toContain(here.reference);
    expect(references(energy.stream)).toEqual([]);

    // Three days later the sweep escalates it; the viewer hears the new level.
    clock.advance(4 * 86_400_000);
    const swept = await sweep(database.db, clock);
    expect(swept.escalated).toBeGreaterThan(0);
    await nodal.stream.next(about(here.reference, (c) => c.level === 2));
  });

  it('carries no personal data, only what changed', async () => {
    const base = await startNode(database);
    const { stream } = await watch(base, [{ role: 'supervisor' }]);
    const g = await buildGrievance(deps(), d, { citizen: { phone: '+919811122233', name: 'Kamla Bai' } });
    await stream.next(about(g.reference));
    const raw = JSON.stringify(stream.events);
    expect(raw).not.toContain('+919811122233');
    expect(raw).not.toContain('Kamla');
    const [change] = (stream.events.find(about(g.reference))?.data ?? []) as Change[];
    expect(Object.keys(change ?? {}).sort()).toEqual(['level', 'reference', 'status', 'updatedAt']);
  });

  it('ends the stream of a revoked key within one heartbeat', async () => {
    const base = await startNode(database);
    const { stream, keyId } = await watch(base, [{ role: 'supervisor' }]);
    await revokeApiKey(database.db, clock, keyId);
    await stream.next((e) => e.event === 'ended');
    await stream.ended;
    const g = await buildGrievance(deps(), d);
    await new Promise((r) => setTimeout(r, 300));
    expect(references(stream)).not.toContain(g.reference);
  });

  it('hears a change made through another app node on the same database', async () => {
    // Two nodes: on PostgreSQL each has its own connections, as two processes behind a load balancer
    // would; PGlite lives in one process, so there both nodes share it.
    if (name === 'postgres') {
      const { rows } = await database.executeSql('select current_schema() as schema');
      const schema = (rows[0] as { schema: string }).schema;
      second = await openPostgres(process.env.DATABASE_URL as string, { schema, max: 2 });
    }
    const otherNode = second ?? database;
    const watching = await startNode(otherNode);
    const { stream } = await watch(watching, [{ role: 'supervisor' }]);
    const g = await buildGrievance(deps(), d); // through the first node's connections
    await stream.next(about(g.reference));
  });
});
