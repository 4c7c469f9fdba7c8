// The wallboard's figures against a day of calls worked out by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../../test/databases.ts';
import { buildAgent, buildQueue, queuedCall } from '../../test/desk.ts';
import { endCall } from '../calls/index.ts';
import type { Database } from '../db/index.ts';
import { setAgentState } from './agents.ts';
import { registerCallControl } from './monitoring.ts';
import { answerCall } from './routing.ts';
import { wallboard } from './wallboard.ts';
import { wrapUp } from './wrap-up.ts';

// 15:30 in India; the day there began at 18:30 UTC the day before.
const NOW = new Date('2026-03-02T10:00:00Z');
const at = (hms: string) => new Date(`2026-03-02T${hms}Z`);
const who = { actorKind: 'staff', actorId: null, ip: null };

describe.each(databases)('the wallboard on $name', ({ open }) => {
  let database: Database;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('counts waiting calls, agents by state, service level, abandoned and handling time as worked out by hand', async () => {
    const { db } = database;
    const hindi = await buildQueue(db, { code: 'A-HINDI', language: 'hi' });
    const english = await buildQueue(db, { code: 'B-ENGLISH', language: 'en' });
    // The English queue keeps office hours, 08:00-14:00 in India on weekdays: closed at 15:30 on Monday,
    // open again at 08:00 on Tuesday (02:30 UTC).
    const calendar = await db
      .insertInto('calendars')
      .values({ name: 'English line', time_zone: 'Asia/Kolkata', is_default: false })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('calendar_hours')
      .values(
        [1, 2, 3, 4, 5].map((weekday) => ({
          calendar_id: calendar.id,
          weekday,
          opens_minute: 480,
          closes_minute: 840,
        })),
      )
      .execute();
    await db.updateTable('call_queues').set({ calendar_id: calendar.id }).where('id', '=', english).execute();
    // The telephony carrying these calls lets a supervisor listen in (and nothing more).
    const unregister = registerCallControl({
      handles: (provider) => provider === 'test',
      modes: ['listen'],
      monitor: async () => undefined,
    });
    const x = await buildAgent(db, at('03:00:00'), 'Xavier', {}, new Date('2026-03-01T17:00:00Z'));
    const y = await buildAgent(db, at('03:00:00'), 'Yamini', {}, new Date('2026-03-01T17:00:00Z'));
    const z = await buildAgent(db, at('03:00:00'), 'Zoya', {}, new Date('2026-03-01T17:00:00Z'));
    await buildAgent(db, at('03:00:00'), 'Wasim (signed out)');

    /** A call answered `wait` seconds after it queued, talked for `talk` s, wrapped up `acw` s later. */
    const handled = async (
      queued: string | Date,
      wait: number,
      talk: number,
      acw: number | null,
      agent: number,
      disposition: 'status_given' | 'registered' = 'status_given',
    ) => {
      const q = typeof queued === 'string' ? at(queued) : queued;
      const id = await queuedCall(db, q, hindi);
      const answered = new Date(q.getTime() + wait * 1000);
      await answerCall(db, answered, id, agent, null);
      if (acw === null) return id;
      const ended = new Date(answered.getTime() + talk * 1000);
      await endCall(db, ended, id, { outcome: 'hung_up' });
      await wrapUp(db, new Date(ended.getTime() + acw * 1000), id, agent, { disposition }, who);
      return id;
    };

    // Yesterday (in India): not counted today.
    await handled(new Date('2026-03-01T18:00:00Z'), 5, 60, 10, x);
    // c1: answered in 10 s, 300 s talk + 30 s after-call work = 330 s.
    await handled('09:00:00', 10, 300, 30, x);
    // c2: answered in 25 s (late), 120 + 60 = 180 s, registered.
    await handled('09:10:00', 25, 120, 60, x, 'registered');
    // c3: answered in exactly 20 s (on time), 600 + 0 = 600 s, registered.
    await handled('09:20:00', 20, 600, 0, y, 'registered');
    // c4: the caller gave up after a minute in the queue.
    const c4 = await queuedCall(db, at('09:30:00'), hindi);
    await endCall(db, at('09:31:00'), c4, { outcome: 'hung_up' });
    // c7: answered in 5 s, still talking: answered on time, not yet in the handling time.
    const c7 = await handled('09:40:00', 5, 0, null, z);
    // c5, c6: waiting now, the older for 300 s.
    await queuedCall(db, at('09:55:00'), hindi);
    await queuedCall(db, at('09:58:20'), hindi);
    await setAgentState(db, NOW, y, 'break', { byChoice: true, who: null });

    const board = await wallboard(db, NOW);
    unregister();
    expect(board.dayStart).toEqual(new Date('2026-03-01T18:30:00Z'));
    expect(board.queues).toEqual([
      {
        id: hindi,
        code: 'A-HINDI',
        name: { en: expect.any(String) },
        waiting: 2,
        longestWaitSeconds: 300,
        calendarId: null,
        open: true,
        opensAt: null,
      },
      {
        id: english,
        code: 'B-ENGLISH',
        name: { en: expect.any(String) },
        waiting: 0,
        longestWaitSeconds: null,
        calendarId: calendar.id,
        open: false,
        opensAt: new Date('2026-03-03T02:30:00Z'),
      },
    ]);
    expect(board.agents).toEqual({ available: 1, on_call: 1, wrap_up: 0, break: 1, signed_out: 1 });
    // 7 calls today; 4 answered, 3 of them within 20 s; 1 abandoned: 3 / (4 + 1) = 60 %.
    // Handling: (330 + 180 + 600) / 3 = 370 s.
    expect(board.today).toEqual({
      offered: 7,
      answered: 4,
      answeredWithin: 3,
      serviceLevelPercent: 60,
      abandoned: 1,
      averageHandlingSeconds: 370,
    });
    const row = (name: string) => board.perAgent.find((a) => a.name === name);
    expect(row('Xavier')).toMatchObject({
      state: 'available',
      answered: 2,
      wrapped: 2,
      registered: 1,
      averageHandlingSeconds: 255,
    });
    expect(row('Yamini')).toMatchObject({
      state: 'break',
      answered: 1,
      wrapped: 1,
      registered: 1,
      averageHandlingSeconds: 600,
    });
    expect(row('Zoya')).toMatchObject({
      state: 'on_call',
      callId: c7,
      answered: 1,
      wrapped: 0,
      averageHandlingSeconds: null,
      // Who is on which call, and what the supervisor may do about it.
      call: {
        id: c7,
        caller: expect.stringMatching(/^\+9170/),
        state: 'connected',
        queue: { en: expect.any(String) },
        answeredAt: at('09:40:05'),
        monitor: ['listen'],
      },
    });
    expect(row('Xavier')?.call).toBeNull();
    expect(row('Wasim (signed out)')).toMatchObject({
      state: 'signed_out',
      answered: 0,
      averageHandlingSeconds: null,
    });
  });
});
