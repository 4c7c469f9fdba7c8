// The command-and-control view for a wall screen (/command): four panels that fill a 1920x1080 screen
// without scrolling, in type large enough to read across a room, read again whenever the live feed
// reports a change the viewer may see (at most every few seconds) and every minute for the ages that
// grow. What it shows is the viewer's: a district's wall is the district's.
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type I18nText, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useLiveRefresh } from '../live.ts';
import './wall.css';

interface Wall {
  today: string;
  registered: { channel: string; n: number }[];
  contacts: { channel: string; n: number }[];
  overdue: { departmentId: number | null; name: I18nText | null; open: number; overdue: number }[];
  hotspots: {
    placeId: number;
    place: I18nText;
    categoryId: number;
    category: I18nText;
    recent: number;
    expected: number;
  }[];
  oldest: {
    reference: string;
    status: string;
    createdAt: string;
    department: I18nText;
    category: I18nText;
    place: I18nText;
    level: number | null;
    ageDays: number;
  }[];
}

export function CommandWall() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [wall, setWall] = useState<Wall | null>(null);
  const [updated, setUpdated] = useState<Date | null>(null);
  const [error, setError] = useState<unknown>(null);
  const lang = i18n.language;
  const number = new Intl.NumberFormat(lang);
  const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

  const load = useCallback(() => {
    api<Wall>('GET', '/api/insight/wall').then((w) => {
      setWall(w);
      setUpdated(new Date());
      setError(null);
    }, setError);
  }, []);
  useEffect(() => {
    load();
    const tick = setInterval(load, 60_000);
    return () => clearInterval(tick);
  }, [load]);
  // A state's traffic changes something every moment: a wall need not redraw more than every 5 s.
  useLiveRefresh(load, () => true, true, 5000);

  const total = (rows: { n: number }[]) => rows.reduce((s, r) => s + r.n, 0);
  const channel = (c: string) => t(`ins.channels.${c}`, { defaultValue: c });
  const maxOverdue = Math.max(1, ...(wall?.overdue.map((o) => o.overdue) ?? []));

  return (
    <section className="command-wall" aria-labelledby={`${id}-title`}>
      <header>
        <h1 id={`${id}-title`}>{t('wall.title')}</h1>
        <p role="status" aria-live="off">
          <span className="live-dot" aria-hidden="true" />
          {updated ? t('wall.updated', { time: time.format(updated) }) : t('app.loading')}
        </p>
      </header>
      <ErrorMessage error={error} />
      {wall && (
        <div className="panels">
          <section aria-labelledby={`${id}-today`} className="panel">
            <h2 id={`${id}-today`}>{t('wall.today')}</h2>
            <div className="intake">
              {(
                [
                  ['registered', wall.registered],
                  ['contacts', wall.contacts],
                ] as const
              ).map(([what, rows]) => (
                <div key={what}>
                  <p className="big" data-testid={`wall-${what}`}>
                    {number.format(total(rows))}
                  </p>
                  <h3>{t(`wall.${what}`)}</h3>
                  <ul className="by-channel">
                    {rows.slice(0, 5).map((r) => (
                      <li key={r.channel}>
                        <span>{channel(r.channel)}</span> <strong>{number.format(r.n)}</strong>
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </div>
          </section>

          <section aria-labelledby={`${id}-overdue`} className="panel">
            <h2 id={`${id}-overdue`}>{t('wall.overdue')}</h2>
            {wall.overdue.length === 0 ? (
              <p className="calm">{t('wall.noneOverdue')}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('ins.by.department')}</th>
                    <th scope="col">{t('wall.overdueCount')}</th>
                    <th scope="col">{t('wall.open')}</th>
                  </tr>
                </thead>
                <tbody>
                  {wall.overdue.slice(0, 5).map((o) => (
                    <tr key={o.departmentId ?? 0}>
                      <th scope="row">{o.name ? pick(o.name, lang) : '—'}</th>
                      <td>
                        <span className="bar" style={{ width: `${(o.overdue / maxOverdue) * 6}em` }} />
                        {number.format(o.overdue)}
                      </td>
                      <td>{number.format(o.open)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <section aria-labelledby={`${id}-hot`} className="panel">
            <h2 id={`${id}-hot`}>{t('wall.hotspots')}</h2>
            {wall.hotspots.length === 0 ? (
              <p className="calm">{t('wall.noHotspots')}</p>
            ) : (
              <ul className="hotspots">
                {wall.hotspots.slice(0, 4).map((h) => (
                  <li key={`${h.placeId}-${h.categoryId}`}>
                    <strong>{pick(h.place, lang)}</strong> · {pick(h.category, lang)}
                    <span className="rise">
                      {t('wall.rise', {
                        recent: number.format(h.recent),
                        expected: number.format(h.expected),
                      })}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby={`${id}-oldest`} className="panel">
            <h2 id={`${id}-oldest`}>{t('wall.oldest')}</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('ins.reference')}</th>
                  <th scope="col">{t('wall.age')}</th>
                  <th scope="col">{t('ins.place')}</th>
                </tr>
              </thead>
              <tbody>
                {wall.oldest.slice(0, 5).map((g) => (
                  <tr key={g.reference}>
                    <th scope="row" className="reference">
                      {g.reference}
                    </th>
                    <td>{t('wall.days', { count: g.ageDays })}</td>
                    <td>
                      {pick(g.place, lang)} · {pick(g.category, lang)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
      )}
    </section>
  );
}
