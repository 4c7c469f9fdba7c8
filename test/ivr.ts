// The phone line under test, shared by every provider's tests: the app listening on a real port with a
// provider configured, a deployment with a district queue open 07:00-22:00 (Asia/Kolkata) and a
// statewide queue, district code 0634; and the default flow walked by a caller on any provider. Each
// provider's test says how its caller's phone talks (requests signed or tokened as the provider sends
// them) and how to read what it was told; the walks here are the same for all.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import type { VoiceConfig } from '../src/channels/voice/config.ts';
import type { manualClock } from '../src/clock.ts';
import type { Database } from '../src/db/index.ts';
import { saveCalendar } from '../src/sla/index.ts';
import { buildDeployment, buildGrievance, type Deployment } from './factories.ts';

type ManualClock = ReturnType<typeof manualClock>;

/** 11:30 on a Monday in India: the lines are open. */
export const OPEN_HOURS = '2026-03-02T06:00:00Z';
/** 23:30 the same day: closed until 07:00. */
export const AFTER_HOURS = '2026-03-02T18:00:00Z';

export interface Ivr {
  app: FastifyInstance;
  base: string;
  d: Deployment;
  districtQueue: number;
  stateQueue: number;
}

export async function startIvr(
  database: Database,
  clock: ManualClock,
  voice: Partial<VoiceConfig>,
  options: { trustProxy?: string[] } = {},
): Promise<Ivr> {
  const app = await buildApp(
    { db: database.db, clock },
    {
      rateLimit: false,
      cookieSecure: false,
      listen: database.listen,
      trustProxy: options.trustProxy,
      voice: { publicUrl: null, twilio: null, promptDir: 'data/prompts', ...voice },
    },
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const d = await buildDeployment({ db: database.db, clock });
  const calendar = await saveCalendar(database.db, {
    name: `Call centre 07:00-22:00 ${Math.random()}`,
    timeZone: 'Asia/Kolkata',
    hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '07:00', closes: '22:00' })),
  });
  const queues = await database.db
    .insertInto('call_queues')
    .values([
      {
        code: `rajgarh-${d.district.id}`,
        name: JSON.stringify({ en: 'Rajgarh' }),
        language: null,
        place_id: d.district.id,
        calendar_id: calendar.id,
      },
      {
        code: `state-${d.district.id}`,
        name: JSON.stringify({ en: 'State' }),
        language: null,
        place_id: null,
        calendar_id: null,
      },
    ])
    .returning('id')
    .execute();
  await database.db
    .insertInto('ivr_district_codes')
    .values({ digits: '0634', place_id: d.district.id })
    .onConflict((oc) => oc.column('digits').doUpdateSet({ place_id: d.district.id }))
    .execute();
  return {
    app,
    base,
    d,
    districtQueue: queues[0]?.id as number,
    stateQueue: queues[1]?.id as number,
  };
}

/** Everything an answer said, one text (some providers take one text per applet). */
export const said = (heard: Heard) => heard.says.join(' ');

/** What the caller was told by one answer: the texts spoken, and the queue the call was put in, if any. */
export interface Heard {
  says: string[];
  /** The queue named in the answer (TwiML's Enqueue, AT's Enqueue...), or true where the provider names none. */
  queued: number | boolean;
  /** The call ends after this answer. */
  ends: boolean;
  raw: string;
}

/** A caller's phone on one provider. */
export interface Phone {
  start(): Promise<Heard>;
  press(digits: string): Promise<Heard>;
  silence(): Promise<Heard>;
  /** Speech as the provider's recogniser posts it (providers that hear speech only). */
  say?(transcript: string, confidence: number): Promise<Heard>;
  hangUp(): Promise<void>;
  /** The provider's id for the call. */
  id: string;
}

/**
 * The default flow on any provider: Hindi and a district with an unknown code said back, the call in
 * that district's queue and ended by a hang-up; the caller's grievances read by caller id; after hours,
 * when the lines open and a call-back request for the morning.
 */
export function walkDefaultFlow(
  provider: string,
  context: () => { database: Database; clock: ManualClock; ivr: Ivr; phone: (from: string) => Phone },
  options: { speech?: boolean } = {},
) {
  const rowOf = (id: string) =>
    context()
      .database.db.selectFrom('calls')
      .selectAll()
      .where('provider', '=', provider)
      .where('provider_call_id', '=', id)
      .executeTakeFirstOrThrow();

  it('walks a caller through Hindi and a district code into that district queue', async () => {
    const { ivr, phone, database } = context();
    const caller = phone('+919811000011');
    const menu = await caller.start();
    expect(said(menu)).toBe(
      'Welcome to the CivicLine helpline. For English, press 1. हिंदी के लिए 2 दबाएँ। Kwa Kiswahili, bonyeza 3.',
    );
    expect(said(await caller.press('2'))).toMatch(/^नई शिकायत दर्ज करने के लिए 1 दबाएँ।/);
    expect(said(await caller.press('4'))).toBe('कृपया अपने ज़िले का कोड दबाएँ, फिर हैश दबाएँ।');
    expect(said(await caller.press('7777'))).toBe(
      'क्षमा करें, 7 7 7 7 कोई ज़िला कोड नहीं है। कृपया अपने ज़िले का कोड दबाएँ, फिर हैश दबाएँ।',
    );
    const queued = await caller.press('0634');
    expect(said(queued)).toBe('कृपया प्रतीक्षा करें। हम आपको एजेंट से जोड़ रहे हैं।');
    expect(queued.queued === true || queued.queued === ivr.districtQueue).toBe(true);
    // The seam to the desk: a queue entry with the caller, language, district and what was pressed.
    const row = await rowOf(caller.id);
    expect(row).toMatchObject({
      state: 'queued',
      queue_id: ivr.districtQueue,
      language: 'hi',
      district_id: ivr.d.district.id,
      caller: '+919811000011',
    });
    expect(row.path.filter((s) => s.node === 'district').map((s) => s.input)).toEqual(['7777', '0634']);
    await caller.hangUp();
    const ended = await database.db
      .selectFrom('calls')
      .innerJoin('interactions as i', 'i.id', 'calls.interaction_id')
      .select(['calls.state', 'i.ended_at', 'i.channel'])
      .where('calls.id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(ended).toMatchObject({ state: 'abandoned', channel: 'phone' });
    expect(ended.ended_at).not.toBeNull();
  });

  it("reads the caller's open grievances by caller id", async () => {
    const { ivr, phone, database, clock } = context();
    const from = '+919811000022';
    await buildGrievance({ db: database.db, clock }, ivr.d, { citizen: { phone: from, name: 'Kamla Bai' } });
    clock.advance(60_000);
    await buildGrievance({ db: database.db, clock }, ivr.d, { citizen: { phone: from, name: 'Kamla Bai' } });
    const caller = phone(from);
    await caller.start();
    await caller.press('1');
    expect(said(await caller.press('2'))).toMatch(
      /^You have 2 open complaints\. The latest, about Hand pump not working, is with the L1 officer, Biaora, due on \w+day, \d{1,2} \w+\. To hear the other, press 1\./,
    );
    expect(said(await caller.press('1'))).toMatch(/^Reference [0-9A-Z ,]+, about Hand pump not working/);
    // 9 reaches an agent from any menu: the statewide queue (no district chosen).
    const agent = await caller.press('9');
    expect(agent.queued === true || agent.queued === ivr.stateQueue).toBe(true);
    expect(await rowOf(caller.id)).toMatchObject({ state: 'queued', queue_id: ivr.stateQueue });
  });

  it('after hours, says when the lines open and takes a call-back request for the morning', async () => {
    const { ivr, phone, database, clock } = context();
    clock.set(AFTER_HOURS);
    try {
      const caller = phone('+919811000055');
      await caller.start();
      await caller.press('1');
      await caller.press('4');
      expect(said(await caller.press('0634'))).toBe(
        'Our agents are not available now. Our lines open again on Tuesday, 3 March at 07:00. To ask for a call back, press 1. To record a message, press 2.',
      );
      const done = await caller.press('1');
      expect(said(done)).toBe('Thank you. We will call you back on this number when our lines open.');
      expect(done.ends).toBe(true);
      const row = await rowOf(caller.id);
      expect(row).toMatchObject({ outcome: 'callback_requested', state: 'ended', queue_id: null });
      const callback = await database.db
        .selectFrom('ivr_callbacks')
        .selectAll()
        .where('call_id', '=', row.id)
        .executeTakeFirstOrThrow();
      expect(callback).toMatchObject({
        phone: '+919811000055',
        queue_id: ivr.districtQueue,
        district_id: ivr.d.district.id,
        status: 'open',
      });
      expect(callback.due_from?.toISOString()).toBe('2026-03-03T01:30:00.000Z');
    } finally {
      clock.set(OPEN_HOURS);
    }
  });

  const speaking = (caller: Phone) => {
    if (!caller.say) throw new Error(`the ${provider} phone in this test cannot speak`);
    return caller.say.bind(caller);
  };
  // Speech: where the provider recognises it (TwiML, Plivo), the default flow's menus listen too.
  if (options.speech)
    it('hears a language, a menu choice and a district code said aloud, as the recogniser wrote them', async () => {
      const { ivr, phone } = context();
      const caller = phone('+919811000077');
      const menu = await caller.start();
      expect(menu.raw).toMatch(/hindi/i);
      caller.say = speaking(caller);
      // The recogniser writes Hindi in Devanagari, with a full stop.
      expect(said(await caller.say('हिंदी।', 0.91))).toMatch(/^नई शिकायत दर्ज करने के लिए 1 दबाएँ।/);
      expect(said(await caller.say('ज़िला', 0.83))).toBe('कृपया अपने ज़िले का कोड दबाएँ, फिर हैश दबाएँ।');
      const queued = await caller.say('शून्य छह तीन चार', 0.8);
      expect(queued.queued === true || queued.queued === ivr.districtQueue).toBe(true);
      const row = await rowOf(caller.id);
      expect(row).toMatchObject({ state: 'queued', queue_id: ivr.districtQueue, language: 'hi' });
      // The call's record keeps what was heard, and what it came to.
      expect(row.path.filter((s) => s.heard)).toEqual([
        expect.objectContaining({ node: 'language', heard: 'हिंदी।', input: '2', confidence: 0.91 }),
        expect.objectContaining({ node: 'main', heard: 'ज़िला', input: '4', confidence: 0.83 }),
        expect.objectContaining({ node: 'district', heard: 'शून्य छह तीन चार', input: '0634' }),
      ]);
    });

  if (options.speech)
    it('asks again after speech it was unsure of or that matches nothing, and "agent" reaches one', async () => {
      const { ivr, phone } = context();
      const caller = phone('+919811000088');
      await caller.start();
      caller.say = speaking(caller);
      expect(said(await caller.say('English, please', 0.9))).toMatch(/^To make a new complaint, press 1\./);
      // Unsure: the spoken retry, not the status branch.
      expect(said(await caller.say('Status', 0.2))).toMatch(
        /^Sorry, I did not get that\. To make a new complaint/,
      );
      expect(said(await caller.say('banana bread', 0.95))).toMatch(/^Sorry, I did not get that\./);
      // The keypad still works on a menu that listens; here the caller asks for an agent by voice.
      const agent = await caller.say('Agent.', 0.88);
      expect(agent.queued === true || agent.queued === ivr.stateQueue).toBe(true);
      const row = await rowOf(caller.id);
      expect(row).toMatchObject({ state: 'queued', queue_id: ivr.stateQueue });
      expect(row.path.filter((s) => s.node === 'main').map((s) => [s.input, s.heard])).toEqual([
        ['unsure', 'Status'],
        ['no_match', 'banana bread'],
        ['9', 'Agent.'],
      ]);
    });

  it('times silence out into the agent queue after spoken retries', async () => {
    const { ivr, phone } = context();
    const caller = phone('+919811000066');
    await caller.start();
    expect(said(await caller.silence())).toMatch(/^Sorry, I did not get that\. Welcome/);
    await caller.silence();
    const queued = await caller.silence();
    expect(queued.queued === true || queued.queued === ivr.stateQueue).toBe(true);
    expect(await rowOf(caller.id)).toMatchObject({ state: 'queued', queue_id: ivr.stateQueue });
  });
}

/** XML text back to text. */
export const unxml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** A tiny WAV: 0.1 s of 8 kHz mu-law silence, what a provider's recording URL might serve. */
export function tinyWav() {
  const data = Buffer.alloc(800, 0xff);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0);
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVEfmt ', 8);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(7, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(8000, 24);
  h.writeUInt32LE(8000, 28);
  h.writeUInt16LE(1, 32);
  h.writeUInt16LE(8, 34);
  h.write('data', 36);
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}
