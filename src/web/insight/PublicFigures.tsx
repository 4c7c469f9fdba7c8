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
  averageRating: number | null;
  grade: string | null;
}
type Figure = 'received' | 'resolved' | 'withinTime' | 'satisfaction' | 'averageRating' | 'grade';
interface Page {
  month: string;
  threshold: number;
  /** The figures the deployment publishes, in order. */
  figures: Figure[];
  months: string[];
  title: I18nText;
  intro: I18nText;
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
  const rating = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const cell = (r: Row, f: Figure) =>
    f === 'received' || f === 'resolved'
      ? count(r[f])
      : f === 'withinTime' || f === 'satisfaction'
        ? share(r[f])
        : f === 'averageRating'
          ? r.averageRating === null
            ? withheld
            : rating.format(r.averageRating)
          : (r.grade ?? withheld);
  // The admin's words in this language, else the catalogue's.
  const own = (text: I18nText | undefined, key: string) => text?.[lang] || t(key);

  const table = (what: 'departments' | 'districts', rows: Row[]) => (
    <table aria-labelledby={`${id}-${what}`}>
      <caption id={`${id}-${what}`}>{t(`pub.${what}`, { month: page ? monthName(page.month) : '' })}</caption>
      <thead>
        <tr>
          <th scope="col">{t(what === 'departments' ? 'pub.department' : 'pub.district')}</th>
          {page?.figures.map((f) => (
            <th scope="col" key={f}>
              {t(`pub.${f}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <th scope="row">{pick(r.name, lang)}</th>
            {page?.figures.map((f) => (
              <td key={f}>{cell(r, f)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <section aria-labelledby={`${id}-title`} className="public-figures">
      <h1 id={`${id}-title`}>{own(page?.title, 'pub.title')}</h1>
      <p>{own(page?.intro, 'pub.intro')}</p>
      <label htmlFor={`${id}-month`}>{t('pub.month')}</label>
      <select id={`${id}-month`} value={month} onChange={(e) => e.target.value && setMonth(e.target.value)}>
        {[...(page?.months ?? (month ? [month] : []))].reverse().map((m) => (
          <option key={m} value={m}>
            {monthName(m)}
          </option>
        ))}
      </select>
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
