// The page a resolution email links to: /feedback?token=...&answer=yes|no&lang=hi. No sign-in: the
// signed link is the permission (src/feedback/link.ts). Opening it only shows the question, in the
// grievance's language, with the answer the citizen clicked chosen in advance; the answer is sent only
// when they press the button (a mail scanner that opens the link answers nothing).
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useDateFormat } from '../History.tsx';
import { Feedback } from './Feedback.tsx';

interface Question {
  reference: string;
  language: string;
  actionTaken: string;
  resolvedAt: string;
}

export function FeedbackLink() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const date = useDateFormat();
  const params = new URLSearchParams(window.location.search);
  const token = params.get('token') ?? '';
  const initial = params.get('answer') === 'yes' ? true : params.get('answer') === 'no' ? false : null;
  const [question, setQuestion] = useState<Question | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  const url = `/api/feedback-links/${encodeURIComponent(token)}`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: read once, for the link in the address
  useEffect(() => {
    // The email was written in the grievance's language (the link names it): the page speaks it too,
    // refusals included.
    const named = params.get('lang');
    if (named && named !== i18n.language) void i18n.changeLanguage(named);
    api<Question>('GET', url).then((q) => {
      setQuestion(q);
      if (!named && q.language !== i18n.language) void i18n.changeLanguage(q.language);
    }, setError);
  }, [url]);

  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('feedbackLink.title')}</h1>
      {!question && !error && <p role="status">{t('app.loading')}</p>}
      <ErrorMessage error={error} />
      {question && (
        <>
          <p className="reference">{question.reference}</p>
          <section className="resolution" aria-labelledby={`${id}-resolution`}>
            <h2 id={`${id}-resolution`}>{t('resolution.title')}</h2>
            <p className="hint">{t('resolution.when', { date: date(question.resolvedAt) })}</p>
            {question.actionTaken && <blockquote>{question.actionTaken}</blockquote>}
          </section>
          {done ? (
            <p role="status">{done}</p>
          ) : (
            <Feedback
              reference={question.reference}
              initial={initial}
              send={(answer) => api('POST', url, answer)}
              onDone={(reopened) => setDone(t(reopened ? 'feedback.reopened' : 'feedback.closed'))}
            />
          )}
        </>
      )}
    </section>
  );
}
