// The phone line driven over HTTP exactly as Twilio drives it: form posts to the voice URL and to each
// verb's action URL taken from the TwiML we answered, signed with X-Twilio-Signature (computed here,
// independently of the validator). Language choice, district routing, status by caller id, a reference
// keyed on the keypad, the information line, a voice complaint, the after-hours branch with a call-back
// request, a repeated webhook, a withheld number, and requests that do not verify.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../../../../test/databases.ts';
import { buildGrievance, type Deployment } from '../../../../test/factories.ts';
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
import { SYSTEM } from '../../../access/principal.ts';
import { manualClock } from '../../../clock.ts';
import type { Database } from '../../../db/index.ts';
import { createArticle } from '../../../knowledge/index.ts';

const TOKEN = 'twilio-auth-token-for-tests';
const ACCOUNT = 'AC0000000000000000000000000000test';

/** Twilio's request signing, as its documentation describes it. */
function sign(token: string, url: string, params: Record<string, string>) {
  let data = url;
  for (const name of Object.keys(params).sort()) data += `${name}${params[name]}`;
  return createHmac('sha1', Buffer.from(token, 'utf8')).update(Buffer.from(data, 'utf8')).digest('base64');
}

const says = (twiml: string) =>
  [...twiml.matchAll(/<Say language="([^"]+)">([^<]*)<\/Say>/g)].map((m) => m[2]);
const fromXml = (s: string) => s.replace(/&amp;/g, '&');
describe.each(databases)('TwiML provider on $name', ({ open }) => {
  let database: Database;
  let ivr: Ivr;
  let base: string;
  let recordings: Server;
  let recordingHost: string;
  let d: Deployment;
  let districtQueue: number;
  let stateQueue: number;
  const clock = manualClock(OPEN_HOURS);
  const recording = tinyWav();
  const recordingAuth: string[] = [];
  let sid = 0;

  beforeAll(async () => {
    database = await open();
    recordings = createServer((req, res) => {
      recordingAuth.push(String(req.headers.authorization));
      if (req.url === '/Recordings/RE1') res.writeHead(200, { 'content-type': 'audio/x-wav' }).end(recording);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => recordings.listen(0, '127.0.0.1', resolve));
    recordingHost = `127.0.0.1:${(recordings.address() as AddressInfo).port}`;
    ivr = await startIvr(database, clock, {
      twilio: { authToken: TOKEN, accountSid: ACCOUNT, recordingHosts: [recordingHost] },
    });
    ({ base, d, districtQueue, stateQueue } = ivr);
    // Opening and migrating a database takes a minute on a loaded two-core machine.
  }, 240_000);
  afterAll(async () => {
    await ivr?.app.close();
    await new Promise((resolve) => recordings?.close(resolve));
    await database?.close();
  });

  async function post(path: string, params: Record<string, string>, signature?: string) {
    const url = `${base}${path}`;
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signature ?? sign(TOKEN, url, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    return { status: res.status, text: await res.text() };
  }

  /** A caller's phone as Twilio sees it: it follows the action URLs of the TwiML it is given. */
  function phone(from: string) {
    const callSid = `CA${Date.now()}${++sid}`;
    const common = { AccountSid: ACCOUNT, CallSid: callSid, From: from, To: '+91181', Direction: 'inbound' };
    let action = '';
    let last: { path: string; params: Record<string, string> } | null = null;
    const go = async (path: string, params: Record<string, string>) => {
      last = { path, params };
      const res = await post(path, params);
      expect(res.status, res.text).toBe(200);
      const found = /action="([^"]+)"/.exec(res.text)?.[1];
      if (found) action = fromXml(found);
      return res.text;
    };
    return {
      callSid,
      start: () => go('/webhooks/voice/twilio/call', { ...common, CallStatus: 'ringing' }),
      press: (digits: string) => go(action, { ...common, CallStatus: 'in-progress', Digits: digits }),
      silence: () => go(action, { ...common, CallStatus: 'in-progress' }),
      /** What Twilio posts after speech: the transcript and its confidence, no Digits. */
      say: (transcript: string, confidence: number) =>
        go(action, {
          ...common,
          CallStatus: 'in-progress',
          SpeechResult: transcript,
          Confidence: String(confidence),
          Language: 'hi-IN',
        }),
      record: (url: string, seconds: number) =>
        go(action, {
          ...common,
          CallStatus: 'in-progress',
          RecordingUrl: url,
          RecordingDuration: String(seconds),
          RecordingSid: 'RE1',
        }),
      /** Twilio posting the last webhook again (it timed out waiting for us). */
      repeat: async () => (await post(last?.path as string, last?.params as Record<string, string>)).text,
      hangUp: () =>
        post('/webhooks/voice/twilio/status', { ...common, CallStatus: 'completed', CallDuration: '42' }),
      row: () =>
        database.db
          .selectFrom('calls')
          .selectAll()
          .where('provider_call_id', '=', callSid)
          .executeTakeFirstOrThrow(),
    };
  }

  it('refuses requests without a valid signature, and starts nothing', async () => {
    const params = {
      AccountSid: ACCOUNT,
      CallSid: 'CAforged',
      From: '+919800000001',
      To: '+91181',
      CallStatus: 'ringing',
    };
    const path = '/webhooks/voice/twilio/call';
    expect((await post(path, params, '')).status).toBe(403);
    expect((await post(path, params, sign('another-token', `${base}${path}`, params))).status).toBe(403);
    // Signed for other digits than those sent.
    const signed = sign(TOKEN, `${base}${path}`, params);
    expect((await post(path, { ...params, From: '+919800000002' }, signed)).status).toBe(403);
    // Signed for another address (the step a replay would change).
    expect(
      (
        await post(
          '/webhooks/voice/twilio/turn?step=3',
          params,
          sign(TOKEN, `${base}/webhooks/voice/twilio/turn?step=4`, params),
        )
      ).status,
    ).toBe(403);
    const calls = await database.db
      .selectFrom('calls')
      .select('id')
      .where('provider_call_id', '=', 'CAforged')
      .execute();
    expect(calls).toEqual([]);
  });

  it('lets a caller choose Hindi and a district, says an unknown code back, and queues the call there', async () => {
    const caller = phone('+919800000011');
    const menu = await caller.start();
    // The language menu listens for speech too, in English (the language the call starts in), told to
    // expect the languages' names; keys still work.
    expect(menu).toMatch(
      /<Gather input="dtmf speech" language="en-IN" hints="english, [^"]*हिंदी[^"]*kiswahili" speechTimeout="auto" numDigits="1"/,
    );
    expect(menu).toContain('<Say language="en-IN">For English, press 1.</Say>');
    expect(menu).toContain('<Say language="hi-IN">हिंदी के लिए 2 दबाएँ।</Say>');
    expect(menu).toContain('<Say language="sw-KE">Kwa Kiswahili, bonyeza 3.</Say>');
    expect(says(await caller.press('2'))[0]).toMatch(/^नई शिकायत दर्ज करने के लिए 1 दबाएँ।/);
    expect(says(await caller.press('4'))).toEqual(['कृपया अपने ज़िले का कोड दबाएँ, फिर हैश दबाएँ।']);
    expect(says(await caller.press('7777'))).toEqual([
      'क्षमा करें, 7 7 7 7 कोई ज़िला कोड नहीं है।',
      'कृपया अपने ज़िले का कोड दबाएँ, फिर हैश दबाएँ।',
    ]);
    const queued = await caller.press('0634');
    expect(queued).toContain(`>queue-${districtQueue}</Enqueue>`);
    // Twilio posts the same webhook again: the same answer, and the flow moved once.
    expect(await caller.repeat()).toBe(queued);
    const row = await caller.row();
    expect(row).toMatchObject({
      state: 'queued',
      queue_id: districtQueue,
      language: 'hi',
      district_id: d.district.id,
      caller: '+919800000011',
    });
    expect(row.path.filter((s) => s.node === 'district').map((s) => s.input)).toEqual(['7777', '0634']);

    // While waiting, the hold prompts; when the caller hangs up, the call and its interaction end.
    const step = /step=(\d+)/.exec(/waitUrl="([^"]+)"/.exec(queued)?.[1] ?? '')?.[1];
    const hold = await post(`/webhooks/voice/twilio/hold?step=${step}`, {
      AccountSid: ACCOUNT,
      CallSid: caller.callSid,
      QueuePosition: '1',
    });
    expect(says(hold.text)).toEqual(['हमारे सभी एजेंट व्यस्त हैं। कृपया लाइन पर बने रहें।']);
    expect((await caller.hangUp()).status).toBe(204);
    const ended = await database.db
      .selectFrom('calls')
      .innerJoin('interactions as i', 'i.id', 'calls.interaction_id')
      .select(['calls.state', 'i.ended_at', 'i.channel', 'i.citizen_id'])
      .where('calls.id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(ended).toMatchObject({ state: 'abandoned', channel: 'phone', citizen_id: row.citizen_id });
    expect(ended.ended_at).not.toBeNull();
  });

  it('reads the caller their open grievances by caller id, and a reference keyed on the keypad', async () => {
    const from = '+919800000022';
    const older = await buildGrievance({ db: database.db, clock }, d, {
      citizen: { phone: from, name: 'Kamla Bai' },
    });
    clock.advance(60_000);
    const latest = await buildGrievance({ db: database.db, clock }, d, {
      citizen: { phone: from, name: 'Kamla Bai' },
    });
    const caller = phone(from);
    await caller.start();
    await caller.press('1');
    const status = says(await caller.press('2'));
    expect(status[0]).toBe('You have 2 open complaints.');
    expect(status[1]).toMatch(
      /^The latest, about Hand pump not working, is with the L1 officer, Biaora, due on \w+day, \d{1,2} \w+\.$/,
    );
    expect(status[2]).toMatch(/^To hear the other, press 1\./);
    const other = says(await caller.press('1'));
    const spelt = (ref: string) =>
      ref
        .split('-')
        .map((g) => g.split('').join(' '))
        .join(', ');
    expect(other[0]).toContain(`Reference ${spelt(older.reference)}, about Hand pump not working`);

    // The reference keyed on the keypad: every letter by its key; Twilio strips the finishing #.
    const keys = (ref: string) =>
      ref
        .replace(/-/g, '')
        .replace(/[A-Z]/g, (c) =>
          String('22233344455566677778889999'['ABCDEFGHIJKLMNOPQRSTUVWXYZ'.indexOf(c)]),
        );
    expect(says(await caller.press('2'))[0]).toMatch(/^Please key in your reference number/);
    expect(says(await caller.press('23456789'))).toEqual([
      'Sorry, we could not find that reference number.',
      expect.stringMatching(/^Please key in/),
    ]);
    const wrong = keys(latest.reference).replace(/^./, (c) => (c === '2' ? '3' : '2'));
    expect(says(await caller.press(wrong))[0]).toBe('Sorry, we could not find that reference number.');
    const read = says(await caller.press(keys(latest.reference)));
    expect(read[0]).toMatch(
      new RegExp(
        `^Reference ${spelt(latest.reference)}, about Hand pump not working, is with the L1 officer, Biaora, due on`,
      ),
    );
    // Three wrong references in a row end with an agent (the statewide queue: no district chosen).
    expect(await caller.press('2')).toContain('<Gather');
  });

  it('reads the knowledge base short answers on the information line', async () => {
    await createArticle(
      database.db,
      clock,
      {
        code: `ladli-${Date.now()}`,
        kind: 'scheme',
        title: { en: 'Ladli Behna Yojana', hi: 'लाड़ली बहना योजना' },
        summary: { en: 'Monthly support for women.' },
        shortAnswer: {
          en: 'Women aged 21 to 60 receive 1250 rupees a month.',
          hi: '21 से 60 वर्ष की महिलाओं को हर महीने 1250 रुपये मिलते हैं।',
        },
        tags: ['ivr'],
        published: true,
      },
      SYSTEM,
    );
    const caller = phone('+919800000033');
    await caller.start();
    await caller.press('2');
    expect(says(await caller.press('3'))).toContain('लाड़ली बहना योजना के लिए 1 दबाएँ।');
    const answer = says(await caller.press('1'));
    expect(answer[0]).toBe('21 से 60 वर्ष की महिलाओं को हर महीने 1250 रुपये मिलते हैं।');
    // 9 reaches an agent from the information menu too.
    expect(await caller.press('9')).toContain(`>queue-${stateQueue}</Enqueue>`);
  });

  it('turns a recorded complaint into a draft with the recording, and tells the caller an SMS will follow', async () => {
    const caller = phone('+919800000044');
    await caller.start();
    await caller.press('1');
    await caller.press('1');
    const ask = await caller.press('2');
    expect(ask).toContain('<Record maxLength="120" finishOnKey="#"');
    const done = await caller.record(`http://${recordingHost}/Recordings/RE1`, 4);
    expect(says(done)).toEqual([
      'Thank you. Your complaint has been recorded. You will receive its reference number by SMS.',
    ]);
    expect(done).toContain('<Hangup/>');
    expect(await caller.repeat()).toBe(done);
    expect(recordingAuth.at(-1)).toBe(`Basic ${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString('base64')}`);
    const row = await caller.row();
    expect(row).toMatchObject({ outcome: 'voice_complaint', state: 'ended' });
    const drafts = await database.db
      .selectFrom('intake_drafts as d')
      .innerJoin('intake_draft_media as m', 'm.draft_id', 'd.id')
      .select([
        'd.channel',
        'd.citizen_id',
        'd.interaction_id',
        'd.data',
        'm.media_type',
        'm.size',
        'm.duration_ms',
        'm.content',
      ])
      .where('d.call_id', '=', row.id)
      .execute();
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      channel: 'phone',
      citizen_id: row.citizen_id,
      interaction_id: row.interaction_id,
      media_type: 'audio/wav',
      size: recording.length,
      duration_ms: 4000,
    });
    expect(Buffer.from(drafts[0]?.content as Uint8Array).equals(recording)).toBe(true);

    // A recording that cannot be fetched is not lost: the draft keeps where it lies.
    const second = phone('+919800000045');
    await second.start();
    await second.press('1');
    await second.press('1');
    await second.press('2');
    await second.record('https://elsewhere.example/Recordings/RE2', 3);
    const kept = await database.db
      .selectFrom('intake_drafts')
      .select('data')
      .where('call_id', '=', (await second.row()).id)
      .executeTakeFirstOrThrow();
    expect(kept.data).toMatchObject({
      purpose: 'complaint',
      recordingUrl: 'https://elsewhere.example/Recordings/RE2',
    });
  });

  it('keeps a withheld number off the call', async () => {
    const caller = phone('+266696687');
    await caller.start();
    expect(await caller.press('9')).toContain(`>queue-${stateQueue}</Enqueue>`);
    expect(await caller.row()).toMatchObject({ caller: null, citizen_id: null, state: 'queued' });
  });

  // The walks every provider shares (test/ivr.ts): language, district, status, after hours, silence.
  walkDefaultFlow(
    'twilio',
    () => ({
      database,
      clock,
      ivr,
      phone: (from: string): Phone => {
        const caller = phone(from);
        const heard = (twiml: string): Heard => ({
          says: says(twiml).map((s) => unxml(s as string)),
          queued: Number(/>queue-(\d+)<\/Enqueue>/.exec(twiml)?.[1] ?? 0) || false,
          ends: twiml.includes('<Hangup/>'),
          raw: twiml,
        });
        return {
          id: caller.callSid,
          start: async () => heard(await caller.start()),
          press: async (digits) => heard(await caller.press(digits)),
          silence: async () => heard(await caller.silence()),
          say: async (transcript, confidence) => heard(await caller.say(transcript, confidence)),
          hangUp: async () => {
            expect((await caller.hangUp()).status).toBe(204);
          },
        };
      },
    }),
    { speech: true },
  );
});
