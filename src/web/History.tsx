// Dates in the reader's language, and a grievance's history as a list: shared by the citizen's and
// the officer's views.
import { useTranslation } from 'react-i18next';
import type { HistoryEvent } from './api.ts';

/**
 * A date and time as the reader's language writes it. Hindi's locale data writes the 12-hour clock with
 * Latin "am"/"pm" ("2:30 pm"), which no Hindi reader writes; they say the part of the day ("दोपहर 2:30",
 * "शाम 6:15", "रात 11:00"), which Intl gives as the day period. Other languages keep their own style
 * (Swahili and English in India write 14:30 or 2:30 pm as their locales say).
 */
export function dateTimeFormat(language: string): Intl.DateTimeFormat {
  if (language === 'hi' || language.startsWith('hi-'))
    return new Intl.DateTimeFormat(language, {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      dayPeriod: 'short',
    });
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
}

export function useDateFormat() {
  const { i18n } = useTranslation();
  const format = dateTimeFormat(i18n.language);
  return (iso: string) => format.format(new Date(iso));
}

export function History({ events }: { events: HistoryEvent[] }) {
  const { t } = useTranslation();
  const date = useDateFormat();
  return (
    <ol className="history">
      {events.map((e) => (
        <li key={e.id}>
          <time dateTime={e.at}>{date(e.at)}</time> · {t(`event.${e.kind}`, { defaultValue: e.kind })}
          {e.note ? `: ${e.note}` : ''}
        </li>
      ))}
    </ol>
  );
}
