// The grievances behind a number on the dashboard, newest first, fifty at a time; only those the
// viewer may read, and never who raised an anonymous one (the API does not send it).
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type I18nText, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useDateFormat } from '../History.tsx';
import { ScrollRegion } from '../ScrollRegion.tsx';

export interface Drill {
  figure: string;
  /** Extra filters, as `&name=value...`. */
  query: string;
  from?: string;
  to?: string;
  band?: string;
  title: string;
}

interface Item {
  reference: string;
  status: string;
  subject: string;
  department: { name: I18nText };
  place: { name: I18nText };
  level: number | null;
  at: string;
}

export function drillUrl(drill: Drill, base = '/api/insight/grievances') {
  const params = new URLSearchParams({ figure: drill.figure });
  if (drill.from) params.set('from', drill.from);
  if (drill.to) params.set('to', drill.to);
  if (drill.band) params.set('band', drill.band);
  return `${base}?${params}${drill.query}`;
}

export function DrillList({ drill, onClose }: { drill: Drill; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const date = useDateFormat();
  const [items, setItems] = useState<Item[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const url = drillUrl(drill);

  useEffect(() => {
    setItems([]);
    setNext(null);
    api<{ items: Item[]; next: string | null }>('GET', `${url}&limit=50`).then((page) => {
      setItems(page.items);
      setNext(page.next);
    }, setError);
  }, [url]);

  async function more() {
    if (!next) return;
    try {
      const page = await api<{ items: Item[]; next: string | null }>(
        'GET',
        `${url}&limit=50&after=${encodeURIComponent(next)}`,
      );
      setItems((old) => [...old, ...page.items]);
      setNext(page.next);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="drill">
      <h3 id={`${id}-title`} tabIndex={-1} ref={(h) => h?.focus()}>
        {t('ins.behind', { what: drill.title })}
      </h3>
      <ErrorMessage error={error} />
      <p>
        <a href={drillUrl(drill, '/api/insight/grievances.csv')} download>
          {t('ins.exportList')}
        </a>{' '}
        <a href={drillUrl(drill, '/api/insight/grievances.xlsx')} download>
          {t('ins.exportXlsx')}
        </a>{' '}
        <button type="button" className="secondary" onClick={onClose}>
          {t('ins.close')}
        </button>
      </p>
      <ScrollRegion label={drill.title}>
        <table className="counts">
          <caption>{drill.title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ins.reference')}</th>
              <th scope="col">{t('ins.subject')}</th>
              <th scope="col">{t('ins.status')}</th>
              <th scope="col">{t('ins.by.department')}</th>
              <th scope="col">{t('ins.place')}</th>
              <th scope="col">{t('ins.when')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((g) => (
              <tr key={`${g.reference}-${g.at}`}>
                <th scope="row" className="reference">
                  {g.reference}
                </th>
                <td>{g.subject}</td>
                <td>{t(`status.${g.status}`, { defaultValue: g.status })}</td>
                <td>{pick(g.department.name, i18n.language)}</td>
                <td>{pick(g.place.name, i18n.language)}</td>
                <td>{date(g.at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <p role="status">{t('ins.shown', { count: items.length })}</p>
      {next && (
        <button type="button" onClick={more}>
          {t('ins.more')}
        </button>
      )}
    </section>
  );
}
