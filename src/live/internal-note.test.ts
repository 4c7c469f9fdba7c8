// An internal note is for staff alone: the citizen watching their grievance live hears nothing of it,
// not even a `changes` event with the same status (its arrival would say "staff just wrote something"),
// and the grievance's updatedAt, which the citizen reads, does not move. Staff watching hear of it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance } from '../../test/factories.ts';
import { citizenCaller } from '../../test/principals.ts';
import { createApiClient } from '../access/users.ts';
import { buildApp } from '../app.ts';
import { manualClock } from '../clock.ts';
import type { Database } from '../db/index.ts';

interface Stream {
  events: { event: string; data: unknown }[];
  close(): void;
}

function openStream(base: string, headers: Record<string, string>): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${base}/api/live`, { headers }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
      const events: Stream['events'] = [];
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data !== undefined) events.push({ event, data: JSON.parse(data) });
        }
      });
      resolve({ events, close: () => request.destroy() });
    });
    request.on('error', reject);
  });
}

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('not in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe.each(databases)('internal notes and the live stream on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  let base: string;
  const streams: Stream[] = [];
  const clock = manualClock('2026-03-02T04:30:00Z');
  let d: Awaited<ReturnType<typeof buildDeployment>>;

  beforeAll(async () => {
    database = await open();
    d = await buildDeployment({ db: database.db, clock });
    app = await buildApp(
      { db: database.db, clock },
      { rateLimit: false, cookieSecure: false, listen: database.listen, liveHeartbeatMs: 100 },
    );
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await app?.close();
    await database?.close();
  });

  it('tells staff of an internal note and the citizen nothing at all', async () => {
    const phone = '+919811100001';
    const { reference } = await buildGrievance({ db: database.db, clock }, d, { citizen: { phone } });
    const citizen = await citizenCaller(app, database, 'citizen', phone);
    const staff = await createApiClient(database.db, clock, {
      name: 'supervisor screen',
      grants: [{ role: 'supervisor' }],
      dangerousScope: true,
    });
    const staffHeaders = { authorization: `Bearer ${staff.key}` };
    const citizenStream = await openStream(base, citizen.headers);
    const staffStream = await openStream(base, staffHeaders);
    streams.push(citizenStream, staffStream);
    const about = (s: Stream) =>
      s.events.filter(
        (e) =>
          e.event === 'changes' && (e.data as { reference: string }[]).some((c) => c.reference === reference),
      ).length;
    const readAsCitizen = async () =>
      (await app.inject({ url: `/api/grievances/${reference}`, headers: citizen.headers })).json();
    const before = await readAsCitizen();

    clock.advance(60_000);
    const note = (internal: boolean, text: string) =>
      app.inject({
        method: 'POST',
        url: `/api/grievances/${reference}/actions`,
        headers: staffHeaders,
        payload: { type: 'note', note: text, internal },
      });
    const internal = await note(true, 'Citizen called twice before; check the old file.');
    expect(internal.statusCode, internal.body).toBeLessThan(300);
    await until(() => about(staffStream) === 1);

    // Then a public note, which the citizen does hear: by the time it arrives, anything about the
    // internal one would have arrived before it (one connection, in commit order).
    clock.advance(60_000);
    expect((await note(false, 'A team visits on Monday.')).statusCode).toBeLessThan(300);
    await until(() => about(staffStream) === 2 && about(citizenStream) >= 1);
    expect(about(citizenStream)).toBe(1);

    // What the citizen can read shows no trace of the internal note, nor of when it was written.
    const after = await readAsCitizen();
    expect(new Date(after.updatedAt).getTime()).toBe(clock.now().getTime());
    const history = (
      await app.inject({ url: `/api/grievances/${reference}/history`, headers: citizen.headers })
    ).json();
    expect(JSON.stringify(history)).not.toContain('old file');
    expect(new Date(before.updatedAt).getTime()).toBeLessThan(clock.now().getTime() - 60_000);
  });

  it('does not move the updatedAt a citizen reads when only an internal note was added', async () => {
    const phone = '+919811100002';
    const { reference } = await buildGrievance({ db: database.db, clock }, d, { citizen: { phone } });
    const citizen = await citizenCaller(app, database, 'citizen', phone);
    const staff = await createApiClient(database.db, clock, {
      name: 'another screen',
      grants: [{ role: 'supervisor' }],
      dangerousScope: true,
    });
    const read = async () =>
      (await app.inject({ url: `/api/grievances/${reference}`, headers: citizen.headers })).json().updatedAt;
    const before = await read();
    clock.advance(5 * 60_000);
    const res = await app.inject({
      method: 'POST',
      url: `/api/grievances/${reference}/actions`,
      headers: { authorization: `Bearer ${staff.key}` },
      payload: { type: 'note', note: 'internal only', internal: true },
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    expect(await read()).toBe(before);
  });
});
