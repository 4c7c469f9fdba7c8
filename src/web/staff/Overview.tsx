// The command centre's first screen: open grievances per department and per place at a chosen level
// (districts by default), worst first, kept current by the live feed. The server counts only what this
// user may see.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type I18nText, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useFetched } from '../fetching.ts';
import { useLiveRefresh } from '../live.ts';
import { ScrollRegion } from '../ScrollRegion.tsx';

interface Counts {
  id: number | null;
  name: I18nText | null;
  open: number;
  overdue: number;
  awaitingInfo: number;
  unrouted: number;
  commandCentre: number;
}
interface Level {
  depth: number;
  name: I18nText;
}
const COLUMNS = ['open', 'overdue', 'awaitingInfo', 'unrouted', 'commandCentre'] as const;

export function Overview() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [error, setError] = useState<unknown>(null);
  const [chosenDepth, setDepth] = useState<number | null>(null);
  const { data: levels } = useFetched<Level[]>('/api/place-levels', setError);
  // Districts are the third level in most deployments; a shallower tree counts by its deepest but one.
  const depth = chosenDepth ?? (levels ? Math.min(3, Math.max(1, levels.length - 1)) : null);
  const departments = useFetched<Counts[]>('/api/grievances/counts?by=department', setError);
  const places = useFetched<Counts[]>(
    depth === null ? null : `/api/grievances/counts?by=place&depth=${depth}`,
    setError,
  );
  useLiveRefresh(() => {
    departments.reload();
    places.reload();
  });

  const level = levels?.find((l) => l.depth === depth);
  return (
    <>
      <ErrorMessage error={error} />
      <p className="hint">{t('sup.live')}</p>
      <CountsTable
        caption={t('sup.byDepartment')}
        nameHeader={t('sup.department')}
        rows={departments.data}
        nameOf={(r) => pick(r.name ?? undefined, i18n.language)}
      />
      <label htmlFor={`${id}-depth`}>{t('sup.level2')}</label>
      <select id={`${id}-depth`} value={depth ?? ''} onChange={(e) => setDepth(Number(e.target.value))}>
        {levels?.slice(1).map((l) => (
          <option key={l.depth} value={l.depth}>
            {pick(l.name, i18n.language)}
          </option>
        ))}
      </select>
      <CountsTable
        caption={t('sup.byPlace', { level: pick(level?.name, i18n.language) })}
        nameHeader={pick(level?.name, i18n.language)}
        rows={places.data}
        nameOf={(r) => (r.name ? pick(r.name, i18n.language) : t('sup.abovePlace'))}
      />
    </>
  );
}

function CountsTable({
  caption,
  nameHeader,
  rows,
  nameOf,
}: {
  caption: string;
  nameHeader: string;
  rows: Counts[] | null;
  nameOf: (row: Counts) => string;
}) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  if (!rows) return null;
  const total = (key: (typeof COLUMNS)[number]) => rows.reduce((sum, r) => sum + r[key], 0);
  const header = {
    open: t('sup.open'),
    overdue: t('sup.overdueCol'),
    awaitingInfo: t('sup.waiting'),
    unrouted: t('sup.unroutedCol'),
    commandCentre: t('sup.ccCol'),
  };
  return (
    <ScrollRegion label={caption}>
      <table className="counts">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{nameHeader}</th>
            {COLUMNS.map((c) => (
              <th key={c} scope="col" className="number">
                {header[c]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id ?? 'none'}>
              <th scope="row">{nameOf(r)}</th>
              {COLUMNS.map((c) => (
                <td key={c} className={`number${c === 'overdue' && r.overdue > 0 ? ' late' : ''}`}>
                  {number.format(r[c])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('sup.total')}</th>
            {COLUMNS.map((c) => (
              <td key={c} className="number">
                {number.format(total(c))}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </ScrollRegion>
  );
}
