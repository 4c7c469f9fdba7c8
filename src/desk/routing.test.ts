// Routing waiting calls to agents, and the agents' states: the longest-idle agent whose skills fit the
// queue gets the call; nobody gets two; every state change is on record and in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../../test/databases.ts';
import { buildAgent, buildQueue, queuedCall } from '../../test/desk.ts';
import { endCall } from '../calls/index.ts';
import type { Database } from '../db/index.ts';
import { createPlace } from '../places/index.ts';
import { getAgent, setAgentState } from './agents.ts';
import { answerCall, expireOffers, routeWaitingCalls, settleEndedCalls } from './routing.ts';
import { hangUp, wrapUp } from './wrap-up.ts';

const t = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 4, 30) + minutes * 60_000);
const who = { actorKind: 'staff', actorId: null, ip: '127.0.0.1' };

describe.each(databases)('desk routing on $name', ({ open }) => {
  let database: Database;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(async () => {
    await database?.close();
  });

  async function callState(id: number) {
    return database.db
      .selectFrom('calls')
      .select(['state', 'agent_user_id as agent', 'queued_at as queuedAt'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  }

  it('offers each waiting call to the longest-idle available agent whose languages, districts and skills fit', async () => {
    const { db } = database;
    const root = await createPlace(db, { parentId: null, code: 'R1', name: { en: 'State' } });
    const rajgarh = await createPlace(db, { parentId: root.id, code: 'RJ', name: { en: 'Rajgarh' } });
    const sehore = await createPlace(db, { parentId: root.id, code: 'SH', name: { en: 'Sehore' } });
    const rajgarhHindi = await buildQueue(db, { language: 'hi', placeId: rajgarh.id });

    // Idle longest first: the English speaker, the Sehore agent, the information-desk agent, then the
    // two who can take a Hindi grievance call from Rajgarh: Meena (free since 4) and Asha (since 6).
    const english = await buildAgent(db, t(0), 'Edwin', { languages: ['en'] }, t(1));
    const sehoreOnly = await buildAgent(db, t(0), 'Sita', { placeIds: [sehore.id] }, t(2));
    const info = await buildAgent(db, t(0), 'Irfan', { skills: ['information'] }, t(3));
    const meena = await buildAgent(db, t(0), 'Meena', { placeIds: [rajgarh.id, sehore.id] }, t(4));
    const asha = await buildAgent(db, t(0), 'Asha', { languages: ['hi', 'en'] }, t(6));
    await buildAgent(db, t(0), 'Signed out', {}); // never available

    const first = await queuedCall(db, t(10), rajgarhHindi);
    const second = await queuedCall(db, t(11), rajgarhHindi);
    const third = await queuedCall(db, t(12), rajgarhHindi);
    const offers = await routeWaitingCalls(db, t(12));
    expect(offers.map((o) => [o.callId, o.agentUserId])).toEqual([
      [first, meena],
      [second, asha],
    ]);
    expect(await callState(third)).toMatchObject({ state: 'queued', agent: null });
    for (const id of [english, sehoreOnly, info]) expect((await getAgent(db, id)).state).toBe('available');
    expect(await getAgent(db, meena)).toMatchObject({ state: 'on_call', callId: first, idleSince: null });

    // Nothing more to offer until someone is free; a second pass changes nothing.
    expect(await routeWaitingCalls(db, t(12))).toEqual([]);

    // Meena answers, talks, hangs up, wraps up: free again, and the third call is hers.
    await answerCall(db, t(12), first, meena, who);
    await hangUp(db, t(15), first, meena, who);
    expect((await getAgent(db, meena)).state).toBe('wrap_up');
    await wrapUp(db, t(16), first, meena, { disposition: 'registered', notes: 'Hand pump' }, who);
    expect(await getAgent(db, meena)).toMatchObject({ state: 'available', idleSince: t(16) });
    expect(await routeWaitingCalls(db, t(16))).toEqual([
      { callId: third, queueId: rajgarhHindi, agentUserId: meena },
    ]);
  });

  it('sends a call offered and not answered back to its place in the queue, and the agent on break', async () => {
    const { db } = database;
    // Each test works with a skill of its own, so calls and agents of the others never match.
    const skills = ['timeout'];
    const queue = await buildQueue(db, { code: 'TIMEOUT', language: 'hi', skill: 'timeout' });
    const a = await buildAgent(db, t(100), 'Away from desk', { skills }, t(100));
    const call = await queuedCall(db, t(101), queue);
    await routeWaitingCalls(db, t(101));
    expect(await callState(call)).toMatchObject({ state: 'offered', agent: a });
    // Not this one yet; the two left ringing in the first test (Asha's and Meena's) ring out.
    expect(await expireOffers(db, t(101))).toBe(2);
    expect(await expireOffers(db, new Date(t(101).getTime() + 30_000))).toBe(1);
    expect(await callState(call)).toMatchObject({ state: 'queued', agent: null, queuedAt: t(101) });
    expect(await getAgent(db, a)).toMatchObject({ state: 'break', callId: null });
    const events = await db
      .selectFrom('desk_agent_events')
      .select(['from_state', 'to_state', 'reason'])
      .where('user_id', '=', a)
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      { from_state: 'signed_out', to_state: 'available', reason: null },
      { from_state: 'available', to_state: 'on_call', reason: 'offered' },
      { from_state: 'on_call', to_state: 'break', reason: 'missed an offered call' },
    ]);
    // The caller gives up while waiting: abandoned, and no agent is left holding it.
    await endCall(db, t(103), call, { outcome: 'hung_up' });
    expect((await callState(call)).state).toBe('abandoned');
  });

  it('frees an agent whose caller hung up while it rang, and puts one who answered into wrap-up', async () => {
    const { db } = database;
    const skills = ['hangups'];
    const queue = await buildQueue(db, { code: 'HANGUPS', skill: 'hangups' });
    const ringing = await buildAgent(db, t(200), 'Ringing', { skills }, t(200));
    const talking = await buildAgent(db, t(200), 'Talking', { skills }, t(201));
    const gone = await queuedCall(db, t(202), queue);
    const talked = await queuedCall(db, t(202), queue);
    await routeWaitingCalls(db, t(202));
    await answerCall(db, t(203), talked, talking, who);
    // The IVR or PBX ends both calls through the voice seam; the desk settles the agents.
    await endCall(db, t(204), gone, { outcome: 'hung_up' });
    await endCall(db, t(205), talked, { outcome: 'hung_up' });
    expect(await settleEndedCalls(db, t(205))).toBe(2);
    expect(await getAgent(db, ringing)).toMatchObject({ state: 'available', idleSince: t(205) });
    expect(await getAgent(db, talking)).toMatchObject({ state: 'wrap_up', callId: talked });
    expect((await callState(gone)).state).toBe('abandoned');
  });

  it('lets agents choose only available, break and signed out, never in the middle of a call, and audits each change', async () => {
    const { db } = database;
    const a = await buildAgent(db, t(300), 'Chooser');
    await setAgentState(db, t(301), a, 'break', { byChoice: true, reason: 'tea', who });
    await setAgentState(db, t(310), a, 'available', { byChoice: true, who });
    await expect(setAgentState(db, t(311), a, 'on_call', { byChoice: true, who })).rejects.toMatchObject({
      code: 'illegal_transition',
    });
    await setAgentState(db, t(312), a, 'on_call', { byChoice: false, who: null });
    await expect(setAgentState(db, t(313), a, 'break', { byChoice: true, who })).rejects.toMatchObject({
      code: 'illegal_transition',
      details: [{ code: 'finish_call_first' }],
    });
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'reason', 'data', 'actor_kind'])
      .where('entity', '=', 'agent')
      .where('entity_id', '=', String(a))
      .orderBy('id')
      .execute();
    expect(audit.map((e) => [e.action, e.data, e.reason])).toEqual([
      ['desk.agent_state', { from: 'signed_out', to: 'break' }, 'tea'],
      ['desk.agent_state', { from: 'break', to: 'available' }, null],
      ['desk.agent_state', { from: 'available', to: 'on_call' }, null],
    ]);
  });

  it('never offers one call twice nor gives one agent two, when several nodes route at once', async () => {
    const { db } = database;
    const skills = ['race'];
    const queue = await buildQueue(db, { code: 'RACE', skill: 'race' });
    const agents = [];
    for (let i = 0; i < 5; i++)
      agents.push(await buildAgent(db, t(400), `Racer ${i}`, { skills }, t(400 + i)));
    const calls = [];
    for (let i = 0; i < 8; i++) calls.push(await queuedCall(db, t(410 + i), queue));
    // On PostgreSQL each pass runs on its own connection, as on separate nodes.
    const passes = await Promise.all([1, 2, 3, 4].map(() => routeWaitingCalls(db, t(420))));
    const offers = passes.flat();
    expect(offers).toHaveLength(5);
    expect(new Set(offers.map((o) => o.callId)).size).toBe(5);
    expect(new Set(offers.map((o) => o.agentUserId))).toEqual(new Set(agents));
    // The five oldest calls went first.
    expect(offers.map((o) => o.callId).sort((x, y) => x - y)).toEqual(calls.slice(0, 5));
  });
});
