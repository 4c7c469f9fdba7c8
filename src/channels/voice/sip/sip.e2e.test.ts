// A real SIP call on loopback: sipp plays the citizen's phone (INVITE with SDP, RFC 4733 digits and
// spoken audio replayed from pcap files this test writes, BYE), the service's SIP path answers it, and
// the call's interaction, its path through the menu and the voice-complaint draft with its WAV are in the
// database afterwards. The test listens where the phone's SDP asks for audio, so it hears every prompt.
import { createSocket } from 'node:dgram';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../../../../test/databases.ts';
import { callerRtp, speech } from '../../../../test/pcap.ts';
import { runSipp } from '../../../../test/sipp.ts';
import { endCall, enqueueCall, findCall, recordStep, startCall } from '../../../calls/index.ts';
import { manualClock } from '../../../clock.ts';
import type { Database } from '../../../db/index.ts';
import { createDraft } from '../../../intake/index.ts';
import type { Instruction, PromptRef, TurnCall, TurnInput } from '../instructions.ts';
import { parseRtp } from './rtp.ts';
import { type SipAgent, startSipAgent } from './ua.ts';
import { decodeWav } from './wav.ts';

const quiet = { info() {}, warn() {}, error() {} };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Prompts as tones whose length the scenario's pauses are set from. */
const PROMPT_MS: Record<string, number> = { menu: 600, record: 300, thanks: 300, hold: 200 };
async function audioFor(prompts: PromptRef[]) {
  const ms = prompts.reduce((sum, p) => sum + (PROMPT_MS[p.key] ?? 100), 0);
  return Int16Array.from({ length: ms * 8 }, (_, i) => Math.round(3000 * Math.sin(i / 4)));
}

/**
 * A small flow over the call and intake seams: menu (2 is a voice complaint) > record > thanks and hold
 * in the complaints queue > the caller hangs up.
 */
function testFlow(database: Database, queueId: number) {
  const clock = manualClock('2026-03-02T10:00:00Z');
  const db = database.db;
  return async (turn: TurnCall, input: TurnInput): Promise<Instruction> => {
    const now = clock.now();
    const call = await startCall(db, now, {
      provider: turn.provider,
      providerCallId: turn.providerCallId,
      caller: turn.caller,
      called: turn.called,
      language: 'en',
    });
    if (input.hangup) {
      await endCall(db, now, call.id, { outcome: call.queueId ? 'voice_complaint' : 'hung_up' });
      return { kind: 'hangup', prompts: [] };
    }
    if (input.recording) {
      await createDraft(db, now, {
        channel: 'phone',
        interactionId: call.interactionId,
        callId: call.id,
        citizenId: call.citizenId,
        language: call.language,
        media: [
          {
            mediaType: input.recording.mediaType,
            content: input.recording.content,
            durationMs: input.recording.durationMs,
          },
        ],
      });
      await recordStep(db, call.id, { node: 'record', input: 'recording', at: now.toISOString() });
      await enqueueCall(db, now, call.id, queueId);
      return { kind: 'enqueue', prompts: [{ key: 'thanks' }], queueId, holdPrompts: [{ key: 'hold' }] };
    }
    if (input.digits === '2') {
      await recordStep(db, call.id, { node: 'menu', input: '2', at: now.toISOString() });
      return { kind: 'record', prompts: [{ key: 'record' }], maxSeconds: 30, finishOnKey: '#' };
    }
    return { kind: 'gather', prompts: [{ key: 'menu' }], maxDigits: 1, timeoutSeconds: 5 };
  };
}

describe.each(databases)('a SIP call placed by sipp ($name)', (target) => {
  let database: Database;
  let agent: SipAgent;
  let queueId: number;

  beforeAll(async () => {
    database = await target.open();
    const queue = await database.db
      .insertInto('call_queues')
      .values({
        code: 'complaints',
        name: JSON.stringify({ en: 'Complaints' }),
        language: null,
        place_id: null,
        calendar_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    queueId = queue.id;
    const first = 36000 + 2 * Math.floor(Math.random() * 1000);
    agent = await startSipAgent({
      host: '127.0.0.1',
      port: 0,
      rtpPorts: { first, last: first + 20 },
      engine: testFlow(database, queueId),
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

    const menu = callerRtp({ ssrc: 0x1111 }).digit('2');
    const complaint = callerRtp({ ssrc: 0x2222 }).speak(speech(1.2)).pause(0.2).digit('#');
    const run = await runSipp({
      scenario: 'voice-complaint.xml',
      target: agent.address,
      files: { 'menu.pcap': menu.pcap(), 'complaint.pcap': complaint.pcap() },
      keys: { caller: '+919812345678', rtp_sink: String(sink.address().port) },
      // The menu plays for 600 ms; the record prompt (300 ms) and beep (400 ms) follow the key press.
      vars: { menu_ms: '800', record_ms: '1100', hold_ms: String(Math.ceil(complaint.seconds * 1000) + 900) },
    });
    sink.close();
    expect(run.code, `${run.stdout.slice(-3000)}\n${run.stderr}\n${run.errors}`).toBe(0);

    // The engine hears the hang-up just after sipp's BYE is answered.
    let call = await waitForEnd(database);
    expect(call).toBeDefined();
    call = call as NonNullable<typeof call>;
    expect(call.caller).toBe('+919812345678');
    expect(call.state).toBe('abandoned'); // hung up while waiting in the queue
    expect(call.queueId).toBe(queueId);
    expect(call.path.map((s) => [s.node, s.input])).toEqual([
      ['menu', '2'],
      ['record', 'recording'],
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
    const count = await sql<{ n: number }>`select count(*)::int as n from calls`.execute(database.db);
    expect(count.rows[0]?.n).toBe(1);
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
