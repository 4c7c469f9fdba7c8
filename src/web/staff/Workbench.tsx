// The workbench: the grievances this user may work on (what the server lets them see), a page at a
// time with the total, least time left first by default (a case waiting for the citizen by the time it
// had left when its clock stopped), each marked by its SLA state in words and colour and kept current
// by the live feed. Filters by status, category and place, and a search by reference or words, find
// any case, resolved and closed ones too; they stay in the address, so a reload keeps them. Nodal
// officers and supervisors also select several and act on them at once.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PlacePicker } from '../admin/PlacePicker.tsx';
import { api, type I18nText, pick } from '../api.ts';
import { ErrorMessage, useRefusalText } from '../ErrorMessage.tsx';
import { useDebounced, useFetched } from '../fetching.ts';
import { useDateFormat } from '../History.tsx';
import { useLiveRefresh } from '../live.ts';
import { Case, type CaseRow } from './Case.tsx';
import { PositionPicker } from './PositionPicker.tsx';
import { slaState, useDuration, useNow, useRelativeTime } from './sla.ts';

/** What the status filter offers, as the search's query string. */
const SHOW = {
  open: 'status=assigned&status=in_progress&status=awaiting_info',
  overdue: 'overdue=true',
  awaiting_info: 'status=awaiting_info',
  registered: 'status=registered',
  resolved: 'status=resolved',
  closed: 'status=closed',
  rejected: 'status=rejected',
  all: '',
} as const;
type Show = keyof typeof SHOW;
type Sort = 'due' | 'newest';
const PAGE = 50;
/** Roles that work a whole queue rather than their own cases. */
const BULK_ROLES = ['nodal_officer', 'supervisor'];

interface Filters {
  show: Show;
  sort: Sort;
  categoryId: string;
  placeId: string;
  q: string;
}

/** The filters kept in the address (`/work?show=resolved&q=...`), so a reload or a shared link keeps them. */
function filtersFromAddress(): Filters {
  const p = new URLSearchParams(window.location.search);
  const show = p.get('show') ?? 'open';
  return {
    show: show in SHOW ? (show as Show) : 'open',
    sort: p.get('sort') === 'newest' ? 'newest' : 'due',
    categoryId: p.get('category') ?? '',
    placeId: p.get('place') ?? '',
    q: p.get('q') ?? '',
  };
}

function queryOf(f: Filters, after: string | null) {
  const p = new URLSearchParams(SHOW[f.show]);
  p.set('sort', f.sort);
  p.set('limit', String(PAGE));
  if (f.categoryId) p.set('categoryId', f.categoryId);
  if (f.placeId) p.set('placeId', f.placeId);
  if (f.q.trim()) p.set('q', f.q.trim());
  if (after) p.set('after', after);
  return `/api/grievances?${p}`;
}

interface Page {
  items: CaseRow[];
  total: number;
  totalIsLowerBound: boolean;
  next: string | null;
}

export function Workbench({ roles }: { roles: string[] }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const date = useDateFormat();
  const relative = useRelativeTime();
  const duration = useDuration();
  const now = useNow();
  const [filters, setFilters] = useState<Filters>(filtersFromAddress);
  // The cursors of the pages before this one: Previous goes back along them.
  const [trail, setTrail] = useState<(string | null)[]>([null]);
  const [data, setData] = useState<(Page & { first: number; url: string }) | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [report, setReport] = useState<BulkResult[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const bulk = roles.some((r) => BULK_ROLES.includes(r));
  const after = trail.at(-1) ?? null;
  const url = queryOf(filters, after);

  // Pages clicked through quickly answer out of order: only the page asked for last is shown, and only
  // its failure (an earlier page's error would stand over a page that loaded).
  const asked = useRef(url);
  asked.current = url;
  const load = useCallback(() => {
    setError(null);
    const first = (trail.length - 1) * PAGE + 1;
    api<Page>('GET', url).then(
      (r) => {
        if (asked.current !== url) return;
        setData({ ...r, first, url });
        // Forget selections of cases that have left the page meanwhile.
        setSelected((s) => new Set([...s].filter((ref) => r.items.some((g) => g.reference === ref))));
      },
      (e) => {
        if (asked.current === url) setError(e);
      },
    );
  }, [url, trail.length]);
  useEffect(load, [load]);
  useLiveRefresh(load, () => true, open === null);

  const change = (next: Partial<Filters>) => {
    const f = { ...filters, ...next };
    setFilters(f);
    setTrail([null]);
    const p = new URLSearchParams();
    if (f.show !== 'open') p.set('show', f.show);
    if (f.sort !== 'due') p.set('sort', f.sort);
    if (f.categoryId) p.set('category', f.categoryId);
    if (f.placeId) p.set('place', f.placeId);
    if (f.q.trim()) p.set('q', f.q.trim());
    window.history.replaceState(null, '', `${window.location.pathname}${p.size ? `?${p}` : ''}`);
  };

  if (open)
    return (
      <Case
        reference={open}
        onBack={(message) => {
          setNotice(message ?? null);
          setOpen(null);
          load();
        }}
      />
    );

  const toggle = (reference: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(reference)) next.add(reference);
      return next;
    });
  const rows = data?.items;
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('work.title')}</h1>
      <QueueFilters filters={filters} onChange={change} />
      {notice && <p role="status">{notice}</p>}
      <ErrorMessage error={error} />
      {data && (
        <p role="status" data-testid="queue-count">
          {data.total === 0
            ? filters.show === 'open' && !filters.q && !filters.categoryId && !filters.placeId
              ? t('work.empty')
              : t('work.noneMatch')
            : t(data.totalIsLowerBound ? 'work.showingAtLeast' : 'work.showing', {
                from: number.format(data.first),
                to: number.format(data.first + data.items.length - 1),
                total: number.format(data.total),
                count: data.total,
              })}
        </p>
      )}
      {bulk && selected.size > 0 && rows && (
        <BulkActions
          offered={BULK.filter((a) => roles.some((r) => BULK_BY_ROLE[r]?.includes(a)))}
          references={[...selected]}
          departmentId={rows.find((g) => selected.has(g.reference))?.department.id ?? null}
          onDone={(results) => {
            setReport(results);
            setSelected(new Set());
            load();
          }}
        />
      )}
      {report && <BulkReport results={report} />}
      <ul className="cards">
        {rows?.map((g) => {
          const state = slaState(g, now);
          return (
            <li key={g.reference} className={`sla sla-${state}`}>
              {bulk && (
                <label className="check">
                  <input
                    type="checkbox"
                    checked={selected.has(g.reference)}
                    onChange={() => toggle(g.reference)}
                  />{' '}
                  {t('work.select', { reference: g.reference })}
                </label>
              )}
              <p>
                <span className="reference">{g.reference}</span>{' '}
                <span className="sla-label">
                  {state === 'none' ? t(`staffStatus.${g.status}`) : t(`work.${state}`)}
                </span>
              </p>
              <p>{g.subject}</p>
              <p>
                {pick(g.category.name, i18n.language)} · {pick(g.place.name, i18n.language)}
                {g.level !== null && ` · L${g.level}`}
                {state === 'paused' && g.dueAt && g.slaPausedAt
                  ? ` · ${t('work.pausedLeft', {
                      left: duration(
                        Math.max(0, new Date(g.dueAt).getTime() - new Date(g.slaPausedAt).getTime()),
                      ),
                    })}`
                  : state !== 'none' && g.dueAt
                    ? ` · ${t('work.due')} ${date(g.dueAt)} (${relative(g.dueAt, now)})`
                    : ` · ${t('work.raised')} ${date(g.createdAt)}`}
              </p>
              <button
                type="button"
                onClick={() => {
                  setNotice(null);
                  setOpen(g.reference);
                }}
                aria-label={`${t('work.open')} ${g.reference}`}
              >
                {t('work.open')}
              </button>
            </li>
          );
        })}
      </ul>
      {data && (trail.length > 1 || data.next) && (
        <nav className="pager" aria-label={t('work.pages')}>
          <button
            type="button"
            className="secondary"
            disabled={trail.length <= 1}
            onClick={() => setTrail((tr) => tr.slice(0, -1))}
          >
            {t('work.previous')}
          </button>
          <button
            type="button"
            className="secondary"
            // Until the page asked for has come, the page shown is another's: its "next" would skip or
            // repeat one (two quick clicks pushed the same cursor twice).
            disabled={!data.next || data.url !== url}
            onClick={() => data.next && setTrail((tr) => [...tr, data.next])}
          >
            {t('work.next')}
          </button>
        </nav>
      )}
    </section>
  );
}

interface Category {
  id: number;
  name: I18nText;
  department: { id: number; name: I18nText };
}

/** Status, category, place, the search box and the order: each change starts again at the first page. */
function QueueFilters({ filters, onChange }: { filters: Filters; onChange: (f: Partial<Filters>) => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [error, setError] = useState<unknown>(null);
  const [q, setQ] = useState(filters.q);
  const { data: categories } = useFetched<Category[]>('/api/categories?limit=500', setError);
  // Search as someone types, after a pause; Enter searches at once.
  const settled = useDebounced(q, 400);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a settled change of the words searches
  useEffect(() => {
    if (settled.trim() !== filters.q.trim()) onChange({ q: settled });
  }, [settled]);
  const departments = new Map<number, { name: I18nText; items: Category[] }>();
  for (const c of categories ?? []) {
    const group = departments.get(c.department.id) ?? { name: c.department.name, items: [] };
    group.items.push(c);
    departments.set(c.department.id, group);
  }
  return (
    <search>
      <form
        aria-label={t('work.findTitle')}
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          onChange({ q });
        }}
      >
        <label htmlFor={`${id}-q`}>{t('work.search')}</label>
        <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        <label htmlFor={`${id}-show`}>{t('work.show')}</label>
        <select
          id={`${id}-show`}
          value={filters.show}
          onChange={(e) => onChange({ show: e.target.value as Show })}
        >
          {(Object.keys(SHOW) as Show[]).map((s) => (
            <option key={s} value={s}>
              {t(`work.shows.${s}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-category`}>{t('work.category')}</label>
        <select
          id={`${id}-category`}
          value={filters.categoryId}
          onChange={(e) => onChange({ categoryId: e.target.value })}
        >
          <option value="">{t('work.anyCategory')}</option>
          {[...departments.values()].map((dept) => (
            <optgroup key={pick(dept.name, 'en')} label={pick(dept.name, i18n.language)}>
              {dept.items.map((c) => (
                <option key={c.id} value={c.id}>
                  {pick(c.name, i18n.language)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <label htmlFor={`${id}-sort`}>{t('work.sort')}</label>
        <select
          id={`${id}-sort`}
          value={filters.sort}
          onChange={(e) => onChange({ sort: e.target.value as Sort })}
        >
          <option value="due">{t('work.sorts.due')}</option>
          <option value="newest">{t('work.sorts.newest')}</option>
        </select>
        <PlacePicker
          legend={t('work.place')}
          initial={filters.placeId ? Number(filters.placeId) : null}
          onChange={(place) => {
            const placeId = place ? String(place.id) : '';
            if (placeId !== filters.placeId) onChange({ placeId });
          }}
        />
        <button type="submit">{t('work.find')}</button>
        <ErrorMessage error={error} />
      </form>
    </search>
  );
}

const BULK = ['start', 'note', 'escalate', 'transfer'] as const;
type BulkType = (typeof BULK)[number];
/** What each queue role may do in bulk (grievances/policy.ts): a supervisor oversees, and starts no work. */
const BULK_BY_ROLE: Record<string, readonly BulkType[]> = {
  nodal_officer: BULK,
  supervisor: ['note', 'escalate', 'transfer'],
};
type BulkResult = { reference: string; ok: boolean; code?: string; problem?: string };

/** One action for every selected grievance; each is done or refused on its own, and said so. */
function BulkActions({
  offered,
  references,
  departmentId,
  onDone,
}: {
  offered: BulkType[];
  references: string[];
  departmentId: number | null;
  onDone: (results: BulkResult[]) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [type, setType] = useState<BulkType>(offered[0] ?? 'note');
  const [note, setNote] = useState('');
  const [positionId, setPositionId] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ results: BulkResult[] }>('POST', '/api/grievances/bulk-actions', {
        references,
        type,
        ...(note ? { note } : {}),
        ...(type === 'transfer' && positionId !== null ? { positionId } : {}),
      });
      setNote('');
      onDone(r.results);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="bulk" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('work.bulkTitle', { count: references.length })}</h2>
      <label htmlFor={`${id}-type`}>{t('work.action')}</label>
      <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value as BulkType)}>
        {offered.map((a) => (
          <option key={a} value={a}>
            {t(`work.actions.${a}`)}
          </option>
        ))}
      </select>
      {type === 'transfer' && (
        <PositionPicker departmentId={departmentId} value={positionId} onChange={setPositionId} />
      )}
      <label htmlFor={`${id}-note`}>{t('work.note')}</label>
      <textarea
        id={`${id}-note`}
        rows={2}
        required={type !== 'start'}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <ErrorMessage error={error} />
      <button type="submit" disabled={busy}>
        {t('work.bulkSubmit', { count: references.length })}
      </button>
    </form>
  );
}

/** What the last bulk action did: how many were done, and each refusal with the server's reason. */
function BulkReport({ results }: { results: BulkResult[] }) {
  const { t } = useTranslation();
  const refusal = useRefusalText();
  const refused = results.filter((r) => !r.ok);
  return (
    <div role="status" className="bulk-report">
      <p>{t('work.bulkDone', { count: results.length - refused.length })}</p>
      {refused.length > 0 && (
        <ul>
          {refused.map((r) => (
            <li key={r.reference}>
              <span className="reference">{r.reference}</span>: {refusal(r)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
