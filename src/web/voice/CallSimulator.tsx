// A test call in the browser: the flow on screen (saved or not) walked by the server's real engine one
// turn at a time (POST /api/voice/flow/simulate; nothing of the call is kept), with a keypad. What the
// caller would hear is shown as text and, where a prompt is recorded, played. A menu takes one key; a
// free entry (a district code, a reference) takes keys until its end key or its length. The call ends
// in a queue, a message or a hang-up, and says which. A question that listens for speech also takes
// what the caller says, typed as a recogniser would write it.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import type { FlowDefinition } from './types.ts';

type Spoken = { kind: 'text' | 'audio'; text: string; language: string; url?: string };
interface Turn {
  instruction: {
    kind: string;
    maxDigits?: number;
    finishOnKey?: string;
    number?: string;
    speech?: { language: string; hints: string[] };
  };
  prompts: Spoken[];
  holdPrompts: Spoken[];
  state: unknown;
  ended: boolean;
  outcome: string | null;
  queue: { id: number; code: string; name: Record<string, string> } | null;
}
interface Line {
  who: 'ivr' | 'caller';
  texts: Spoken[];
  pressed?: string;
  said?: string;
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

export function CallSimulator({ flow }: { flow: FlowDefinition }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [phone, setPhone] = useState('');
  const [turn, setTurn] = useState<Turn | null>(null);
  const [lines, setLines] = useState<Line[]>([]);
  const [keyed, setKeyed] = useState('');
  const [speech, setSpeech] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [over, setOver] = useState<string | null>(null);

  const send = async (body: Record<string, unknown>, pressed?: string, said?: string) => {
    setBusy(true);
    setError(null);
    try {
      const next = await api<Turn>('POST', '/api/voice/flow/simulate', {
        definition: flow,
        ...(phone.trim() ? { phone: phone.trim() } : {}),
        ...body,
      });
      setLines((old) => [
        ...old,
        ...(pressed !== undefined ? [{ who: 'caller' as const, texts: [], pressed }] : []),
        ...(said !== undefined ? [{ who: 'caller' as const, texts: [], said }] : []),
        { who: 'ivr' as const, texts: [...next.prompts, ...next.holdPrompts] },
      ]);
      setTurn(next);
      setKeyed('');
      setSpeech('');
      if (next.instruction.kind === 'enqueue' && next.queue)
        setOver(
          t('voice.sim.queued', {
            queue: next.queue.name[i18n.language] ?? next.queue.name.en ?? next.queue.code,
          }),
        );
      else if (next.instruction.kind === 'dial')
        setOver(t('voice.sim.dialled', { number: next.instruction.number }));
      else if (next.ended || next.instruction.kind === 'hangup')
        setOver(
          t('voice.sim.ended', {
            outcome: t(`voice.outcome.${next.outcome ?? 'hung_up'}`, { defaultValue: next.outcome ?? '' }),
          }),
        );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const start = () => {
    setLines([]);
    setOver(null);
    setTurn(null);
    void send({});
  };
  const press = (key: string) => {
    if (!turn || over || busy) return;
    const ins = turn.instruction;
    if (ins.kind !== 'gather') {
      // A key during a recording ends it with nothing recorded (the simulator records no audio).
      if (ins.kind === 'record') void send({ state: turn.state, timeout: true }, key);
      return;
    }
    const max = ins.maxDigits ?? 1;
    if (ins.finishOnKey && key === ins.finishOnKey) {
      void send(
        keyed ? { state: turn.state, digits: keyed } : { state: turn.state, timeout: true },
        `${keyed}${key}`,
      );
      return;
    }
    const now = `${keyed}${key}`;
    if (now.length >= max) void send({ state: turn.state, digits: now }, now);
    else setKeyed(now);
  };

  const waiting = turn && !over ? turn.instruction : null;
  return (
    <section aria-labelledby={`${id}-title`} className="simulator">
      <h3 id={`${id}-title`}>{t('voice.sim.title')}</h3>
      <p className="hint">{t('voice.sim.hint')}</p>
      <label>
        {t('voice.sim.phone')}
        <input type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} autoComplete="off" />
      </label>
      <button type="button" onClick={start} disabled={busy}>
        {turn ? t('voice.sim.again') : t('voice.sim.start')}
      </button>
      <ErrorMessage error={error} />
      <ol className="transcript" aria-label={t('voice.sim.transcript')} aria-live="polite">
        {lines.map((line, i) => (
          // The transcript only grows: a line's place is its identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: lines are appended, never reordered
          <li key={i} className={line.who}>
            {line.who === 'caller' ? (
              <span>
                {line.said !== undefined
                  ? t('voice.sim.said', { words: line.said })
                  : t('voice.sim.pressed', { keys: line.pressed })}
              </span>
            ) : (
              line.texts.map((s, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the prompts of one turn, in order
                <p key={j} lang={s.language}>
                  {s.text}
                  {s.kind === 'audio' && s.url && (
                    <>
                      {' '}
                      {/* biome-ignore lint/a11y/useMediaCaption: the prompt's text is shown beside it */}
                      <audio controls src={s.url} preload="none" aria-label={t('voice.sim.recorded')} />
                    </>
                  )}
                </p>
              ))
            )}
          </li>
        ))}
      </ol>
      {waiting && (
        <p role="status">
          {waiting.kind === 'gather'
            ? t('voice.sim.waiting', { count: waiting.maxDigits ?? 1 })
            : waiting.kind === 'record'
              ? t('voice.sim.recording')
              : ''}
          {keyed ? ` ${t('voice.sim.keyed', { keys: keyed })}` : ''}
        </p>
      )}
      {over && <p role="status">{over}</p>}
      <fieldset className="keypad">
        <legend>{t('voice.sim.keypad')}</legend>
        {KEYS.map((key) => (
          <button
            key={key}
            type="button"
            className="secondary"
            disabled={!waiting || busy}
            onClick={() => press(key)}
          >
            {key}
          </button>
        ))}
      </fieldset>
      {waiting?.kind === 'gather' && waiting.speech && (
        <form
          className="flow-branch"
          onSubmit={(e) => {
            e.preventDefault();
            const words = speech.trim();
            if (turn && words) void send({ state: turn.state, speech: words }, undefined, words);
          }}
        >
          <label>
            {t('voice.sim.say')}{' '}
            <input value={speech} maxLength={200} onChange={(e) => setSpeech(e.target.value)} />
          </label>{' '}
          <button type="submit" className="secondary" disabled={busy || !speech.trim()}>
            {t('voice.sim.sayIt')}
          </button>
        </form>
      )}
      <button
        type="button"
        className="secondary"
        disabled={!waiting || busy}
        onClick={() => turn && void send({ state: turn.state, timeout: true }, '…')}
      >
        {t('voice.sim.silence')}
      </button>{' '}
      <button
        type="button"
        className="secondary"
        disabled={!turn || Boolean(over && turn.ended) || busy}
        onClick={() => turn && void send({ state: turn.state, hangup: true }, '☎')}
      >
        {t('voice.sim.hangUp')}
      </button>
    </section>
  );
}
