// A bare-bones SIP phone on loopback for the user agent's protocol tests: it writes the datagrams a
// trunk or softphone would (including broken ones), and keeps what comes back: SIP messages on its
// signalling socket, RTP on its media socket. The end-to-end test uses sipp instead.
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { performance } from 'node:perf_hooks';
import { buildTelephoneEvent } from '../src/channels/voice/sip/dtmf.ts';
import {
  headerParam,
  headerValue,
  parseSip,
  type SipMessage,
  type SipRequest,
  type SipResponse,
  serialiseSip,
} from '../src/channels/voice/sip/message.ts';
import { buildRtp, parseRtp, type RtpPacket } from '../src/channels/voice/sip/rtp.ts';
import { parseSdpOffer } from '../src/channels/voice/sip/sdp.ts';

export interface ReceivedRtp extends RtpPacket {
  at: number;
}

export interface TestPhone {
  sipPort: number;
  rtpPort: number;
  messages: SipMessage[];
  rtp: ReceivedRtp[];
  send(raw: string | Buffer): void;
  /** Waits for the first message (from `from` on) that matches. */
  waitFor(match: (m: SipMessage) => boolean, timeoutMs?: number, from?: number): Promise<SipMessage>;
  invite(options?: { sdp?: string | null; callId?: string; from?: string }): {
    callId: string;
    fromTag: string;
    cseq: number;
  };
  /** After the 200: ACK it and learn where the service wants our RTP. */
  ack(
    call: { callId: string; fromTag: string; cseq: number },
    ok: SipResponse,
  ): { toTag: string; rtpPort: number };
  inDialog(
    call: { callId: string; fromTag: string },
    toTag: string,
    method: string,
    cseq: number,
    extra?: string[],
    body?: string,
  ): void;
  /** An RFC 4733 event: start, two continuations, three end packets, 20 ms apart. */
  sendDigit(to: number, digit: string, timestamp: number): Promise<void>;
  /** PCMU packets, 20 ms apart. */
  sendAudio(to: number, mulaw: Uint8Array, timestamp: number): Promise<void>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function testPhone(service: { host: string; port: number }): Promise<TestPhone> {
  const sip = await bound();
  const media = await bound();
  const sipPort = sip.address().port;
  const rtpPort = media.address().port;
  const messages: SipMessage[] = [];
  const rtp: ReceivedRtp[] = [];
  const waiters = new Set<() => void>();
  let seq = 1;
  let ssrc = 0x1234;

  sip.on('message', (data) => {
    try {
      messages.push(parseSip(data));
    } catch {
      return;
    }
    for (const w of [...waiters]) w();
  });
  media.on('message', (data) => {
    const p = parseRtp(data);
    if (p) rtp.push({ ...p, payload: Buffer.from(p.payload), at: performance.now() });
  });

  const send = (raw: string | Buffer) =>
    sip.send(typeof raw === 'string' ? Buffer.from(raw) : raw, service.port, service.host);

  const phone: TestPhone = {
    sipPort,
    rtpPort,
    messages,
    rtp,
    send,
    waitFor(match, timeoutMs = 5000, from = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.slice(from).find(match);
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
            return true;
          }
          return false;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error('no matching SIP message'));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    invite(options = {}) {
      const callId = options.callId ?? `${randomBytes(6).toString('hex')}@127.0.0.1`;
      const fromTag = randomBytes(4).toString('hex');
      const cseq = seq++;
      const sdp =
        options.sdp === undefined
          ? [
              'v=0',
              'o=phone 1 1 IN IP4 127.0.0.1',
              's=-',
              'c=IN IP4 127.0.0.1',
              't=0 0',
              `m=audio ${rtpPort} RTP/AVP 0 101`,
              'a=rtpmap:0 PCMU/8000',
              'a=rtpmap:101 telephone-event/8000',
              '',
            ].join('\r\n')
          : options.sdp;
      send(
        serialiseSip({
          kind: 'request',
          method: 'INVITE',
          uri: `sip:181@${service.host}:${service.port}`,
          headers: [
            {
              name: 'Via',
              value: `SIP/2.0/UDP 127.0.0.1:${sipPort};branch=z9hG4bK${randomBytes(4).toString('hex')};rport`,
            },
            { name: 'From', value: `<sip:${options.from ?? '+919876543210'}@127.0.0.1>;tag=${fromTag}` },
            { name: 'To', value: `<sip:181@${service.host}>` },
            { name: 'Call-ID', value: callId },
            { name: 'CSeq', value: `${cseq} INVITE` },
            { name: 'Contact', value: `<sip:phone@127.0.0.1:${sipPort}>` },
            { name: 'Max-Forwards', value: '70' },
            ...(sdp === null ? [] : [{ name: 'Content-Type', value: 'application/sdp' }]),
          ],
          body: Buffer.from(sdp ?? ''),
        }),
      );
      return { callId, fromTag, cseq };
    },
    ack(call, ok) {
      const toTag = headerParam(headerValue(ok.headers, 'To'), 'tag') as string;
      phone.inDialog(call, toTag, 'ACK', call.cseq);
      const answer = parseSdpOffer(ok.body.toString());
      return { toTag, rtpPort: answer?.port ?? 0 };
    },
    inDialog(call, toTag, method, cseq, extra = [], body = '') {
      send(
        [
          `${method} sip:civicline@${service.host}:${service.port} SIP/2.0`,
          `Via: SIP/2.0/UDP 127.0.0.1:${sipPort};branch=z9hG4bK${randomBytes(4).toString('hex')}`,
          `From: <sip:+919876543210@127.0.0.1>;tag=${call.fromTag}`,
          `To: <sip:181@${service.host}>;tag=${toTag}`,
          `Call-ID: ${call.callId}`,
          `CSeq: ${cseq} ${method}`,
          'Max-Forwards: 70',
          ...extra,
          `Content-Length: ${Buffer.byteLength(body)}`,
          '',
          body,
        ].join('\r\n'),
      );
    },
    async sendDigit(to, digit, timestamp) {
      const steps = [
        { end: false, duration: 160 },
        { end: false, duration: 320 },
        { end: false, duration: 480 },
        { end: true, duration: 640 },
        { end: true, duration: 640 },
        { end: true, duration: 640 },
      ];
      for (const [i, s] of steps.entries()) {
        const payload = buildTelephoneEvent({ digit, end: s.end, volume: 10, duration: s.duration });
        media.send(
          buildRtp({ payloadType: 101, marker: i === 0, sequence: seq++, timestamp, ssrc, payload }),
          to,
          service.host,
        );
        await sleep(20);
      }
    },
    async sendAudio(to, mulaw, timestamp) {
      for (let at = 0; at < mulaw.length; at += 160) {
        const payload = Buffer.from(mulaw.subarray(at, at + 160));
        media.send(
          buildRtp({
            payloadType: 0,
            marker: at === 0,
            sequence: seq++,
            timestamp: timestamp + at,
            ssrc,
            payload,
          }),
          to,
          service.host,
        );
        await sleep(20);
      }
    },
    async close() {
      ssrc++;
      waiters.clear();
      await Promise.all([
        new Promise<void>((r) => sip.close(() => r())),
        new Promise<void>((r) => media.close(() => r())),
      ]);
    },
  };
  return phone;
}

async function bound(): Promise<Socket> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  return socket;
}

export const isResponse =
  (status: number, method?: string) =>
  (m: SipMessage): m is SipResponse =>
    m.kind === 'response' &&
    m.status === status &&
    (method === undefined || (headerValue(m.headers, 'CSeq') ?? '').endsWith(` ${method}`));

export const isRequest =
  (method: string) =>
  (m: SipMessage): m is SipRequest =>
    m.kind === 'request' && m.method === method;
