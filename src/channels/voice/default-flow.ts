// The flow a deployment starts with (administrators edit it in the admin area): a language menu, the
// main menu (new complaint, status, information, an agent), district code entry that puts the call in
// that district's queue (the CM Helpline 181 model), and an after-hours branch with a call back or a
// recorded message. Silence and wrong keys get a spoken retry, then the agent queue; 9 reaches an agent
// from any menu.
import type { FlowDefinition, FlowLanguage, FlowNode } from './flow.ts';
import type { PromptRef } from './instructions.ts';

const p = (key: string, params?: PromptRef['params']): PromptRef => (params ? { key, params } : { key });
const SORRY = [p('retry.nothing')];

const menu = (prompts: PromptRef[], choices: Record<string, string>, fail = 'agent'): FlowNode => ({
  kind: 'gather',
  prompts,
  maxDigits: 1,
  timeoutSeconds: 6,
  choices,
  retries: 2,
  retryPrompts: SORRY,
  fail,
});

type Phrases = Record<string, Record<string, string[]>>;

/** What a caller may say for each language on the language menu, in each of ours. */
const LANGUAGE_NAMES: Record<string, Record<string, string[]>> = {
  en: { en: ['english'], hi: ['अंग्रेज़ी', 'अंग्रेजी', 'angrezi'], sw: ['kiingereza'] },
  hi: { en: ['hindi'], hi: ['हिंदी', 'हिन्दी'], sw: ['kihindi'] },
  sw: { en: ['swahili'], hi: ['स्वाहिली'], sw: ['kiswahili'] },
};

/** The main menu by voice (the agent key too: "agent" reaches one from a menu that listens). */
const MAIN_PHRASES: Phrases = {
  '1': {
    en: ['complaint', 'new complaint'],
    hi: ['शिकायत', 'नई शिकायत', 'shikayat'],
    sw: ['malalamiko', 'lalamiko'],
  },
  '2': {
    en: ['status', 'my complaints'],
    hi: ['स्थिति', 'स्टेटस', 'मेरी शिकायतें'],
    sw: ['hali', 'hali ya malalamiko'],
  },
  '3': {
    en: ['information', 'schemes', 'scheme'],
    hi: ['जानकारी', 'योजना', 'योजनाएं', 'योजनाएँ'],
    sw: ['taarifa', 'mipango', 'habari'],
  },
  '4': { en: ['district'], hi: ['ज़िला', 'जिला'], sw: ['wilaya'] },
  '9': { en: ['agent', 'operator'], hi: ['एजेंट', 'एजेंट से बात'], sw: ['wakala', 'mhudumu'] },
};

const listening = (node: FlowNode, phrases?: Phrases): FlowNode =>
  node.kind === 'gather' ? { ...node, input: 'both', ...(phrases ? { phrases } : {}) } : node;

export const DEFAULT_LANGUAGES: FlowLanguage[] = [
  { code: 'en', digit: '1' },
  { code: 'hi', digit: '2' },
  { code: 'sw', digit: '3' },
];

export function defaultFlow(languages: FlowLanguage[] = DEFAULT_LANGUAGES): FlowDefinition {
  const nodes: Record<string, FlowNode> = {
    // Each language's choice is said in that language.
    language: listening(
      menu(
        [
          p('welcome'),
          ...languages.map((l) => p('language.choose', { digit: Number(l.digit), lang: l.code })),
        ],
        Object.fromEntries(languages.map((l) => [l.digit, `lang.${l.code}`])),
        // A caller who chooses nothing is served in the first language by an agent.
      ),
      languagePhrases(languages),
    ),
    main: listening(
      menu([p('main.menu')], { '1': 'complaint', '2': 'status', '3': 'info', '4': 'district' }),
      inLanguages(MAIN_PHRASES, languages),
    ),
    complaint: menu([p('complaint.menu')], { '1': 'district', '2': 'record', '0': 'main' }),

    // District code entry, then that district's queue; an unknown code is said back and asked again.
    // A code may be said aloud ("zero six three four"), where the provider hears speech.
    district: {
      kind: 'gather',
      input: 'both',
      prompts: [p('district.ask')],
      maxDigits: 4,
      finishOnKey: '#',
      timeoutSeconds: 8,
      store: 'district_digits',
      next: 'district.lookup',
      retries: 2,
      retryPrompts: SORRY,
      fail: 'agent',
    },
    'district.lookup': {
      kind: 'lookup',
      lookup: 'district',
      outcomes: { found: 'queue' },
      retry: {
        to: 'district',
        times: 2,
        prompts: [p('district.unknown', { digits: '$district_digits' })],
        fail: 'agent',
      },
    },
    queue: {
      kind: 'enqueue',
      prompts: [p('queue.connecting')],
      skill: 'grievance',
      holdPrompts: [p('queue.hold')],
      closed: 'closed',
    },
    // Any agent (no district known): the statewide queue for the caller's language.
    agent: {
      kind: 'enqueue',
      prompts: [p('queue.connecting')],
      skill: 'grievance',
      holdPrompts: [p('queue.hold')],
      closed: 'closed',
    },

    // Voice complaint: recorded, a draft for agents, a reference by SMS.
    record: {
      kind: 'record',
      prompts: [p('record.ask')],
      maxSeconds: 120,
      finishOnKey: '#',
      purpose: 'complaint',
      next: 'record.done',
      retries: 1,
      retryPrompts: [p('record.nothing')],
      fail: 'agent',
    },
    'record.done': { kind: 'hangup', prompts: [p('record.done')], outcome: 'voice_complaint' },

    // Status by caller id, then by a reference keyed on the keypad.
    status: {
      kind: 'lookup',
      lookup: 'my_grievances',
      outcomes: { none: 'status.none', some: 'status.menu', more: 'status.menu.more' },
    },
    'status.none': { kind: 'say', prompts: [p('status.none')], next: 'status.menu' },
    'status.menu.more': menu([p('status.menu.more')], { '1': 'status.next', '2': 'reference', '0': 'main' }),
    'status.next': {
      kind: 'lookup',
      lookup: 'my_grievances_next',
      outcomes: { some: 'status.menu', more: 'status.menu.more' },
    },
    'status.menu': menu([p('status.menu.end')], { '2': 'reference', '0': 'main' }),
    reference: {
      kind: 'gather',
      prompts: [p('reference.ask')],
      maxDigits: 12,
      finishOnKey: '#',
      timeoutSeconds: 10,
      store: 'reference_digits',
      next: 'reference.lookup',
      retries: 2,
      retryPrompts: SORRY,
      fail: 'agent',
    },
    'reference.lookup': {
      kind: 'lookup',
      lookup: 'reference',
      outcomes: { found: 'reference.menu' },
      retry: { to: 'reference', times: 2, prompts: [p('reference.unknown')], fail: 'agent' },
    },
    'reference.menu': menu([p('reference.menu')], { '2': 'reference', '0': 'main' }),

    // The information line: the knowledge base's short answers.
    info: { kind: 'lookup', lookup: 'articles', outcomes: { some: 'info.choose', none: 'info.none' } },
    'info.none': { kind: 'say', prompts: [p('info.none')], next: 'main' },
    'info.choose': {
      kind: 'gather',
      prompts: [],
      maxDigits: 1,
      timeoutSeconds: 6,
      store: 'article_digit',
      next: 'info.article',
      retries: 2,
      retryPrompts: SORRY,
      fail: 'agent',
    },
    'info.article': {
      kind: 'lookup',
      lookup: 'article',
      outcomes: { found: 'info.menu' },
      retry: { to: 'info', times: 2, prompts: SORRY, fail: 'agent' },
    },
    'info.menu': menu([p('info.menu')], { '1': 'info', '0': 'main' }),

    // After hours: when the lines open again, then a call back or a recorded message.
    closed: {
      kind: 'say',
      prompts: [p('closed.notice', { opens: '$opens_at' })],
      next: 'closed.menu',
    },
    'closed.menu': menu([p('closed.menu')], { '1': 'callback', '2': 'message' }, 'message'),
    callback: {
      kind: 'lookup',
      lookup: 'callback',
      outcomes: { done: 'callback.done', no_number: 'callback.no_number' },
    },
    'callback.done': { kind: 'hangup', prompts: [p('callback.done')], outcome: 'callback_requested' },
    'callback.no_number': { kind: 'say', prompts: [p('callback.no_number')], next: 'message' },
    message: {
      kind: 'record',
      prompts: [p('message.ask')],
      maxSeconds: 120,
      finishOnKey: '#',
      purpose: 'message',
      next: 'message.done',
      retries: 1,
      retryPrompts: [p('record.nothing')],
      fail: 'goodbye',
    },
    'message.done': { kind: 'hangup', prompts: [p('message.done')], outcome: 'message_recorded' },
    goodbye: { kind: 'hangup', prompts: [p('goodbye')], outcome: 'hung_up' },
  };
  for (const l of languages)
    nodes[`lang.${l.code}`] = { kind: 'set', vars: { language: l.code }, next: 'main' };
  return { start: 'language', languages, agentKey: '9', agentNode: 'agent', nodes };
}

/** Phrases in the flow's languages only (a flow may offer fewer than we have words for). */
function inLanguages(phrases: Phrases, languages: FlowLanguage[]): Phrases {
  const codes = new Set(languages.map((l) => l.code));
  const out: Phrases = {};
  for (const [key, byLanguage] of Object.entries(phrases)) {
    const kept = Object.entries(byLanguage).filter(([said]) => codes.has(said));
    if (kept.length) out[key] = Object.fromEntries(kept);
  }
  return out;
}

/** The language menu's phrases: each offered language by its names. */
function languagePhrases(languages: FlowLanguage[]): Phrases {
  return inLanguages(
    Object.fromEntries(languages.map((l) => [l.digit, LANGUAGE_NAMES[l.code] ?? {}])),
    languages,
  );
}
