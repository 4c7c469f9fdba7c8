// A call flow is data: a set of nodes the engine walks, one caller's turn at a time. Administrators edit
// it (a new version each time); the engine runs the active version. Validation refuses a flow with a
// dead end: every path must end in a queue, a message and hang-up, or a dial.
import type { DetailCode } from '../../errors.ts';
import type { PromptRef } from './instructions.ts';

/** Where a node goes next: the id of another node in the same flow. */
export type NodeId = string;

export const GATHER_INPUTS = ['digits', 'speech', 'both'] as const;
export type GatherInput = (typeof GATHER_INPUTS)[number];

/** Whether a gather listens for speech as well as keys. */
export const listens = (node: { input?: GatherInput }) => node.input === 'speech' || node.input === 'both';

/** The carriers that recognise speech; the others (Exotel, KooKoo, Africa's Talking, SIP) take keys only. */
export const SPEECH_PROVIDERS = ['twilio', 'plivo'] as const;

export type FlowNode =
  /** Speak (recorded clip or text-to-speech, the catalogue decides), then go on. */
  | { kind: 'say'; prompts: PromptRef[]; next: NodeId }
  /** Remember facts for the rest of the call (the language chosen, a flag). */
  | { kind: 'set'; vars: Record<string, string>; next: NodeId }
  /**
   * Speak and collect digits. A menu maps each key to a node (`choices`); a free entry (`store`) keeps
   * the digits in a variable and goes to `next`. Silence or a key that is no choice: `retryPrompts`
   * and ask again, at most `retries` times, then `fail` (the agent queue in the default flow).
   *
   * `input` says whether the caller may also answer by voice where the provider recognises speech
   * (TwiML, Plivo): 'digits' (the default), 'both', or 'speech' (every menu choice must then have
   * phrases). Keys always work: speech never replaces the keypad, and providers without a recogniser
   * take keys only. `phrases` are the words that choose each key, per language (speech.ts matches them);
   * a free entry hears numbers said aloud.
   */
  | {
      kind: 'gather';
      prompts: PromptRef[];
      input?: GatherInput;
      phrases?: Record<string, Record<string, string[]>>;
      maxDigits: number;
      timeoutSeconds: number;
      finishOnKey?: string;
      choices?: Record<string, NodeId>;
      store?: string;
      next?: NodeId;
      retries: number;
      retryPrompts: PromptRef[];
      fail: NodeId;
    }
  /**
   * Branch on a lookup the engine knows (a district code, the caller's grievances, a reference keyed on
   * the keypad, the knowledge base, a callback request...). The lookup names an outcome; `outcomes`
   * says where each goes. An `invalid` outcome (an unknown code) goes back to `retry.to` with its
   * prompts, at most `retry.times`, then to `retry.fail`.
   */
  | {
      kind: 'lookup';
      lookup: string;
      outcomes: Record<string, NodeId>;
      retry?: { to: NodeId; times: number; prompts: PromptRef[]; fail: NodeId };
    }
  /** Go on elsewhere (a shared sub-menu). */
  | { kind: 'redirect'; next: NodeId }
  /**
   * Record the caller (a voice complaint or a message): the recording becomes a draft for an agent.
   * No audio (silence, or a caller who hung up before speaking): `retries`, then `fail`.
   */
  | {
      kind: 'record';
      prompts: PromptRef[];
      maxSeconds: number;
      finishOnKey: string;
      purpose: string;
      next: NodeId;
      retries: number;
      retryPrompts: PromptRef[];
      fail: NodeId;
    }
  /**
   * Put the call in a queue: the first active queue of `skill` for the caller's language and district
   * (src/calls queuesFor). Out of the queue's hours, or with no queue at all: `closed`.
   */
  | {
      kind: 'enqueue';
      prompts: PromptRef[];
      skill: string;
      holdPrompts: PromptRef[];
      closed: NodeId;
      outcome?: string;
    }
  | { kind: 'dial'; prompts: PromptRef[]; number: string }
  /** Speak, then end the call; `outcome` is what the call's record says happened. */
  | { kind: 'hangup'; prompts: PromptRef[]; outcome: string };

export interface FlowLanguage {
  code: string;
  /** The key that chooses it on the language menu. */
  digit: string;
}

export interface FlowDefinition {
  start: NodeId;
  /** The languages callers choose from; the first is the one a call starts in. */
  languages: FlowLanguage[];
  /** "Press 9 for an agent" anywhere: a menu that gives the key no other meaning sends it here. */
  agentKey?: string;
  agentNode?: NodeId;
  nodes: Record<NodeId, FlowNode>;
}

export interface FlowProblem {
  node: string | null;
  /** A stable code with a message in every catalogue (errors.ts DETAIL_CODES). */
  code: DetailCode;
  message: string;
}

/** Where a node can go. */
export function successors(node: FlowNode): NodeId[] {
  switch (node.kind) {
    case 'say':
    case 'set':
    case 'redirect':
      return [node.next];
    case 'gather':
      return [...Object.values(node.choices ?? {}), ...(node.next ? [node.next] : []), node.fail];
    case 'lookup':
      return [...Object.values(node.outcomes), ...(node.retry ? [node.retry.to, node.retry.fail] : [])];
    case 'record':
      return [node.next, node.fail];
    case 'enqueue':
      return [node.closed];
    case 'dial':
    case 'hangup':
      return [];
  }
}

/** The nodes that end a branch: the caller reaches a queue, hears a last message, or is connected. */
export function isTerminal(node: FlowNode) {
  return node.kind === 'enqueue' || node.kind === 'hangup' || node.kind === 'dial';
}

/**
 * Everything wrong with a flow, or an empty list. `lookups` are the lookup names the engine knows and
 * the outcomes each can name; `prompts` the catalogue's keys.
 */
export function validateFlow(
  flow: FlowDefinition,
  known: { lookups: Record<string, readonly string[]>; prompts: ReadonlySet<string> },
): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const add = (node: string | null, code: DetailCode, message: string) =>
    problems.push({ node, code, message });
  const ids = new Set(Object.keys(flow.nodes));
  if (!ids.has(flow.start)) add(null, 'flow_start_missing', `the start node "${flow.start}" does not exist`);
  if (flow.languages.length === 0) add(null, 'flow_no_language', 'the flow offers no language');
  const digits = new Set<string>();
  for (const language of flow.languages) {
    if (!/^[0-9]$/.test(language.digit) || digits.has(language.digit))
      add(null, 'flow_language_key', `language ${language.code} needs a key of its own (0-9)`);
    digits.add(language.digit);
  }
  if (flow.agentKey !== undefined) {
    if (!/^[0-9*#]$/.test(flow.agentKey)) add(null, 'flow_agent_key', 'the agent key must be one key');
    if (!flow.agentNode || !ids.has(flow.agentNode))
      add(null, 'flow_agent_node', 'the agent key needs an existing node to go to');
  }
  for (const [id, node] of Object.entries(flow.nodes)) {
    if (!/^[a-z][a-z0-9_.-]{0,63}$/.test(id))
      add(id, 'flow_node_id', 'a node id is lower-case letters, digits, "_", "." or "-"');
    for (const next of successors(node))
      if (!ids.has(next)) add(id, 'flow_dangling', `goes to "${next}", which does not exist`);
    for (const prompt of promptsOf(node))
      if (!known.prompts.has(prompt.key)) add(id, 'flow_unknown_prompt', `no prompt "${prompt.key}"`);
    if (node.kind === 'gather') {
      if (!Number.isInteger(node.maxDigits) || node.maxDigits < 1 || node.maxDigits > 32)
        add(id, 'flow_gather_digits', 'a gather takes 1 to 32 digits');
      if (!(node.timeoutSeconds >= 1 && node.timeoutSeconds <= 60))
        add(id, 'flow_gather_timeout', 'a gather waits 1 to 60 seconds');
      const hasChoices = node.choices && Object.keys(node.choices).length > 0;
      if (hasChoices === Boolean(node.store))
        add(id, 'flow_gather_shape', 'a gather is either a menu (choices) or a free entry (store and next)');
      if (node.store && !node.next) add(id, 'flow_gather_shape', 'a free entry needs a next node');
      for (const key of Object.keys(node.choices ?? {}))
        if (!/^[0-9*#]{1,32}$/.test(key)) add(id, 'flow_gather_key', `"${key}" is not a key`);
      if (!(node.retries >= 0 && node.retries <= 5)) add(id, 'flow_retries', 'retries are 0 to 5');
      checkSpeech(flow, id, node, add);
    }
    if (node.kind === 'record') {
      if (!(node.maxSeconds >= 5 && node.maxSeconds <= 600))
        add(id, 'flow_record_length', 'a recording lasts 5 to 600 seconds');
      if (!(node.retries >= 0 && node.retries <= 5)) add(id, 'flow_retries', 'retries are 0 to 5');
    }
    if (node.kind === 'lookup') {
      const outcomes = known.lookups[node.lookup];
      if (!outcomes) add(id, 'flow_unknown_lookup', `no lookup "${node.lookup}"`);
      else {
        for (const outcome of outcomes)
          if (outcome === 'invalid' ? !node.retry : !(outcome in node.outcomes))
            add(
              id,
              'flow_outcome_missing',
              `the lookup can answer "${outcome}" and the node does not say where that goes`,
            );
        for (const outcome of Object.keys(node.outcomes))
          if (!outcomes.includes(outcome))
            add(id, 'flow_outcome_unknown', `the lookup never answers "${outcome}"`);
      }
    }
    if (node.kind === 'dial' && !/^\+[1-9][0-9]{4,14}$/.test(node.number))
      add(id, 'flow_dial_number', 'dial an E.164 number');
  }
  if (problems.some((p) => p.code === 'flow_dangling' || p.code === 'flow_start_missing')) return problems;

  // Reachable from the start (and the agent key): a node nobody reaches is a mistake in the editor.
  const reachable = new Set<string>();
  const stack = [flow.start, ...(flow.agentNode ? [flow.agentNode] : [])];
  while (stack.length) {
    const id = stack.pop() as string;
    if (reachable.has(id)) continue;
    reachable.add(id);
    stack.push(...successors(flow.nodes[id] as FlowNode));
  }
  for (const id of ids)
    if (!reachable.has(id)) add(id, 'flow_unreachable', 'no path from the start reaches it');

  // No dead ends: from every node some path ends in a queue, a message and hang-up, or a dial. A loop
  // with no way out (a menu that only leads back to itself) fails this.
  const ends = new Set([...ids].filter((id) => isTerminal(flow.nodes[id] as FlowNode)));
  let grew = true;
  while (grew) {
    grew = false;
    for (const id of ids) {
      if (ends.has(id)) continue;
      if (successors(flow.nodes[id] as FlowNode).some((next) => ends.has(next))) {
        ends.add(id);
        grew = true;
      }
    }
  }
  for (const id of ids)
    if (!ends.has(id)) add(id, 'flow_dead_end', 'no path from here ends in a queue, a message or a hang-up');
  // A chain of nodes that never waits for the caller would spin the engine: every cycle must pass a
  // node that speaks to the caller and waits (gather, record).
  for (const id of ids)
    if (spinsWithoutWaiting(flow, id)) add(id, 'flow_loop', 'a loop that never waits for the caller');
  return problems;
}

type Gather = Extract<FlowNode, { kind: 'gather' }>;

/** A gather's speech settings: what it listens for, and phrases for keys it has, in the flow's languages. */
function checkSpeech(
  flow: FlowDefinition,
  id: string,
  node: Gather,
  add: (node: string | null, code: DetailCode, message: string) => void,
) {
  if (node.input !== undefined && !GATHER_INPUTS.includes(node.input)) {
    add(id, 'flow_speech_input', 'a question takes digits, speech or both');
    return;
  }
  const phrases = node.phrases ?? {};
  const keys = Object.keys(phrases);
  if (keys.length && !listens(node))
    add(id, 'flow_speech_input', 'phrases need a question that listens for speech');
  const languages = new Set(flow.languages.map((l) => l.code));
  for (const key of keys) {
    if (!(key in (node.choices ?? {})) && key !== flow.agentKey)
      add(id, 'flow_speech_key', `phrases for "${key}", which is not a key of this menu`);
    for (const [language, list] of Object.entries(phrases[key] ?? {})) {
      if (!languages.has(language))
        add(id, 'flow_speech_phrase', `phrases in ${language}, not a flow language`);
      if (!Array.isArray(list) || list.some((p) => typeof p !== 'string' || !p.trim() || p.length > 100))
        add(id, 'flow_speech_phrase', 'a phrase is 1 to 100 characters');
    }
  }
  // Answered by voice alone: every choice needs words to be chosen by.
  if (node.input === 'speech')
    for (const key of Object.keys(node.choices ?? {}))
      if (!Object.values(phrases[key] ?? {}).some((list) => list.length > 0))
        add(id, 'flow_speech_missing', `key ${key} has no phrase to be chosen by voice`);
}

/**
 * What the administrator should know but that does not stop the flow: the gathers that listen for
 * speech, which the carriers without a recogniser answer with keys only.
 */
export function flowNotes(flow: FlowDefinition): FlowProblem[] {
  return Object.entries(flow.nodes)
    .filter(([, node]) => node.kind === 'gather' && listens(node))
    .map(([id]) => ({
      node: id,
      code: 'flow_speech_keys_only' as DetailCode,
      message:
        "listens for speech on TwiML and Plivo; Exotel, KooKoo, Africa's Talking and SIP take keys only",
    }));
}

function spinsWithoutWaiting(flow: FlowDefinition, from: string) {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const id = stack.pop() as string;
    const node = flow.nodes[id] as FlowNode;
    if (node.kind === 'gather' || node.kind === 'record' || isTerminal(node)) continue;
    for (const next of successors(node)) {
      if (next === from) return true;
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return false;
}

export function promptsOf(node: FlowNode): PromptRef[] {
  switch (node.kind) {
    case 'say':
    case 'dial':
    case 'hangup':
      return node.prompts;
    case 'gather':
    case 'record':
      return [...node.prompts, ...node.retryPrompts];
    case 'enqueue':
      return [...node.prompts, ...node.holdPrompts];
    case 'lookup':
      return node.retry?.prompts ?? [];
    default:
      return [];
  }
}
