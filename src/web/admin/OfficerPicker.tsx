// Finding an officer by name among thousands: type part of the name, then choose from what matches.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useDebounced, useFetched } from '../fetching.ts';
import { SelectField, TextField } from './fields.tsx';
import { officersUrl } from './lookups.ts';
import type { Officer, Page } from './types.ts';

export function OfficerPicker({
  label,
  initial = null,
  required = false,
  onChange,
}: {
  label: string;
  required?: boolean;
  /** The officer chosen now, kept among the choices whatever the search finds. */
  initial?: Officer | null;
  onChange: (officer: Officer | null) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<number | null>(initial?.id ?? null);
  const [error, setError] = useState<unknown>(null);
  // Search as the name is typed, a moment after the last keystroke, so a slow line is not flooded.
  const url = useDebounced(officersUrl(q, 50), 250);
  const found = useFetched<Page<Officer>>(url, setError).data?.items ?? [];

  const options = initial && !found.some((o) => o.id === initial.id) ? [initial, ...found] : found;
  return (
    <div>
      <TextField label={t('admin.findOfficer')} type="search" value={q} onChange={setQ} />
      <SelectField
        label={label}
        required={required}
        value={chosen ?? ''}
        onChange={(value) => {
          const officer = options.find((o) => o.id === Number(value)) ?? null;
          setChosen(officer?.id ?? null);
          onChange(officer);
        }}
      >
        <option value="">{t('admin.noOfficer')}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id} disabled={!o.active}>
            {[o.name, o.phone, o.active ? null : t('admin.inactive')].filter(Boolean).join(' · ')}
          </option>
        ))}
      </SelectField>
      <ErrorMessage error={error} />
    </div>
  );
}
