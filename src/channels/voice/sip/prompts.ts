// The IVR's prompts as 8 kHz audio for the SIP path: each prompt rendered from the catalogue in its
// language (the engine names it on every prompt), its text spoken by the placeholder voice, and keys,
// digits and reference characters read one clip per character so that "K 7 M - 4 Q X" is a dozen cached
// clips rather than one synthesis per reference.
import { CATALOGUE } from '../prompts/catalogue.ts';
import { type Part, partText, renderPrompt } from '../prompts/render.ts';
import type { AudioFor } from './session.ts';
import { joinClips, type Speech } from './speech.ts';

const BETWEEN_PROMPTS_MS = 250;
const BETWEEN_CHARS_MS = 120;
const BETWEEN_GROUPS_MS = 350;

export function promptAudio(speech: Speech, fallbackLanguage = 'en'): AudioFor {
  return async (prompts) => {
    const rendered = prompts.map((ref) => renderPrompt(ref, fallbackLanguage));
    const pieces = await Promise.all(
      rendered.map(async (prompt, i) => {
        const parts = await Promise.all(prompt.parts.map((part) => partAudio(speech, part, prompt.language)));
        return i < rendered.length - 1 ? [...parts, speech.pause(BETWEEN_PROMPTS_MS)] : parts;
      }),
    );
    return joinClips(pieces.flat());
  };
}

async function partAudio(speech: Speech, part: Part, language: string): Promise<Int16Array> {
  if (part.kind !== 'chars' && part.kind !== 'digits') return speech.say(partText(part, language), language);
  const groups = part.kind === 'chars' ? part.value.split('-') : [part.value];
  const clips: Int16Array[] = [];
  for (const [g, group] of groups.entries()) {
    if (g > 0) clips.push(speech.pause(BETWEEN_GROUPS_MS));
    for (const [c, char] of [...group].entries()) {
      if (c > 0) clips.push(speech.pause(BETWEEN_CHARS_MS));
      clips.push(await speech.say(char, language));
    }
  }
  return joinClips(clips);
}

/**
 * Speaks every catalogue prompt's fixed text once, in the background at start, so the first callers
 * do not wait for espeak. Two at a time, to leave the machine to the calls.
 */
export async function warmPrompts(speech: Speech): Promise<number> {
  const jobs: { text: string; language: string }[] = [];
  for (const [language, texts] of Object.entries(CATALOGUE)) {
    for (const key of Object.keys(texts)) {
      for (const part of renderPrompt({ key, params: { lang: language } }, language).parts) {
        if (part.kind === 'text') jobs.push({ text: part.text, language });
      }
    }
  }
  const next = async (): Promise<void> => {
    const job = jobs.shift();
    if (!job) return;
    await speech.say(job.text, job.language);
    return next();
  };
  const total = jobs.length;
  await Promise.all([next(), next()]);
  return total;
}
