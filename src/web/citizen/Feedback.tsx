// The citizen's verdict on a resolution, asked after they have read what the officer did and seen the
// proof: satisfied or not, a rating from 1 to 5 and a reason (CPGRAMS asks the same). Satisfied closes
// the grievance, the reason optional; not satisfied reopens it and sends it back to the officer with the
// citizen's own words, which are then required. The rating and the words are kept with that event, where
// insight reads them.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

const RATINGS = [1, 2, 3, 4, 5] as const;

export interface FeedbackAnswer {
  satisfied: boolean;
  rating: number;
  reason?: string;
}

/**
 * `send`: where the answer goes (default: the signed-in citizen's action on the grievance; the feedback
 * page of a resolution email sends it with the link instead). `initial`: the answer the link chose.
 */
export function Feedback({
  reference,
  onDone,
  send,
  initial = null,
}: {
  reference: string;
  onDone: (reopened: boolean) => void;
  send?: (answer: FeedbackAnswer) => Promise<unknown>;
  initial?: boolean | null;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [satisfied, setSatisfied] = useState<boolean | null>(initial);
  const [rating, setRating] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (satisfied === null || rating === null) return;
    setError(null);
    setSending(true);
    const note = reason.trim();
    try {
      if (send) await send({ satisfied, rating, ...(note ? { reason: note } : {}) });
      else
        await api(
          'POST',
          `/api/grievances/${encodeURIComponent(reference)}/actions`,
          satisfied
            ? { type: 'close', reason: 'citizen_satisfied', rating, ...(note ? { note } : {}) }
            : { type: 'reopen', rating, note },
        );
      onDone(!satisfied);
    } catch (err) {
      setError(err);
    } finally {
      setSending(false);
    }
  }

  return (
    <form className="feedback" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('feedback.title')}</h2>
      <fieldset>
        <legend>{t('feedback.satisfied')}</legend>
        <div className="choices">
          {[true, false].map((value) => (
            <label key={String(value)} className="check">
              <input
                type="radio"
                name={`${id}-satisfied`}
                required
                checked={satisfied === value}
                onChange={() => setSatisfied(value)}
              />{' '}
              {t(value ? 'feedback.yes' : 'feedback.no')}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('feedback.rating')}</legend>
        <div className="choices rating">
          {RATINGS.map((value) => (
            <label key={value} className="check">
              <input
                type="radio"
                name={`${id}-rating`}
                required
                value={value}
                checked={rating === value}
                onChange={() => setRating(value)}
              />{' '}
              {t(`feedback.stars.${value}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <label htmlFor={`${id}-reason`}>{satisfied === false ? t('feedback.whyNot') : t('feedback.why')}</label>
      <textarea
        id={`${id}-reason`}
        required={satisfied === false}
        maxLength={5000}
        rows={3}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        aria-describedby={`${id}-hint`}
      />
      <p id={`${id}-hint`} className="hint">
        {satisfied === false ? t('feedback.reopenHint') : t('feedback.closeHint')}
      </p>
      <ErrorMessage error={error} />
      <button type="submit" disabled={sending}>
        {sending ? t('feedback.sending') : t('feedback.send')}
      </button>
    </form>
  );
}
