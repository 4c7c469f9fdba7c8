// Exotel driven over HTTP as its flow engine drives our applets (README "Exotel"): GETs with the call in
// the query, `digits` wrapped in double quotes, Passthru branching on 200 or 302, the Gather, Greeting
// and Connect applets fetching their parameters; the secret path token and the IP allow-list refuse
// everything else with 403.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../../../../test/databases.ts';
import {
  type Heard,
  type Ivr,
  OPEN_HOURS,
  type Phone,
  startIvr,
  walkDefaultFlow,
} from '../../../../test/ivr.ts';
import { manualClock } from '../../../clock.ts';
import type { Database } from '../../../db/index.ts';

const TOKEN = 'exotel-path-token-0123456789abcdef';
const AGENT_LINE = '+917556000181';

describe.each(databases)('Exotel applets on $name', ({ open }) => {
  let database: Database;
  let ivr: Ivr;
  const clock = manualClock(OPEN_HOURS);
  let serial = 0;

  beforeAll(async () => {
    database = await open();
    ivr = await startIvr(
      database,
      clock,
      {
        exotel: {
          token: TOKEN,
          allowIps: ['10.1.0.0/16', '127.0.0.1'],
          recordingHosts: [],
          agentNumbers: [AGENT_LINE],
        },
      },
      { trustProxy: ['127.0.0.1'] },
    );
  }, 240_000);
  afterAll(async () => {
    await ivr?.app.close();
    await database?.close();
  });

  const get = async (
    path: string,
    query: Record<string, string>,
    options: { from?: string; token?: string } = {},
  ) => {
    const url = `${ivr.base}/webhooks/voice/exotel/${options.token ?? TOKEN}${path}?${new URLSearchParams(query)}`;
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { 'exotel-version': '1.0', ...(options.from ? { 'x-forwarded-for': options.from } : {}) },
    });
    return { status: res.status, text: await res.text() };
  };

  /** Exotel's flow engine on the App Bazaar flow of the README, for one call. */
  function phone(from: string): Phone {
    const sid = `exo${Date.now()}${++serial}`;
    const call = {
      CallSid: sid,
      CallFrom: from.replace('+91', '0'),
      From: from,
      CallTo: '07556000181',
      To: '07556000181',
      Direction: 'incoming',
    };
    const branchOn = async (passthru: { status: number; text: string }): Promise<Heard> => {
      expect([200, 302], passthru.text).toContain(passthru.status);
      if (passthru.status === 200) {
        const gather = await get('/gather', call);
        expect(gather.status).toBe(200);
        const json = JSON.parse(gather.text) as { gather_prompt: { text: string }; max_input_digits: number };
        expect(json.max_input_digits).toBeGreaterThan(0);
        return { says: [json.gather_prompt.text], queued: false, ends: false, raw: gather.text };
      }
      const record = await get('/is/record', call);
      if (record.status === 200) {
        const greeting = await get('/say', call);
        return { says: [greeting.text], queued: false, ends: false, raw: greeting.text };
      }
      expect(record.status).toBe(302);
      const connect = await get('/is/connect', call);
      const greeting = await get('/say', call);
      if (connect.status === 200) {
        const applet = JSON.parse((await get('/connect', call)).text) as {
          destination: { numbers: string[] };
        };
        expect(applet.destination.numbers).toEqual([AGENT_LINE]);
        return { says: [greeting.text], queued: true, ends: false, raw: greeting.text };
      }
      expect(connect.status).toBe(302);
      expect((await get('/ended', { ...call, CallType: 'call-attempt' })).status).toBe(200);
      return { says: [greeting.text], queued: false, ends: true, raw: greeting.text };
    };
    return {
      id: sid,
      start: async () => branchOn(await get('/turn', call)),
      press: async (digits) => branchOn(await get('/turn', { ...call, digits: `"${digits}"` })),
      silence: async () => branchOn(await get('/turn', { ...call, digits: '""' })),
      hangUp: async () => {
        expect((await get('/ended', { ...call, CallType: 'client-hangup' })).status).toBe(200);
      },
    };
  }

  walkDefaultFlow('exotel', () => ({ database, clock, ivr, phone }));

  it('refuses a wrong token and addresses off the allow-list, and starts nothing', async () => {
    const call = { CallSid: 'exoforged', CallFrom: '09800000001', CallTo: '07556000181' };
    expect((await get('/turn', call, { token: 'wrong-token' })).status).toBe(403);
    expect((await get('/gather', call, { token: `${TOKEN}x` })).status).toBe(403);
    expect((await get('/turn', call, { from: '203.0.113.9' })).status).toBe(403);
    const none = await database.db
      .selectFrom('calls')
      .select('id')
      .where('provider_call_id', '=', 'exoforged')
      .execute();
    expect(none).toEqual([]);
    // Exotel's own block on the list is let in.
    expect((await get('/turn', { ...call, CallSid: 'exoallowed' }, { from: '10.1.2.3' })).status).toBe(200);
  });

  it('takes a voice complaint through the record branch: Greeting, Voicemail, then the Passthru with the recording', async () => {
    const caller = phone('+919800000079');
    await caller.start();
    await caller.press('1');
    await caller.press('1');
    const ask = await caller.press('2');
    // 302 from /turn, 200 from /is/record: the Greeting reads the prompt, the Voicemail applet records.
    expect(ask.says).toEqual([
      'Please describe your complaint after the beep. Press the hash key when you have finished.',
    ]);
    const call = { CallSid: caller.id, CallFrom: '09800000079', CallTo: '07556000181' };
    // Exotel's recording host is not on the list here: the draft keeps the URL, nothing is lost.
    const url = 'https://recordings.example.in/exotel/rec-79.mp3';
    const after = await get('/turn', { ...call, RecordingUrl: url });
    expect(after.status).toBe(302);
    expect((await get('/is/record', call)).status).toBe(302);
    expect((await get('/is/connect', call)).status).toBe(302);
    expect((await get('/say', call)).text).toBe(
      'Thank you. Your complaint has been recorded. You will receive its reference number by SMS.',
    );
    const draft = await database.db
      .selectFrom('intake_drafts as d')
      .innerJoin('calls as c', 'c.id', 'd.call_id')
      .select(['d.data', 'd.channel', 'c.outcome'])
      .where('c.provider_call_id', '=', caller.id)
      .executeTakeFirstOrThrow();
    expect(draft).toMatchObject({
      channel: 'phone',
      outcome: 'voice_complaint',
      data: { purpose: 'complaint', recordingUrl: url },
    });
  });

  it('answers the Greeting URL as Exotel requires: text/plain and nothing else, HEAD as GET', async () => {
    const caller = phone('+919800000078');
    await caller.start();
    await caller.press('1');
    await caller.press('9');
    const call = { CallSid: caller.id, From: '09800000078', To: '07556000181' };
    const url = `${ivr.base}/webhooks/voice/exotel/${TOKEN}/say?${new URLSearchParams(call)}`;
    const got = await fetch(url);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('text/plain');
    expect(await got.text()).toBe('Please hold. We are connecting you to an agent.');
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/plain');
    // The Connect applet rings the agent line; several would ring at once.
    const connect = JSON.parse((await get('/connect', { ...call, CallFrom: '09800000078' })).text);
    expect(connect).toMatchObject({
      fetch_after_attempt: false,
      destination: { numbers: [AGENT_LINE] },
      parallel_ringing: { activate: false, max_parallel_attempts: 1 },
      music_on_hold: { type: 'operator_tone' },
    });
  });

  it('moves the flow once when Exotel sends the same Passthru twice', async () => {
    const caller = phone('+919800000077');
    await caller.start();
    const call = { CallSid: caller.id, CallFrom: '09800000077', CallTo: '07556000181' };
    expect((await get('/turn', { ...call, digits: '"2"' })).status).toBe(200);
    expect((await get('/turn', { ...call, digits: '"2"' })).status).toBe(200);
    const gather = JSON.parse((await get('/gather', call)).text) as { gather_prompt: { text: string } };
    // Still the Hindi main menu, not a retry of it: "2" was taken once.
    expect(gather.gather_prompt.text).toMatch(/^नई शिकायत दर्ज करने के लिए 1 दबाएँ।/);
    const row = await database.db
      .selectFrom('calls')
      .select('path')
      .where('provider_call_id', '=', caller.id)
      .executeTakeFirstOrThrow();
    expect(row.path.filter((s) => s.node === 'language').map((s) => s.input)).toEqual(['2']);
  });
});
