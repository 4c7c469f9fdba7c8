// A node's settings in the flow editor's form, beside its branches: what it says (prompts chosen from
// the catalogue), how long a question waits and how often it asks again, whether it takes keys, speech
// or both, and the words that choose each key by voice in each of the flow's languages. A value out of
// range is named at once with the validator's own message (the catalogue's, in the reader's language);
// "Check" on the flow asks the server for the rest.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowDefinition, FlowNode, PromptRef } from './types.ts';

type Gather = Extract<FlowNode, { kind: 'gather' }>;
const INPUTS = ['digits', 'both', 'speech'] as const;

/** Problems the form can see on its own, by the validator's codes (src/channels/voice/flow.ts). */
export function localProblems(node: FlowNode): string[] {
  const out: string[] = [];
  if (node.kind === 'gather') {
    if (!(node.timeoutSeconds >= 1 && node.timeoutSeconds <= 60)) out.push('flow_gather_timeout');
    if (!(node.retries >= 0 && node.retries <= 5)) out.push('flow_retries');
    for (const byLanguage of Object.values(node.phrases ?? {}))
      for (const list of Object.values(byLanguage))
        if (list.some((p) => p.length > 100)) out.push('flow_speech_phrase');
  }
  if (node.kind === 'record') {
    if (!(node.maxSeconds >= 5 && node.maxSeconds <= 600)) out.push('flow_record_length');
    if (!(node.retries >= 0 && node.retries <= 5)) out.push('flow_retries');
  }
  return [...new Set(out)];
}

/** Phrases as typed: comma-separated, kept as the administrator wrote them. */
const splitPhrases = (text: string) =>
  text
    .split(/[,،]/)
    .map((p) => p.trim())
    .filter(Boolean);

export function NodeSettings({
  nodeId,
  node,
  flow,
  promptKeys,
  formId,
  onChange,
}: {
  nodeId: string;
  node: FlowNode;
  flow: FlowDefinition;
  promptKeys: string[];
  formId: string;
  onChange(node: FlowNode): void;
}) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState('');
  const at = (name: string) => `${formId}-${nodeId}-${name}`;
  const problems = localProblems(node);

  const prompts = 'prompts' in node ? node.prompts : null;
  const setPrompts = (list: PromptRef[]) => onChange({ ...node, prompts: list } as FlowNode);

  return (
    <div className="flow-settings">
      {prompts && (
        <div>
          {prompts.map((prompt, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a prompt's place in the list is what it is
            <div key={i} className="flow-branch">
              <label htmlFor={at(`prompt-${i}`)}>{t('voice.form.prompt', { n: i + 1 })}</label>{' '}
              <select
                id={at(`prompt-${i}`)}
                value={prompt.key}
                onChange={(e) =>
                  setPrompts(prompts.map((p, j) => (j === i ? { ...p, key: e.target.value } : p)))
                }
              >
                {!promptKeys.includes(prompt.key) && <option value={prompt.key}>{prompt.key} (?)</option>}
                {promptKeys.map((key) => (
                  <option key={key} value={key}>
                    {key}
                  </option>
                ))}
              </select>{' '}
              <button
                type="button"
                className="secondary"
                onClick={() => setPrompts(prompts.filter((_, j) => j !== i))}
              >
                {t('voice.form.removePrompt', { n: i + 1, node: nodeId })}
              </button>
            </div>
          ))}
          <div className="flow-branch">
            <label htmlFor={at('add-prompt')}>{t('voice.form.newPrompt')}</label>{' '}
            <select id={at('add-prompt')} value={adding} onChange={(e) => setAdding(e.target.value)}>
              <option value="" />
              {promptKeys.map((key) => (
                <option key={key} value={key}>
                  {key}
                </option>
              ))}
            </select>{' '}
            <button
              type="button"
              className="secondary"
              disabled={!adding}
              onClick={() => {
                setPrompts([...prompts, { key: adding }]);
                setAdding('');
              }}
            >
              {t('voice.form.addPrompt', { node: nodeId })}
            </button>
          </div>
        </div>
      )}
      {node.kind === 'gather' && <GatherSettings node={node} flow={flow} at={at} onChange={onChange} />}
      {node.kind === 'record' && (
        <>
          <NumberField
            id={at('max-seconds')}
            label={t('voice.form.maxSeconds')}
            value={node.maxSeconds}
            onChange={(maxSeconds) => onChange({ ...node, maxSeconds })}
          />
          <NumberField
            id={at('retries')}
            label={t('voice.form.retries')}
            value={node.retries}
            onChange={(retries) => onChange({ ...node, retries })}
          />
        </>
      )}
      {problems.length > 0 && (
        <ul className="error" aria-label={t('voice.form.problemsOf', { node: nodeId })}>
          {problems.map((code) => (
            <li key={code}>{t(`voice.problems.${code}`)}</li>
          ))}
        </ul>
      )}
      {node.kind === 'gather' && node.input && node.input !== 'digits' && (
        <p className="hint">{t('voice.problems.flow_speech_keys_only')}</p>
      )}
    </div>
  );
}

function GatherSettings({
  node,
  flow,
  at,
  onChange,
}: {
  node: Gather;
  flow: FlowDefinition;
  at(name: string): string;
  onChange(node: FlowNode): void;
}) {
  const { t } = useTranslation();
  const listens = node.input === 'speech' || node.input === 'both';
  // Keys a caller may choose by voice: the menu's, and the agent key.
  const keys = [
    ...Object.keys(node.choices ?? {}),
    ...(flow.agentKey && flow.agentNode && !(flow.agentKey in (node.choices ?? {})) ? [flow.agentKey] : []),
  ];
  const setPhrases = (key: string, language: string, text: string) => {
    const byLanguage = { ...(node.phrases?.[key] ?? {}), [language]: splitPhrases(text) };
    if (!byLanguage[language]?.length) delete byLanguage[language];
    const phrases = { ...(node.phrases ?? {}), [key]: byLanguage };
    if (!Object.keys(byLanguage).length) delete phrases[key];
    onChange({ ...node, phrases });
  };
  return (
    <>
      <NumberField
        id={at('timeout')}
        label={t('voice.form.timeout')}
        value={node.timeoutSeconds}
        onChange={(timeoutSeconds) => onChange({ ...node, timeoutSeconds })}
      />
      <NumberField
        id={at('retries')}
        label={t('voice.form.retries')}
        value={node.retries}
        onChange={(retries) => onChange({ ...node, retries })}
      />
      <div className="flow-branch">
        <label htmlFor={at('input')}>{t('voice.form.input')}</label>{' '}
        <select
          id={at('input')}
          value={node.input ?? 'digits'}
          onChange={(e) => {
            const input = e.target.value as Gather['input'];
            // Back to keys only: the phrases go with speech.
            if (input === 'digits') {
              const { phrases: _gone, input: _was, ...rest } = node;
              onChange(rest);
            } else onChange({ ...node, input });
          }}
        >
          {INPUTS.map((input) => (
            <option key={input} value={input}>
              {t(`voice.form.inputs.${input}`)}
            </option>
          ))}
        </select>
      </div>
      {listens && node.choices && (
        <fieldset>
          <legend>{t('voice.form.phrases')}</legend>
          <p className="hint">{t('voice.form.phrasesHint')}</p>
          {keys.map((key) =>
            flow.languages.map(({ code }) => (
              <PhraseField
                key={`${key}-${code}`}
                id={at(`phrases-${key}-${code}`)}
                label={t('voice.form.phrasesFor', {
                  key,
                  language: t(`voice.language.${code}`, { defaultValue: code }),
                })}
                value={(node.phrases?.[key]?.[code] ?? []).join(', ')}
                onCommit={(text) => setPhrases(key, code, text)}
              />
            )),
          )}
        </fieldset>
      )}
    </>
  );
}

/** A comma-separated list typed freely and taken when the field is left (so commas can be typed). */
function PhraseField({
  id,
  label,
  value,
  onCommit,
}: {
  id: string;
  label: string;
  value: string;
  onCommit(text: string): void;
}) {
  const [text, setText] = useState<string | null>(null);
  return (
    <div className="flow-branch">
      <label htmlFor={id}>{label}</label>{' '}
      <input
        id={id}
        value={text ?? value}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => {
          if (text !== null) onCommit(text);
          setText(null);
        }}
      />
    </div>
  );
}

function NumberField({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: number;
  onChange(value: number): void;
}) {
  return (
    <div className="flow-branch">
      <label htmlFor={id}>{label}</label>{' '}
      <input
        id={id}
        type="number"
        inputMode="numeric"
        value={Number.isFinite(value) ? value : ''}
        onChange={(e) => onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
        className="narrow"
      />
    </div>
  );
}
