// The workbench: the open grievances this user may work on (what the server lets them see), overdue
// first, each marked by its SLA state in words and colour and kept current by the live feed. Nodal
// officers and supervisors also select several and act on them at once.
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, pick } from '../api.ts';
import { ErrorMessage, useRefusalText } from '../ErrorMessage.tsx';
import { useDateFormat } from '../History.tsx';
import { useLiveRefresh } from '../live.ts';
import { Case, type CaseRow } from './Case.tsx';
import { PositionPicker } from './PositionPicker.tsx';
import { slaState, useNow, useRelativeTime } from './sla.ts';

const QUEUE = '/api/grievances?status=assigned&status=in_progress&status=awaiting_info&limit=200';
/** Roles that work a whole queue rather than their own cases. */
const BULK_ROLES = ['nodal_officer', 'supervisor'];

export function Workbench({ roles }: { roles: string[] }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const date = useDateFormat();
  const relative = useRelativeTime();
  const now = useNow();
  const [rows, setRows] = useState<CaseRow[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [report, setReport] = useState<BulkResult[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const bulk = roles.some((r) => BULK_ROLES.includes(r));

  const load = useCallback(() => {
    api<{ items: CaseRow[] }>('GET', QUEUE).then((r) => {
      // Soonest due first, so the overdue lead; cases without a running clock last.
      setRows([...r.items].sort((a, b) => (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9')));
      // Forget selections of cases that have left the queue meanwhile.
      setSelected((s) => new Set([...s].filter((ref) => r.items.some((g) => g.reference === ref))));
    }, setError);
  }, []);
  useEffect(load, [load]);
  useLiveRefresh(load, () => true, open === null);

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
  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('work.title')}</h1>
      {notice && <p role="status">{notice}</p>}
      <ErrorMessage error={error} />
      {rows?.length === 0 && <p>{t('work.empty')}</p>}
      {bulk && selected.size > 0 && rows && (
        <BulkActions
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
                <span className="sla-label">{t(`work.${state}`)}</span>
              </p>
              <p>{g.subject}</p>
              <p>
                {pick(g.category.name, i18n.language)} · {pick(g.place.name, i18n.language)}
                {g.level !== null && ` · L${g.level}`}
                {g.dueAt &&
                  state !== 'paused' &&
                  ` · ${t('work.due')} ${date(g.dueAt)} (${relative(g.dueAt, now)})`}
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
    </section>
  );
}

const BULK = ['start', 'note', 'escalate', 'transfer'] as const;
type BulkType = (typeof BULK)[number];
type BulkResult = { reference: string; ok: boolean; code?: string; problem?: string };

/** One action for every selected grievance; each is done or refused on its own, and said so. */
function BulkActions({
  references,
  departmentId,
  onDone,
}: {
  references: string[];
  departmentId: number | null;
  onDone: (results: BulkResult[]) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [type, setType] = useState<BulkType>('start');
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
        {BULK.map((a) => (
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
