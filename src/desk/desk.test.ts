// The desk through its API: a PBX posts a signed call event, the call waits in its queue and is offered
// to the agent, whose screen-pop shows the caller's history; the agent registers the grievance for the
// caller (no OTP: the call is the verification), the acknowledgement is queued, the caller hangs up and
// the wrap-up lands on the caller's history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { type Caller, staffCaller } from '../../test/principals.ts';
import type { Database } from '../db/index.ts';
import { signTelephony } from './telephony.ts';

describe.each(databases)('the desk API on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  let d: Deployment;
  let agent: Caller;
  let agentId: number;
  let other: Caller;
  let secret: string;
  const phone = '+919876511111';

  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
    d = await buildDeployment(api.deps);
    agent = await staffCaller(api.raw, database, api.clock, 'Desk agent Rekha', [{ role: 'agent' }]);
    other = await staffCaller(api.raw, database, api.clock, 'Desk agent Other', [{ role: 'agent' }]);
    const users = await database.db.selectFrom('users').select(['id', 'name']).execute();
    agentId = users.find((u) => u.name === 'Desk agent Rekha')?.id as number;
    const otherId = users.find((u) => u.name === 'Desk agent Other')?.id as number;
    const queue = await api.app.inject({
      method: 'POST',
      url: '/api/desk/queues',
      payload: { code: 'HI-RAJGARH', name: { en: 'Hindi, Rajgarh' }, language: 'hi', placeId: d.district.id },
    });
    expect(queue.statusCode).toBe(201);
    for (const id of [agentId, otherId]) {
      const saved = await api.app.inject({
        method: 'PUT',
        url: `/api/desk/agents/${id}`,
        // The other agent takes only information calls, so the grievance call is Rekha's.
        payload: {
          languages: ['hi'],
          placeIds: [],
          skills: id === agentId ? ['grievance'] : ['information'],
        },
      });
      expect(saved.statusCode).toBe(200);
    }
    const source = await api.app.inject({
      method: 'POST',
      url: '/api/desk/telephony-sources',
      payload: { code: 'centre-pbx', name: 'District centre PBX' },
    });
    expect(source.statusCode).toBe(201);
    secret = source.json().secret;
  }, 120_000);
  afterAll(async () => {
    await api?.app.close();
    await database?.close();
  });

  const post = (body: object, sign: { secret?: string; at?: number } = {}) => {
    const raw = JSON.stringify(body);
    const at = sign.at ?? Math.floor(api.clock.now().getTime() / 1000);
    return api.raw.inject({
      method: 'POST',
      url: '/api/telephony/centre-pbx/events',
      headers: {
        'content-type': 'application/json',
        'x-civicline-timestamp': String(at),
        'x-civicline-signature': signTelephony(sign.secret ?? secret, at, raw),
      },
      payload: raw,
    });
  };

  it('takes a signed call from the PBX to the agent, pops the caller, registers, and wraps up on the history', async () => {
    const { db } = database;
    const earlier = await buildGrievance(api.deps, d, {
      citizen: { phone, name: 'Ramvati' },
      channel: 'phone',
    });
    const secretOne = await buildGrievance(api.deps, d, {
      citizen: { phone, name: 'Ramvati' },
      anonymous: true,
      subject: 'Bribe asked by the line man',
    });

    const newCall = {
      event: 'new',
      callId: 'pbx-1',
      caller: phone,
      queue: 'HI-RAJGARH',
      language: 'hi',
      digits: '2 1',
    };
    // Unsigned, signed with another secret, or stale: refused, and nothing is queued.
    const unsigned = await api.raw.inject({
      method: 'POST',
      url: '/api/telephony/centre-pbx/events',
      payload: newCall,
    });
    expect(unsigned.statusCode).toBe(401);
    expect((await post(newCall, { secret: 'not-the-secret' })).statusCode).toBe(401);
    expect((await post(newCall, { at: Math.floor(api.clock.now().getTime() / 1000) - 600 })).statusCode).toBe(
      401,
    );
    expect(await db.selectFrom('calls').select('id').execute()).toEqual([]);

    // Rekha is on break: the call waits.
    const go = (state: string) =>
      api.raw.inject({
        method: 'POST',
        url: '/api/desk/me/state',
        headers: agent.headers,
        payload: { state },
      });
    expect((await go('break')).statusCode).toBe(200);
    const queued = await post(newCall);
    expect(queued.statusCode).toBe(200);
    expect(queued.json()).toMatchObject({ state: 'queued' });
    const callId = queued.json().callId as number;
    expect((await post(newCall)).json()).toEqual(queued.json()); // the PBX repeats itself: one call

    // She comes back: the call is offered to her at once.
    api.clock.advance(8_000);
    const back = await go('available');
    expect(back.json()).toMatchObject({ state: 'on_call', callId });

    // The screen-pop: who, what they pressed, their grievances with the office and due date, their
    // contacts; the anonymous grievance stays off it (the deployment's default).
    const pop = await api.raw.inject({ url: `/api/desk/calls/${callId}/screen-pop`, headers: agent.headers });
    expect(pop.statusCode).toBe(200);
    const body = pop.json();
    expect(body).toMatchObject({
      known: true,
      citizen: { phone, name: 'Ramvati' },
      call: { id: callId, caller: phone, language: 'hi', state: 'offered', queue: { code: 'HI-RAJGARH' } },
    });
    expect(body.call.path).toEqual([expect.objectContaining({ node: 'pbx', input: '2 1' })]);
    expect(body.grievances).toEqual([
      expect.objectContaining({
        reference: earlier.reference,
        status: 'assigned',
        position: { title: d.chain[0]?.title, officer: 'Officer 1' },
        dueAt: expect.any(String),
      }),
    ]);
    expect(pop.body).not.toContain(secretOne.reference);
    expect(pop.body).not.toContain('Bribe');
    // Another agent cannot open someone else's call.
    const nosy = await api.raw.inject({
      url: `/api/desk/calls/${callId}/screen-pop`,
      headers: other.headers,
    });
    expect(nosy.statusCode).toBe(404);

    // The PBX says she answered; she registers the caller's grievance on the call.
    expect((await post({ event: 'answered', callId: 'pbx-1' })).json()).toMatchObject({ state: 'connected' });
    const registered = await api.raw.inject({
      method: 'POST',
      url: '/api/grievances',
      headers: agent.headers,
      payload: {
        categoryId: d.category.id,
        placeId: d.village.id,
        subject: 'Hand pump broken again',
        description: 'Second time this month.',
        language: 'hi',
        channel: 'phone',
        citizen: { phone },
        interactionId: body.call.interactionId,
      },
    });
    expect(registered.statusCode).toBe(201);
    const reference = registered.json().reference as string;
    const ack = await db
      .selectFrom('notifications as n')
      .innerJoin('grievances as g', 'g.id', 'n.grievance_id')
      .select(['n.template', 'n.status', 'n.recipient_kind'])
      .where('g.reference', '=', reference)
      .where('n.recipient_kind', '=', 'citizen')
      .execute();
    expect(ack).toEqual([{ template: 'grievance_registered', status: 'pending', recipient_kind: 'citizen' }]);

    // The caller hangs up: she is in wrap-up; she saves it 40 seconds later and is free again.
    api.clock.advance(120_000);
    expect((await post({ event: 'hangup', callId: 'pbx-1' })).json()).toMatchObject({ state: 'ended' });
    const me = await api.raw.inject({ url: '/api/desk/me', headers: agent.headers });
    expect(me.json()).toMatchObject({ state: 'wrap_up', callId });
    api.clock.advance(40_000);
    const wrap = await api.raw.inject({
      method: 'POST',
      url: `/api/desk/calls/${callId}/wrap-up`,
      headers: agent.headers,
      payload: {
        disposition: 'registered',
        notes: 'Hand pump again; told her the due date',
        references: [reference],
      },
    });
    expect(wrap.statusCode).toBe(200);
    expect(wrap.json()).toEqual({ callId, disposition: 'registered', afterCallSeconds: 40 });
    expect((await api.raw.inject({ url: '/api/desk/me', headers: agent.headers })).json()).toMatchObject({
      state: 'available',
      callId: null,
    });
    const again = await api.raw.inject({
      method: 'POST',
      url: `/api/desk/calls/${callId}/wrap-up`,
      headers: agent.headers,
      payload: { disposition: 'prank' },
    });
    expect(again.statusCode).toBe(409);

    // On the caller's history: the call, how it ended, and the grievance it produced.
    const history = await api.raw.inject({
      url: `/api/citizens/${encodeURIComponent(phone)}/history`,
      headers: agent.headers,
    });
    expect(history.json().interactions[0]).toMatchObject({
      channel: 'phone',
      summary: 'registered: Hand pump again; told her the due date',
      references: [reference],
    });
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', [
        'telephony.new',
        'telephony.answered',
        'telephony.hangup',
        'desk.wrap_up',
        'citizen.screen_pop',
      ])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'citizen.screen_pop',
      'desk.wrap_up',
      'telephony.answered',
      'telephony.hangup',
      'telephony.new',
      'telephony.new',
    ]);
  });

  it('pops a new-contact form for an unknown caller, and shows anonymous grievances only where the deployment allows', async () => {
    const post2 = (body: object) => post(body);
    const stranger = '+919876522222';
    const res = await post2({ event: 'new', callId: 'pbx-2', caller: stranger, queue: 'HI-RAJGARH' });
    const callId = res.json().callId as number;
    expect((await api.raw.inject({ url: '/api/desk/me', headers: agent.headers })).json()).toMatchObject({
      callId,
    });
    const pop = await api.raw.inject({ url: `/api/desk/calls/${callId}/screen-pop`, headers: agent.headers });
    expect(pop.json()).toMatchObject({
      known: false,
      citizen: { phone: stranger, name: null },
      grievances: [],
      contacts: [],
    });
    // She turns it down: back in the queue, and as the only agent for it, offered to her again when she is free.
    const decline = await api.raw.inject({
      method: 'POST',
      url: `/api/desk/calls/${callId}/decline`,
      headers: agent.headers,
    });
    expect(decline.statusCode).toBe(200);
    expect((await api.raw.inject({ url: '/api/desk/me', headers: agent.headers })).json()).toMatchObject({
      state: 'on_call',
      callId,
    });
    await post2({ event: 'hangup', callId: 'pbx-2' });
    expect((await api.raw.inject({ url: '/api/desk/me', headers: agent.headers })).json()).toMatchObject({
      state: 'available',
    });

    // A deployment that lets agents see a caller's own anonymous grievances.
    await database.db.updateTable('desk_settings').set({ anonymous_to_agents: true }).execute();
    const third = await post2({ event: 'new', callId: 'pbx-3', caller: phone, queue: 'HI-RAJGARH' });
    const shown = await api.raw.inject({
      url: `/api/desk/calls/${third.json().callId}/screen-pop`,
      headers: agent.headers,
    });
    expect(shown.body).toContain('Bribe asked by the line man');
    await database.db.updateTable('desk_settings').set({ anonymous_to_agents: false }).execute();
  });
});
