// The supervisor's and command centre's view: the queues nobody else watches (unrouted, overdue,
// breached at the top level), and the hand actions: assign an unrouted grievance, escalate or send
// one back down, always with a reason.
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Grievance, type I18nText, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useDateFormat } from '../History.tsx';
import { Dashboard } from '../insight/Dashboard.tsx';
import { Grades } from '../insight/Grades.tsx';
import { useLiveRefresh } from '../live.ts';
import { Overview } from './Overview.tsx';

const QUEUES = {
  unrouted: 'unrouted=true',
  overdue: 'overdue=true',
  commandCentre: 'commandCentre=true',
} as const;
type Queue = keyof typeof QUEUES;
type Tab = 'overview' | 'dashboard' | 'grades' | Queue;

interface Row extends Grievance {
  level: number | null;
  department: { id: number; name: I18nText };
}

export function Supervise() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const date = useDateFormat();
  const [tab, setTab] = useState<Tab>('overview');
  const [data, setData] = useState<{ items: Row[]; total: number } | null>(null);
  const [error, setError] = useState<unknown>(null);

  const queue = tab === 'overview' || tab === 'dashboard' || tab === 'grades' ? null : tab;
  const load = useCallback(() => {
    if (!queue) return;
    api<{ items: Row[]; total: number }>('GET', `/api/grievances?${QUEUES[queue]}&limit=100`).then(
      setData,
      setError,
    );
  }, [queue]);
  useEffect(() => {
    setData(null);
    load();
  }, [load]);
  useLiveRefresh(load, () => true, queue !== null);

  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('sup.title')}</h1>
      <nav aria-label={t('sup.title')}>
        {(['overview', 'dashboard', 'grades', ...Object.keys(QUEUES)] as Tab[]).map((q) => (
          <button
            key={q}
            type="button"
            className={q === tab ? '' : 'secondary'}
            aria-pressed={q === tab}
            onClick={() => setTab(q)}
          >
            {t(q === 'dashboard' || q === 'grades' ? `ins.tab.${q}` : `sup.${q}`)}
          </button>
        ))}
      </nav>
      {tab === 'overview' && <Overview />}
      {tab === 'dashboard' && <Dashboard />}
      {tab === 'grades' && <Grades />}
      <ErrorMessage error={error} />
      {queue && data && (
        <p role="status">{data.total === 0 ? t('sup.empty') : t('sup.count', { count: data.total })}</p>
      )}
      <ul className="cards">
        {queue &&
          data?.items.map((g) => (
            <li key={g.reference}>
              <p>
                <span className="reference">{g.reference}</span> {g.subject}
              </p>
              <p>
                {pick(g.department.name, i18n.language)} · {pick(g.place.name, i18n.language)}
                {g.level && ` · ${t('sup.level')} ${g.level}`}
                {g.dueAt && ` · ${t('work.due')} ${date(g.dueAt)}`}
              </p>
              {queue && <Act grievance={g} queue={queue} onDone={load} />}
            </li>
          ))}
      </ul>
    </section>
  );
}

function Act({ grievance, queue, onDone }: { grievance: Row; queue: Queue; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [positions, setPositions] = useState<{ id: number; title: I18nText; level: number }[]>([]);
  const [positionId, setPositionId] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (queue === 'unrouted') {
      api<{ items: { id: number; title: I18nText; level: number }[] }>(
        'GET',
        `/api/positions?departmentId=${grievance.department.id}&limit=200`,
      ).then((r) => setPositions(r.items), setError);
    }
  }, [queue, grievance.department.id]);

  async function act(type: 'assign' | 'escalate' | 'deescalate') {
    setError(null);
    try {
      await api('POST', `/api/grievances/${grievance.reference}/actions`, {
        type,
        note: reason,
        ...(type === 'assign' ? { positionId: Number(positionId) } : {}),
      });
      onDone();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        act(queue === 'unrouted' ? 'assign' : 'escalate');
      }}
    >
      {queue === 'unrouted' && (
        <>
          <label htmlFor={`${id}-position`}>{t('sup.assignTo')}</label>
          <select
            id={`${id}-position`}
            required
            value={positionId}
            onChange={(e) => setPositionId(e.target.value)}
          >
            <option value="">{t('lodge.choose')}</option>
            {positions.map((p) => (
              <option key={p.id} value={p.id}>
                L{p.level} · {pick(p.title, i18n.language)}
              </option>
            ))}
          </select>
        </>
      )}
      <label htmlFor={`${id}-reason`}>{t('sup.reason')}</label>
      <input id={`${id}-reason`} required value={reason} onChange={(e) => setReason(e.target.value)} />
      <ErrorMessage error={error} />
      <button type="submit">{queue === 'unrouted' ? t('sup.assign') : t('sup.escalate')}</button>
      {queue !== 'unrouted' && (
        <button type="button" className="secondary" onClick={() => reason && act('deescalate')}>
          {t('sup.deescalate')}
        </button>
      )}
    </form>
  );
}
