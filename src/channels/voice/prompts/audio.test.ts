// Prompts as 8 kHz audio: espeak-ng placeholders in English, Hindi and Swahili, cached on disk; a
// reference read by joining per-character clips; an administrator's recording used in place of the
// placeholder; G.711 mu-law and WAV as the SIP path and providers need them.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../../../../test/databases.ts';
import type { Database } from '../../../db/index.ts';
import { promptAudio, SAMPLE_RATE, speakClip, toMulaw, toWav } from './audio.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'civicline-prompts-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const indexOf = (haystack: Int16Array, needle: Int16Array) => {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
};

describe('prompt audio', () => {
  it('speaks each language at 8 kHz and caches the clips on disk', async () => {
    for (const lang of ['en', 'hi', 'sw']) {
      const pcm = await promptAudio(null, [{ key: 'welcome', params: { lang } }], { dir });
      expect(pcm.length / SAMPLE_RATE).toBeGreaterThan(0.8);
      expect(Math.max(...pcm.slice(0, 8000).map(Math.abs))).toBeGreaterThan(1000);
    }
    const cached = (await readdir(path.join(dir, 'hi'))).filter((f) => f.endsWith('.s16'));
    expect(cached.length).toBeGreaterThan(0);
    const again = await promptAudio(null, [{ key: 'welcome', params: { lang: 'hi' } }], { dir });
    expect((await readdir(path.join(dir, 'hi'))).filter((f) => f.endsWith('.s16'))).toEqual(cached);
    expect(again.length).toBeGreaterThan(0);
  });

  it('reads a reference and a date by joining per-item clips', async () => {
    const pcm = await promptAudio(
      null,
      [
        {
          key: 'reference.open',
          params: {
            lang: 'en',
            reference: 'K7M-4QX-9PR',
            category: 'Water',
            position: 'Sub-Engineer',
            due: '2026-03-06',
          },
        },
      ],
      { dir },
    );
    let last = -1;
    for (const c of ['K', '7', 'M', '4', 'Q', 'X', '9', 'P', 'R', 'Friday', '6', 'March']) {
      const at = indexOf(pcm, await speakClip({ dir }, 'en', c));
      expect(at, c).toBeGreaterThan(last);
      last = at;
    }
  });

  it('encodes G.711 mu-law and WAV files', () => {
    expect([...toMulaw(Int16Array.from([0, 32767, -32768, 1000, -1000]))]).toEqual([
      0xff, 0x80, 0x00, 0xce, 0x4e,
    ]);
    const wav = Buffer.from(toWav(Int16Array.from([0, 1, 2, 3]), 'mulaw'));
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt16LE(20)).toBe(7);
    expect(wav.readUInt32LE(24)).toBe(8000);
    expect(wav.readUInt32LE(40)).toBe(4);
  });
});

describe.each(databases)('recorded prompts on $name', ({ open }) => {
  let database: Database;
  beforeAll(async () => {
    database = await open();
  }, 240_000);
  afterAll(async () => {
    await database?.close();
  });

  it('plays an administrator recording instead of the placeholder', async () => {
    const own = Int16Array.from({ length: 1600 }, (_, i) => Math.round(Math.sin(i / 5) * 8000));
    await database.db
      .insertInto('ivr_prompt_recordings')
      .values({
        key: 'goodbye',
        language: 'sw',
        pcm: new Uint8Array(own.buffer),
        duration_ms: 200,
        uploaded_by: null,
        uploaded_at: new Date(),
      })
      .execute();
    const pcm = await promptAudio(database.db, [{ key: 'goodbye', params: { lang: 'sw' } }], { dir });
    expect(pcm.slice(0, own.length)).toEqual(own);
    expect(pcm.length).toBe(own.length + SAMPLE_RATE * 0.3);
  });
});
