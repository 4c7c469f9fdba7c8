// Quality review. The reviewer (a supervisor or a third-party auditor with the supervisor role) works
// through the registrations sampled from each agent's work, and those the agent has corrected: listens to
// the call where the phone system kept a recording, or reads the record, scores each checklist item
// (0 no, 1 partly, 2 yes; the checklist is the deployment's), and passes it or sends it back saying what
// to correct. Scores per agent per month show who needs coaching. The agent sees what came back to them
// (Corrections) and says what they corrected; it goes on the grievance's history for the officer.
import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type I18nText, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useFetched } from '../fetching.ts';
import { useDateFormat } from '../History.tsx';
import { FlaggedCitizens } from './FlaggedCitizens.tsx';

interface Review {
  id: number;
  status: 'pending' | 'passed' | 'returned' | 'corrected';
  score: number | null;
  scores: Record<string, number> | null;
  comments: string | null;
  sampledAt: string;
  reviewedAt: string | null;
  agent: string;
  correction: string | null;
  reference: string;
  subject: string;
  description: string;
  language: string;
  channel: string;
  anonymous: boolean;
  category: I18nText;
  place: I18nText;
  callId: number | null;
  recordingUrl: string | null;
  wrapNotes: string | null;
}
interface ChecklistItem {
  code: string;
  label: I18nText;
}
interface AgentMonth {
  agentUserId: number;
  agent: string;
  month: string;
  reviewed: number;
  returned: number;
  averageScore: number;
}

export function QualityReview() {
  const { t } = useTranslation();
  const id = useId();
  const [error, setError] = useState<unknown>(null);
  const { data: reviews, reload } = useFetched<Review[]>('/api/desk/quality/reviews?status=open', setError);
  const { data: items } = useFetched<ChecklistItem[]>('/api/desk/quality/checklist', setError);
  const { data: months, reload: reloadMonths } = useFetched<AgentMonth[]>(
    '/api/desk/quality/agents',
    setError,
  );
  const [open, setOpen] = useState<number | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const current = reviews?.find((r) => r.id === open) ?? null;

  return (
    <section aria-labelledby={`${id}-title`} className="quality">
      <h1 id={`${id}-title`}>{t('review.title')}</h1>
      <ErrorMessage error={error} />
      {done && <p role="status">{done}</p>}
      <div className="desk-columns">
        <div>
          <h2>{t('review.queue', { count: reviews?.length ?? 0 })}</h2>
          <ul className="plain">
            {reviews?.map((r) => (
              <li key={r.id}>
                <button
                  type="button"
                  className="link"
                  aria-pressed={open === r.id}
                  onClick={() => {
                    setOpen(r.id);
                    setDone(null);
                  }}
                >
                  <span className="reference">{r.reference}</span> · {r.agent} · {r.subject}
                </button>
                {r.status === 'corrected' && ` (${t('review.statuses.corrected')})`}
              </li>
            ))}
          </ul>
          {current && items && (
            <ScoreForm
              key={current.id}
              review={current}
              items={items}
              onDone={(outcome, score) => {
                setDone(t(`review.done.${outcome}`, { reference: current.reference, score }));
                setOpen(null);
                reload();
                reloadMonths();
              }}
            />
          )}
        </div>
        <AgentScores months={months ?? []} />
      </div>
      <FlaggedCitizens />
    </section>
  );
}

function Record({ review }: { review: Review }) {
  const { t, i18n } = useTranslation();
  const date = useDateFormat();
  const lang = i18n.language;
  return (
    <div className="record">
      {review.recordingUrl ? (
        <p>
          {/* biome-ignore lint/a11y/useMediaCaption: a phone call's recording has no captions; the record below is its text */}
          <audio controls preload="none" src={review.recordingUrl} aria-label={t('review.recording')} />
        </p>
      ) : (
        <p className="muted">{review.callId ? t('review.noRecording') : t('review.walkIn')}</p>
      )}
      <dl className="facts">
        <dt>{t('desk.category')}</dt>
        <dd>{pick(review.category, lang)}</dd>
        <dt>{t('desk.place')}</dt>
        <dd>{pick(review.place, lang)}</dd>
        <dt>{t('desk.language')}</dt>
        <dd>{review.language}</dd>
        <dt>{t('desk.subject')}</dt>
        <dd>{review.subject}</dd>
        <dt>{t('desk.description')}</dt>
        <dd className="prewrap">{review.description}</dd>
        {review.wrapNotes && (
          <>
            <dt>{t('desk.notes')}</dt>
            <dd>{review.wrapNotes}</dd>
          </>
        )}
        <dt>{t('review.sampled')}</dt>
        <dd>{date(review.sampledAt)}</dd>
        {review.comments && (
          <>
            <dt>{t('review.earlierComments')}</dt>
            <dd>{review.comments}</dd>
          </>
        )}
        {review.correction && (
          <>
            <dt>{t('review.correction')}</dt>
            <dd>{review.correction}</dd>
          </>
        )}
      </dl>
    </div>
  );
}

function ScoreForm({
  review,
  items,
  onDone,
}: {
  review: Review;
  items: ChecklistItem[];
  onDone: (outcome: 'passed' | 'returned', score: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const lang = i18n.language;
  const [scores, setScores] = useState<Record<string, number>>({});
  const [comments, setComments] = useState('');
  const [error, setError] = useState<unknown>(null);
  const complete = items.every((i) => scores[i.code] !== undefined);

  async function send(outcome: 'passed' | 'returned') {
    setError(null);
    try {
      const done = await api<{ score: number }>('POST', `/api/desk/quality/reviews/${review.id}`, {
        scores,
        outcome,
        ...(comments.trim() ? { comments: comments.trim() } : {}),
      });
      onDone(outcome, done.score);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <form
      className="panel"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void send('passed');
      }}
    >
      <h2 id={`${id}-title`}>
        {t('review.reviewing', { reference: review.reference, agent: review.agent })}
      </h2>
      <Record review={review} />
      {items.map((item) => (
        <fieldset key={item.code} className="score">
          <legend>{pick(item.label, lang)}</legend>
          {[0, 1, 2].map((n) => (
            <label key={n} className="check">
              <input
                type="radio"
                name={`${id}-${item.code}`}
                value={n}
                required
                checked={scores[item.code] === n}
                onChange={() => setScores((s) => ({ ...s, [item.code]: n }))}
              />{' '}
              {t(`review.points.${n}`)}
            </label>
          ))}
        </fieldset>
      ))}
      <label htmlFor={`${id}-comments`}>{t('review.comments')}</label>
      <textarea
        id={`${id}-comments`}
        rows={3}
        maxLength={2000}
        value={comments}
        onChange={(e) => setComments(e.target.value)}
      />
      <ErrorMessage error={error} />
      <p className="actions">
        <button type="submit" disabled={!complete}>
          {t('review.pass')}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={!complete || !comments.trim()}
          onClick={() => send('returned')}
        >
          {t('review.return')}
        </button>
      </p>
    </form>
  );
}

function AgentScores({ months }: { months: AgentMonth[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table>
        <caption>{t('review.byAgent')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('wallboard.agent')}</th>
            <th scope="col">{t('review.month')}</th>
            <th scope="col">{t('review.reviewed')}</th>
            <th scope="col">{t('review.returned')}</th>
            <th scope="col">{t('review.average')}</th>
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <tr key={`${m.agentUserId}-${m.month}`}>
              <td>{m.agent}</td>
              <td>{m.month}</td>
              <td>{m.reviewed}</td>
              <td>{m.returned}</td>
              <td>
                <meter min={0} max={100} low={60} high={85} optimum={100} value={m.averageScore}>
                  {m.averageScore}%
                </meter>{' '}
                {m.averageScore}%
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The agent's side: registrations returned to them, with what to correct. */
export function Corrections() {
  const { t } = useTranslation();
  const id = useId();
  const [error, setError] = useState<unknown>(null);
  const { data: reviews, reload } = useFetched<Review[]>(
    '/api/desk/quality/reviews?status=returned',
    setError,
  );
  const [saved, setSaved] = useState<string | null>(null);

  return (
    <section aria-labelledby={`${id}-title`} className="corrections">
      <h1 id={`${id}-title`}>{t('review.correctionsTitle')}</h1>
      <ErrorMessage error={error} />
      {saved && <p role="status">{t('review.corrected', { reference: saved })}</p>}
      {reviews?.length === 0 && <p>{t('review.nothingReturned')}</p>}
      {reviews?.map((r) => (
        <Correct
          key={r.id}
          review={r}
          onDone={() => {
            setSaved(r.reference);
            reload();
          }}
        />
      ))}
    </section>
  );
}

function Correct({ review, onDone }: { review: Review; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = useCallback(
    async (e: React.FormEvent) => {
      e.preventDefault();
      setError(null);
      try {
        await api('POST', `/api/desk/quality/reviews/${review.id}/correction`, { correction: text.trim() });
        onDone();
      } catch (err) {
        setError(err);
      }
    },
    [review.id, text, onDone],
  );
  return (
    <form className="panel" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h2 id={`${id}-title`}>
        <span className="reference">{review.reference}</span> · {review.subject}
      </h2>
      <p>
        <strong>{t('review.reviewerSays')}</strong> {review.comments} (
        {t('review.score', { score: review.score })})
      </p>
      <Record review={review} />
      <label htmlFor={`${id}-text`}>{t('review.whatCorrected')}</label>
      <textarea
        id={`${id}-text`}
        rows={3}
        required
        maxLength={2000}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <ErrorMessage error={error} />
      <button type="submit">{t('review.sendCorrection')}</button>
    </form>
  );
}
