// The names of numbered levels, in every language: the levels of the jurisdiction tree (state,
// division, district...) or the escalation levels (L1..Ln). Levels run 1..n; adding one adds a level
// below (or above) the rest, removing takes the last. The server refuses to drop a level in use.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type I18nText } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useSubmit } from './Form.tsx';
import { cleanNames, NameFields, type Names } from './NameFields.tsx';

export function LevelNames({
  url,
  field,
  title,
  hint,
  onSaved,
}: {
  url: '/api/place-levels' | '/api/escalation-levels';
  field: 'depth' | 'level';
  title: string;
  hint: string;
  onSaved?: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [rows, setRows] = useState<Names[]>([]);
  const [saved, setSaved] = useState(false);
  const {
    submit: save,
    error,
    setError,
  } = useSubmit(async () => {
    setSaved(false);
    await api(
      'PUT',
      url,
      rows.map((names, i) => ({ [field]: i + 1, name: cleanNames(names) })),
    );
    setSaved(true);
    onSaved?.();
  });

  useEffect(() => {
    api<({ name: I18nText } & Record<string, unknown>)[]>('GET', url).then(
      (levels) => setRows(levels.map((l) => ({ ...l.name }))),
      setError,
    );
  }, [url, setError]);

  return (
    <details>
      <summary>{title}</summary>
      <form onSubmit={save} aria-labelledby={`${id}-title`}>
        <p id={`${id}-title`} className="hint">
          {hint}
        </p>
        {rows.map((names, i) => (
          // Levels are positional: the index is the level number.
          // biome-ignore lint/suspicious/noArrayIndexKey: the index is the level itself
          <fieldset key={i}>
            <legend>{t('admin.levelN', { n: i + 1 })}</legend>
            <NameFields value={names} onChange={(n) => setRows(rows.map((r, j) => (j === i ? n : r)))} />
          </fieldset>
        ))}
        <button type="button" className="secondary" onClick={() => setRows([...rows, {}])}>
          {t('admin.addLevel')}
        </button>{' '}
        <button
          type="button"
          className="secondary"
          disabled={rows.length <= 1}
          onClick={() => setRows(rows.slice(0, -1))}
        >
          {t('admin.removeLevel', { n: rows.length })}
        </button>
        <ErrorMessage error={error} />
        {saved && <p role="status">{t('admin.saved')}</p>}
        <button type="submit">{t('admin.saveLevels')}</button>
      </form>
    </details>
  );
}
