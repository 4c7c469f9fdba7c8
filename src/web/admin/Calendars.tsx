// Working time: the calendars resolution time is counted in (office hours per weekday, split shifts,
// weekly offs, a time zone), the public holidays of each place, and the deployment's reminder, closure
// and retention policy. A department chooses its calendar in Departments.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { CalendarEditor } from './CalendarEditor.tsx';
import { Holidays } from './Holidays.tsx';
import { RowButton } from './RowActions.tsx';
import { SlaPolicy } from './SlaPolicy.tsx';
import { Table } from './Table.tsx';
import type { Calendar } from './types.ts';
import { useList } from './useList.ts';
import { WEEKDAYS, weekdayName } from './weekdays.ts';

export function Calendars() {
  const { t, i18n } = useTranslation();
  const { data: list, status, error, changed } = useList<Calendar[]>('/api/calendars');
  const [editing, setEditing] = useState<{ calendar: Calendar | null; round: number }>({
    calendar: null,
    round: 0,
  });

  const hoursOf = (c: Calendar, weekday: number) => {
    const shifts = c.hours.filter((h) => h.weekday === weekday);
    return shifts.length
      ? shifts.map((h) => `${h.opens}–${h.closes}`).join(', ')
      : t('adminCalendars.weeklyOff');
  };
  return (
    <>
      <h2>{t('admin.calendars')}</h2>
      <ErrorMessage error={error} />
      <p role="status">{status}</p>
      <Table
        caption={t('adminCalendars.list')}
        columns={[t('admin.name'), t('adminCalendars.hours'), t('admin.actions')]}
      >
        {list?.map((c) => (
          <tr key={c.id}>
            <td>
              {c.name}
              <span className="hint">
                {' '}
                · {c.timeZone}
                {c.isDefault && ` · ${t('adminCalendars.default')}`}
              </span>
            </td>
            <td>
              <ul className="plain">
                {WEEKDAYS.map((d) => (
                  <li key={d}>
                    {weekdayName(i18n.language, d, 'short')}: {hoursOf(c, d)}
                  </li>
                ))}
              </ul>
            </td>
            <td className="actions">
              <RowButton item={c.name} onClick={() => setEditing({ calendar: c, round: editing.round + 1 })}>
                {t('admin.edit')}
              </RowButton>
            </td>
          </tr>
        ))}
      </Table>
      {/* Once the list is in, so that a new calendar starts in the default calendar's time zone. */}
      {list && (
        <CalendarEditor
          key={editing.round}
          calendar={editing.calendar}
          defaultZone={list.find((c) => c.isDefault)?.timeZone ?? 'Asia/Kolkata'}
          onCancel={
            editing.calendar ? () => setEditing({ calendar: null, round: editing.round + 1 }) : undefined
          }
          onSaved={(saved) => {
            setEditing({ calendar: null, round: editing.round + 1 });
            changed(t('admin.savedName', { name: saved.name }));
          }}
        />
      )}
      <Holidays />
      <SlaPolicy />
    </>
  );
}
