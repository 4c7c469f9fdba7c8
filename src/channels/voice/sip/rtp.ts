// RTP (RFC 3550) for one audio stream per call: packets in and out, and the pacer that sends every
// call's prompts on one 20 ms clock.
//
// Timing is what a listener hears. A packet carries 20 ms of audio (160 mu-law samples), so the sender
// must put one on the wire every 20 ms for as long as a prompt plays; late packets pile up in the
// phone's jitter buffer and early ones overflow it. Chaining `setTimeout(20)` drifts (each timer fires
// a little late and the lateness adds up), so the pacer schedules tick n at t0 + n x 20 ms from one
// monotonic origin: a late tick makes the next wait shorter, never the whole stream later. Ticks missed
// by a stalled event loop are caught up at once when few (the phone's buffer absorbs a short burst), and
// skipped when many (better a gap than a call that stays seconds behind). One pacer serves every call
// in the process: one timer, however many calls.
import { randomInt } from 'node:crypto';
import type { Socket } from 'node:dgram';
import { performance } from 'node:perf_hooks';
import { MULAW_SILENCE } from './mulaw.ts';

export const PACKET_MS = 20;
export const SAMPLES_PER_PACKET = 160;
export const PT_PCMU = 0;

export interface RtpPacket {
  payloadType: number;
  marker: boolean;
  sequence: number;
  timestamp: number;
  ssrc: number;
  payload: Buffer;
}

export function buildRtp(p: RtpPacket): Buffer {
  const out = Buffer.allocUnsafe(12 + p.payload.length);
  out[0] = 0x80; // version 2, no padding, no extension, no CSRC
  out[1] = (p.marker ? 0x80 : 0) | (p.payloadType & 0x7f);
  out.writeUInt16BE(p.sequence & 0xffff, 2);
  out.writeUInt32BE(p.timestamp >>> 0, 4);
  out.writeUInt32BE(p.ssrc >>> 0, 8);
  p.payload.copy(out, 12);
  return out;
}

/** Parses an RTP packet; undefined for anything that is not one (RTCP, STUN, noise). */
export function parseRtp(data: Buffer): RtpPacket | undefined {
  if (data.length < 12 || data[0] === undefined || data[0] >> 6 !== 2) return undefined;
  const b0 = data[0];
  const b1 = data[1] as number;
  const payloadType = b1 & 0x7f;
  // 72-76 would be RTCP sent to the RTP port (RFC 5761 multiplexing): not audio.
  if (payloadType >= 72 && payloadType <= 76) return undefined;
  let offset = 12 + (b0 & 0x0f) * 4;
  if (b0 & 0x10) {
    if (data.length < offset + 4) return undefined;
    offset += 4 + data.readUInt16BE(offset + 2) * 4;
  }
  let end = data.length;
  if (b0 & 0x20) end -= data[data.length - 1] as number;
  if (end < offset) return undefined;
  return {
    payloadType,
    marker: (b1 & 0x80) !== 0,
    sequence: data.readUInt16BE(2),
    timestamp: data.readUInt32BE(4),
    ssrc: data.readUInt32BE(8),
    payload: data.subarray(offset, end),
  };
}

/** A call's outbound audio: plays mu-law clips one after another at 20 ms a packet. */
export interface RtpSender {
  /** Plays a clip; resolves true when it has all been sent, false when stopped first. */
  play(mulaw: Uint8Array): Promise<boolean>;
  /** Stops the clip playing now (barge-in, hang-up). */
  stopPlaying(): void;
  /** Whether a clip is playing. */
  readonly playing: boolean;
  /** Packets sent so far. */
  readonly sent: number;
  setRemote(remote: { address: string; port: number } | null): void;
  close(): void;
}

interface Stream {
  socket: Socket;
  remote: { address: string; port: number } | null;
  ssrc: number;
  sequence: number;
  /** Timestamps follow the clock, not the packets: after a pause they jump by the time that passed. */
  timestampBase: number;
  epoch: number;
  /** Samples from the epoch to the last packet sent (never goes back, even when the pacer restarts). */
  lastSamples: number;
  clip: Uint8Array | null;
  offset: number;
  done: ((finished: boolean) => void) | null;
  /** Set on the first packet of a talkspurt (after silence), as RFC 3551 asks. */
  marker: boolean;
  sent: number;
}

export interface Pacer {
  sender(socket: Socket, remote: { address: string; port: number } | null): RtpSender;
  /** Streams playing now. */
  readonly active: number;
  /** How late ticks ran, in ms (for the bench and the logs): the worst since the last call. */
  takeWorstLateness(): number;
}

export function createPacer(options: { catchUpTicks?: number } = {}): Pacer {
  const catchUp = options.catchUpTicks ?? 5;
  const playing = new Set<Stream>();
  let origin = 0;
  let tick = 0;
  let timer: NodeJS.Timeout | null = null;
  let worst = 0;

  const due = (n: number) => origin + n * PACKET_MS;

  function send(stream: Stream, at: number) {
    const clip = stream.clip as Uint8Array;
    const payload = Buffer.alloc(SAMPLES_PER_PACKET, MULAW_SILENCE);
    const end = Math.min(clip.length, stream.offset + SAMPLES_PER_PACKET);
    payload.set(clip.subarray(stream.offset, end));
    stream.offset = end;
    if (stream.remote) {
      const samples = Math.max(
        Math.round((due(at) - stream.epoch) / PACKET_MS) * SAMPLES_PER_PACKET,
        stream.sent === 0 ? 0 : stream.lastSamples + SAMPLES_PER_PACKET,
      );
      stream.lastSamples = samples;
      const packet = buildRtp({
        payloadType: PT_PCMU,
        marker: stream.marker,
        sequence: stream.sequence,
        timestamp: stream.timestampBase + samples,
        ssrc: stream.ssrc,
        payload,
      });
      stream.socket.send(packet, stream.remote.port, stream.remote.address, () => {});
      stream.sequence = (stream.sequence + 1) & 0xffff;
      stream.sent++;
      stream.marker = false;
    }
    if (stream.offset >= clip.length) finish(stream, true);
  }

  function finish(stream: Stream, finished: boolean) {
    playing.delete(stream);
    const done = stream.done;
    stream.clip = null;
    stream.done = null;
    stream.offset = 0;
    stream.marker = true;
    done?.(finished);
    if (playing.size === 0 && timer) {
      clearTimeout(timer);
      timer = null;
    }
  }

  function run() {
    timer = null;
    const now = performance.now();
    const behind = Math.floor((now - due(tick)) / PACKET_MS);
    if (behind > catchUp) tick += behind - catchUp; // skip: a gap rather than a call that stays behind
    worst = Math.max(worst, now - due(tick));
    while (due(tick) <= performance.now() && playing.size > 0) {
      for (const stream of [...playing]) send(stream, tick);
      tick++;
    }
    schedule();
  }

  function schedule() {
    if (timer || playing.size === 0) return;
    timer = setTimeout(run, Math.max(0, due(tick) - performance.now()));
  }

  /** A new origin when idle: the first packet of a prompt goes out now, not at some old phase. */
  function start() {
    origin = performance.now();
    tick = 0;
  }

  return {
    get active() {
      return playing.size;
    },
    takeWorstLateness() {
      const w = worst;
      worst = 0;
      return w;
    },
    sender(socket, remote) {
      const stream: Stream = {
        socket,
        remote,
        ssrc: randomInt(0, 2 ** 32),
        sequence: randomInt(0, 2 ** 16),
        timestampBase: randomInt(0, 2 ** 32),
        epoch: performance.now(),
        lastSamples: 0,
        clip: null,
        offset: 0,
        done: null,
        marker: true,
        sent: 0,
      };
      return {
        get playing() {
          return stream.clip !== null;
        },
        get sent() {
          return stream.sent;
        },
        play(mulaw) {
          if (stream.clip) finish(stream, false);
          if (mulaw.length === 0) return Promise.resolve(true);
          return new Promise<boolean>((resolve) => {
            if (playing.size === 0 && !timer) start();
            stream.clip = mulaw;
            stream.offset = 0;
            stream.done = resolve;
            playing.add(stream);
            // Send the first packet at once (the tick that is due), the rest on the clock.
            if (!timer) run();
          });
        },
        stopPlaying() {
          if (stream.clip) finish(stream, false);
        },
        setRemote(next) {
          stream.remote = next;
        },
        close() {
          if (stream.clip) finish(stream, false);
        },
      };
    },
  };
}
