// Placeholder voices for the SIP path: prompt text spoken by espeak-ng (Debian), resampled to the 8 kHz
// of a phone line, so the self-hosted path speaks out of the box in English, Hindi and Swahili before
// anyone records a clip. Each distinct (language, text) is synthesised once per process and kept, so a
// menu heard by a thousand callers costs one espeak run; keys, digits and reference characters are clips
// of their own, joined, so a reference is read one character at a time from a dozen cached clips.
import { execFile } from 'node:child_process';
import { decodeWav, SAMPLE_RATE } from './wav.ts';

const VOICES: Record<string, string> = { en: 'en', hi: 'hi', sw: 'sw' };

export interface Speech {
  /** The text spoken in the language, as 8 kHz 16-bit samples (cached). */
  say(text: string, language: string): Promise<Int16Array>;
  /** Silence of `ms`. */
  pause(ms: number): Int16Array;
}

export function createSpeech(
  options: { espeak?: string; maxEntries?: number; log?: { error(obj: object, msg: string): void } } = {},
): Speech {
  const espeak = options.espeak ?? 'espeak-ng';
  const maxEntries = options.maxEntries ?? 5000;
  const cache = new Map<string, Promise<Int16Array>>();
  let warned = false;

  function synthesise(text: string, language: string): Promise<Int16Array> {
    return new Promise((resolve) => {
      execFile(
        espeak,
        ['-v', VOICES[language] ?? VOICES.en ?? 'en', '-s', '150', '--stdout', '--', text],
        { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
        (err, stdout) => {
          try {
            if (err) throw err;
            const wav = decodeWav(stdout);
            resolve(resample(wav.samples, wav.sampleRate, SAMPLE_RATE));
          } catch (error) {
            // A missing espeak-ng must not drop the call: the caller hears silence, the log says why.
            if (!warned) options.log?.error({ err: error }, 'espeak-ng failed: SIP prompts are silent');
            warned = true;
            resolve(new Int16Array(0));
          }
        },
      );
    });
  }

  return {
    say(text, language) {
      const clean = text.replace(/\s+/g, ' ').trim();
      if (!clean) return Promise.resolve(new Int16Array(0));
      const key = `${language}\u0000${clean}`;
      let clip = cache.get(key);
      if (clip) {
        // Least recently used goes first: re-insert on use.
        cache.delete(key);
      } else {
        clip = synthesise(clean, language);
      }
      cache.set(key, clip);
      if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
      return clip;
    },
    pause: (ms) => new Int16Array(Math.round((ms * SAMPLE_RATE) / 1000)),
  };
}

export function joinClips(clips: Int16Array[]): Int16Array {
  const out = new Int16Array(clips.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of clips) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Resamples 16-bit audio: a low-pass FIR below the new Nyquist frequency (so espeak's 22 kHz sibilants do
 * not fold back as hiss), then linear interpolation at the new rate.
 */
export function resample(input: Int16Array, from: number, to: number): Int16Array {
  if (from === to) return input;
  let source: Float32Array = Float32Array.from(input);
  if (to < from) {
    const cutoff = (0.45 * to) / from; // of the input rate, a little under the new Nyquist
    const taps = 31;
    const half = (taps - 1) / 2;
    const kernel = new Float32Array(taps);
    let sum = 0;
    for (let i = 0; i < taps; i++) {
      const n = i - half;
      const sinc = n === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * n) / (Math.PI * n);
      const hamming = 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (taps - 1));
      kernel[i] = sinc * hamming;
      sum += kernel[i] as number;
    }
    for (let i = 0; i < taps; i++) kernel[i] = (kernel[i] as number) / sum;
    const filtered = new Float32Array(source.length);
    for (let i = 0; i < source.length; i++) {
      let acc = 0;
      for (let k = 0; k < taps; k++) {
        const j = i + k - half;
        if (j >= 0 && j < source.length) acc += (source[j] as number) * (kernel[k] as number);
      }
      filtered[i] = acc;
    }
    source = filtered;
  }
  const length = Math.floor((input.length * to) / from);
  const out = new Int16Array(length);
  const step = from / to;
  for (let i = 0; i < length; i++) {
    const x = i * step;
    const j = Math.floor(x);
    const a = source[j] ?? 0;
    const b = source[j + 1] ?? a;
    out[i] = Math.max(-32768, Math.min(32767, Math.round(a + (b - a) * (x - j))));
  }
  return out;
}
