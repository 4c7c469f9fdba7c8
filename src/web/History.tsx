// Dates in the reader's language, and a grievance's history as a list: shared by the citizen's and
// the officer's views.
import { useTranslation } from 'react-i18next';
import type { HistoryEvent } from './api.ts';

export function useDateFormat() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
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
