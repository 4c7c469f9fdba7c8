// What a caller said, as the provider's speech recogniser wrote it, matched against the phrases a flow
// expects. Recognisers differ in case, punctuation and how they write numbers ("Two.", "2", "२", "do",
// "mbili"), so both sides are normalised the same way before they are compared: Unicode NFKC, lower
// case, punctuation dropped, Devanagari digits as ASCII, and a transcript made only of number words (in
// English, Hindi or Swahili) read as the digits it names ("zero six three four" is 0634).
//
// Speech never replaces the keypad: a gather that listens also takes keys, and a transcript that matches
// nothing, or that the recogniser was unsure of, is treated like a wrong key (the spoken retry, then the
// agent queue).

/** Below this confidence (0-1, as TwiML's `Confidence` and Plivo's `SpeechConfidenceScore` give it), a
 * transcript is not acted on. Providers that send no confidence are taken at their word. */
export const MIN_CONFIDENCE = 0.4;

const NUMBER_WORDS: Record<string, string> = {};
const words = (digit: number, list: string[]) => {
  for (const w of list) NUMBER_WORDS[w] = String(digit);
};
// English; Hindi in Devanagari and as recognisers romanise it; Swahili.
words(0, ['zero', 'oh', 'nought', 'शून्य', 'सुन्न', 'shunya', 'sifuri']);
words(1, ['one', 'एक', 'ek', 'moja']);
words(2, ['two', 'दो', 'do', 'mbili']);
words(3, ['three', 'तीन', 'teen', 'tatu']);
words(4, ['four', 'चार', 'char', 'chaar', 'nne']);
words(5, ['five', 'पांच', 'पाँच', 'paanch', 'panch', 'tano']);
words(6, ['six', 'छह', 'छः', 'छे', 'chhe', 'chhah', 'sita']);
words(7, ['seven', 'सात', 'saat', 'saba']);
words(8, ['eight', 'आठ', 'aath', 'nane']);
words(9, ['nine', 'नौ', 'nau', 'tisa']);

const DEVANAGARI_ZERO = 0x0966;

/** A transcript or phrase in the form both are compared in: words separated by one space. */
export function normaliseSpeech(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u0966-\u096f]/g, (d) => String((d.codePointAt(0) as number) - DEVANAGARI_ZERO))
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The digits a transcript names when it is nothing but digits and number words, else null. */
export function spokenDigits(normalised: string): string | null {
  if (!normalised) return null;
  let out = '';
  for (const word of normalised.split(' ')) {
    if (/^[0-9]+$/.test(word)) out += word;
    else if (NUMBER_WORDS[word] !== undefined) out += NUMBER_WORDS[word];
    else return null;
  }
  return out;
}

/** Whether `phrase` (normalised) occurs in `heard` (normalised) as whole words. */
function says(heard: string, phrase: string) {
  return phrase !== '' && ` ${heard} `.includes(` ${phrase} `);
}

/**
 * The key a transcript chooses on a menu: the choice whose expected phrases (any language) it contains,
 * or the key it names in digits or number words. Null when it matches nothing, or more than one choice
 * (the caller said two things: ask again rather than guess).
 */
export function matchSpeech(
  heard: string,
  phrases: Record<string, Record<string, string[]>>,
  keys: string[],
): string | null {
  const text = normaliseSpeech(heard);
  const digits = spokenDigits(text);
  if (digits !== null && keys.includes(digits)) return digits;
  const found = new Set<string>();
  for (const [key, byLanguage] of Object.entries(phrases))
    for (const list of Object.values(byLanguage))
      if (list.some((phrase) => says(text, normaliseSpeech(phrase)))) found.add(key);
  return found.size === 1 ? ([...found][0] as string) : null;
}

/** The phrases a recogniser is told to expect (its hints): every phrase of the node, each once. */
export function speechHints(phrases: Record<string, Record<string, string[]>> | undefined): string[] {
  const out = new Set<string>();
  for (const byLanguage of Object.values(phrases ?? {}))
    for (const list of Object.values(byLanguage)) for (const phrase of list) out.add(phrase.trim());
  return [...out].filter(Boolean);
}
