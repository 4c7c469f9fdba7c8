// Choosing a position to send grievances to: a department (the grievance's own to start with), then
// words of the seat's title or place, then the seat, with who holds it now.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type I18nText, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useDebounced, useFetched } from '../fetching.ts';

interface Position {
  id: number;
  level: number;
  title: I18nText;
  officerName: string | null;
}

export function PositionPicker({
  departmentId,
  value,
  onChange,
  exclude,
}: {
  departmentId: number | null;
  value: number | null;
  onChange: (positionId: number | null) => void;
  /** The position the grievances are at now: not a place to send them. */
  exclude?: number | null;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [department, setDepartment] = useState<number | null>(departmentId);
  const [q, setQ] = useState('');
  const [error, setError] = useState<unknown>(null);

  const { data: departments } = useFetched<{ id: number; name: I18nText }[]>('/api/departments', setError);
  // Wait for a pause in typing: each keystroke is a request on a slow line otherwise.
  const words = useDebounced(q.trim(), 300);
  const { data: found } = useFetched<{ items: Position[]; total: number }>(
    department === null
      ? null
      : `/api/positions?departmentId=${department}&activeOnly=true&limit=50${words ? `&q=${encodeURIComponent(words)}` : ''}`,
    setError,
  );

  const options = found?.items.filter((p) => p.id !== exclude) ?? [];
  return (
    <fieldset>
      <legend>{t('work.transferTo')}</legend>
      <label htmlFor={`${id}-dept`}>{t('work.department')}</label>
      <select
        id={`${id}-dept`}
        value={department ?? ''}
        onChange={(e) => {
          setDepartment(Number(e.target.value) || null);
          onChange(null);
        }}
      >
        {departments?.map((d) => (
          <option key={d.id} value={d.id}>
            {pick(d.name, i18n.language)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-q`}>{t('work.searchPositions')}</label>
      <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      <label htmlFor={`${id}-position`}>{t('work.position')}</label>
      <select
        id={`${id}-position`}
        required
        size={Math.min(6, Math.max(2, options.length))}
        value={value ?? ''}
        onChange={(e) => onChange(Number(e.target.value) || null)}
        aria-describedby={`${id}-found`}
      >
        {options.map((p) => (
          <option key={p.id} value={p.id}>
            L{p.level} · {pick(p.title, i18n.language)} · {p.officerName ?? t('work.vacant')}
          </option>
        ))}
      </select>
      <p id={`${id}-found`} className="hint" role="status">
        {found && (found.total > options.length ? t('work.morePositions', { count: found.total }) : '')}
        {found && options.length === 0 ? t('work.noPositions') : ''}
      </p>
      <ErrorMessage error={error} />
    </fieldset>
  );
}
