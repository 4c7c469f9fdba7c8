// The supervisor's and command centre's view: the queues nobody else watches (unrouted, overdue,
// breached at the top level), each card saying what the case is (category, place, when, the citizen's
// words) and opening it, and the hand actions the server allows on it: assign an unrouted grievance to
// one of its department's positions, nearest the place first; escalate or send one back down (not
// below L1); always with a reason.
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Grievance, type I18nText, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useDateFormat } from '../History.tsx';
import { Dashboard } from '../insight/Dashboard.tsx';
import { Grades } from '../insight/Grades.tsx';
import { useLiveRefresh } from '../live.ts';
import { Case } from './Case.tsx';
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

/** The citizen's words on a card: enough to judge the case by, the rest a click away. */
const excerpt = (text: string) => (text.length > 240 ? `${text.slice(0, 240).trimEnd()}…` : text);

export function Supervise({ roles = [] }: { roles?: string[] }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const date = useDateFormat();
  const [tab, setTab] = useState<Tab>('overview');
  const [data, setData] = useState<{ items: Row[]; total: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<string | null>(null);

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
  useLiveRefresh(load, () => true, queue !== null && open === null);

  if (open)
    return (
      <Case
        reference={open}
        onBack={() => {
          setOpen(null);
          load();
        }}
      />
    );

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
      {tab === 'grades' && <Grades canEdit={roles.includes('admin')} />}
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
                {pick(g.category.name, i18n.language)} · {pick(g.department?.name, i18n.language)} ·{' '}
                {pick(g.place.name, i18n.language)}
                {g.level !== null && ` · ${t('sup.level')} ${g.level}`}
              </p>
              <p>
                {t('sup.raised')} {date(g.createdAt)}
                {g.dueAt && queue !== 'unrouted' && ` · ${t('work.due')} ${date(g.dueAt)}`}
              </p>
              <p className="excerpt">{excerpt(g.description)}</p>
              <button
                type="button"
                className="secondary"
                onClick={() => setOpen(g.reference)}
                aria-label={`${t('work.open')} ${g.reference}`}
              >
                {t('work.open')}
              </button>
              {queue && <Act grievance={g} queue={queue} onDone={load} />}
            </li>
          ))}
      </ul>
    </section>
  );
}

interface Position {
  id: number;
  title: I18nText;
  level: number;
  officerName: string | null;
}

function Act({ grievance, queue, onDone }: { grievance: Row; queue: Queue; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [positions, setPositions] = useState<Position[]>([]);
  const [positionId, setPositionId] = useState('');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const may = (action: string) => grievance.actions?.includes(action) ?? false;
  const assigning = queue === 'unrouted' && may('assign');

  useEffect(() => {
    // The department's seats over the grievance's place first (its block's, then its district's...),
    // then the others by how near their place is.
    if (assigning)
      api<{ items: Position[] }>(
        'GET',
        `/api/positions?departmentId=${grievance.department.id}&near=${grievance.place.id}&activeOnly=true&limit=30`,
      ).then((r) => setPositions(r.items), setError);
  }, [assigning, grievance.department.id, grievance.place.id]);

  async function act(type: 'assign' | 'escalate' | 'deescalate') {
    setError(null);
    // The reason goes on the record; without one, say so rather than send nothing.
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
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

  const main = assigning ? 'assign' : may('escalate') ? 'escalate' : null;
  if (!main && !may('deescalate')) return null;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (main) act(main);
      }}
    >
      {assigning && (
        <>
          <label htmlFor={`${id}-position`}>{t('sup.assignTo')}</label>
          <select
            id={`${id}-position`}
            required
            value={positionId}
            onChange={(e) => setPositionId(e.target.value)}
            aria-describedby={`${id}-nearest`}
          >
            <option value="">{t('lodge.choose')}</option>
            {positions.map((p) => (
              <option key={p.id} value={p.id}>
                L{p.level} · {pick(p.title, i18n.language)} · {p.officerName ?? t('work.vacant')}
              </option>
            ))}
          </select>
          <p className="hint" id={`${id}-nearest`}>
            {t('sup.nearest')}
          </p>
        </>
      )}
      <label htmlFor={`${id}-reason`}>{t('sup.reason')}</label>
      <input
        id={`${id}-reason`}
        value={reason}
        aria-invalid={missing || undefined}
        aria-describedby={missing ? `${id}-missing` : undefined}
        onChange={(e) => {
          setReason(e.target.value);
          if (e.target.value.trim()) setMissing(false);
        }}
      />
      {missing && (
        <p className="error" role="alert" id={`${id}-missing`}>
          {t('sup.reasonNeeded')}
        </p>
      )}
      <ErrorMessage error={error} />
      {main && <button type="submit">{main === 'assign' ? t('sup.assign') : t('sup.escalate')}</button>}
      {queue !== 'unrouted' && may('deescalate') && (
        <button type="button" className="secondary" onClick={() => act('deescalate')}>
          {t('sup.deescalate')}
        </button>
      )}
    </form>
  );
}
