// A citizen's own grievances: the list, one with its public history, and, once resolved, the
// question that closes it or sends it back.
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Grievance, type HistoryEvent, type Me, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { History, useDateFormat } from '../History.tsx';
import { OtpSignIn } from './OtpSignIn.tsx';

export function Track({ me, onSignedIn }: { me: Me; onSignedIn: (me: Me) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [list, setList] = useState<Grievance[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const signedIn = me.kind === 'citizen';

  useEffect(() => {
    if (signedIn)
      api<{ items: Grievance[] }>('GET', '/api/grievances?limit=100').then((r) => setList(r.items), setError);
  }, [signedIn]);

  const date = useDateFormat();

  if (!signedIn) {
    return (
      <section aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>{t('track.title')}</h1>
        <p>{t('track.signIn')}</p>
        <OtpSignIn onSignedIn={onSignedIn} />
      </section>
    );
  }
  if (open) return <Detail reference={open} onBack={() => setOpen(null)} date={date} />;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('track.list')}</h1>
      <ErrorMessage error={error} />
      {list && list.length === 0 && <p>{t('track.none')}</p>}
      <ul className="cards">
        {list?.map((g) => (
          <li key={g.reference}>
            <p className="reference">{g.reference}</p>
            <p>{g.subject}</p>
            <p>
              <span className={`status status-${g.status}`}>{t(`status.${g.status}`)}</span> ·{' '}
              {date(g.createdAt)}
            </p>
            <button
              type="button"
              onClick={() => setOpen(g.reference)}
              aria-label={`${t('track.open')} ${g.reference}`}
            >
              {t('track.open')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Detail({
  reference,
  onBack,
  date,
}: {
  reference: string;
  onBack: () => void;
  date: (iso: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [g, setG] = useState<Grievance | null>(null);
  const [events, setEvents] = useState<HistoryEvent[]>([]);
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const [answered, setAnswered] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    setG(await api<Grievance>('GET', `/api/grievances/${reference}`));
    setEvents((await api<{ events: HistoryEvent[] }>('GET', `/api/grievances/${reference}/history`)).events);
  }, [reference]);
  useEffect(() => {
    load().catch(setError);
  }, [load]);

  async function act(body: object) {
    setError(null);
    try {
      await api('POST', `/api/grievances/${reference}/actions`, body);
      setAnswered(true);
      setReopening(false);
      await load();
    } catch (e) {
      setError(e);
    }
  }

  if (!g) return <ErrorMessage error={error} />;
  return (
    <section aria-labelledby={`${id}-title`}>
      <button type="button" className="secondary" onClick={onBack}>
        {t('track.back')}
      </button>
      <h1 id={`${id}-title`}>
        <span className="reference">{g.reference}</span> {g.subject}
      </h1>
      <p>
        <span className={`status status-${g.status}`} data-testid="status">
          {t(`status.${g.status}`)}
        </span>{' '}
        · {pick(g.category.name, i18n.language)} · {pick(g.place.name, i18n.language)}
      </p>
      {g.dueAt && g.status !== 'closed' && g.status !== 'resolved' && (
        <p>
          {t('track.due')}: {date(g.dueAt)}
        </p>
      )}
      <p>{g.description}</p>
      {answered && <p role="status">{t('track.thanks')}</p>}
      {g.status === 'resolved' && (
        <div className="feedback">
          <p>
            <strong>{t('track.feedback')}</strong>
          </p>
          {reopening ? (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                act({ type: 'reopen', note: reason });
              }}
            >
              <label htmlFor={`${id}-reason`}>{t('track.reopenReason')}</label>
              <textarea
                id={`${id}-reason`}
                required
                rows={3}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
              <button type="submit">{t('track.reopen')}</button>
            </form>
          ) : (
            <>
              <button type="button" onClick={() => act({ type: 'close', reason: 'citizen_satisfied' })}>
                {t('track.satisfied')}
              </button>{' '}
              <button type="button" className="secondary" onClick={() => setReopening(true)}>
                {t('track.reopen')}
              </button>
            </>
          )}
        </div>
      )}
      <ErrorMessage error={error} />
      <h2>{t('track.history')}</h2>
      <History events={events} />
    </section>
  );
}
