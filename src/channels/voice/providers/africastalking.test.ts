// Africa's Talking voice driven over HTTP as AT drives a callback URL: form posts (isActive, sessionId,
// callerNumber, destinationNumber, dtmfDigits, recordingUrl) to the number's callback URL and to each
// action's callbackUrl taken from our XML; the secret path token and the IP allow-list refuse
// everything else with 403.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../../../../test/databases.ts';
import {
  type Heard,
  type Ivr,
  OPEN_HOURS,
  type Phone,
  startIvr,
  tinyWav,
  unxml,
  walkDefaultFlow,
} from '../../../../test/ivr.ts';
import { manualClock } from '../../../clock.ts';
import type { Database } from '../../../db/index.ts';

const TOKEN = 'at-path-token-0123456789abcdef';

function heard(text: string): Heard {
  expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response>/);
  const queue = /<Enqueue[^>]* name="queue-(\d+)"\/>/.exec(text);
  return {
    says: [...text.matchAll(/<Say>([^<]*)<\/Say>/g)].map((m) => unxml(m[1] as string)),
    queued: queue ? Number(queue[1]) : false,
    ends: !/<GetDigits|<Record|<Enqueue|<Dial|<Redirect/.test(text),
    raw: text,
  };
}

describe.each(databases)("Africa's Talking voice on $name", ({ open }) => {
  let database: Database;
  let ivr: Ivr;
  let recordings: Server;
  let recordingHost: string;
  const recording = tinyWav();
  const clock = manualClock(OPEN_HOURS);
  let serial = 0;

  beforeAll(async () => {
    database = await open();
    recordings = createServer((req, res) => {
      if (req.url === '/rec/1.wav') res.writeHead(200, { 'content-type': 'audio/wav' }).end(recording);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => recordings.listen(0, '127.0.0.1', resolve));
    recordingHost = `127.0.0.1:${(recordings.address() as AddressInfo).port}`;
    ivr = await startIvr(
      database,
      clock,
      { africasTalking: { token: TOKEN, allowIps: ['127.0.0.1'], recordingHosts: [recordingHost] } },
      { trustProxy: ['127.0.0.1'] },
    );
  }, 240_000);
  afterAll(async () => {
    await ivr?.app.close();
    await new Promise((resolve) => recordings?.close(resolve));
    await database?.close();
  });

  async function post(url: string, params: Record<string, string>, headers: Record<string, string> = {}) {
    const res = await fetch(url.startsWith('http') ? url : `${ivr.base}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(params).toString(),
    });
    return { status: res.status, text: await res.text() };
  }

  function phone(from: string): Phone & { record(url: string): Promise<Heard> } {
    const sessionId = `ATVId_${Date.now()}${++serial}`;
    const common = {
      sessionId,
      callerNumber: from,
      destinationNumber: '+255222000181',
      direction: 'Inbound',
    };
    let callback = '';
    let redirect = '';
    const go = async (url: string, params: Record<string, string>) => {
      const res = await post(url, params);
      expect(res.status, res.text).toBe(200);
      callback = unxml(/callbackUrl="([^"]+)"/.exec(res.text)?.[1] ?? callback);
      redirect = unxml(/<Redirect>([^<]+)<\/Redirect>/.exec(res.text)?.[1] ?? '');
      return heard(res.text);
    };
    return {
      id: sessionId,
      start: () => go(`/webhooks/voice/africastalking/${TOKEN}/call`, { ...common, isActive: '1' }),
      press: (digits) => go(callback, { ...common, isActive: '1', dtmfDigits: digits }),
      silence: () => go(redirect, { ...common, isActive: '1' }),
      record: (url) => go(callback, { ...common, isActive: '1', recordingUrl: url, durationInSeconds: '3' }),
      hangUp: async () => {
        const res = await post(`/webhooks/voice/africastalking/${TOKEN}/call`, {
          ...common,
          isActive: '0',
          durationInSeconds: '40',
          hangupCause: 'NORMAL_CLEARING',
        });
        expect(res.status).toBe(200);
      },
    };
  }

  walkDefaultFlow('africastalking', () => ({ database, clock, ivr, phone }));

  it('turns a recorded complaint into a draft with the recording', async () => {
    const caller = phone('+255754000111');
    await caller.start();
    await caller.press('3');
    await caller.press('1');
    const ask = await caller.press('2');
    expect(ask.raw).toMatch(/<Record finishOnKey="#" maxLength="120"[^>]*callbackUrl="[^"]+step=\d+">/);
    const done = await caller.record(`http://${recordingHost}/rec/1.wav`);
    expect(done.says).toEqual([
      'Asante. Lalamiko lako limerekodiwa. Utapokea namba yake ya kumbukumbu kwa SMS.',
    ]);
    expect(done.ends).toBe(true);
    const draft = await database.db
      .selectFrom('intake_drafts as d')
      .innerJoin('calls as c', 'c.id', 'd.call_id')
      .innerJoin('intake_draft_media as m', 'm.draft_id', 'd.id')
      .select(['d.channel', 'd.language', 'm.media_type', 'm.duration_ms', 'm.content', 'c.caller'])
      .where('c.provider_call_id', '=', caller.id)
      .executeTakeFirstOrThrow();
    expect(draft).toMatchObject({
      channel: 'phone',
      language: 'sw',
      media_type: 'audio/wav',
      duration_ms: 3000,
      caller: '+255754000111',
    });
    expect(Buffer.from(draft.content).equals(recording)).toBe(true);
  });

  it('refuses a wrong token and addresses off the allow-list, and starts nothing', async () => {
    const call = {
      sessionId: 'ATforged',
      callerNumber: '+255754000001',
      destinationNumber: '+255222000181',
      isActive: '1',
    };
    expect((await post('/webhooks/voice/africastalking/wrong/call', call)).status).toBe(403);
    expect(
      (await post(`/webhooks/voice/africastalking/${TOKEN}/call`, call, { 'x-forwarded-for': '203.0.113.9' }))
        .status,
    ).toBe(403);
    const none = await database.db
      .selectFrom('calls')
      .select('id')
      .where('provider_call_id', '=', 'ATforged')
      .execute();
    expect(none).toEqual([]);
  });
});
