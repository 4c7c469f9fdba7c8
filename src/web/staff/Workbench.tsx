// The officer's workbench: their queue (what the server lets them see), overdue first, each marked by
// its SLA state in words and colour; one grievance with its full history and the actions they may take.
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Grievance, type HistoryEvent, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { History, useDateFormat } from '../History.tsx';

const DAY = 86_400_000;
const ACTIONS = ['start', 'note', 'request_info', 'resolve', 'reject'] as const;
const OPEN = ['assigned', 'in_progress', 'awaiting_info'];

interface Row extends Grievance {
  slaPausedAt: string | null;
  citizen: { phone: string; name: string | null } | null;
  anonymous: boolean;
}

export function slaState(g: { dueAt: string | null; slaPausedAt: string | null }, now: number) {
  if (g.slaPausedAt) return 'paused';
  if (!g.dueAt) return 'onTime';
  const left = new Date(g.dueAt).getTime() - now;
  return left <= 0 ? 'overdue' : left <= DAY ? 'dueSoon' : 'onTime';
}

export function Workbench() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const date = useDateFormat();

  const load = useCallback(() => {
    api<{ items: Row[] }>(
      'GET',
      '/api/grievances?status=assigned&status=in_progress&status=awaiting_info&limit=200',
    ).then(
      (r) => setRows([...r.items].sort((a, b) => (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9'))),
      setError,
    );
  }, []);
  useEffect(load, [load]);

  if (open)
    return (
      <Case
        reference={open}
        date={date}
        onBack={() => {
          setOpen(null);
          load();
        }}
      />
    );
  const now = Date.now();
  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('work.title')}</h1>
      <ErrorMessage error={error} />
      {rows?.length === 0 && <p>{t('work.empty')}</p>}
      <ul className="cards">
        {rows?.map((g) => {
          const state = slaState(g, now);
          return (
            <li key={g.reference} className={`sla sla-${state}`}>
              <p>
                <span className="reference">{g.reference}</span>{' '}
                <span className="sla-label">{t(`work.${state}`)}</span>
              </p>
              <p>{g.subject}</p>
              <p>
                {pick(g.category.name, i18n.language)} · {pick(g.place.name, i18n.language)}
                {g.dueAt && ` · ${t('work.due')} ${date(g.dueAt)}`}
              </p>
              <button
                type="button"
                onClick={() => setOpen(g.reference)}
                aria-label={`${t('work.open')} ${g.reference}`}
              >
                {t('work.open')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Case({
  reference,
  date,
  onBack,
}: {
  reference: string;
  date: (iso: string) => string;
  onBack: () => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [g, setG] = useState<Row | null>(null);
  const [events, setEvents] = useState<HistoryEvent[]>([]);
  const [action, setAction] = useState<(typeof ACTIONS)[number]>('start');
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    setG(await api<Row>('GET', `/api/grievances/${reference}`));
    setEvents((await api<{ events: HistoryEvent[] }>('GET', `/api/grievances/${reference}/history`)).events);
  }, [reference]);
  useEffect(() => {
    load().catch(setError);
  }, [load]);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await api('POST', `/api/grievances/${reference}/actions`, { type: action, ...(note ? { note } : {}) });
      setNote('');
      setSaved(true);
      await load();
    } catch (err) {
      setError(err);
    }
  }

  if (!g) return <ErrorMessage error={error} />;
  return (
    <section aria-labelledby={`${id}-title`}>
      <button type="button" className="secondary" onClick={onBack}>
        {t('work.back')}
      </button>
      <h1 id={`${id}-title`}>
        <span className="reference">{g.reference}</span> {g.subject}
      </h1>
      <p>
        <span className="status" data-testid="status">
          {t(`status.${g.status}`)}
        </span>{' '}
        · {pick(g.category.name, i18n.language)} · {pick(g.place.name, i18n.language)}
        {g.dueAt && OPEN.includes(g.status) && ` · ${t('work.due')} ${date(g.dueAt)}`}
      </p>
      <p>
        {t('work.citizen')}:{' '}
        {g.anonymous ? t('work.anonymous') : g.citizen ? `${g.citizen.name ?? ''} ${g.citizen.phone}` : '—'}
      </p>
      <p>{g.description}</p>
      <form onSubmit={submit} aria-labelledby={`${id}-act`}>
        <h2 id={`${id}-act`}>{t('work.act')}</h2>
        <label htmlFor={`${id}-action`}>{t('work.action')}</label>
        <select
          id={`${id}-action`}
          value={action}
          onChange={(e) => setAction(e.target.value as (typeof ACTIONS)[number])}
        >
          {ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`work.actions.${a}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-note`}>{t('work.note')}</label>
        <textarea
          id={`${id}-note`}
          rows={3}
          required={action !== 'start'}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <ErrorMessage error={error} />
        {saved && <p role="status">{t('work.done')}</p>}
        <button type="submit">{t('work.submit')}</button>
      </form>
      <h2>{t('work.history')}</h2>
      <History events={events} />
    </section>
  );
}
