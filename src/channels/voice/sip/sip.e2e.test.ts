// A real SIP call on loopback: sipp plays the citizen's phone (INVITE with SDP, RFC 4733 digits and
// spoken audio replayed from pcap files this test writes, BYE), the service's SIP path answers it with
// the IVR engine and the default flow, its prompts spoken by espeak-ng. The caller chooses Hindi, a new
// complaint, records it and hangs up during the thanks; the call's interaction, its path through the menu
// and the voice-complaint draft with its WAV are in the database afterwards. The test listens where the
// phone's SDP asks for audio, so it hears every prompt packet the service sends.
import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../../../../test/databases.ts';
import { callerRtp, speech } from '../../../../test/pcap.ts';
import { runSipp } from '../../../../test/sipp.ts';
import { findCall } from '../../../calls/index.ts';
import { manualClock } from '../../../clock.ts';
import type { Database } from '../../../db/index.ts';
import { takeTurn } from '../engine.ts';
import type { PromptRef } from '../instructions.ts';
import { catalogueAudio } from './index.ts';
import { parseRtp } from './rtp.ts';
import type { AudioFor } from './session.ts';
import { type SipAgent, startSipAgent } from './ua.ts';
import { decodeWav } from './wav.ts';

const quiet = { info() {}, warn() {}, error() {} };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The prompt catalogue's audio, as main.ts gives the SIP path (set once the database is open). */
let audioFor: AudioFor;
const hi = (key: string, params: PromptRef['params'] = {}) => ({ key, params: { ...params, lang: 'hi' } });
/** How long a prompt plays, in ms (and its clips are spoken now, so the call does not wait for espeak). */
const lengthOf = async (prompts: PromptRef[]) =>
  (await audioFor(prompts, { provider: 'sip', providerCallId: '', caller: null, called: null })).length / 8;

describe.each(databases)('a SIP call placed by sipp ($name)', (target) => {
  let database: Database;
  let agent: SipAgent;

  beforeAll(async () => {
    database = await target.open();
    const first = 36000 + 2 * Math.floor(Math.random() * 1000);
    const deps = { db: database.db, clock: manualClock('2026-03-02T10:00:00+05:30') };
    audioFor = catalogueAudio(deps, 'data/prompts', quiet);
    agent = await startSipAgent({
      host: '127.0.0.1',
      port: 0,
      rtpPorts: { first, last: first + 20 },
      engine: (call, input) => takeTurn(deps, call, input),
      audioFor,
      log: quiet,
    });
  });

  afterAll(async () => {
    await agent?.stop();
    await database?.close();
  });

  it('answers, plays prompts as RTP, takes the digits and the recording, and keeps the call and the draft', async () => {
    // What the phone hears: the test's own UDP port, named in the phone's SDP.
    const sink = createSocket('udp4');
    await new Promise<void>((r) => sink.bind(0, '127.0.0.1', () => r()));
    const heard: { sequence: number; timestamp: number; ssrc: number; size: number; type: number }[] = [];
    sink.on('message', (data) => {
      const p = parseRtp(data);
      if (p)
        heard.push({
          sequence: p.sequence,
          timestamp: p.timestamp,
          ssrc: p.ssrc,
          size: p.payload.length,
          type: p.payloadType,
        });
    });

    // Hindi (2) in the language menu, a new complaint (1) in the main menu, record it (2): each key
    // while the menu speaks (barge-in), or typed ahead while the engine takes its turn.
    const menu = callerRtp({ ssrc: 0x1111 }).digit('2').pause(1).digit('1').pause(1).digit('2');
    const complaint = callerRtp({ ssrc: 0x2222 }).speak(speech(1.2)).pause(0.2).digit('#');
    // The recording starts after the record prompt and its beep; the test waits that long and a second more.
    const [recordAsk, thanks] = await Promise.all([
      lengthOf([hi('record.ask')]),
      lengthOf([hi('record.done')]),
      lengthOf([hi('welcome'), hi('language.choose', { digit: 1 }), hi('main.menu'), hi('complaint.menu')]),
      lengthOf([
        { key: 'welcome', params: { lang: 'en' } },
        { key: 'language.choose', params: { lang: 'en', digit: 1 } },
        { key: 'language.choose', params: { lang: 'sw', digit: 3 } },
      ]),
    ]);
    expect(thanks).toBeGreaterThan(3000); // long enough for the caller to hang up in the middle of it
    const started = Date.now();
    const run = await runSipp({
      scenario: 'voice-complaint.xml',
      target: agent.address,
      files: { 'menu.pcap': menu.pcap(), 'complaint.pcap': complaint.pcap() },
      keys: { caller: '+919812345678', rtp_sink: String(sink.address().port) },
      vars: {
        menu_ms: '1000',
        record_ms: String(Math.ceil(menu.seconds * 1000 + recordAsk + 400 + 700)),
        hold_ms: String(Math.ceil(complaint.seconds * 1000) + 1000),
      },
    });
    const seconds = (Date.now() - started) / 1000;
    sink.close();
    expect(run.code, `${run.stdout.slice(-3000)}\n${run.stderr}\n${run.errors}`).toBe(0);

    // The engine hears the hang-up just after sipp's BYE is answered.
    let call = await waitForEnd(database);
    expect(call).toBeDefined();
    call = call as NonNullable<typeof call>;
    expect(call.caller).toBe('+919812345678');
    expect(call.state).toBe('ended');
    expect(call.language).toBe('hi');
    expect(call.path.map((s) => [s.node, s.input])).toEqual([
      ['language', '2'],
      ['lang.hi', 'hi'],
      ['main', '1'],
      ['complaint', '2'],
      ['record', 'recording'],
      ['record.done', undefined],
    ]);
    const interaction = await database.db
      .selectFrom('interactions')
      .select(['channel', 'citizen_id', 'ended_at', 'external_id'])
      .where('id', '=', call.interactionId)
      .executeTakeFirstOrThrow();
    expect(interaction).toMatchObject({
      channel: 'phone',
      citizen_id: call.citizenId,
      external_id: `sip:${call.providerCallId}`,
    });
    expect(interaction.ended_at).not.toBeNull();

    const draft = await database.db
      .selectFrom('intake_drafts')
      .innerJoin('intake_draft_media', 'intake_draft_media.draft_id', 'intake_drafts.id')
      .select(['intake_drafts.call_id', 'intake_drafts.citizen_id', 'media_type', 'duration_ms', 'content'])
      .where('intake_drafts.call_id', '=', call.id)
      .executeTakeFirstOrThrow();
    expect(draft).toMatchObject({ citizen_id: call.citizenId, media_type: 'audio/wav' });
    // 1.2 s of speech, 0.2 s of pause, and the key press: about 1.5 s recorded.
    expect(draft.duration_ms).toBeGreaterThanOrEqual(1200);
    expect(draft.duration_ms).toBeLessThan(2500);
    const wav = decodeWav(draft.content);
    expect(wav.sampleRate).toBe(8000);
    const loud = wav.samples.filter((s) => Math.abs(s) > 3000).length;
    expect(loud).toBeGreaterThan(2000); // the caller's voice is in it

    // The prompts reached the phone as PCMU, 160 bytes a packet, one stream with consecutive sequence numbers.
    expect(heard.length).toBeGreaterThan(40);
    expect(heard.every((p) => p.type === 0 && p.size === 160)).toBe(true);
    expect(new Set(heard.map((p) => p.ssrc)).size).toBe(1);
    for (let i = 1; i < heard.length; i++) {
      expect(heard[i]?.sequence).toBe((((heard[i - 1]?.sequence as number) + 1) & 0xffff) as number);
    }
    const calls = await database.db.selectFrom('calls').select('id').execute();
    expect(calls).toHaveLength(1);
    expect(seconds).toBeLessThan(20);
  });
});

async function waitForEnd(database: Database) {
  for (let i = 0; i < 100; i++) {
    const row = await database.db
      .selectFrom('calls')
      .select(['provider_call_id'])
      .where('ended_at', 'is not', null)
      .executeTakeFirst();
    if (row) return findCall(database.db, 'sip', row.provider_call_id);
    await sleep(50);
  }
  return undefined;
}
