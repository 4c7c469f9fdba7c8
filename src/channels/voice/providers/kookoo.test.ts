// Ozonetel KooKoo driven over HTTP as KooKoo drives an application: a GET per event (NewCall, GotDTMF,
// Hangup) with sid, cid, called_number and data, answered with KooKoo XML; the secret path token and
// the IP allow-list refuse everything else with 403.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../../../../test/databases.ts';
import {
  type Heard,
  type Ivr,
  OPEN_HOURS,
  type Phone,
  startIvr,
  unxml,
  walkDefaultFlow,
} from '../../../../test/ivr.ts';
import { manualClock } from '../../../clock.ts';
import type { Database } from '../../../db/index.ts';

const TOKEN = 'kookoo-path-token-0123456789abcdef';
const AGENT_LINE = '+917556000181';

/** What KooKoo XML says and does. */
function heard(text: string): Heard {
  expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><response sid="[^"]+">/);
  return {
    says: [...text.matchAll(/<playtext lang="[A-Z]+"[^>]*>([^<]*)<\/playtext>/g)].map((m) =>
      unxml(m[1] as string),
    ),
    queued: text.includes(`<dial record="false" timeout="60" moh="default">${AGENT_LINE}</dial>`),
    ends: text.includes('<hangup/>'),
    raw: text,
  };
}

describe.each(databases)('KooKoo on $name', ({ open }) => {
  let database: Database;
  let ivr: Ivr;
  const clock = manualClock(OPEN_HOURS);
  let serial = 0;

  beforeAll(async () => {
    database = await open();
    ivr = await startIvr(
      database,
      clock,
      { kookoo: { token: TOKEN, allowIps: ['127.0.0.1'], recordingHosts: [], agentNumber: AGENT_LINE } },
      { trustProxy: ['127.0.0.1'] },
    );
  }, 240_000);
  afterAll(async () => {
    await ivr?.app.close();
    await database?.close();
  });

  const get = async (query: Record<string, string>, options: { token?: string; from?: string } = {}) => {
    const res = await fetch(
      `${ivr.base}/webhooks/voice/kookoo/${options.token ?? TOKEN}?${new URLSearchParams(query)}`,
      {
        headers: options.from ? { 'x-forwarded-for': options.from } : {},
      },
    );
    return { status: res.status, text: await res.text() };
  };

  function phone(from: string): Phone & { again(): Promise<Heard> } {
    const sid = `${Date.now()}${++serial}`;
    // KooKoo gives the caller as a national number with a 0.
    const call = { sid, cid: from.replace('+91', '0'), called_number: '07556000181' };
    let last: Record<string, string> = {};
    const send = async (query: Record<string, string>, thinking = 6000) => {
      // A caller hears the prompt out before answering (KooKoo names no turn: time tells a caller's
      // answer from KooKoo repeating a request).
      clock.advance(thinking);
      last = query;
      const res = await get({ ...call, ...query });
      expect(res.status, res.text).toBe(200);
      return heard(res.text);
    };
    return {
      id: sid,
      /** KooKoo sending the last request again, a moment later. */
      again: () => send(last, 1500),
      start: () => send({ event: 'NewCall' }),
      press: (digits) => send({ event: 'GotDTMF', data: digits }),
      silence: () => send({ event: 'GotDTMF', data: '' }),
      hangUp: async () => {
        expect((await get({ ...call, event: 'Hangup', total_call_duration: '40' })).status).toBe(200);
      },
    };
  }

  walkDefaultFlow('kookoo', () => ({ database, clock, ivr, phone }));

  it('answers a request KooKoo sends twice the same way, moving the flow once', async () => {
    const caller = phone('+919800000087');
    await caller.start();
    const hindi = await caller.press('2');
    expect(hindi.says[0]).toMatch(/^नई शिकायत दर्ज करने के लिए 1 दबाएँ।/);
    // KooKoo sends the same GotDTMF again (it did not get our answer in time): the same answer, and the
    // second 2 is not taken as "status" on the main menu.
    expect(await caller.again()).toEqual(hindi);
    const row = () =>
      database.db
        .selectFrom('calls')
        .select('path')
        .where('provider', '=', 'kookoo')
        .where('provider_call_id', '=', caller.id)
        .executeTakeFirstOrThrow();
    expect((await row()).path.map((s) => [s.node, s.input])).toEqual([
      ['language', '2'],
      ['lang.hi', 'hi'],
    ]);
    // The caller pressing 2 on the main menu, having heard it, is a new answer: status.
    const status = await caller.press('2');
    expect(status.says.join(' ')).not.toBe(hindi.says.join(' '));
    expect((await row()).path.filter((s) => s.node === 'main').map((s) => s.input)).toEqual(['2']);
  });

  it('answers KooKoo collectdtmf with its length, end key and timeout', async () => {
    const caller = phone('+919800000088');
    await caller.start();
    await caller.press('1');
    const district = await caller.press('4');
    expect(district.raw).toContain('<collectdtmf l="4" t="#" o="8000">');
  });

  it('records a voice complaint and keeps the recording KooKoo reports', async () => {
    const caller = phone('+919800000089');
    await caller.start();
    await caller.press('1');
    await caller.press('1');
    const ask = await caller.press('2');
    expect(ask.raw).toMatch(
      /<record format="wav" silence="5" maxduration="120" termchar="#">civicline-\d+<\/record>/,
    );
    const url = 'http://recordings.example.in/kookoo/civicline-89.wav';
    const res = await get({
      sid: caller.id,
      cid: '09800000089',
      called_number: '07556000181',
      event: 'Record',
      data: url,
      record_duration: '4',
    });
    expect(res.status).toBe(200);
    expect(heard(res.text)).toMatchObject({
      says: ['Thank you. Your complaint has been recorded. You will receive its reference number by SMS.'],
      ends: true,
    });
    const draft = await database.db
      .selectFrom('intake_drafts as d')
      .innerJoin('calls as c', 'c.id', 'd.call_id')
      .select(['d.data', 'c.outcome'])
      .where('c.provider', '=', 'kookoo')
      .where('c.provider_call_id', '=', caller.id)
      .executeTakeFirstOrThrow();
    expect(draft).toMatchObject({
      outcome: 'voice_complaint',
      data: { purpose: 'complaint', recordingUrl: url },
    });
  });

  it('refuses a wrong token and addresses off the allow-list, and starts nothing', async () => {
    const call = { sid: 'kkforged', cid: '09800000001', called_number: '07556000181', event: 'NewCall' };
    expect((await get(call, { token: 'wrong' })).status).toBe(403);
    expect((await get(call, { from: '203.0.113.9' })).status).toBe(403);
    const none = await database.db
      .selectFrom('calls')
      .select('id')
      .where('provider_call_id', '=', 'kkforged')
      .execute();
    expect(none).toEqual([]);
  });
});
