// The words of a search: what a citizen types in the search box, or a whole question as they write it
// ("how can my mother get the widow pension?"). Words are split on spaces and punctuation only, never
// on letter classes: Devanagari vowel signs are marks, not letters, and splitting on them would cut
// "पेंशन" into pieces. Little words that every question has are dropped, so a question finds the
// articles about its subject rather than every article containing "how".

const STOP_WORDS = new Set(
  [
    // English
    'a an the and or of to for in on at by is are am was were be been can could do does did i me my mine ' +
      'we our you your he she his her they their it its this that these those with from how what when ' +
      'where which who whom why will would shall should may might must please get got want need have has ' +
      'had not no yes any some there here about into also just than then so if us',
    // Hindi
    'का की के को है हैं था थी थे में से पर और या भी तो यह वह ये वे कि कैसे क्या कब कहाँ कहां कौन किस ' +
      'किसे क्यों मुझे मेरा मेरी मेरे हम हमें हमारा हमारी आप आपका अपना अपनी लिए लिये कर करें करना करने ' +
      'कृपया हो होगा होगी होता होती जी एक इस उस इसे उसे ना नहीं जानकारी बताएं बताइए चाहिए मिलेगा मिलेगी',
    // Swahili
    'na ya wa kwa ni la za je vipi gani nini mimi wangu yangu changu langu sisi wewe yeye hii hiyo huu ' +
      'katika kwenye au pia kama tafadhali nataka naomba',
  ]
    .join(' ')
    .split(/\s+/),
);

const SEPARATORS = /[\s\p{P}\p{S}\p{C}]+/u;
const MAX_WORDS = 12;

/**
 * The distinct words of `text` worth searching for, in order, lower-cased. Stop words are dropped; in a
 * search box (`all`) they are kept when nothing else is left (someone searching for "how" gets what
 * has "how" in it), while a question being typed (`any`) has nothing to look for until it names its
 * subject: "how do I" would otherwise find every article containing "do", such as "widow".
 */
export function searchWords(text: string, match: 'all' | 'any' = 'all'): string[] {
  const all = [
    ...new Set(
      text
        .normalize('NFC')
        .replace(/\p{Cf}/gu, '') // zero-width joiners and the like: inside words, never between them
        .toLowerCase()
        .split(SEPARATORS)
        .filter((w) => w.length >= 2),
    ),
  ];
  const meaningful = all.filter((w) => !STOP_WORDS.has(w));
  return (meaningful.length || match === 'any' ? meaningful : all).slice(0, MAX_WORDS);
}
