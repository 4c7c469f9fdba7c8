// The agent's outbound calls: the lists running now (feedback calls on resolved grievances, callbacks
// asked for, scheme-awareness campaigns), each with its progress; "Call the next citizen" hands the agent
// the next one due (never one another agent holds, never a number on the do-not-call list), with what
// the call is about; the agent dials, then records what happened. On a feedback call "satisfied" closes
// the grievance and "not satisfied" reopens it with the citizen's own words, which the officer reads.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type I18nText, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useDateFormat } from '../History.tsx';

export interface Progress {
  id: number;
  kind: 'feedback' | 'callback' | 'campaign';
  name: string;
  status: string;
  maxAttempts: number;
  retryMinutes: number;
  segment: { placeId?: number; categoryId?: number; language?: string };
  total: number;
  states: Record<'pending' | 'in_progress' | 'done' | 'failed' | 'skipped', number>;
  outcomes: Record<string, number>;
  attempts: number;
  dueNow: number;
  nextDueAt: string | null;
  percentDone: number;
}
interface Item {
  id: number;
  listId: number;
  kind: Progress['kind'];
  state: string;
  attempts: number;
  maxAttempts: number;
  outcome: string | null;
  phone: string;
  name: string | null;
  language: string;
  reference: string | null;
  subject: string | null;
  grievanceStatus: string | null;
  articleTitle: I18nText | null;
  articleAnswer: I18nText | null;
}

const NOT_REACHED = ['no_answer', 'busy', 'switched_off', 'wrong_number', 'do_not_call'] as const;
const REACHED: Record<Progress['kind'], string[]> = {
  feedback: ['satisfied', 'not_satisfied'],
  callback: ['called_back'],
  campaign: ['informed', 'interested', 'not_interested'],
};

/** A list's name as the reader reads it: the standing lists by kind, campaigns by their own name. */
export function useListName() {
  const { t } = useTranslation();
  return (l: Pick<Progress, 'kind' | 'name'>) =>
    l.kind === 'campaign' ? l.name : t(`outbound.kinds.${l.kind}`);
}

export function ProgressLine({ list }: { list: Progress }) {
  const { t } = useTranslation();
  const date = useDateFormat();
  return (
    <>
      <progress
        max={100}
        value={list.percentDone}
        aria-label={t('outbound.percentDone', { n: list.percentDone })}
      />{' '}
      <span data-testid={`progress-${list.id}`}>
        {t('outbound.progress', {
          done: list.states.done + list.states.failed + list.states.skipped,
          total: list.total,
          n: list.percentDone,
          attempts: list.attempts,
        })}
        {' · '}
        {t('outbound.dueNow', { count: list.dueNow })}
        {list.nextDueAt && ` · ${t('outbound.nextDue', { date: date(list.nextDueAt) })}`}
      </span>
    </>
  );
}

export function Outbound() {
  const { t } = useTranslation();
  const id = useId();
  const listName = useListName();
  const [lists, setLists] = useState<Progress[] | null>(null);
  const [item, setItem] = useState<Item | null>(null);
  const [empty, setEmpty] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(
    () => api<Progress[]>('GET', '/api/desk/outbound-lists').then(setLists, setError),
    [],
  );
  useEffect(() => {
    load();
    const timer = setInterval(load, 10_000);
    return () => clearInterval(timer);
  }, [load]);

  async function next(listId: number) {
    setError(null);
    setEmpty(null);
    try {
      const taken = await api<Item | null>('POST', `/api/desk/outbound-lists/${listId}/next`);
      setItem(taken);
      if (!taken) setEmpty(listId);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="outbound">
      <h1 id={`${id}-title`}>{t('outbound.title')}</h1>
      <ErrorMessage error={error} />
      {item ? (
        <OutboundCall
          item={item}
          listName={listName(lists?.find((l) => l.id === item.listId) ?? { kind: item.kind, name: '' })}
          onDone={(after) => {
            setItem(null);
            load();
            if (after) void next(after);
          }}
        />
      ) : (
        lists && (
          <ul className="plain lists">
            {lists.length === 0 && <li>{t('outbound.none')}</li>}
            {lists.map((l) => (
              <li key={l.id} className="panel">
                <h2>{listName(l)}</h2>
                <p>
                  <ProgressLine list={l} />
                </p>
                <button type="button" onClick={() => next(l.id)} disabled={l.status !== 'running'}>
                  {t('outbound.callNext')}
                </button>
                {l.status !== 'running' && ` ${t(`outbound.statuses.${l.status}`)}`}
                {empty === l.id && <p role="status">{t('outbound.nothingDue')}</p>}
              </li>
            ))}
          </ul>
        )
      )}
    </section>
  );
}

function OutboundCall({
  item,
  listName,
  onDone,
}: {
  item: Item;
  listName: string;
  onDone: (nextList: number | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [result, setResult] = useState('');
  const [notes, setNotes] = useState('');
  const [rating, setRating] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const needsWords = item.kind === 'feedback' && result === 'not_satisfied';
  // A citizen reached on a feedback call is asked for a rating too, as on the portal (they may decline).
  const rates = item.kind === 'feedback' && (result === 'satisfied' || result === 'not_satisfied');
  const lang = i18n.language;

  async function submit(e: React.FormEvent, andNext: boolean) {
    e.preventDefault();
    if (!result) return;
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/api/desk/outbound-items/${item.id}/attempts`, {
        result,
        ...(notes.trim() ? { notes: notes.trim() } : {}),
        ...(rates && rating !== null ? { rating } : {}),
      });
      onDone(andNext ? item.listId : null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel outbound-call" aria-labelledby={`${id}-title`} onSubmit={(e) => submit(e, false)}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {listName}: {item.name ? `${item.name} · ` : ''}
        <a href={`tel:${item.phone}`}>{item.phone}</a>
      </h2>
      <p>
        {t('outbound.attemptOf', { n: item.attempts + 1, max: item.maxAttempts })} · {t('desk.language')}:{' '}
        {item.language}
      </p>
      {item.reference && (
        <p data-testid="about">
          <span className="reference">{item.reference}</span> · {item.subject} ·{' '}
          {t(`status.${item.grievanceStatus}`, { defaultValue: item.grievanceStatus ?? '' })}
        </p>
      )}
      {item.kind === 'feedback' && <p className="hint">{t('outbound.feedbackScript')}</p>}
      {item.articleTitle && (
        <div className="read-aloud">
          <h3>{pick(item.articleTitle, lang)}</h3>
          <p lang={item.language}>{pick(item.articleAnswer ?? {}, item.language)}</p>
        </div>
      )}
      <fieldset>
        <legend>{t('outbound.result')}</legend>
        <div className="choices">
          {[...REACHED[item.kind], ...NOT_REACHED].map((r) => (
            <label key={r} className="check">
              <input
                type="radio"
                name={`${id}-result`}
                value={r}
                checked={result === r}
                onChange={() => setResult(r)}
              />{' '}
              {t(`outbound.results.${r}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {rates && (
        <fieldset>
          <legend>{t('outbound.rating')}</legend>
          <div className="choices rating">
            {[1, 2, 3, 4, 5].map((value) => (
              <label key={value} className="check">
                <input
                  type="radio"
                  name={`${id}-rating`}
                  value={value}
                  checked={rating === value}
                  onChange={() => setRating(value)}
                />{' '}
                {t(`feedback.stars.${value}`)}
              </label>
            ))}
          </div>
          <p className="hint">{t('outbound.ratingHint')}</p>
        </fieldset>
      )}
      <label htmlFor={`${id}-notes`}>{needsWords ? t('outbound.citizenWords') : t('desk.notes')}</label>
      <textarea
        id={`${id}-notes`}
        rows={3}
        maxLength={2000}
        required={needsWords}
        value={notes}
        onChange={(e) => setNotes(e.target.value)}
      />
      {needsWords && <p className="hint">{t('outbound.reopenHint')}</p>}
      <ErrorMessage error={error} />
      <p className="actions">
        <button type="submit" disabled={busy || !result}>
          {t('outbound.save')}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={busy || !result}
          onClick={(e) => {
            const form = e.currentTarget.form;
            if (form && !form.reportValidity()) return;
            void submit(e as unknown as React.FormEvent, true);
          }}
        >
          {t('outbound.saveAndNext')}
        </button>
      </p>
    </form>
  );
}
