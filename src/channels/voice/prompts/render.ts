// A prompt reference made concrete: its language, and its text as parts. Plain text is read by a
// provider's text-to-speech (or spoken into a clip by espeak-ng); typed parameters (numbers, dates,
// times, references, keyed digits) are parts of their own, so the SIP path can read them by joining
// per-item clips, and a provider's TTS gets them written the way a person would say them.
import type { PromptRef } from '../instructions.ts';
import { FALLBACK_LANGUAGE, promptTemplate } from './catalogue.ts';

export type Part =
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; value: string }
  | { kind: 'time'; value: string }
  | { kind: 'chars'; value: string }
  | { kind: 'digits'; value: string };

export interface SpokenPrompt {
  key: string;
  language: string;
  parts: Part[];
}

const PLACEHOLDER = /\{([a-z_]+)(?::(number|date|time|chars|digits))?\}/g;

export function renderPrompt(ref: PromptRef, callLanguage: string): SpokenPrompt {
  const language = typeof ref.params?.lang === 'string' ? ref.params.lang : callLanguage;
  const template = promptTemplate(ref.key, language) ?? '';
  const parts: Part[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push({ kind: 'text', text: template.slice(last, match.index) });
    last = match.index + match[0].length;
    const [, name, type] = match as unknown as [string, string, Part['kind'] | undefined];
    const value = ref.params?.[name];
    if (value === undefined || value === '') continue;
    if (type === 'number') parts.push({ kind: 'number', value: Number(value) });
    else if (type === 'date') parts.push({ kind: 'date', value: String(value).slice(0, 10) });
    else if (type === 'time')
      parts.push({ kind: 'time', value: String(value).slice(11, 16) || String(value) });
    else if (type === 'chars' || type === 'digits') parts.push({ kind: type, value: String(value) });
    else parts.push({ kind: 'text', text: String(value) });
  }
  if (last < template.length) parts.push({ kind: 'text', text: template.slice(last) });
  return { key: ref.key, language: promptTemplate(ref.key, language) ? language : FALLBACK_LANGUAGE, parts };
}

const LOCALES: Record<string, string> = { en: 'en-IN', hi: 'hi-IN', sw: 'sw-TZ' };

/** A date as a person says it: "Friday, 6 March" (in the prompt's language). */
export function sayDate(isoDate: string, language: string) {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(LOCALES[language] ?? language, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A reference read character by character, its groups apart: "K 7 M, 4 Q X, 9 P R". */
export function sayChars(value: string) {
  return value
    .split('-')
    .map((group) => group.split('').join(' '))
    .join(', ');
}

export function partText(part: Part, language: string): string {
  switch (part.kind) {
    case 'text':
      return part.text;
    case 'number':
      return String(part.value);
    case 'date':
      return sayDate(part.value, language);
    case 'time':
      return part.value;
    case 'chars':
      return sayChars(part.value);
    case 'digits':
      return part.value.split('').join(' ');
  }
}

/** The whole prompt as text for a provider's text-to-speech. */
export function promptText(prompt: SpokenPrompt): string {
  return prompt.parts.map((p) => partText(p, prompt.language)).join('');
}
