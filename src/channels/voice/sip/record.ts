// The caller's audio, captured for a voice complaint: RTP mu-law decoded to 16-bit PCM, placed by its RTP
// timestamp (a lost packet becomes 20 ms of silence, so the recording keeps its true length), written as
// a WAV. Whether the caller is speaking is judged per packet by its loudness, for the silence that ends
// a recording.
import { decodeMulaw } from './mulaw.ts';
import type { RtpPacket } from './rtp.ts';
import { encodeWav, SAMPLE_RATE } from './wav.ts';

/** Mean absolute amplitude above which a 20 ms packet counts as the caller speaking (about -45 dBFS). */
export const VOICE_LEVEL = 180;
/** A gap in timestamps longer than this is a new stream or a clock jump, not lost packets to fill. */
const MAX_GAP_SAMPLES = SAMPLE_RATE;

export interface Recorder {
  push(packet: RtpPacket, now: number): void;
  /** When the caller last spoke (ms, the clock `push` was given), or null if not yet. */
  readonly lastVoiceAt: number | null;
  readonly samples: number;
  finish(): { wav: Buffer; durationMs: number; heard: boolean };
}

export function createRecorder(): Recorder {
  const chunks: Int16Array[] = [];
  let samples = 0;
  let ssrc: number | null = null;
  let next = 0;
  let lastVoiceAt: number | null = null;

  return {
    get lastVoiceAt() {
      return lastVoiceAt;
    },
    get samples() {
      return samples;
    },
    push(packet, now) {
      if (packet.payload.length === 0) return;
      if (packet.ssrc !== ssrc) {
        ssrc = packet.ssrc;
        next = packet.timestamp;
      }
      const ahead = (packet.timestamp - next) >>> 0;
      // Behind what we have (a duplicate or a late packet, the 32-bit difference wraps to large): drop it.
      if (ahead > 0x7fffffff) return;
      if (ahead > 0 && ahead <= MAX_GAP_SAMPLES) {
        chunks.push(new Int16Array(ahead));
        samples += ahead;
      }
      const pcm = decodeMulaw(packet.payload);
      chunks.push(pcm);
      samples += pcm.length;
      next = (packet.timestamp + pcm.length) >>> 0;
      let sum = 0;
      for (const s of pcm) sum += Math.abs(s);
      if (sum / pcm.length > VOICE_LEVEL) lastVoiceAt = now;
    },
    finish() {
      const all = new Int16Array(samples);
      let at = 0;
      for (const c of chunks) {
        all.set(c, at);
        at += c.length;
      }
      return {
        wav: encodeWav(all),
        durationMs: Math.round((samples * 1000) / SAMPLE_RATE),
        heard: lastVoiceAt !== null,
      };
    },
  };
}
