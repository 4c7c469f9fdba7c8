// One calendar's office hours: any number of shifts per weekday (a lunch break is two shifts), no
// shifts at all for a weekly off, in a time zone. The server checks that shifts do not overlap and end
// after they start, and says which one is wrong.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { Form, useSubmit } from './Form.tsx';
import { CheckField, TextField } from './fields.tsx';
import type { Calendar, OfficeHours } from './types.ts';
import { WEEKDAYS, weekdayName } from './weekdays.ts';

type Shift = { opens: string; closes: string };
const TIME = '([01][0-9]|2[0-3]):[0-5][0-9]|24:00';
const officeWeek = (): Record<number, Shift[]> =>
  Object.fromEntries(WEEKDAYS.map((d) => [d, d <= 5 ? [{ opens: '10:00', closes: '18:00' }] : []]));

export function CalendarEditor({
  calendar,
  defaultZone,
  onSaved,
  onCancel,
}: {
  /** The calendar to replace, or null to add one. */
  calendar: Calendar | null;
  defaultZone: string;
  onSaved: (c: Calendar) => void;
  onCancel?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [name, setName] = useState(calendar?.name ?? '');
  const [timeZone, setTimeZone] = useState(calendar?.timeZone ?? defaultZone);
  const [isDefault, setIsDefault] = useState(calendar?.isDefault ?? false);
  const [week, setWeek] = useState<Record<number, Shift[]>>(() =>
    calendar
      ? Object.fromEntries(
          WEEKDAYS.map((d) => [
            d,
            calendar.hours.filter((h) => h.weekday === d).map(({ opens, closes }) => ({ opens, closes })),
          ]),
        )
      : officeWeek(),
  );

  const setShift = (day: number, index: number, change: Partial<Shift>) =>
    setWeek({ ...week, [day]: (week[day] ?? []).map((s, i) => (i === index ? { ...s, ...change } : s)) });
  const addShift = (day: number) => {
    const last = week[day]?.at(-1);
    setWeek({
      ...week,
      [day]: [
        ...(week[day] ?? []),
        last ? { opens: last.closes, closes: '18:00' } : { opens: '10:00', closes: '18:00' },
      ],
    });
  };

  const { submit, error } = useSubmit(async () => {
    const hours: OfficeHours[] = WEEKDAYS.flatMap((weekday) =>
      (week[weekday] ?? []).map((s) => ({ weekday, ...s })),
    );
    const saved = await api<Calendar>(
      calendar ? 'PUT' : 'POST',
      calendar ? `/api/calendars/${calendar.id}` : '/api/calendars',
      { name: name.trim(), timeZone: timeZone.trim(), isDefault, hours },
    );
    onSaved(saved);
  });

  return (
    <Form
      panel={calendar !== null}
      title={calendar ? t('admin.editTitle', { name: calendar.name }) : t('adminCalendars.add')}
      onSubmit={submit}
      error={error}
      submitLabel={calendar ? t('admin.save') : t('adminCalendars.add')}
      onCancel={onCancel}
    >
      <TextField label={t('adminCalendars.name')} required maxLength={100} value={name} onChange={setName} />
      <TextField
        label={t('adminCalendars.timeZone')}
        hint={t('adminCalendars.timeZoneHint')}
        required
        maxLength={64}
        value={timeZone}
        onChange={setTimeZone}
        autoComplete="off"
      />
      <CheckField label={t('adminCalendars.makeDefault')} checked={isDefault} onChange={setIsDefault} />
      <p className="hint" id={`${id}-time-hint`}>
        {t('adminCalendars.timeHint')}
      </p>
      {WEEKDAYS.map((day) => {
        const dayName = weekdayName(i18n.language, day);
        const shifts = week[day] ?? [];
        return (
          <fieldset key={day}>
            <legend>{dayName}</legend>
            {shifts.length === 0 && <p>{t('adminCalendars.weeklyOff')}</p>}
            {shifts.map((s, i) => (
              // Shifts have no identity of their own beyond their order in the day.
              // biome-ignore lint/suspicious/noArrayIndexKey: shifts are positional
              <div key={i} className="shift">
                <div>
                  <label htmlFor={`${id}-${day}-${i}-opens`}>{t('adminCalendars.opens', { n: i + 1 })}</label>
                  <input
                    id={`${id}-${day}-${i}-opens`}
                    className="time"
                    required
                    pattern={TIME}
                    inputMode="numeric"
                    aria-describedby={`${id}-time-hint`}
                    value={s.opens}
                    onChange={(e) => setShift(day, i, { opens: e.target.value })}
                  />
                </div>
                <div>
                  <label htmlFor={`${id}-${day}-${i}-closes`}>
                    {t('adminCalendars.closes', { n: i + 1 })}
                  </label>
                  <input
                    id={`${id}-${day}-${i}-closes`}
                    className="time"
                    required
                    pattern={TIME}
                    inputMode="numeric"
                    aria-describedby={`${id}-time-hint`}
                    value={s.closes}
                    onChange={(e) => setShift(day, i, { closes: e.target.value })}
                  />
                </div>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => setWeek({ ...week, [day]: shifts.filter((_, j) => j !== i) })}
                >
                  {t('adminCalendars.removeShift', { n: i + 1, day: dayName })}
                </button>
              </div>
            ))}
            <button type="button" className="secondary" onClick={() => addShift(day)}>
              {t('adminCalendars.addShift', { day: dayName })}
            </button>
          </fieldset>
        );
      })}
    </Form>
  );
}
