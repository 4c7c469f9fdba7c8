// The pieces of the SIP path that are pure data: SIP messages, SDP, mu-law, RTP, RFC 4733 events,
// INFO digits, WAV files and the recorder. The user agent on a real socket is in ua.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTelephoneEvent, parseDtmfInfo, parseTelephoneEvent, telephoneEventReader } from './dtmf.ts';
import {
  addrUri,
  headerParam,
  headerValue,
  headerValues,
  parseCSeq,
  parseSip,
  SipParseError,
  serialiseSip,
  uriUser,
} from './message.ts';
import { decodeMulaw, encodeMulaw, MULAW_SILENCE } from './mulaw.ts';
import { createRecorder } from './record.ts';
import { buildRtp, parseRtp } from './rtp.ts';
import { buildSdpAnswer, parseSdpOffer } from './sdp.ts';
import { normaliseNumber } from './ua.ts';
import { decodeWav, encodeWav } from './wav.ts';

const INVITE = [
  'INVITE sip:helpline@10.0.0.5:5060 SIP/2.0',
  'Via: SIP/2.0/UDP 10.0.0.9:5070;branch=z9hG4bK-1;rport',
  'v: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-0',
  'f: "Ram" <sip:+919876543210@10.0.0.9>;tag=abc',
  'To: <sip:181@10.0.0.5>',
  'i: call-1@10.0.0.9',
  'cseq: 1 INVITE',
  'Subject: a folded',
  '  header',
  'Content-Type: application/sdp',
  'l: 4',
  '',
  'v=0\r\nextra bytes past the length',
].join('\r\n');

describe('SIP messages', () => {
  it('parses a request with compact names, repeated Vias, folding and a body cut at Content-Length', () => {
    const m = parseSip(Buffer.from(INVITE));
    expect(m.kind).toBe('request');
    if (m.kind !== 'request') return;
    expect(m.method).toBe('INVITE');
    expect(m.uri).toBe('sip:helpline@10.0.0.5:5060');
    expect(headerValues(m.headers, 'Via')).toHaveLength(2);
    expect(headerValue(m.headers, 'Call-ID')).toBe('call-1@10.0.0.9');
    expect(headerValue(m.headers, 'CSeq')).toBe('1 INVITE');
    expect(headerValue(m.headers, 'Subject')).toBe('a folded header');
    expect(m.body.toString()).toBe('v=0\r');
    expect(headerParam(headerValue(m.headers, 'From'), 'tag')).toBe('abc');
    expect(uriUser(headerValue(m.headers, 'From'))).toBe('+919876543210');
    expect(addrUri(headerValue(m.headers, 'From') as string)).toBe('sip:+919876543210@10.0.0.9');
    expect(parseCSeq('101 BYE')).toEqual({ seq: 101, method: 'BYE' });
  });

  it('round-trips a response through serialise and parse', () => {
    const body = Buffer.from('v=0\r\n');
    const wire = serialiseSip({
      kind: 'response',
      status: 200,
      reason: 'OK',
      headers: [
        { name: 'Via', value: 'SIP/2.0/UDP a;branch=z9hG4bK1' },
        { name: 'Call-ID', value: 'x' },
        { name: 'Content-Length', value: '999' },
      ],
      body,
    });
    expect(wire.toString()).toContain('Content-Length: 5\r\n\r\nv=0');
    const back = parseSip(wire);
    expect(back).toMatchObject({ kind: 'response', status: 200, reason: 'OK' });
    expect(back.body.equals(body)).toBe(true);
  });

  it('refuses garbage with a parse error, never anything else', () => {
    for (const bad of ['', 'hello', 'INVITE sip:x SIP/2.0\r\nno colon\r\n\r\n', 'SIP/2.0 20 OK\r\n\r\n']) {
      expect(() => parseSip(Buffer.from(bad))).toThrow(SipParseError);
    }
    expect(() => parseSip(Buffer.from('BYE sip:x SIP/2.0\r\nContent-Length: 50\r\n\r\nshort'))).toThrow(
      SipParseError,
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        try {
          parseSip(Buffer.from(bytes));
        } catch (err) {
          expect(err).toBeInstanceOf(SipParseError);
        }
      }),
    );
  });

  it('keeps only E.164 caller numbers', () => {
    expect(normaliseNumber('+919876543210')).toBe('+919876543210');
    expect(normaliseNumber('255712345678')).toBe('+255712345678');
    expect(normaliseNumber('anonymous')).toBeNull();
    expect(normaliseNumber('1001')).toBeNull();
    expect(normaliseNumber('09876543210')).toBeNull();
  });
});

describe('SDP', () => {
  const offer = [
    'v=0',
    'o=- 1 1 IN IP4 192.0.2.1',
    's=-',
    'c=IN IP4 192.0.2.1',
    't=0 0',
    'm=audio 40000 RTP/AVP 8 0 96',
    'c=IN IP4 192.0.2.7',
    'a=rtpmap:8 PCMA/8000',
    'a=rtpmap:96 telephone-event/8000',
    'a=fmtp:96 0-16',
    'a=sendrecv',
    'm=video 40002 RTP/AVP 99',
  ].join('\r\n');

  it('reads the audio stream, PCMU and the telephone-event payload type', () => {
    expect(parseSdpOffer(offer)).toEqual({
      address: '192.0.2.7',
      port: 40000,
      pcmu: true,
      telephoneEvent: 96,
      direction: 'sendrecv',
    });
    expect(parseSdpOffer(offer.replace('RTP/AVP 8 0 96', 'RTP/AVP 8 96'))?.pcmu).toBe(false);
    expect(parseSdpOffer('v=0\r\nm=video 1 RTP/AVP 99')).toBeUndefined();
  });

  it('answers with PCMU and the caller’s telephone-event type, and a hold with recvonly', () => {
    const answer = buildSdpAnswer({
      sessionId: 7,
      version: 2,
      address: '10.0.0.5',
      port: 20000,
      telephoneEvent: 96,
      direction: 'sendonly',
    });
    expect(answer).toContain('m=audio 20000 RTP/AVP 0 96\r\n');
    expect(answer).toContain('a=rtpmap:96 telephone-event/8000');
    expect(answer).toContain('c=IN IP4 10.0.0.5');
    expect(answer).toContain('a=recvonly');
    // Our own answer read back as an offer: what a re-INVITE from the other side would look like.
    expect(parseSdpOffer(answer)).toMatchObject({ port: 20000, pcmu: true, telephoneEvent: 96 });
  });
});

describe('audio', () => {
  it('encodes and decodes mu-law within its quantisation step', () => {
    const pcm = Int16Array.from([0, 1, -1, 100, -100, 1000, -1000, 8000, -8000, 32767, -32768]);
    const back = decodeMulaw(encodeMulaw(pcm));
    for (let i = 0; i < pcm.length; i++) {
      const x = pcm[i] as number;
      expect(Math.abs((back[i] as number) - x)).toBeLessThanOrEqual(Math.max(8, Math.abs(x) / 16));
    }
    expect(encodeMulaw(Int16Array.from([0]))[0]).toBe(MULAW_SILENCE);
    // The reference values of G.711: 0xff is +0, 0x00 is the loudest negative sample.
    expect(decodeMulaw(Uint8Array.from([0xff, 0x00, 0x80]))).toEqual(Int16Array.from([0, -32124, 32124]));
  });

  it('writes WAV files that read back sample for sample', () => {
    const pcm = Int16Array.from({ length: 800 }, (_, i) => Math.round(1000 * Math.sin(i / 5)));
    const wav = encodeWav(pcm);
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.length).toBe(44 + 1600);
    const back = decodeWav(wav);
    expect(back.sampleRate).toBe(8000);
    expect(back.samples).toEqual(pcm);
  });
});

describe('RTP and keypad digits', () => {
  it('round-trips a packet and skips CSRCs, extensions and padding', () => {
    const payload = Buffer.alloc(160, 0x7f);
    const wire = buildRtp({
      payloadType: 0,
      marker: true,
      sequence: 65535,
      timestamp: 2 ** 32 + 5,
      ssrc: 1,
      payload,
    });
    expect(parseRtp(wire)).toMatchObject({
      payloadType: 0,
      marker: true,
      sequence: 65535,
      timestamp: 5,
      ssrc: 1,
    });
    // One CSRC, a one-word extension and 3 bytes of padding around a 2-byte payload.
    const fancy = Buffer.concat([
      Buffer.from([0xb1, 0x00, 0, 1, 0, 0, 0, 9, 0, 0, 0, 2]),
      Buffer.from([0, 0, 0, 3]),
      Buffer.from([0xbe, 0xde, 0, 1, 1, 2, 3, 4]),
      Buffer.from([0xaa, 0xbb, 0, 0, 3]),
    ]);
    expect(parseRtp(fancy)?.payload).toEqual(Buffer.from([0xaa, 0xbb]));
    expect(parseRtp(Buffer.from([0x80, 200, 0, 0]))).toBeUndefined();
    expect(parseRtp(Buffer.from([0x80, 200, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]))).toBeUndefined(); // RTCP SR
  });

  it('reads each RFC 4733 event once, however many packets and repeats carry it', () => {
    const read = telephoneEventReader();
    const digits: string[] = [];
    const event = (ts: number, digit: string, end: boolean, duration: number) => {
      const d = read(ts, buildTelephoneEvent({ digit, end, volume: 10, duration }));
      if (d) digits.push(d);
    };
    // "5": start, continuation, three end packets; a late duplicate of the start.
    event(1000, '5', false, 160);
    event(1000, '5', false, 320);
    event(1000, '5', true, 480);
    event(1000, '5', true, 480);
    event(1000, '5', true, 480);
    event(1000, '5', false, 160);
    // "#": only its end packets arrived.
    event(3000, '#', true, 800);
    event(3000, '#', true, 800);
    // "5" again: a new event, a new timestamp.
    event(5000, '5', false, 160);
    expect(digits).toEqual(['5', '#', '5']);
    expect(parseTelephoneEvent(Buffer.from([16, 0, 0, 0]))).toBeUndefined(); // a tone, not a key
  });

  it('reads INFO digits in both content types', () => {
    expect(parseDtmfInfo('application/dtmf-relay', 'Signal=5\r\nDuration=160\r\n')).toBe('5');
    expect(parseDtmfInfo('Application/DTMF-Relay; charset=x', 'Signal= #\r\nDuration=160')).toBe('#');
    expect(parseDtmfInfo('application/dtmf-relay', 'Signal=11\r\n')).toBe('#');
    expect(parseDtmfInfo('application/dtmf', '*')).toBe('*');
    expect(parseDtmfInfo('text/plain', 'Signal=5')).toBeUndefined();
    expect(parseDtmfInfo('application/dtmf-relay', 'Signal=X')).toBeUndefined();
  });
});

describe('the recorder', () => {
  it('places packets by timestamp, fills a lost packet with silence and drops duplicates', () => {
    const rec = createRecorder();
    const loud = encodeMulaw(Int16Array.from({ length: 160 }, (_, i) => (i % 2 ? 4000 : -4000)));
    const packet = (timestamp: number) => ({
      payloadType: 0,
      marker: false,
      sequence: 0,
      timestamp,
      ssrc: 7,
      payload: Buffer.from(loud),
    });
    rec.push(packet(2 ** 32 - 160), 10);
    rec.push(packet(0), 30); // the timestamp wraps
    rec.push(packet(320), 70); // 160 lost
    rec.push(packet(0), 80); // a duplicate
    expect(rec.lastVoiceAt).toBe(70);
    const { wav, durationMs, heard } = rec.finish();
    expect(heard).toBe(true);
    expect(durationMs).toBe(80);
    const samples = decodeWav(wav).samples;
    expect(samples.length).toBe(640);
    expect(samples.subarray(320, 480).every((s) => s === 0)).toBe(true);
    expect(Math.abs(samples[0] as number)).toBeGreaterThan(3000);
  });

  it('does not take silence for a voice', () => {
    const rec = createRecorder();
    rec.push(
      { payloadType: 0, marker: false, sequence: 0, timestamp: 0, ssrc: 1, payload: Buffer.alloc(160, 0xff) },
      5,
    );
    expect(rec.lastVoiceAt).toBeNull();
    expect(rec.finish().heard).toBe(false);
  });
});
