// Public holidays are declared for a place and hold for everything under it: national ones on the top
// of the tree, a district's own on the district. Choose a place to see and change its holidays.
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type I18nText, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { ConfirmButton } from './ConfirmButton.tsx';
import { Form } from './Form.tsx';
import { TextField } from './fields.tsx';
import { cleanNames, NameFields, type Names } from './NameFields.tsx';
import { PlacePicker } from './PlacePicker.tsx';
import { Table } from './Table.tsx';
import type { Place } from './types.ts';

interface Holiday {
  id: number;
  placeId: number;
  day: string;
  name: I18nText;
}

/** A calendar day (YYYY-MM-DD) in the reader's language; a day has no time zone, so format it as UTC. */
export function useDayFormat() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full', timeZone: 'UTC' });
  return (day: string) => format.format(new Date(`${day}T00:00:00Z`));
}

export function Holidays() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const formatDay = useDayFormat();
  const [place, setPlace] = useState<Place | null>(null);
  const [list, setList] = useState<Holiday[]>([]);
  const [day, setDay] = useState('');
  const [names, setNames] = useState<Names>({});
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    setList([]);
    if (place) api<Holiday[]>('GET', `/api/holidays?placeId=${place.id}`).then(setList, setError);
  }, [place]);
  useEffect(load, [load]);

  async function declare(e: React.FormEvent) {
    e.preventDefault();
    if (!place) return;
    setError(null);
    try {
      const h = await api<Holiday>('POST', '/api/holidays', {
        placeId: place.id,
        day,
        name: cleanNames(names),
      });
      setStatus(t('adminHolidays.declared', { name: pick(h.name, lang), day: formatDay(h.day) }));
      setDay('');
      setNames({});
      load();
    } catch (err) {
      setError(err);
    }
  }
  async function remove(h: Holiday) {
    setError(null);
    try {
      await api('DELETE', `/api/holidays/${h.id}`);
      setStatus(t('adminHolidays.removed', { name: pick(h.name, lang), day: formatDay(h.day) }));
      load();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('adminHolidays.title')}</h3>
      <PlacePicker
        legend={t('adminHolidays.place')}
        hint={t('adminHolidays.placeHint')}
        onChange={setPlace}
      />
      <ErrorMessage error={error} />
      <p role="status">{status}</p>
      {place && (
        <>
          <Table
            caption={t('adminHolidays.of', { place: pick(place.name, lang) })}
            columns={[t('adminHolidays.day'), t('admin.name'), t('admin.actions')]}
          >
            {list.map((h) => {
              const label = `${pick(h.name, lang)}, ${formatDay(h.day)}`;
              return (
                <tr key={h.id}>
                  <td>
                    <time dateTime={h.day}>{formatDay(h.day)}</time>
                  </td>
                  <td>{pick(h.name, lang)}</td>
                  <td className="actions">
                    <ConfirmButton
                      label={t('adminHolidays.remove')}
                      item={label}
                      question={t('adminHolidays.confirmRemove', { name: label })}
                      onConfirm={() => remove(h)}
                    />
                  </td>
                </tr>
              );
            })}
          </Table>
          {list.length === 0 && <p>{t('adminHolidays.none')}</p>}
          {/* The form shows the section's error too: a refusal is read out where the reader is. */}
          <Form
            title={t('adminHolidays.add', { place: pick(place.name, lang) })}
            heading="h4"
            onSubmit={declare}
            error={error}
            submitLabel={t('adminHolidays.declare')}
          >
            <TextField label={t('adminHolidays.day')} type="date" required value={day} onChange={setDay} />
            <NameFields value={names} onChange={setNames} />
          </Form>
        </>
      )}
    </section>
  );
}
