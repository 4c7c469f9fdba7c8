// The call flow as the API gives it (src/channels/voice/flow.ts): nodes and where each goes.
export interface PromptRef {
  key: string;
  params?: Record<string, string | number>;
}

export type FlowNode =
  | { kind: 'say'; prompts: PromptRef[]; next: string }
  | { kind: 'set'; vars: Record<string, string>; next: string }
  | {
      kind: 'gather';
      prompts: PromptRef[];
      /** Keys only (the default), speech and keys, or answered by voice (every key with phrases). */
      input?: 'digits' | 'speech' | 'both';
      /** Per key, per language, what a caller may say to choose it. */
      phrases?: Record<string, Record<string, string[]>>;
      maxDigits: number;
      timeoutSeconds: number;
      finishOnKey?: string;
      choices?: Record<string, string>;
      store?: string;
      next?: string;
      retries: number;
      retryPrompts: PromptRef[];
      fail: string;
    }
  | {
      kind: 'lookup';
      lookup: string;
      outcomes: Record<string, string>;
      retry?: { to: string; times: number; prompts: PromptRef[]; fail: string };
    }
  | { kind: 'redirect'; next: string }
  | {
      kind: 'record';
      prompts: PromptRef[];
      maxSeconds: number;
      finishOnKey: string;
      purpose: string;
      next: string;
      retries: number;
      retryPrompts: PromptRef[];
      fail: string;
    }
  | {
      kind: 'enqueue';
      prompts: PromptRef[];
      skill: string;
      holdPrompts: PromptRef[];
      closed: string;
      outcome?: string;
    }
  | { kind: 'dial'; prompts: PromptRef[]; number: string }
  | { kind: 'hangup'; prompts: PromptRef[]; outcome: string };

export interface FlowDefinition {
  start: string;
  languages: { code: string; digit: string }[];
  agentKey?: string;
  agentNode?: string;
  nodes: Record<string, FlowNode>;
}

export interface FlowProblem {
  node: string | null;
  code: string;
  message: string;
}

/** A branch of a node: what it is called on screen and how to change where it goes. */
export interface Branch {
  /** Catalogue key of the label, with its parameter. */
  label: { key: string; value?: string };
  target: string;
  set(node: FlowNode, target: string): FlowNode;
  /** Menu keys can be removed. */
  removable?: boolean;
}

export function branchesOf(node: FlowNode): Branch[] {
  switch (node.kind) {
    case 'say':
    case 'set':
    case 'redirect':
      return [{ label: { key: 'next' }, target: node.next, set: (n, t) => ({ ...n, next: t }) as FlowNode }];
    case 'gather':
      return [
        ...Object.entries(node.choices ?? {}).map(([key, target]) => ({
          label: { key: 'key', value: key },
          target,
          removable: true,
          set: (n: FlowNode, t: string) =>
            ({ ...n, choices: { ...(n as typeof node).choices, [key]: t } }) as FlowNode,
        })),
        ...(node.next
          ? [
              {
                label: { key: 'entered' },
                target: node.next,
                set: (n: FlowNode, t: string) => ({ ...n, next: t }) as FlowNode,
              },
            ]
          : []),
        { label: { key: 'noAnswer' }, target: node.fail, set: (n, t) => ({ ...n, fail: t }) as FlowNode },
      ];
    case 'lookup':
      return [
        ...Object.entries(node.outcomes).map(([outcome, target]) => ({
          label: { key: 'outcome', value: outcome },
          target,
          set: (n: FlowNode, t: string) =>
            ({ ...n, outcomes: { ...(n as typeof node).outcomes, [outcome]: t } }) as FlowNode,
        })),
        ...(node.retry
          ? [
              {
                label: { key: 'retryTo' },
                target: node.retry.to,
                set: (n: FlowNode, t: string) =>
                  ({ ...n, retry: { ...(n as typeof node).retry, to: t } }) as FlowNode,
              },
              {
                label: { key: 'noAnswer' },
                target: node.retry.fail,
                set: (n: FlowNode, t: string) =>
                  ({ ...n, retry: { ...(n as typeof node).retry, fail: t } }) as FlowNode,
              },
            ]
          : []),
      ];
    case 'record':
      return [
        { label: { key: 'recorded' }, target: node.next, set: (n, t) => ({ ...n, next: t }) as FlowNode },
        { label: { key: 'noAnswer' }, target: node.fail, set: (n, t) => ({ ...n, fail: t }) as FlowNode },
      ];
    case 'enqueue':
      return [
        { label: { key: 'closed' }, target: node.closed, set: (n, t) => ({ ...n, closed: t }) as FlowNode },
      ];
    default:
      return [];
  }
}
