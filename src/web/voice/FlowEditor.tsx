// The call flow as data: every node with where each of its branches goes (a choice of node), menu keys
// added and removed, nodes added and removed, each node's prompts, waits, retries, and whether a question
// takes keys, speech or both with the words for each key (NodeSettings), the whole flow as JSON for
// anything else (a lookup, a node's variables). "Check" asks the
// server's validator and shows each problem by node in the reader's language (no dead ends, every
// branch ends in a queue, a message or a hang-up); "Save" makes a new version (calls in progress keep
// theirs). The test call walks the flow on screen as it is, saved or not.
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { CallSimulator } from './CallSimulator.tsx';
import { NodeSettings } from './NodeSettings.tsx';
import { branchesOf, type FlowDefinition, type FlowNode, type FlowProblem } from './types.ts';

interface Version {
  id: number;
  version: number;
  active: boolean;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
}

const NEW_KINDS = ['hangup', 'say', 'redirect'] as const;

function newNode(kind: (typeof NEW_KINDS)[number], start: string): FlowNode {
  if (kind === 'hangup') return { kind, prompts: [{ key: 'goodbye' }], outcome: 'hung_up' };
  if (kind === 'say') return { kind, prompts: [{ key: 'goodbye' }], next: start };
  return { kind, next: start };
}

export function FlowEditor() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [flow, setFlow] = useState<FlowDefinition | null>(null);
  const [version, setVersion] = useState(0);
  const [versions, setVersions] = useState<Version[]>([]);
  const [problems, setProblems] = useState<FlowProblem[] | null>(null);
  const [notes, setNotes] = useState<FlowProblem[]>([]);
  const [promptKeys, setPromptKeys] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [json, setJson] = useState('');
  const [jsonError, setJsonError] = useState(false);
  const [newId, setNewId] = useState('');
  const [newKind, setNewKind] = useState<(typeof NEW_KINDS)[number]>('hangup');
  const [keyFor, setKeyFor] = useState<Record<string, { key: string; target: string }>>({});

  const load = useCallback(async () => {
    try {
      const [current, list, catalogue] = await Promise.all([
        api<{ version: number; definition: FlowDefinition }>('GET', '/api/voice/flow'),
        api<{ items: Version[] }>('GET', '/api/voice/flow/versions'),
        api<{ items: { key: string }[] }>('GET', '/api/voice/prompts'),
      ]);
      setPromptKeys([...new Set(catalogue.items.map((p) => p.key))]);
      setFlow(current.definition);
      setJson(JSON.stringify(current.definition, null, 2));
      setVersion(current.version);
      setVersions(list.items);
    } catch (err) {
      setError(err);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  if (!flow) return <ErrorMessage error={error} />;
  const ids = Object.keys(flow.nodes).sort((a, b) =>
    a === flow.start ? -1 : b === flow.start ? 1 : a.localeCompare(b),
  );

  const change = (next: FlowDefinition) => {
    setFlow(next);
    setJson(JSON.stringify(next, null, 2));
    setProblems(null);
    setNotes([]);
    setSaved(null);
  };
  const setNode = (nodeId: string, node: FlowNode) =>
    change({ ...flow, nodes: { ...flow.nodes, [nodeId]: node } });
  const removeNode = (nodeId: string) => {
    const { [nodeId]: _gone, ...rest } = flow.nodes;
    change({ ...flow, nodes: rest });
  };

  const check = async () => {
    setError(null);
    try {
      const res = await api<{ problems: FlowProblem[]; notes: FlowProblem[] }>(
        'POST',
        '/api/voice/flow/check',
        flow,
      );
      setProblems(res.problems);
      setNotes(res.notes);
    } catch (err) {
      setError(err);
    }
  };
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const res = await api<{ version: number }>('PUT', '/api/voice/flow', {
        definition: flow,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setSaved(res.version);
      setNote('');
      setProblems([]);
      await load();
    } catch (err) {
      // Refused: the problems come back as details; show them by node like a check.
      if (err instanceof ApiError && err.details.some((d) => d.code?.startsWith('flow_')))
        setProblems(
          err.details.map((d) => ({
            node: d.field?.startsWith('nodes.') ? d.field.slice(6) : null,
            code: d.code ?? '',
            message: '',
          })),
        );
      else setError(err);
    }
  };
  const problemText = (code: string) =>
    i18n.exists(`voice.problems.${code}`) ? t(`voice.problems.${code}`) : t('voice.editor.problemUnknown');

  return (
    <>
      <section aria-labelledby={`${id}-flow`}>
        <h3 id={`${id}-flow`}>{t('voice.editor.title', { version })}</h3>
        <p className="hint">{t('voice.editor.hint')}</p>
        <ul className="flow-nodes">
          {ids.map((nodeId) => {
            const node = flow.nodes[nodeId] as FlowNode;
            const adding = keyFor[nodeId];
            return (
              <li key={nodeId}>
                <fieldset>
                  <legend>
                    <code>{nodeId}</code> · {t(`voice.kind.${node.kind}`)}
                    {nodeId === flow.start ? ` · ${t('voice.editor.start')}` : ''}
                  </legend>
                  {'prompts' in node && node.prompts.length > 0 && (
                    <p className="hint">
                      {t('voice.editor.says')} {node.prompts.map((p) => p.key).join(', ')}
                    </p>
                  )}
                  {node.kind === 'lookup' && (
                    <p className="hint">{t('voice.editor.lookup', { lookup: node.lookup })}</p>
                  )}
                  <NodeSettings
                    nodeId={nodeId}
                    node={node}
                    flow={flow}
                    promptKeys={promptKeys}
                    formId={id}
                    onChange={(next) => setNode(nodeId, next)}
                  />
                  {branchesOf(node).map((branch) => {
                    const label = t(`voice.branch.${branch.label.key}`, { value: branch.label.value });
                    return (
                      <div key={`${branch.label.key}${branch.label.value ?? ''}`} className="flow-branch">
                        <label htmlFor={`${id}-${nodeId}-${branch.label.key}-${branch.label.value ?? ''}`}>
                          {label}
                        </label>{' '}
                        <select
                          id={`${id}-${nodeId}-${branch.label.key}-${branch.label.value ?? ''}`}
                          value={branch.target}
                          onChange={(e) => setNode(nodeId, branch.set(node, e.target.value))}
                        >
                          {!flow.nodes[branch.target] && (
                            <option value={branch.target}>{branch.target} (?)</option>
                          )}
                          {ids.map((target) => (
                            <option key={target} value={target}>
                              {target}
                            </option>
                          ))}
                        </select>
                        {branch.removable && node.kind === 'gather' && (
                          <button
                            type="button"
                            className="secondary"
                            onClick={() => {
                              const { [branch.label.value as string]: _gone, ...choices } =
                                node.choices ?? {};
                              setNode(nodeId, { ...node, choices });
                            }}
                          >
                            {t('voice.editor.removeKey', { key: branch.label.value, node: nodeId })}
                          </button>
                        )}
                      </div>
                    );
                  })}
                  {node.kind === 'gather' && node.choices && (
                    <div className="flow-branch">
                      <label htmlFor={`${id}-${nodeId}-key`}>{t('voice.editor.newKey')}</label>{' '}
                      <input
                        id={`${id}-${nodeId}-key`}
                        size={3}
                        value={adding?.key ?? ''}
                        onChange={(e) =>
                          setKeyFor({
                            ...keyFor,
                            [nodeId]: { key: e.target.value.trim(), target: adding?.target ?? flow.start },
                          })
                        }
                      />{' '}
                      <label htmlFor={`${id}-${nodeId}-target`}>{t('voice.editor.goesTo')}</label>{' '}
                      <select
                        id={`${id}-${nodeId}-target`}
                        value={adding?.target ?? flow.start}
                        onChange={(e) =>
                          setKeyFor({
                            ...keyFor,
                            [nodeId]: { key: adding?.key ?? '', target: e.target.value },
                          })
                        }
                      >
                        {ids.map((target) => (
                          <option key={target} value={target}>
                            {target}
                          </option>
                        ))}
                      </select>{' '}
                      <button
                        type="button"
                        className="secondary"
                        disabled={!adding?.key}
                        onClick={() => {
                          setNode(nodeId, {
                            ...node,
                            choices: {
                              ...node.choices,
                              [adding?.key as string]: adding?.target ?? flow.start,
                            },
                          });
                          setKeyFor({ ...keyFor, [nodeId]: { key: '', target: flow.start } });
                        }}
                      >
                        {t('voice.editor.addKey', { node: nodeId })}
                      </button>
                    </div>
                  )}
                  {nodeId !== flow.start && (
                    <button type="button" className="secondary" onClick={() => removeNode(nodeId)}>
                      {t('voice.editor.removeNode', { node: nodeId })}
                    </button>
                  )}
                </fieldset>
              </li>
            );
          })}
        </ul>
        <fieldset>
          <legend>{t('voice.editor.addNode')}</legend>
          <label>
            {t('voice.editor.nodeName')}{' '}
            <input value={newId} onChange={(e) => setNewId(e.target.value.trim())} />
          </label>{' '}
          <label>
            {t('voice.editor.nodeKind')}{' '}
            <select
              value={newKind}
              onChange={(e) => setNewKind(e.target.value as (typeof NEW_KINDS)[number])}
            >
              {NEW_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`voice.kind.${k}`)}
                </option>
              ))}
            </select>
          </label>{' '}
          <button
            type="button"
            className="secondary"
            disabled={!newId || Boolean(flow.nodes[newId])}
            onClick={() => {
              setNode(newId, newNode(newKind, flow.start));
              setNewId('');
            }}
          >
            {t('voice.editor.addNodeButton')}
          </button>
        </fieldset>
        <details>
          <summary>{t('voice.editor.asData')}</summary>
          <label>
            {t('voice.editor.json')}
            <textarea rows={16} value={json} onChange={(e) => setJson(e.target.value)} spellCheck={false} />
          </label>
          {jsonError && (
            <p className="error" role="alert">
              {t('voice.editor.jsonInvalid')}
            </p>
          )}
          <button
            type="button"
            className="secondary"
            onClick={() => {
              try {
                const parsed = JSON.parse(json) as FlowDefinition;
                if (!parsed || typeof parsed !== 'object' || !parsed.nodes) throw new Error('not a flow');
                setJsonError(false);
                change(parsed);
              } catch {
                setJsonError(true);
              }
            }}
          >
            {t('voice.editor.applyJson')}
          </button>
        </details>
        <form onSubmit={save} aria-labelledby={`${id}-save`}>
          <h4 id={`${id}-save`}>{t('voice.editor.saveTitle')}</h4>
          {problems && problems.length > 0 && (
            <div className="error" role="alert">
              <p>{t('voice.editor.problems', { count: problems.length })}</p>
              <ul>
                {problems.map((p) => (
                  <li key={`${p.node}${p.code}`}>
                    {p.node ? `${p.node}: ` : ''}
                    {problemText(p.code)}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {problems && problems.length === 0 && saved === null && (
            <p role="status">{t('voice.editor.noProblems')}</p>
          )}
          {problems && notes.length > 0 && (
            <ul className="hint" aria-label={t('voice.editor.notes')}>
              {notes.map((n) => (
                <li key={`${n.node}${n.code}`}>
                  {n.node ? `${n.node}: ` : ''}
                  {problemText(n.code)}
                </li>
              ))}
            </ul>
          )}
          {saved !== null && <p role="status">{t('voice.editor.saved', { version: saved })}</p>}
          <ErrorMessage error={error} />
          <label>
            {t('voice.editor.note')}
            <input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
          </label>
          <button type="button" className="secondary" onClick={check}>
            {t('voice.editor.check')}
          </button>{' '}
          <button type="submit">{t('voice.editor.save')}</button>
        </form>
        <details>
          <summary>{t('voice.editor.versions')}</summary>
          <ul>
            {versions.map((v) => (
              <li key={v.id}>
                {t('voice.editor.versionLine', {
                  version: v.version,
                  at: new Date(v.createdAt).toLocaleString(i18n.language),
                  by: v.createdBy ?? t('voice.editor.system'),
                })}
                {v.active ? ` · ${t('voice.editor.active')}` : ''}
                {v.note ? ` · ${v.note}` : ''}
              </li>
            ))}
          </ul>
        </details>
      </section>
      <CallSimulator flow={flow} />
    </>
  );
}
