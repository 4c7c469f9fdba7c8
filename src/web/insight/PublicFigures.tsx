// The public transparency page (/figures): how each department and district did in a month, for anyone,
// in their language. Counts too small to publish safely come back withheld and are shown as such.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type I18nText, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

interface Row {
  id: number;
  name: I18nText;
  received: number | null;
  resolved: number | null;
  withinTime: number | null;
  satisfaction: number | null;
  grade: string | null;
}
interface Page {
  month: string;
  threshold: number;
  departments: Row[];
  districts: Row[];
}

export function PublicFigures() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [month, setMonth] = useState('');
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<unknown>(null);
  const lang = i18n.language;
  const number = new Intl.NumberFormat(lang);
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  const monthName = (m: string) =>
    new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${m}-01T00:00:00Z`),
    );

  useEffect(() => {
    setError(null);
    api<Page>('GET', `/api/public/figures${month ? `?month=${month}` : ''}`).then((p) => {
      setPage(p);
      if (!month) setMonth(p.month);
    }, setError);
  }, [month]);

  const withheld = <abbr title={t('pub.withheldLong')}>{t('pub.withheld')}</abbr>;
  const count = (n: number | null) => (n === null ? withheld : number.format(n));
  const share = (n: number | null) => (n === null ? withheld : percent.format(n));

  const table = (what: 'departments' | 'districts', rows: Row[]) => (
    <table aria-labelledby={`${id}-${what}`}>
      <caption id={`${id}-${what}`}>{t(`pub.${what}`, { month: page ? monthName(page.month) : '' })}</caption>
      <thead>
        <tr>
          <th scope="col">{t(what === 'departments' ? 'pub.department' : 'pub.district')}</th>
          <th scope="col">{t('pub.received')}</th>
          <th scope="col">{t('pub.resolved')}</th>
          <th scope="col">{t('pub.withinTime')}</th>
          <th scope="col">{t('pub.satisfaction')}</th>
          <th scope="col">{t('pub.grade')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <th scope="row">{pick(r.name, lang)}</th>
            <td>{count(r.received)}</td>
            <td>{count(r.resolved)}</td>
            <td>{share(r.withinTime)}</td>
            <td>{share(r.satisfaction)}</td>
            <td>{r.grade ?? withheld}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <section aria-labelledby={`${id}-title`} className="public-figures">
      <h1 id={`${id}-title`}>{t('pub.title')}</h1>
      <p>{t('pub.intro')}</p>
      <label htmlFor={`${id}-month`}>{t('pub.month')}</label>
      <input
        id={`${id}-month`}
        type="month"
        value={month}
        onChange={(e) => e.target.value && setMonth(e.target.value)}
      />
      <ErrorMessage error={error} />
      {page && (
        <>
          {page.departments.length === 0 && page.districts.length === 0 ? (
            <p role="status">{t('pub.nothing')}</p>
          ) : (
            <>
              <div className="table-scroll">{table('departments', page.departments)}</div>
              <div className="table-scroll">{table('districts', page.districts)}</div>
            </>
          )}
          <p className="note">{t('pub.note', { threshold: page.threshold })}</p>
        </>
      )}
    </section>
  );
}
