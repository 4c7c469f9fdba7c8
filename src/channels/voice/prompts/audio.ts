// Prompts as 8 kHz audio, for carriers that play audio themselves (the SIP path, the admin simulator)
// and for providers given a recorded clip. Where an administrator recorded a prompt in a language, that
// recording is used; otherwise espeak-ng speaks its text into a placeholder clip, generated on first use
// (or ahead of time by `warmPrompts` at start) and cached on disk. Numbers, dates, times, references and
// keyed digits are read by joining per-item clips ("K", "7", "M"...), so a reference needs no new
// synthesis and a recorded set of item clips can replace them one by one.
//
// Audio is 8 kHz mono 16-bit PCM inside; `toMulaw` gives the G.711 mu-law bytes RTP carries as PCMU.
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { PromptRef } from '../instructions.ts';
import { CATALOGUE, promptTemplate } from './catalogue.ts';
import { type Part, renderPrompt } from './render.ts';

export const SAMPLE_RATE = 8000;
const GAP_PROMPTS_MS = 300;
const GAP_ITEMS_MS = 60;
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export interface PromptAudioOptions {
  /** Where generated clips are cached (VOICE_PROMPT_DIR, default data/prompts). */
  dir: string;
}

const silence = (ms: number) => new Int16Array((SAMPLE_RATE * ms) / 1000);

function concat(chunks: Int16Array[]): Int16Array {
  const out = new Int16Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const inFlight = new Map<string, Promise<Int16Array>>();

/** One spoken clip of `text` in `language`, from the disk cache or espeak-ng. */
export function speakClip(options: PromptAudioOptions, language: string, text: string): Promise<Int16Array> {
  const name = createHash('sha256').update(`${language}\u0000${text}`).digest('hex').slice(0, 24);
  const file = path.join(options.dir, language.replace(/[^a-z-]/gi, ''), `${name}.s16`);
  const pending = inFlight.get(file);
  if (pending) return pending;
  const work = (async () => {
    try {
      const bytes = await readFile(file);
      return new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + (bytes.byteLength & ~1)));
    } catch {
      const pcm = await synthesize(language, text);
      await mkdir(path.dirname(file), { recursive: true });
      // Written whole, then renamed: a reader never sees half a clip.
      const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(tmp, new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength));
      await rename(tmp, file);
      return pcm;
    }
  })().finally(() => inFlight.delete(file));
  inFlight.set(file, work);
  return work;
}

const VOICES: Record<string, string> = { en: 'en-029', hi: 'hi', sw: 'sw' };

/** espeak-ng speaks (22.05 kHz WAV), sox resamples to 8 kHz mono 16-bit raw. */
function synthesize(language: string, text: string): Promise<Int16Array> {
  return new Promise((resolve, reject) => {
    const espeak = spawn('espeak-ng', ['-v', VOICES[language] ?? language, '-s', '145', '--stdout', text], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const sox = spawn(
      'sox',
      ['-t', 'wav', '-', '-t', 'raw', '-r', '8000', '-e', 'signed', '-b', '16', '-c', '1', '-'],
      {
        stdio: ['pipe', 'pipe', 'ignore'],
      },
    );
    espeak.stdout.pipe(sox.stdin);
    const chunks: Buffer[] = [];
    sox.stdout.on('data', (c: Buffer) => chunks.push(c));
    espeak.on('error', reject);
    sox.on('error', reject);
    sox.on('close', (code) => {
      if (code !== 0) return reject(new Error(`sox exited with ${code} speaking "${text.slice(0, 40)}"`));
      const bytes = Buffer.concat(chunks);
      const pcm = new Int16Array(bytes.byteLength >> 1);
      for (let i = 0; i < pcm.length; i++) pcm[i] = bytes.readInt16LE(i * 2);
      resolve(pcm);
    });
  });
}

/** The texts of a part's item clips, in order ("Friday", "6", "March"; "K", "7", "M"). */
export function itemTexts(part: Part, language: string): string[] {
  const locale = { en: 'en-IN', hi: 'hi-IN', sw: 'sw-TZ' }[language] ?? language;
  switch (part.kind) {
    case 'text':
      return [part.text.trim()].filter(Boolean);
    case 'number':
      return [String(part.value)];
    case 'chars':
    case 'digits':
      return part.value.replace(/-/g, '').split('');
    case 'time': {
      const [h, m] = part.value.split(':').map(Number) as [number, number];
      return m ? [String(h), String(m).padStart(2, '0')] : [String(h)];
    }
    case 'date': {
      const [y, mo, d] = part.value.split('-').map(Number) as [number, number, number];
      const day = new Date(Date.UTC(y, mo - 1, d));
      const name = (opts: Intl.DateTimeFormatOptions) =>
        new Intl.DateTimeFormat(locale, { ...opts, timeZone: 'UTC' }).format(day);
      return [name({ weekday: 'long' }), String(d), name({ month: 'long' })];
    }
  }
}

/** A recorded prompt, when an administrator uploaded one for this language (prompts without parameters). */
async function recorded(db: Kysely<DB> | null, key: string, language: string) {
  if (!db) return null;
  const row = await db
    .selectFrom('ivr_prompt_recordings')
    .select('pcm')
    .where('key', '=', key)
    .where('language', '=', language)
    .executeTakeFirst();
  if (!row) return null;
  const bytes = Buffer.from(row.pcm);
  return new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + (bytes.byteLength & ~1)));
}

/**
 * 8 kHz mono 16-bit PCM for a list of prompts (an instruction's `prompts`), joined with short pauses: what
 * the SIP path plays. Each prompt names its language in `params.lang` (the engine fills it in).
 */
export async function promptAudio(
  db: Kysely<DB> | null,
  refs: PromptRef[],
  options: PromptAudioOptions,
): Promise<Int16Array> {
  const chunks: Int16Array[] = [];
  for (const ref of refs) {
    const spoken = renderPrompt(ref, String(ref.params?.lang ?? 'en'));
    const template = promptTemplate(ref.key, spoken.language) ?? '';
    const own = template.includes('{') ? null : await recorded(db, ref.key, spoken.language);
    if (own) chunks.push(own);
    else
      for (const part of spoken.parts) {
        const items = itemTexts(part, spoken.language);
        for (const [i, text] of items.entries()) {
          chunks.push(await speakClip(options, spoken.language, text));
          if (i < items.length - 1) chunks.push(silence(GAP_ITEMS_MS));
        }
      }
    chunks.push(silence(GAP_PROMPTS_MS));
  }
  return concat(chunks);
}

/** Generates every fixed prompt and item clip for the languages ahead of the first call. */
export async function warmPrompts(options: PromptAudioOptions, languages = Object.keys(CATALOGUE)) {
  let made = 0;
  for (const language of languages) {
    const texts = new Set<string>();
    for (const key of Object.keys(CATALOGUE[language] ?? {})) {
      for (const part of renderPrompt({ key, params: { lang: language } }, language).parts)
        if (part.kind === 'text') for (const t of itemTexts(part, language)) texts.add(t);
    }
    for (const c of ALPHABET) texts.add(c);
    for (let n = 0; n <= 31; n++) texts.add(String(n));
    for (const t of texts) {
      await speakClip(options, language, t);
      made++;
    }
  }
  return made;
}

/** Whether espeak-ng and sox are installed (the placeholders need both). */
export function canSpeak(): Promise<boolean> {
  const has = (cmd: string) =>
    new Promise<boolean>((resolve) => execFile(cmd, ['--version'], (error) => resolve(!error)));
  return Promise.all([has('espeak-ng'), has('sox')]).then(([a, b]) => a && b);
}

// G.711 mu-law, as RTP's PCMU carries it.
export function toMulaw(pcm: Int16Array): Uint8Array {
  const out = new Uint8Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) {
    let sample = pcm[i] as number;
    const sign = sample < 0 ? 0x80 : 0;
    if (sign) sample = -sample;
    sample = Math.min(sample, 32635) + 0x84;
    let exponent = 7;
    for (let mask = 0x4000; (sample & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
    const mantissa = (sample >> (exponent + 3)) & 0x0f;
    out[i] = ~(sign | (exponent << 4) | mantissa) & 0xff;
  }
  return out;
}

/** A WAV file (8 kHz mono): 16-bit PCM, or mu-law (format 7). */
export function toWav(pcm: Int16Array, encoding: 'pcm16' | 'mulaw' = 'pcm16'): Uint8Array {
  const data =
    encoding === 'mulaw'
      ? toMulaw(pcm)
      : new Uint8Array(pcm.buffer.slice(pcm.byteOffset, pcm.byteOffset + pcm.byteLength));
  const bits = encoding === 'mulaw' ? 8 : 16;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.byteLength, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(encoding === 'mulaw' ? 7 : 1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE((SAMPLE_RATE * bits) / 8, 28);
  header.writeUInt16LE(bits / 8, 32);
  header.writeUInt16LE(bits, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.byteLength, 40);
  return Buffer.concat([header, data]);
}
