// Recorded prompts: an administrator's take of a prompt in one language, used instead of text-to-speech
// by every provider (TwiML <Play>, Plivo <Play>, KooKoo playaudio, AT Play, Exotel's audio URL) and by
// the SIP path (promptAudio). Kept as 8 kHz mono 16-bit PCM, what a phone line carries. A WAV already in
// that shape (PCM or G.711 mu-law) is taken as it is; anything else (another rate, stereo, MP3) is
// converted with sox; audio that neither reads is refused with a clear code.
import { spawn } from 'node:child_process';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { AppError } from '../../../errors.ts';
import { CATALOGUE, PROMPT_KEYS, promptTemplate } from './catalogue.ts';

const RATE = 8000;
const MAX_SECONDS = 300;

/** The samples of a WAV that is already 8 kHz mono PCM16 or mu-law; null for anything else. */
export function phoneWav(bytes: Uint8Array): Int16Array | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 44 || b.toString('ascii', 0, 4) !== 'RIFF' || b.toString('ascii', 8, 12) !== 'WAVE')
    return null;
  let at = 12;
  let format: { tag: number; channels: number; rate: number; bits: number } | null = null;
  while (at + 8 <= b.length) {
    const id = b.toString('ascii', at, at + 4);
    const size = b.readUInt32LE(at + 4);
    const body = at + 8;
    if (id === 'fmt ' && size >= 16)
      format = {
        tag: b.readUInt16LE(body),
        channels: b.readUInt16LE(body + 2),
        rate: b.readUInt32LE(body + 4),
        bits: b.readUInt16LE(body + 14),
      };
    if (id === 'data') {
      if (format?.channels !== 1 || format.rate !== RATE) return null;
      const data = b.subarray(body, Math.min(b.length, body + size));
      if (format.tag === 1 && format.bits === 16) {
        const out = new Int16Array(data.length >> 1);
        for (let i = 0; i < out.length; i++) out[i] = data.readInt16LE(i * 2);
        return out;
      }
      if (format.tag === 7 && format.bits === 8) return Int16Array.from(data, decodeMulaw);
      return null;
    }
    at = body + size + (size & 1);
  }
  return null;
}

function decodeMulaw(byte: number) {
  const u = ~byte & 0xff;
  const sign = u & 0x80;
  const exponent = (u >> 4) & 0x07;
  const mantissa = u & 0x0f;
  const magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
  return sign ? -magnitude : magnitude;
}

/** sox reads the audio (WAV of any rate or channels, MP3 where sox has it) and writes 8 kHz mono PCM16. */
function convert(bytes: Uint8Array, type: string): Promise<Int16Array | null> {
  return new Promise((resolve) => {
    const sox = spawn(
      'sox',
      ['-t', type, '-', '-t', 'raw', '-r', String(RATE), '-e', 'signed', '-b', '16', '-c', '1', '-'],
      { stdio: ['pipe', 'pipe', 'ignore'] },
    );
    const chunks: Buffer[] = [];
    sox.stdout.on('data', (c: Buffer) => chunks.push(c));
    sox.on('error', () => resolve(null));
    sox.stdin.on('error', () => {});
    sox.on('close', (code) => {
      const out = Buffer.concat(chunks);
      if (code !== 0 || out.length < 2) return resolve(null);
      const pcm = new Int16Array(out.length >> 1);
      for (let i = 0; i < pcm.length; i++) pcm[i] = out.readInt16LE(i * 2);
      resolve(pcm);
    });
    sox.stdin.end(Buffer.from(bytes));
  });
}

/** The prompts an administrator may record: those without parameters (the rest join per-item clips). */
export function recordable(key: string, language: string) {
  return (
    PROMPT_KEYS.has(key) &&
    Boolean(CATALOGUE[language]) &&
    !(promptTemplate(key, language) ?? '{').includes('{')
  );
}

export async function saveRecording(
  db: Kysely<DB>,
  now: Date,
  input: { key: string; language: string; audio: Uint8Array; mediaType: string; uploadedBy: number | null },
) {
  if (!PROMPT_KEYS.has(input.key) || !CATALOGUE[input.language])
    throw new AppError('not_found', `no prompt "${input.key}" in "${input.language}"`);
  if (!recordable(input.key, input.language))
    throw new AppError('validation_failed', `prompt "${input.key}" has parameters and is read from clips`, [
      { field: 'key', message: 'has parameters', code: 'prompt_has_parameters' },
    ]);
  const pcm =
    phoneWav(input.audio) ?? (await convert(input.audio, input.mediaType.includes('mpeg') ? 'mp3' : 'wav'));
  if (!pcm || pcm.length === 0)
    throw new AppError('unsupported_media_type', 'the audio could not be read as WAV (or MP3)', [
      { field: 'audio', message: 'is not readable audio', code: 'audio_unreadable' },
    ]);
  const durationMs = Math.round((pcm.length / RATE) * 1000);
  if (durationMs > MAX_SECONDS * 1000)
    throw new AppError('validation_failed', `a prompt lasts at most ${MAX_SECONDS} s`, [
      { field: 'audio', message: 'is too long', code: 'audio_too_long' },
    ]);
  const bytes = new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  await db
    .insertInto('ivr_prompt_recordings')
    .values({
      key: input.key,
      language: input.language,
      pcm: bytes,
      duration_ms: durationMs,
      uploaded_by: input.uploadedBy,
      uploaded_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['key', 'language']).doUpdateSet({
        pcm: bytes,
        duration_ms: durationMs,
        uploaded_by: input.uploadedBy,
        uploaded_at: now,
      }),
    )
    .execute();
  return { key: input.key, language: input.language, durationMs, uploadedAt: now };
}
