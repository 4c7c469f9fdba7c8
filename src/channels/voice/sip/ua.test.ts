// The SIP user agent on a real UDP socket, with a bare test phone on loopback sending what trunks and
// softphones send (and what they should not). The engine is a script that records what it was told.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isRequest, isResponse, type TestPhone, testPhone } from '../../../../test/sip-phone.ts';
import type { Instruction, PromptRef, TurnCall, TurnInput } from '../instructions.ts';
import { headerValue, type SipResponse } from './message.ts';
import { encodeMulaw } from './mulaw.ts';
import { parseSdpOffer } from './sdp.ts';
import { type SipAgent, startSipAgent } from './ua.ts';
import { decodeWav } from './wav.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A prompt's audio: a tone as long as its key says (`tone:300` is 300 ms). */
async function audioFor(prompts: PromptRef[]): Promise<Int16Array> {
  const ms = prompts.reduce((sum, p) => sum + Number(p.key.split(':')[1] ?? 100), 0);
  return Int16Array.from({ length: (ms * 8000) / 1000 }, (_, i) => Math.round(3000 * Math.sin(i / 3)));
}

interface Script {
  turns: { call: TurnCall; input: TurnInput }[];
  next: Instruction[];
  delayFirst?: number;
}

const logs: { level: string; msg: string; obj: object }[] = [];
const log = {
  info: (obj: object, msg: string) => logs.push({ level: 'info', msg, obj }),
  warn: (obj: object, msg: string) => logs.push({ level: 'warn', msg, obj }),
  error: (obj: object, msg: string) => logs.push({ level: 'error', msg, obj }),
};

let agent: SipAgent;
let phone: TestPhone;
let script: Script;

beforeEach(async () => {
  logs.length = 0;
  script = { turns: [], next: [] };
  agent = await startSipAgent({
    host: '127.0.0.1',
    port: 0,
    rtpPorts: { first: 31000 + Math.floor(Math.random() * 500) * 2, last: 32999 },
    silenceSeconds: 0.6,
    log,
    audioFor,
    engine: async (call, input) => {
      script.turns.push({ call, input });
      if (script.turns.length === 1 && script.delayFirst) await sleep(script.delayFirst);
      return script.next.shift() ?? { kind: 'hangup', prompts: [] };
    },
  });
  phone = await testPhone(agent.address);
});

afterEach(async () => {
  await phone.close();
  await agent.stop();
});

async function answered(options?: Parameters<TestPhone['invite']>[0]) {
  const call = phone.invite(options);
  const ok = (await phone.waitFor(isResponse(200, 'INVITE'))) as SipResponse;
  const { toTag, rtpPort } = phone.ack(call, ok);
  return { call, ok, toTag, rtpPort };
}

const turnsUntil = async (n: number, timeoutMs = 5000) => {
  const until = Date.now() + timeoutMs;
  while (script.turns.length < n && Date.now() < until) await sleep(10);
  return script.turns;
};

describe('the SIP user agent', () => {
  it('answers an INVITE with PCMU and telephone-event, plays prompts as paced RTP and takes RFC 4733 digits with barge-in', async () => {
    script.next = [
      { kind: 'gather', prompts: [{ key: 'tone:3000' }], maxDigits: 1, timeoutSeconds: 5 },
      { kind: 'say', prompts: [{ key: 'tone:200' }] },
      { kind: 'enqueue', prompts: [], queueId: 1, holdPrompts: [{ key: 'tone:100' }] },
    ];
    const call = phone.invite();
    await phone.waitFor(isResponse(100, 'INVITE'));
    const ok = (await phone.waitFor(isResponse(200, 'INVITE'))) as SipResponse;
    expect(headerValue(ok.headers, 'Content-Type')).toBe('application/sdp');
    expect(headerValue(ok.headers, 'Contact')).toMatch(/^<sip:civicline@127\.0\.0\.1:\d+>$/);
    expect(headerValue(ok.headers, 'Via')).toContain(`rport=${phone.sipPort};received=127.0.0.1`);
    const answer = parseSdpOffer(ok.body.toString());
    expect(answer).toMatchObject({ address: '127.0.0.1', pcmu: true, telephoneEvent: 101 });
    expect(ok.body.toString()).toMatch(/m=audio \d+ RTP\/AVP 0 101/);
    expect(script.turns[0]).toEqual({
      call: {
        provider: 'sip',
        providerCallId: call.callId,
        caller: '+919876543210',
        called: null,
      },
      input: {},
    });
    const { toTag, rtpPort } = phone.ack(call, ok);

    await sleep(500);
    const heard = phone.rtp.length;
    expect(heard).toBeGreaterThanOrEqual(20);
    await phone.sendDigit(rtpPort, '7', 5000);
    const turns = await turnsUntil(2);
    expect(turns[1]?.input).toEqual({ digits: '7' });
    // Barge-in: the 3 s prompt stopped at the key press, well short of its 150 packets.
    const gatherPackets = phone.rtp.filter((p) => p.ssrc === phone.rtp[0]?.ssrc).length;
    expect(gatherPackets).toBeLessThan(100);

    await turnsUntil(3);
    await sleep(300);
    phone.inDialog(call, toTag, 'BYE', call.cseq + 1);
    await phone.waitFor(isResponse(200, 'BYE'));
    const all = await turnsUntil(4);
    expect(all[3]?.input).toEqual({ hangup: true });

    // The packets: PCMU, 160 bytes, one SSRC, sequence +1 and timestamp +160 within a talkspurt, 20 ms apart.
    const packets = phone.rtp;
    expect(new Set(packets.map((p) => p.ssrc)).size).toBe(1);
    expect(packets.every((p) => p.payloadType === 0 && p.payload.length === 160)).toBe(true);
    expect(packets[0]?.marker).toBe(true);
    for (let i = 1; i < packets.length; i++) {
      const a = packets[i - 1] as (typeof packets)[0];
      const b = packets[i] as (typeof packets)[0];
      expect(b.sequence).toBe((a.sequence + 1) & 0xffff);
      expect((b.timestamp - a.timestamp) >>> 0).toBeGreaterThanOrEqual(160);
      if (!b.marker) expect((b.timestamp - a.timestamp) >>> 0).toBe(160);
    }
    // Drift-free: packets keep to a 20 ms grid from the first (the median, so that one stall of a busy
    // machine does not decide it; a chained 20 ms timer would fall further behind with every packet).
    const start = packets[0]?.at as number;
    const late = packets.slice(0, 20).map((p, i) => Math.abs(p.at - start - i * 20));
    late.sort((a, b) => a - b);
    expect(late[10]).toBeLessThan(25);
  });

  it('takes digits sent as SIP INFO, once per CSeq, and ends a gather on its finish key', async () => {
    script.next = [
      { kind: 'gather', prompts: [{ key: 'tone:200' }], maxDigits: 6, finishOnKey: '#', timeoutSeconds: 5 },
    ];
    const { call, toTag } = await answered();
    const relay = (cseq: number, signal: string) =>
      phone.inDialog(
        call,
        toTag,
        'INFO',
        cseq,
        ['Content-Type: application/dtmf-relay'],
        `Signal=${signal}\r\nDuration=160\r\n`,
      );
    relay(2, '4');
    relay(2, '4'); // a retransmission
    relay(3, '2');
    phone.inDialog(call, toTag, 'INFO', 4, ['Content-Type: application/dtmf'], '#');
    const turns = await turnsUntil(2);
    expect(turns[1]?.input).toEqual({ digits: '42' });
    // The script then hangs up: our BYE reaches the phone.
    const bye = await phone.waitFor(isRequest('BYE'));
    expect(headerValue(bye.headers, 'Call-ID')).toBe(call.callId);
    expect(headerValue(bye.headers, 'From')).toContain(`tag=${toTag}`);
    expect(headerValue(bye.headers, 'To')).toContain(`tag=${call.fromTag}`);
    expect(bye.kind === 'request' && bye.uri).toBe(`sip:phone@127.0.0.1:${phone.sipPort}`);
    expect((await turnsUntil(3))[2]?.input).toEqual({ hangup: true });
  });

  it('reports silence after a gather as a timeout', async () => {
    script.next = [{ kind: 'gather', prompts: [{ key: 'tone:100' }], maxDigits: 1, timeoutSeconds: 0.3 }];
    await answered();
    const turns = await turnsUntil(2);
    expect(turns[1]?.input).toEqual({ timeout: true });
  });

  it('records the caller to a WAV until the finish key, and keeps a recording cut short by a hang-up', async () => {
    script.next = [
      { kind: 'record', prompts: [{ key: 'tone:100' }], maxSeconds: 10, finishOnKey: '#' },
      { kind: 'record', prompts: [], maxSeconds: 10, finishOnKey: '#' },
    ];
    const { call, toTag, rtpPort } = await answered();
    await sleep(700); // the prompt and the beep
    const voice = encodeMulaw(
      Int16Array.from({ length: 4000 }, (_, i) => Math.round(6000 * Math.sin(i / 4))),
    );
    await phone.sendAudio(rtpPort, voice, 100_000);
    await phone.sendDigit(rtpPort, '#', 104_000);
    const turns = await turnsUntil(2);
    const recording = turns[1]?.input.recording;
    expect(recording?.mediaType).toBe('audio/wav');
    expect(recording?.durationMs).toBeGreaterThanOrEqual(480);
    const wav = decodeWav(recording?.content as Uint8Array);
    expect(wav.sampleRate).toBe(8000);
    expect(wav.samples.length).toBeGreaterThanOrEqual(4000);
    expect(Math.max(...wav.samples.subarray(0, 4000))).toBeGreaterThan(5000);

    // The second recording: the caller speaks, then hangs up.
    await sleep(500);
    await phone.sendAudio(rtpPort, voice.subarray(0, 1600), 200_000);
    phone.inDialog(call, toTag, 'BYE', call.cseq + 1);
    await phone.waitFor(isResponse(200, 'BYE'));
    const last = (await turnsUntil(3))[2]?.input;
    expect(last?.hangup).toBe(true);
    expect(last?.recording?.durationMs).toBeGreaterThanOrEqual(180);
  });

  it('ends a recording on silence, and answers a recording of nothing but silence as a timeout', async () => {
    script.next = [
      { kind: 'record', prompts: [], maxSeconds: 10, finishOnKey: '#' },
      { kind: 'record', prompts: [], maxSeconds: 10, finishOnKey: '#' },
      { kind: 'record', prompts: [], maxSeconds: 0.5, finishOnKey: '#' },
    ];
    const { rtpPort } = await answered();
    await sleep(450);
    const voice = encodeMulaw(
      Int16Array.from({ length: 1600 }, (_, i) => Math.round(6000 * Math.sin(i / 4))),
    );
    await phone.sendAudio(rtpPort, voice, 0);
    const turns = await turnsUntil(2);
    expect(turns[1]?.input.recording?.durationMs).toBeGreaterThanOrEqual(180);
    // Silence (0.6 s here) with nothing said: a timeout, not an empty recording.
    expect((await turnsUntil(3))[2]?.input).toEqual({ timeout: true });
    // The cap on length: a caller who speaks for longer than maxSeconds is cut off at it.
    await sleep(450);
    const long = encodeMulaw(Int16Array.from({ length: 8000 }, (_, i) => Math.round(6000 * Math.sin(i / 4))));
    const speaking = phone.sendAudio(rtpPort, long, 50_000);
    const capped = (await turnsUntil(4))[3]?.input.recording;
    await speaking;
    expect(capped?.durationMs).toBeGreaterThan(200);
    expect(capped?.durationMs).toBeLessThan(700);
  });

  it('answers a CANCEL before the answer with 487 and tells the engine', async () => {
    script.delayFirst = 300;
    const call = phone.invite();
    await phone.waitFor(isResponse(100, 'INVITE'));
    phone.send(
      [
        `CANCEL sip:181@127.0.0.1:${agent.address.port} SIP/2.0`,
        `Via: SIP/2.0/UDP 127.0.0.1:${phone.sipPort};branch=z9hG4bKcancel`,
        `From: <sip:+919876543210@127.0.0.1>;tag=${call.fromTag}`,
        `To: <sip:181@127.0.0.1>`,
        `Call-ID: ${call.callId}`,
        `CSeq: ${call.cseq} CANCEL`,
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n'),
    );
    await phone.waitFor(isResponse(200, 'CANCEL'));
    await phone.waitFor(isResponse(487, 'INVITE'));
    expect((await turnsUntil(2))[1]?.input).toEqual({ hangup: true });
    expect(phone.messages.some(isResponse(200, 'INVITE'))).toBe(false);
    expect(agent.calls).toBe(0);
  });

  it('retransmits the 200 until the ACK, and answers a retransmitted INVITE with the same 200', async () => {
    script.next = [{ kind: 'gather', prompts: [], maxDigits: 1, timeoutSeconds: 5 }];
    const call = phone.invite();
    await phone.waitFor(isResponse(200, 'INVITE'));
    await sleep(650);
    const oks = phone.messages.filter(isResponse(200, 'INVITE'));
    expect(oks.length).toBeGreaterThanOrEqual(2);
    expect(oks[1]?.body.equals(oks[0]?.body as Buffer)).toBe(true);
    expect(script.turns).toHaveLength(1);
    phone.ack(call, oks[0] as SipResponse);
    await sleep(1100);
    expect(phone.messages.filter(isResponse(200, 'INVITE')).length).toBe(oks.length);
  });

  it('takes a re-INVITE (hold, then a new address) and answers with a new SDP version', async () => {
    script.next = [{ kind: 'gather', prompts: [{ key: 'tone:5000' }], maxDigits: 1, timeoutSeconds: 5 }];
    const { call, toTag, ok } = await answered();
    await sleep(200);
    const sdp = (port: number, direction: string) =>
      [
        'v=0',
        'o=phone 1 2 IN IP4 127.0.0.1',
        's=-',
        'c=IN IP4 127.0.0.1',
        't=0 0',
        `m=audio ${port} RTP/AVP 0 101`,
        'a=rtpmap:101 telephone-event/8000',
        `a=${direction}`,
        '',
      ].join('\r\n');
    const mark = phone.messages.length;
    phone.inDialog(
      call,
      toTag,
      'INVITE',
      call.cseq + 1,
      ['Content-Type: application/sdp'],
      sdp(phone.rtpPort, 'sendonly'),
    );
    const held = (await phone.waitFor(isResponse(200, 'INVITE'), 2000, mark)) as SipResponse;
    expect(held.body.toString()).toContain('a=recvonly');
    expect(held.body.toString()).toMatch(/o=civicline \d+ 2 /);
    expect(ok.body.toString()).toMatch(/o=civicline \d+ 1 /);
    await sleep(100);
    const beforeHold = phone.rtp.length;
    await sleep(200);
    expect(phone.rtp.length).toBe(beforeHold); // on hold: nothing sent
    phone.inDialog(
      call,
      toTag,
      'INVITE',
      call.cseq + 2,
      ['Content-Type: application/sdp'],
      sdp(phone.rtpPort, 'sendrecv'),
    );
    await phone.waitFor(isResponse(200, 'INVITE'), 2000, phone.messages.length);
    await sleep(200);
    expect(phone.rtp.length).toBeGreaterThan(beforeHold);
  });

  it('refuses an offer without PCMU, answers OPTIONS, and survives garbage', async () => {
    phone.send('\u0000\u0001garbage');
    phone.send(
      'INVITE sip:x SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:1;branch=z9hG4bKx\r\nthis is not a header\r\n\r\n',
    );
    phone.send(`INVITE sip:x SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:${phone.sipPort};branch=z9hG4bKy\r\n\r\n`);
    await phone.waitFor(isResponse(400));
    phone.invite({
      sdp: [
        'v=0',
        'o=- 1 1 IN IP4 127.0.0.1',
        's=-',
        'c=IN IP4 127.0.0.1',
        't=0 0',
        'm=audio 4000 RTP/AVP 8',
        '',
      ].join('\r\n'),
    });
    await phone.waitFor(isResponse(488, 'INVITE'));
    phone.send(
      [
        `OPTIONS sip:181@127.0.0.1 SIP/2.0`,
        `Via: SIP/2.0/UDP 127.0.0.1:${phone.sipPort};branch=z9hG4bKopt`,
        'From: <sip:monitor@127.0.0.1>;tag=1',
        'To: <sip:181@127.0.0.1>',
        'Call-ID: options-1',
        'CSeq: 1 OPTIONS',
        '',
        '',
      ].join('\r\n'),
    );
    const options = await phone.waitFor(isResponse(200, 'OPTIONS'));
    expect(headerValue(options.headers, 'Allow')).toContain('INFO');
    expect(logs.filter((l) => l.msg === 'SIP datagram ignored')).toHaveLength(2);
    expect(script.turns).toHaveLength(0);
    // A BYE for a call that does not exist.
    phone.inDialog({ callId: 'nope', fromTag: 'x' }, 'y', 'BYE', 5);
    await phone.waitFor(isResponse(481, 'BYE'));
  });

  it('answers a late-offer INVITE with its own offer and takes the answer from the ACK', async () => {
    script.next = [{ kind: 'gather', prompts: [{ key: 'tone:400' }], maxDigits: 1, timeoutSeconds: 5 }];
    const call = phone.invite({ sdp: null });
    const ok = (await phone.waitFor(isResponse(200, 'INVITE'))) as SipResponse;
    expect(ok.body.toString()).toContain('a=rtpmap:101 telephone-event/8000');
    const toTag = (headerValue(ok.headers, 'To') as string).split('tag=')[1] as string;
    const sdp = [
      'v=0',
      'o=p 1 1 IN IP4 127.0.0.1',
      's=-',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      `m=audio ${phone.rtpPort} RTP/AVP 0 101`,
      'a=rtpmap:101 telephone-event/8000',
      '',
    ].join('\r\n');
    phone.inDialog(call, toTag, 'ACK', call.cseq, ['Content-Type: application/sdp'], sdp);
    await sleep(300);
    expect(phone.rtp.length).toBeGreaterThan(5);
  });

  it('refuses a call with 503 when the RTP range is full', async () => {
    await agent.stop();
    const port = 33100 + Math.floor(Math.random() * 400) * 2;
    agent = await startSipAgent({
      host: '127.0.0.1',
      port: 0,
      rtpPorts: { first: port, last: port },
      log,
      audioFor,
      engine: async () => ({ kind: 'gather', prompts: [], maxDigits: 1, timeoutSeconds: 5 }),
    });
    await phone.close();
    phone = await testPhone(agent.address);
    await answered();
    phone.invite();
    await phone.waitFor(isResponse(503, 'INVITE'));
    expect(agent.calls).toBe(1);
  });
});
