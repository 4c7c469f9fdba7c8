// Matching typed words against a category's names and keywords, with no dependencies: the server's
// category search and the citizen's form (which filters the categories of a place as they type, with no
// round trip on a slow line) use the same rules, so both find the same categories.
//
// A word matches the start of any word of a category's name or keywords in any language (so "hand",
// "handpump", "नल" and "bijli" all find theirs) or of its department's name; every word typed must
// match. Names rank above keywords, keywords above the department.

type Texts = Record<string, string>;

/** Lower case, NFC, without the Devanagari nukta, joiners and soft hyphens, Latin accents dropped. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .replace(/\u093c|\u200c|\u200d|\u00ad/g, '')
    .replace(/\u0901/g, '\u0902')
    .toLowerCase();
}

export const words = (text: string) =>
  fold(text)
    .split(/[\s\p{P}\p{S}]+/u)
    .filter(Boolean);

/**
 * How well the typed words match: 0 all in the name, 1 some in the keywords, 2 some only in the
 * department's name; null when a word matches nothing.
 */
export function matchScore(
  query: string[],
  name: Texts,
  keywords: Record<string, string[]>,
  department: Texts,
): number | null {
  const nameWords = Object.values(name).flatMap(words);
  const keywordWords = Object.values(keywords)
    .flat()
    .flatMap((k) => [...words(k), fold(k).replace(/\s+/g, '')]);
  const departmentWords = Object.values(department).flatMap(words);
  let worst = 0;
  for (const q of query) {
    const starts = (w: string) => w.startsWith(q);
    if (nameWords.some(starts)) continue;
    if (keywordWords.some(starts)) worst = Math.max(worst, 1);
    else if (departmentWords.some(starts)) worst = Math.max(worst, 2);
    else return null;
  }
  return worst;
}
