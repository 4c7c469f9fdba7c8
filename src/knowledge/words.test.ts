import { describe, expect, it } from 'vitest';
import { searchWords } from './words.ts';

describe('search words', () => {
  it('keeps the words of a question that name its subject', () => {
    expect(searchWords('How can my mother get the Widow Pension?')).toEqual(['mother', 'widow', 'pension']);
    expect(searchWords('मेरी माँ को विधवा पेंशन कैसे मिलेगी?')).toEqual(['माँ', 'विधवा', 'पेंशन']);
    expect(searchWords('Je, ninawezaje kupata pensheni ya wajane?')).toEqual([
      'ninawezaje',
      'kupata',
      'pensheni',
      'wajane',
    ]);
  });

  it('never splits a Devanagari word at its vowel signs, and drops invisible joiners', () => {
    expect(searchWords('लाड़ली बहना।योजना')).toEqual(['लाड़ली', 'बहना', 'योजना']);
    expect(searchWords('ज़िला\u200d पेंशन\u200c')).toEqual(['ज़िला', 'पेंशन']);
  });

  it('keeps little words in a search box when nothing else is left, never in a question', () => {
    expect(searchWords('how to')).toEqual(['how', 'to']);
    expect(searchWords('how do I', 'any')).toEqual([]);
    expect(searchWords('% _ \\ \u0000 a')).toEqual([]);
  });

  it('counts each word once and at most twelve', () => {
    expect(searchWords('pension PENSION Pension')).toEqual(['pension']);
    expect(searchWords(Array.from({ length: 20 }, (_, i) => `word${i}`).join(' '))).toHaveLength(12);
  });
});
