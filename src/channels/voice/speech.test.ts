// What a caller said, as recognisers write it, against the phrases a menu expects: case, punctuation,
// Devanagari digits and number words in English, Hindi and Swahili come to the same thing.
import { describe, expect, it } from 'vitest';
import { defaultFlow } from './default-flow.ts';
import { type FlowDefinition, flowNotes, validateFlow } from './flow.ts';
import { LOOKUP_OUTCOMES } from './lookups.ts';
import { PROMPT_KEYS } from './prompts/catalogue.ts';
import { matchSpeech, normaliseSpeech, speechHints, spokenDigits } from './speech.ts';

const MAIN = {
  '1': { en: ['complaint', 'new complaint'], hi: ['शिकायत'], sw: ['malalamiko'] },
  '2': { en: ['status'], hi: ['स्थिति'], sw: ['hali'] },
  '9': { en: ['agent'], hi: ['एजेंट'], sw: ['wakala'] },
};
const KEYS = ['1', '2', '3', '9'];

describe('speech against a menu', () => {
  it('normalises case, punctuation and Devanagari digits', () => {
    expect(normaliseSpeech('  New Complaint!! ')).toBe('new complaint');
    expect(normaliseSpeech('शिकायत।')).toBe('शिकायत');
    expect(normaliseSpeech('०६३४')).toBe('0634');
  });

  it('reads numbers said in words in English, Hindi and Swahili, and nothing else as a number', () => {
    expect(spokenDigits(normaliseSpeech('Zero six three four.'))).toBe('0634');
    expect(spokenDigits(normaliseSpeech('शून्य छह तीन चार'))).toBe('0634');
    expect(spokenDigits(normaliseSpeech('sifuri sita tatu nne'))).toBe('0634');
    expect(spokenDigits(normaliseSpeech('06 34'))).toBe('0634');
    expect(spokenDigits(normaliseSpeech('six please'))).toBeNull();
  });

  it('chooses the key whose phrase was said, in any language, or the key named', () => {
    expect(matchSpeech('I want to make a new complaint.', MAIN, KEYS)).toBe('1');
    expect(matchSpeech('मुझे शिकायत दर्ज करनी है', MAIN, KEYS)).toBe('1');
    expect(matchSpeech('Malalamiko', MAIN, KEYS)).toBe('1');
    expect(matchSpeech('STATUS', MAIN, KEYS)).toBe('2');
    expect(matchSpeech('Two.', MAIN, KEYS)).toBe('2');
    expect(matchSpeech('तीन', MAIN, KEYS)).toBe('3');
    expect(matchSpeech('agent', MAIN, KEYS)).toBe('9');
  });

  it('takes nothing from a phrase inside another word, from two choices at once, or from a key not on the menu', () => {
    expect(matchSpeech('complaints department', { '1': { en: ['complaint'] } }, KEYS)).toBeNull();
    expect(matchSpeech('status of my complaint', MAIN, KEYS)).toBeNull();
    expect(matchSpeech('seven', MAIN, KEYS)).toBeNull();
    expect(matchSpeech('', MAIN, KEYS)).toBeNull();
  });

  it('tells the recogniser every phrase once', () => {
    expect(speechHints({ '1': { en: ['hindi'], sw: ['kihindi'] }, '2': { en: ['hindi', ' '] } })).toEqual([
      'hindi',
      'kihindi',
    ]);
  });
});

describe('speech in the flow language', () => {
  const check = (flow: FlowDefinition) =>
    validateFlow(flow, { lookups: LOOKUP_OUTCOMES, prompts: PROMPT_KEYS }).map((p) => [p.node, p.code]);

  it('accepts the default flow, whose menus listen, and notes where speech is not heard', () => {
    const flow = defaultFlow();
    expect(check(flow)).toEqual([]);
    expect(flowNotes(flow).map((n) => [n.node, n.code])).toEqual([
      ['language', 'flow_speech_keys_only'],
      ['main', 'flow_speech_keys_only'],
      ['district', 'flow_speech_keys_only'],
    ]);
  });

  it('names phrases without speech, for keys the menu lacks, in other languages, and keys without words', () => {
    const flow = defaultFlow();
    const main = flow.nodes.main as Extract<FlowDefinition['nodes'][string], { kind: 'gather' }>;
    flow.nodes.main = {
      ...main,
      input: 'speech',
      phrases: { '1': { en: ['complaint'] }, '7': { en: ['seven'] }, '2': { fr: ['statut'], hi: [''] } },
    };
    flow.nodes.complaint = {
      ...(flow.nodes.complaint as typeof main),
      phrases: { '1': { en: ['district'] } },
    };
    expect(check(flow)).toEqual(
      expect.arrayContaining([
        ['main', 'flow_speech_key'],
        ['main', 'flow_speech_phrase'],
        ['main', 'flow_speech_missing'],
        ['complaint', 'flow_speech_input'],
      ]),
    );
    expect(
      check({ ...flow, nodes: { ...flow.nodes, main: { ...main, input: 'shout' as never } } }),
    ).toContainEqual(['main', 'flow_speech_input']);
  });
});
