// What the desk's screens call beyond the call itself, through the API: flags and the monthly cap on the
// screen-pop; an enquiry answered from the knowledge base, and one registered as an information request;
// the recording a PBX gives on hang-up, played in quality review; a configurable checklist and the
// agent's correction of a returned registration; pausing a campaign, its retry timing, and the
// do-not-call list; a queue's hours (a PBX call out of hours goes to the callback list); and listen-in
// refused where the generic webhook cannot do it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { type Caller, staffCaller } from '../../test/principals.ts';
import { SYSTEM } from '../access/principal.ts';
import type { Database } from '../db/index.ts';
import { createCategory } from '../directory/index.ts';
import { grievanceHistory } from '../grievances/index.ts';
import { saveRule } from '../routing/index.ts';
import { fillStandingLists } from './outbound.ts';
import { signTelephony } from './telephony.ts';

describe.each(databases)('the desk screens API on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  let d: Deployment;
  let agent: Caller;
  let supervisor: Caller;
  let admin: Caller;
  let agentId: number;
  let secret: string;
  let n = 0;

  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
    d = await buildDeployment(api.deps);
    agent = await staffCaller(api.raw, database, api.clock, 'Screens agent', [{ role: 'agent' }]);
    supervisor = await staffCaller(api.raw, database, api.clock, 'Screens supervisor', [
      { role: 'supervisor' },
    ]);
    admin = await staffCaller(api.raw, database, api.clock, 'Screens admin', [{ role: 'admin' }]);
    const users = await database.db.selectFrom('users').select(['id', 'name']).execute();
    agentId = users.find((u) => u.name === 'Screens agent')?.id as number;
    expect(
      (
        await api.app.inject({
          method: 'POST',
          url: '/api/desk/queues',
          payload: { code: 'SCREENS', name: { en: 'Screens' }, language: 'hi' },
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await api.app.inject({
          method: 'PUT',
          url: `/api/desk/agents/${agentId}`,
          payload: { languages: ['hi'], placeIds: [], skills: ['grievance'] },
        })
      ).statusCode,
    ).toBe(200);
    const source = await api.app.inject({
      method: 'POST',
      url: '/api/desk/telephony-sources',
      payload: { code: 'screens-pbx', name: 'Screens PBX' },
    });
    secret = source.json().secret;
    await inject(agent, 'POST', '/api/desk/me/state', { state: 'available' });
  }, 120_000);
  afterAll(async () => {
    await api?.app.close();
    await database?.close();
  });

  const inject = (who: Caller, method: string, url: string, payload?: object) =>
    api.raw.inject({ method: method as 'GET', url, headers: who.headers, ...(payload ? { payload } : {}) });
  const pbx = (body: object) => {
    const raw = JSON.stringify(body);
    const at = Math.floor(api.clock.now().getTime() / 1000);
    return api.raw.inject({
      method: 'POST',
      url: '/api/telephony/screens-pbx/events',
      headers: {
        'content-type': 'application/json',
        'x-civicline-timestamp': String(at),
        'x-civicline-signature': signTelephony(secret, at, raw),
      },
      payload: raw,
    });
  };
  /** A PBX call from `caller`, offered to and answered by the agent. */
  const answeredCall = async (caller: string) => {
    const pbxId = `screens-${++n}`;
    const queued = await pbx({ event: 'new', callId: pbxId, caller, queue: 'SCREENS', language: 'hi' });
    expect(queued.statusCode, queued.body).toBe(200);
    const callId = queued.json().callId as number;
    await expect
      .poll(async () => (await inject(agent, 'GET', '/api/desk/me')).json().callId, { timeout: 10_000 })
      .toBe(callId);
    expect((await pbx({ event: 'answered', callId: pbxId })).statusCode).toBe(200);
    return { callId, pbxId };
  };
  const finish = async (call: { callId: number; pbxId: string }, recordingUrl?: string) => {
    expect(
      (await pbx({ event: 'hangup', callId: call.pbxId, ...(recordingUrl ? { recordingUrl } : {}) }))
        .statusCode,
    ).toBe(200);
    const wrap = await inject(agent, 'POST', `/api/desk/calls/${call.callId}/wrap-up`, {
      disposition: 'enquiry_answered',
    });
    expect(wrap.statusCode, wrap.body).toBe(200);
  };

  it('shows flags with their reasons and the monthly cap on the screen-pop, and the override is audited', async () => {
    const phone = '+919812300001';
    await buildGrievance(api.deps, d, { citizen: { phone, name: 'Habitual' } });
    await buildGrievance(api.deps, d, { citizen: { phone, name: 'Habitual' } });
    expect(
      (await api.app.inject({ method: 'PATCH', url: '/api/desk/settings', payload: { monthlyCap: 2 } }))
        .statusCode,
    ).toBe(200);
    const citizen = await database.db
      .selectFrom('citizens')
      .select('id')
      .where('phone', '=', phone)
      .executeTakeFirstOrThrow();
    const flagged = await inject(agent, 'POST', `/api/desk/citizens/${citizen.id}/flags`, {
      reason: 'Calls daily about the same pump',
    });
    expect(flagged.statusCode).toBe(201);

    const call = await answeredCall(phone);
    const pop = (await inject(agent, 'GET', `/api/desk/calls/${call.callId}/screen-pop`)).json();
    expect(pop.flags).toEqual([
      { id: flagged.json().id, reason: 'Calls daily about the same pump', flaggedAt: expect.any(String) },
    ]);
    expect(pop.cap).toEqual({ limit: 2, used: 2 });

    const body = {
      categoryId: d.category.id,
      placeId: d.village.id,
      subject: 'Pump again',
      description: 'Third time this month',
      language: 'hi',
      citizen: { phone },
      callId: call.callId,
    };
    const refused = await inject(agent, 'POST', '/api/desk/registrations', body);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().details[0].code).toBe('monthly_cap_reached');
    const past = await inject(agent, 'POST', '/api/desk/registrations', {
      ...body,
      capOverride: 'A new problem: the pump now gives muddy water',
    });
    expect(past.statusCode, past.body).toBe(201);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'reason', 'entity_id'])
      .where('action', '=', 'desk.cap_override')
      .execute();
    expect(audit).toEqual([
      {
        action: 'desk.cap_override',
        reason: 'A new problem: the pump now gives muddy water',
        entity_id: past.json().reference,
      },
    ]);
    await api.app.inject({ method: 'PATCH', url: '/api/desk/settings', payload: { monthlyCap: null } });
    await finish(call);
  });

  it('logs an enquiry answered from the knowledge base, and registers one that needs a department', async () => {
    const article = await api.app.inject({
      method: 'POST',
      url: '/api/knowledge',
      payload: {
        code: 'OLD-AGE-PENSION',
        kind: 'scheme',
        title: { en: 'Old age pension' },
        summary: { en: 'Monthly pension for citizens over 60.' },
        shortAnswer: { en: 'Citizens over 60 get 600 rupees a month; apply at the block office.' },
        published: true,
      },
    });
    expect(article.statusCode, article.body).toBe(201);
    const info = await createCategory(database.db, {
      departmentId: d.department.id,
      code: 'PHE-INFO',
      name: { en: 'Water connection information' },
      kind: 'information',
      resolutionValue: 7,
      resolutionUnit: 'calendar_days',
    });
    await saveRule(database.db, {
      categoryId: info.id,
      placeId: d.district.id,
      steps: d.chain.map((p, i) => ({ level: i + 1, positionId: p.id })),
    });

    const call = await answeredCall('+919812300002');
    const answered = await inject(agent, 'POST', '/api/desk/enquiries', {
      callId: call.callId,
      question: 'How much is the old age pension?',
      articleId: article.json().id,
      outcome: 'answered',
    });
    expect(answered.statusCode, answered.body).toBe(201);
    expect(answered.json()).toEqual({
      id: expect.any(Number),
      outcome: 'answered',
      reference: null,
      dueAt: null,
    });

    // An information request needs an information category.
    const wrongKind = await inject(agent, 'POST', '/api/desk/enquiries', {
      callId: call.callId,
      question: 'When will the new pipeline reach our village?',
      outcome: 'information_request',
      request: { categoryId: d.category.id, placeId: d.village.id, language: 'hi' },
    });
    expect(wrongKind.statusCode).toBe(400);
    const request = await inject(agent, 'POST', '/api/desk/enquiries', {
      callId: call.callId,
      question: 'When will the new pipeline reach our village?',
      outcome: 'information_request',
      request: { categoryId: info.id, placeId: d.village.id, language: 'hi' },
    });
    expect(request.statusCode, request.body).toBe(201);
    const reference = request.json().reference as string;
    const g = await database.db
      .selectFrom('grievances')
      .select(['channel', 'subject', 'category_id', 'status'])
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    expect(g).toEqual({
      channel: 'phone',
      subject: 'When will the new pipeline reach our village?',
      category_id: info.id,
      status: 'assigned',
    });
    const logged = await inject(agent, 'GET', `/api/desk/calls/${call.callId}/enquiries`);
    expect(logged.json()).toEqual([
      expect.objectContaining({ outcome: 'answered', article: { en: 'Old age pension' }, reference: null }),
      expect.objectContaining({ outcome: 'information_request', article: null, reference }),
    ]);
    // Someone else's call is not theirs to log on.
    const other = await inject(supervisor, 'POST', '/api/desk/enquiries', {
      callId: call.callId,
      question: 'x',
      outcome: 'answered',
    });
    expect(other.statusCode).toBe(404);
    await finish(call);

    // At a walk-in centre there is no call: the visit is the contact, on the visitor's history when they
    // give a phone number, and an information request is registered as a walk-in with the centre.
    const visit = await inject(agent, 'POST', '/api/desk/enquiries', {
      centrePlaceId: d.block.id,
      phone: '+919812300077',
      question: 'How do I apply for the old age pension?',
      articleId: article.json().id,
      outcome: 'answered',
    });
    expect(visit.statusCode, visit.body).toBe(201);
    const visitRow = await database.db
      .selectFrom('desk_enquiries as e')
      .innerJoin('interactions as i', 'i.id', 'e.interaction_id')
      .innerJoin('citizens as c', 'c.id', 'i.citizen_id')
      .select([
        'e.call_id',
        'e.centre_place_id',
        'e.citizen_id',
        'c.id as citizen',
        'c.phone',
        'i.channel',
        'i.summary',
      ])
      .where('e.id', '=', visit.json().id)
      .executeTakeFirstOrThrow();
    expect(visitRow).toEqual({
      call_id: null,
      centre_place_id: d.block.id,
      citizen_id: visitRow.citizen,
      citizen: expect.any(Number),
      phone: '+919812300077',
      channel: 'walk_in',
      summary: 'How do I apply for the old age pension?',
    });
    const walkInVisits = () =>
      database.db
        .selectFrom('interactions')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('channel', '=', 'walk_in')
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n));
    const visitsBefore = await walkInVisits();
    // At the monthly cap the request is refused until the clerk gives a reason; the refusal logs no visit.
    await database.db.updateTable('desk_settings').set({ monthly_cap: 1 }).execute();
    const tanker = {
      centrePlaceId: d.block.id,
      phone: '+919812300077',
      question: 'Is there a tanker schedule for our ward?',
      outcome: 'information_request',
      request: { categoryId: info.id, placeId: d.village.id, language: 'hi' },
    };
    await inject(agent, 'POST', '/api/desk/enquiries', { ...tanker, question: 'First request this month' });
    const afterFirst = await walkInVisits();
    const capped = await inject(agent, 'POST', '/api/desk/enquiries', tanker);
    expect(capped.statusCode, capped.body).toBe(409);
    expect(capped.json().details[0].code).toBe('monthly_cap_reached');
    expect(await walkInVisits()).toBe(afterFirst);
    const walkInRequest = await inject(agent, 'POST', '/api/desk/enquiries', {
      ...tanker,
      request: { ...tanker.request, capOverride: 'Asks for the whole ward' },
    });
    await database.db.updateTable('desk_settings').set({ monthly_cap: null }).execute();
    expect(walkInRequest.statusCode, walkInRequest.body).toBe(201);
    const walkIn = await database.db
      .selectFrom('grievances as g')
      .innerJoin('desk_registrations as r', 'r.grievance_id', 'g.id')
      .innerJoin('desk_enquiries as e', 'e.grievance_id', 'g.id')
      .innerJoin('interaction_grievances as ig', 'ig.grievance_id', 'g.id')
      .select(['g.channel', 'r.centre_place_id', 'e.interaction_id', 'ig.interaction_id as grievanceContact'])
      .where('g.reference', '=', walkInRequest.json().reference)
      .executeTakeFirstOrThrow();
    expect(walkIn).toEqual({
      channel: 'walk_in',
      centre_place_id: d.block.id,
      interaction_id: walkIn.grievanceContact,
      grievanceContact: expect.any(Number),
    });
    // One visit, not two: the enquiry and its request share the contact.
    expect(afterFirst).toBe(visitsBefore + 1);
    expect(await walkInVisits()).toBe(visitsBefore + 2);
    // Exactly one of the call and the centre.
    for (const payload of [
      { question: 'x', outcome: 'answered' },
      { callId: call.callId, centrePlaceId: d.block.id, question: 'x', outcome: 'answered' },
    ]) {
      const refused = await inject(agent, 'POST', '/api/desk/enquiries', payload);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().details[0].field).toBe('callId');
    }
  });

  it("reviews on the configured checklist with the recording, and takes the agent's correction back to the reviewer", async () => {
    const { db } = database;
    await db.updateTable('desk_settings').set({ quality_share_percent: 100 }).execute();
    const saved = await inject(admin, 'PUT', '/api/desk/quality/checklist', {
      items: [
        { code: 'category_correct', label: { en: 'Category is right', hi: 'श्रेणी सही है' } },
        { code: 'greeting', label: { en: 'Greeted with the script' } },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().map((i: { code: string }) => i.code)).toEqual(['category_correct', 'greeting']);
    const all = await inject(agent, 'GET', '/api/desk/quality/checklist?all=true');
    expect(all.json()).toHaveLength(6); // the five it started with, four retired, and the new one

    const call = await answeredCall('+919812300003');
    const reg = await inject(agent, 'POST', '/api/desk/registrations', {
      categoryId: d.category.id,
      placeId: d.village.id,
      subject: 'Pump',
      description: 'Pump broken',
      language: 'hi',
      citizen: { phone: '+919812300003' },
      callId: call.callId,
    });
    expect(reg.json().sampled).toBe(true);
    await finish(call, 'https://pbx.centre.example/recordings/screens-3.wav');

    const open = await inject(supervisor, 'GET', '/api/desk/quality/reviews?status=open');
    const review = open.json().find((r: { reference: string }) => r.reference === reg.json().reference);
    expect(review).toMatchObject({
      status: 'pending',
      description: 'Pump broken',
      category: { en: 'Hand pump not working' },
      recordingUrl: 'https://pbx.centre.example/recordings/screens-3.wav',
    });
    // Scores on the old checklist are refused; on the configured one, returned with what to correct.
    const old = await inject(supervisor, 'POST', `/api/desk/quality/reviews/${review.id}`, {
      scores: { category_correct: 2, place_correct: 2 },
      outcome: 'passed',
    });
    expect(old.statusCode).toBe(400);
    const returned = await inject(supervisor, 'POST', `/api/desk/quality/reviews/${review.id}`, {
      scores: { category_correct: 2, greeting: 0 },
      outcome: 'returned',
      comments: 'Say the village: the description names none',
    });
    expect(returned.json()).toEqual({ id: review.id, status: 'returned', score: 50 });

    // The agent sees it and corrects it; the correction is on the grievance's history for the officer.
    const mine = await inject(agent, 'GET', '/api/desk/quality/reviews?status=returned');
    expect(mine.json().map((r: { id: number }) => r.id)).toEqual([review.id]);
    const corrected = await inject(agent, 'POST', `/api/desk/quality/reviews/${review.id}/correction`, {
      correction: 'The pump is in Kachnariya, near the school',
    });
    expect(corrected.json()).toEqual({ id: review.id, status: 'corrected' });
    const again = await inject(agent, 'POST', `/api/desk/quality/reviews/${review.id}/correction`, {
      correction: 'twice',
    });
    expect(again.statusCode).toBe(409);
    const history = await grievanceHistory(db, reg.json().reference, SYSTEM);
    expect(history.map((e) => e.note)).toContain(
      'Correction after quality review: The pump is in Kachnariya, near the school',
    );
    // Back in the reviewer's queue; passed this time; the month's figures count it as sent back once.
    const back = await inject(supervisor, 'GET', '/api/desk/quality/reviews?status=open');
    expect(back.json().find((r: { id: number }) => r.id === review.id)).toMatchObject({
      status: 'corrected',
      correction: 'The pump is in Kachnariya, near the school',
    });
    const passed = await inject(supervisor, 'POST', `/api/desk/quality/reviews/${review.id}`, {
      scores: { category_correct: 2, greeting: 2 },
      outcome: 'passed',
    });
    expect(passed.json()).toEqual({ id: review.id, status: 'passed', score: 100 });
    const scores = await inject(supervisor, 'GET', '/api/desk/quality/agents');
    expect(scores.json()).toContainEqual(
      expect.objectContaining({ agent: 'Screens agent', reviewed: 1, returned: 1, averageScore: 100 }),
    );
    await db.updateTable('desk_settings').set({ quality_share_percent: 5 }).execute();
  });

  it('pauses a campaign, holds retries back, and keeps numbers on the do-not-call list off every list', async () => {
    const first = '+919812300011';
    const second = '+919812300012';
    for (const phone of [first, second]) await buildGrievance(api.deps, d, { citizen: { phone } });
    const created = await inject(supervisor, 'POST', '/api/desk/outbound-lists', {
      name: 'Pension awareness',
      segment: { placeId: d.district.id, categoryId: d.category.id },
      maxAttempts: 2,
      retryMinutes: 30,
    });
    expect(created.statusCode, created.body).toBe(201);
    const list = created.json();
    const total = list.total as number;
    expect(list).toMatchObject({ states: { pending: total }, dueNow: total, nextDueAt: null });

    // Paused: nobody is handed out.
    expect(
      (await inject(supervisor, 'PATCH', `/api/desk/outbound-lists/${list.id}`, { status: 'paused' })).json(),
    ).toMatchObject({ status: 'paused' });
    expect((await inject(agent, 'POST', `/api/desk/outbound-lists/${list.id}/next`)).json()).toBeNull();
    await inject(supervisor, 'PATCH', `/api/desk/outbound-lists/${list.id}`, { status: 'running' });

    // The second citizen asks at the centre never to be called: off the list at once.
    const dnc = await inject(supervisor, 'POST', '/api/desk/do-not-call', {
      phone: second,
      reason: 'Asked at the centre',
    });
    expect(dnc.json()).toEqual({ phone: second, skipped: 1 });
    expect((await inject(supervisor, 'GET', '/api/desk/do-not-call')).json()).toContainEqual(
      expect.objectContaining({
        phone: second,
        reason: 'Asked at the centre',
        addedBy: 'Screens supervisor',
      }),
    );

    // Busy: tried again in 30 minutes; the progress says so.
    const taken = [];
    for (;;) {
      const item = (await inject(agent, 'POST', `/api/desk/outbound-lists/${list.id}/next`)).json();
      if (!item) break;
      expect(item.phone).not.toBe(second);
      taken.push(item.phone);
      await inject(agent, 'POST', `/api/desk/outbound-items/${item.id}/attempts`, { result: 'busy' });
    }
    expect(taken).toContain(first);
    const progress = (await inject(supervisor, 'GET', `/api/desk/outbound-lists/${list.id}`)).json();
    expect(progress).toMatchObject({
      attempts: taken.length,
      dueNow: 0,
      nextDueAt: new Date(api.clock.now().getTime() + 30 * 60_000).toISOString(),
      states: { skipped: 1, pending: taken.length },
    });
    const attempts = (await inject(supervisor, 'GET', `/api/desk/outbound-lists/${list.id}/attempts`)).json();
    expect(attempts[0]).toMatchObject({ result: 'busy', agent: 'Screens agent', attempts: 1 });
    // Finished lists stay finished; the standing lists cannot be paused.
    await inject(supervisor, 'PATCH', `/api/desk/outbound-lists/${list.id}`, { status: 'done' });
    expect(
      (await inject(supervisor, 'PATCH', `/api/desk/outbound-lists/${list.id}`, { status: 'running' }))
        .statusCode,
    ).toBe(409);
    expect(
      (await inject(supervisor, 'DELETE', `/api/desk/do-not-call/${encodeURIComponent(second)}`)).statusCode,
    ).toBe(200);
  });

  it('gives a queue its hours, and refuses listen-in on a call the generic webhook carries', async () => {
    const { db } = database;
    const calendar = await db
      .insertInto('calendars')
      .values({ name: 'Screens line', time_zone: 'Asia/Kolkata', is_default: false })
      .returning('id')
      .executeTakeFirstOrThrow();
    const queue = (await inject(supervisor, 'GET', '/api/desk/queues'))
      .json()
      .find((q: { code: string }) => q.code === 'SCREENS');
    // A calendar with no hours: never open.
    const closed = await inject(supervisor, 'PATCH', `/api/desk/queues/${queue.id}`, {
      calendarId: calendar.id,
    });
    expect(closed.json()).toMatchObject({ calendarId: calendar.id, open: false, opensAt: null });
    // A PBX call to the closed queue is not queued: it ends after hours, and the caller is called back.
    const night = await pbx({
      event: 'new',
      callId: 'screens-night',
      caller: '+919812300031',
      queue: 'SCREENS',
    });
    expect(night.json()).toEqual({ callId: expect.any(Number), state: 'closed', opensAt: null });
    const ended = await db
      .selectFrom('calls')
      .select(['state', 'outcome', 'queue_id'])
      .where('id', '=', night.json().callId)
      .executeTakeFirstOrThrow();
    expect(ended).toEqual({ state: 'ended', outcome: 'after_hours', queue_id: null });
    expect(await fillStandingLists(db, api.clock.now())).toMatchObject({ callbacks: 1 });
    const open = await inject(supervisor, 'PATCH', `/api/desk/queues/${queue.id}`, { calendarId: null });
    expect(open.json()).toMatchObject({ calendarId: null, open: true });
    expect(
      (await inject(supervisor, 'PATCH', `/api/desk/queues/${queue.id}`, { calendarId: 999999 })).statusCode,
    ).toBe(400);

    const call = await answeredCall('+919812300021');
    const board = (await inject(supervisor, 'GET', '/api/desk/wallboard')).json();
    expect(board.perAgent.find((a: { userId: number }) => a.userId === agentId).call).toMatchObject({
      id: call.callId,
      caller: '+919812300021',
      state: 'connected',
      monitor: [],
    });
    const listen = await inject(supervisor, 'POST', `/api/desk/calls/${call.callId}/monitor`, {
      mode: 'listen',
    });
    expect(listen.statusCode).toBe(409);
    expect(listen.json().details[0].code).toBe('monitoring_unsupported');
    await finish(call);
  });
});
