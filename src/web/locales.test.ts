// The catalogues must say the same things in every language: a key missing in Hindi would show the
// English text to a Hindi reader, or the raw key if English lacks it too.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DETAIL_CODES, ERROR_CODES } from '../errors.ts';

const ROOT = path.join(import.meta.dirname, 'locales');
const LANGUAGES = ['en', 'hi', 'sw'];

function keys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

const catalogue = (language: string) =>
  readdirSync(path.join(ROOT, language))
    .sort()
    .map((file) => ({ file, keys: keys(JSON.parse(readFileSync(path.join(ROOT, language, file), 'utf8'))) }));

describe('message catalogues', () => {
  it('have the same files and keys in every language', () => {
    const english = catalogue('en');
    for (const language of LANGUAGES.slice(1)) {
      const other = catalogue(language);
      expect(
        other.map((c) => c.file),
        language,
      ).toEqual(english.map((c) => c.file));
      for (const { file, keys: enKeys } of english) {
        const theirs = other.find((c) => c.file === file)?.keys ?? [];
        expect([...theirs].sort(), `${language}/${file}`).toEqual([...enKeys].sort());
      }
    }
  });

  it('never repeat a top-level key across areas, which would silently overwrite it', () => {
    for (const language of LANGUAGES) {
      const tops = readdirSync(path.join(ROOT, language)).flatMap((file) =>
        Object.keys(JSON.parse(readFileSync(path.join(ROOT, language, file), 'utf8'))),
      );
      expect(tops.length, language).toBe(new Set(tops).size);
    }
  });

  it('say every error code and every detail code the API can answer with, in every language', () => {
    for (const language of LANGUAGES) {
      const all = new Set(catalogue(language).flatMap((c) => c.keys));
      const missing = [
        ...ERROR_CODES.map((code) => `errorCode.${code}`),
        ...DETAIL_CODES.map((code) => `problem.${code}`),
      ].filter((key) => !all.has(key));
      expect(missing, language).toEqual([]);
    }
  });
});
