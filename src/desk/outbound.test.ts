// Outbound work lists: the feedback call that closes or reopens a resolved grievance, callbacks asked
// for, and a scheme-awareness campaign with its attempts, retries, do-not-call list and progress.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../../test/databases.ts';
import { buildAgent, buildQueue, queuedCall } from '../../test/desk.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { SYSTEM } from '../access/principal.ts';
import { endCall } from '../calls/index.ts';
import { manualClock } from '../clock.ts';
import type { Database } from '../db/index.ts';
import { getGrievance, grievanceHistory, transition } from '../grievances/index.ts';
import { createPlace } from '../places/index.ts';
import { createCampaign, fillStandingLists, listProgress, recordAttempt, takeNext } from './outbound.ts';
import { answerCall } from './routing.ts';
import { wrapUp } from './wrap-up.ts';

const who = { actorKind: 'staff', actorId: null, ip: '127.0.0.1' };
const system = { kind: 'system' as const, id: null };

describe.each(databases)('outbound work lists on $name', ({ open }) => {
  let database: Database;
  let d: Deployment;
  const clock = manualClock('2026-03-02T04:30:00Z');
  beforeAll(async () => {
    database = await open();
    d = await buildDeployment({ db: database.db, clock });
  });
  afterAll(async () => {
    await database?.close();
  });

  const resolved = async (phone: string, subject: string) => {
    const g = await buildGrievance({ db: database.db, clock }, d, { citizen: { phone }, subject });
    await transition(database.db, clock, g.reference, { type: 'start' }, system);
    await transition(database.db, clock, g.reference, { type: 'resolve', note: 'Repaired the pump' }, system);
    return g.reference;
  };

  it('calls citizens about resolved grievances: not satisfied reopens with their words, satisfied closes', async () => {
    const { db } = database;
    const agent = await buildAgent(db, clock.now(), 'Feedback caller');
    const unhappy = await resolved('+919800000101', 'Pump still leaking');
    const happy = await resolved('+919800000102', 'Street light');
    clock.advance(60_000);
    expect(await fillStandingLists(db, clock.now())).toEqual({ feedback: 2, callbacks: 0 });
    expect(await fillStandingLists(db, clock.now())).toEqual({ feedback: 0, callbacks: 0 }); // once
    const list = (
      await db
        .selectFrom('outbound_lists')
        .select('id')
        .where('kind', '=', 'feedback')
        .executeTakeFirstOrThrow()
    ).id;

    // First: nobody answers; the item comes back after the retry interval (2 hours).
    const first = await takeNext(db, clock.now(), list, agent);
    expect(first).toMatchObject({
      kind: 'feedback',
      reference: unhappy,
      phone: '+919800000101',
      attempts: 0,
    });
    // A rating is the citizen's verdict: not on a call that did not reach them.
    await expect(
      recordAttempt(db, clock.now(), first?.id as number, agent, { result: 'no_answer', rating: 3 }, who),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await recordAttempt(db, clock.now(), first?.id as number, agent, { result: 'no_answer' }, who);
    const second = await takeNext(db, clock.now(), list, agent);
    expect(second?.reference).toBe(happy);
    await recordAttempt(
      db,
      clock.now(),
      second?.id as number,
      agent,
      { result: 'satisfied', rating: 4 },
      who,
    );
    expect((await getGrievance(db, happy)).status).toBe('closed');
    expect(await takeNext(db, clock.now(), list, agent)).toBeNull();

    clock.advance(2 * 3_600_000);
    const again = await takeNext(db, clock.now(), list, agent);
    expect(again).toMatchObject({ reference: unhappy, attempts: 1 });
    // Not satisfied needs the citizen's words.
    await expect(
      recordAttempt(db, clock.now(), again?.id as number, agent, { result: 'not_satisfied' }, who),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    const words = 'Still leaking at the joint, water wasted every day';
    await recordAttempt(
      db,
      clock.now(),
      again?.id as number,
      agent,
      { result: 'not_satisfied', notes: words, rating: 2 },
      who,
    );
    const reopened = await getGrievance(db, unhappy);
    expect(reopened).toMatchObject({ status: 'assigned', reopenCount: 1 });
    const events = await grievanceHistory(db, unhappy, SYSTEM);
    expect(events.at(-1)).toMatchObject({
      kind: 'reopened',
      note: words,
      actorKind: 'agent',
      actorId: agent,
    });

    // Both verdicts with their ratings, where the portal's go (the citizen_feedback view, 0090).
    const feedback = await sql<{
      reference: string;
      satisfied: boolean;
      rating: number;
      reason: string | null;
    }>`
      select g.reference, f.satisfied, f.rating, f.reason
      from citizen_feedback f join grievances g on g.id = f.grievance_id
      where g.reference in (${happy}, ${unhappy}) order by f.event_id`.execute(db);
    expect(feedback.rows).toEqual([
      { reference: happy, satisfied: true, rating: 4, reason: null },
      { reference: unhappy, satisfied: false, rating: 2, reason: words },
    ]);

    expect(await listProgress(db, list, clock.now())).toMatchObject({
      total: 2,
      states: { pending: 0, in_progress: 0, done: 2, failed: 0, skipped: 0 },
      outcomes: { satisfied: 1, not_satisfied: 1 },
      attempts: 3,
      percentDone: 100,
    });
  });

  it('lists the calls that asked for a callback', async () => {
    const { db } = database;
    const queue = await buildQueue(db, { skill: 'callbacks' });
    const agent = await buildAgent(db, clock.now(), 'Callback agent', { skills: ['callbacks'] }, clock.now());
    const call = await queuedCall(db, clock.now(), queue, '+919800000201');
    await answerCall(db, clock.now(), call, agent, null);
    await wrapUp(
      db,
      clock.now(),
      call,
      agent,
      { disposition: 'callback_needed', notes: 'Call after 6 pm' },
      who,
    );
    expect(await fillStandingLists(db, clock.now())).toMatchObject({ callbacks: 1 });
    const list = (
      await db
        .selectFrom('outbound_lists')
        .select('id')
        .where('kind', '=', 'callback')
        .executeTakeFirstOrThrow()
    ).id;
    expect(await takeNext(db, clock.now(), list, agent)).toMatchObject({
      kind: 'callback',
      callId: call,
      phone: '+919800000201',
    });
    await recordAttempt(
      db,
      clock.now(),
      (await takeNext(db, clock.now(), list, agent))?.id as number,
      agent,
      { result: 'called_back' },
      who,
    );

    // After hours the IVR took a callback request, due when the queue opens at 08:00 tomorrow: not before.
    const night = await queuedCall(db, clock.now(), queue, '+919800000202');
    await endCall(db, clock.now(), night, { outcome: 'callback_requested' });
    const opens = new Date(clock.now().getTime() + 12 * 3_600_000);
    await db
      .insertInto('ivr_callbacks')
      .values({
        call_id: night,
        citizen_id: null,
        phone: '+919800000202',
        language: 'hi',
        district_id: null,
        queue_id: queue,
        due_from: opens,
        requested_at: clock.now(),
      })
      .execute();
    expect(await fillStandingLists(db, clock.now())).toMatchObject({ callbacks: 1 });
    expect(await takeNext(db, clock.now(), list, agent)).toBeNull();
    expect(await takeNext(db, opens, list, agent)).toMatchObject({ callId: night, phone: '+919800000202' });
  });

  it('runs a campaign to a segment with attempts, retries, the do-not-call list and its progress', async () => {
    const { db } = database;
    const agent = await buildAgent(db, clock.now(), 'Campaign caller');
    const elsewhere = await createPlace(db, {
      parentId: d.district.parentId as number,
      code: 'ELSEWHERE',
      name: { en: 'Elsewhere' },
    });
    const inSegment = async (phone: string, overrides: object = {}) =>
      buildGrievance({ db: database.db, clock }, d, {
        citizen: { phone, language: 'hi' },
        language: 'hi',
        ...overrides,
      });
    await inSegment('+919800000301');
    await inSegment('+919800000302');
    await inSegment('+919800000303'); // will ask never to be called
    await inSegment('+919800000304', { citizen: { phone: '+919800000304', language: 'en' } }); // English
    await inSegment('+919800000305', { placeId: elsewhere.id }); // another district
    const list = await createCampaign(
      db,
      clock.now(),
      {
        name: 'Jal Jeevan Mission awareness',
        segment: { placeId: d.district.id, categoryId: d.category.id, language: 'hi' },
        maxAttempts: 2,
        retryMinutes: 60,
      },
      agent,
    );
    const phones = await db
      .selectFrom('outbound_items as i')
      .innerJoin('citizens as c', 'c.id', 'i.citizen_id')
      .select('c.phone')
      .where('i.list_id', '=', list)
      .orderBy('c.phone')
      .execute();
    expect(phones.map((p) => p.phone)).toEqual(['+919800000301', '+919800000302', '+919800000303']);

    const call = async (result: Parameters<typeof recordAttempt>[4]['result']) => {
      const item = await takeNext(db, clock.now(), list, agent);
      if (!item) throw new Error('nothing due');
      await recordAttempt(db, clock.now(), item.id, agent, { result }, who);
      return item.phone;
    };
    expect(await call('interested')).toBe('+919800000301');
    expect(await call('busy')).toBe('+919800000302');
    expect(await call('do_not_call')).toBe('+919800000303');
    expect(await takeNext(db, clock.now(), list, agent)).toBeNull(); // the busy one waits an hour
    expect(await listProgress(db, list, clock.now())).toMatchObject({
      total: 3,
      states: { pending: 1, done: 1, skipped: 1 },
      attempts: 3,
      percentDone: 67,
    });
    clock.advance(3_600_000);
    expect(await call('no_answer')).toBe('+919800000302'); // the second and last attempt
    expect(await listProgress(db, list, clock.now())).toMatchObject({
      states: { pending: 0, done: 1, failed: 1, skipped: 1 },
      outcomes: { interested: 1, no_answer: 1, do_not_call: 1 },
      attempts: 4,
      percentDone: 100,
    });
    // Never on a list again.
    expect(await db.selectFrom('do_not_call').select('phone').execute()).toEqual([
      { phone: '+919800000303' },
    ]);
    const next = await createCampaign(db, clock.now(), { name: 'Again', segment: { language: 'hi' } }, agent);
    const again = await db
      .selectFrom('outbound_items as i')
      .innerJoin('citizens as c', 'c.id', 'i.citizen_id')
      .select('c.phone')
      .where('i.list_id', '=', next)
      .execute();
    expect(again.map((p) => p.phone)).not.toContain('+919800000303');
  });
});
