// The dashboards: a period and a grouping chosen once, then the figures a helpline is judged by, each
// a chart with its table and CSV, and under them the grievances behind whatever number was clicked.
// Everything comes from the rollups through the viewer's read policy: a district monitor sees their
// district's figures.
import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type I18nText, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useFetched } from '../fetching.ts';
import { useLiveRefresh } from '../live.ts';
import { ChartCard, type Series } from './ChartCard.tsx';
import { type Drill, DrillList } from './DrillList.tsx';
import { MapCard } from './MapCard.tsx';

interface Row {
  key: string | null;
  name: I18nText | null;
  [figure: string]: number | string | null | I18nText;
}
interface PendingRow {
  key: string | null;
  name: I18nText | null;
  pending: number;
  bands: Record<string, number>;
}

const GROUPS = ['department', 'district', 'category', 'level', 'channel'] as const;
type Grouping = (typeof GROUPS)[number];
const BANDS = ['0-7', '8-30', '31-50', '51-100', '>100'] as const;
const TRENDS = ['day', 'week', 'month'] as const;

const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (day: string, n: number) =>
  iso(new Date(new Date(`${day}T00:00:00Z`).getTime() + n * 86_400_000));
const monthEnd = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`);
  return iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)));
};

/** The query that narrows to one group (and, for a period, its days). */
function groupFilter(by: Grouping | (typeof TRENDS)[number], key: string | null, from: string, to: string) {
  const period = { from, to };
  if (key === null) return { query: '', ...period };
  switch (by) {
    case 'department':
      return { query: `&departmentId=${key}`, ...period };
    case 'district':
      return { query: `&placeId=${key}`, ...period };
    case 'category':
      return { query: `&categoryId=${key}`, ...period };
    case 'level':
      return { query: `&level=${key}`, ...period };
    case 'channel':
      return { query: `&channel=${key}`, ...period };
    case 'day':
      return { query: '', from: key, to: key };
    case 'week':
      return { query: '', from: key, to: addDays(key, 6) };
    case 'month':
      return { query: '', from: key, to: monthEnd(key) };
  }
}

export function Dashboard() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [error, setError] = useState<unknown>(null);
  const today = iso(new Date());
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const [by, setBy] = useState<Grouping>('department');
  const [trend, setTrend] = useState<(typeof TRENDS)[number]>('day');
  const [drill, setDrill] = useState<Drill | null>(null);

  const group = by === 'district' ? 'place&depth=3' : by;
  const period = `from=${from}&to=${to}`;
  const figures = useFetched<Row[]>(`/api/insight/figures?${period}&by=${group}`, setError);
  const trends = useFetched<Row[]>(`/api/insight/figures?${period}&by=${trend}`, setError);
  const channels = useFetched<Row[]>(`/api/insight/figures?${period}&by=channel`, setError);
  const levels = useFetched<Row[]>(`/api/insight/figures?${period}&by=level`, setError);
  const pending = useFetched<PendingRow[]>(`/api/insight/pending?by=${group}`, setError);
  useLiveRefresh(() => {
    for (const f of [figures, trends, channels, levels, pending]) f.reload();
  });

  const labelOf = useCallback(
    (grouping: string, r: { key: string | null; name: I18nText | null }) =>
      r.key === null
        ? t('ins.unplaced')
        : r.name
          ? pick(r.name, i18n.language)
          : grouping === 'channel'
            ? t(`ins.channels.${r.key}`, { defaultValue: r.key })
            : grouping === 'level'
              ? `L${r.key}`
              : r.key,
    [t, i18n.language],
  );
  const column = (rows: Row[], key: string) => rows.map((r) => (r[key] as number | null) ?? null);
  const s = (key: string, drillAs?: string, extra: Partial<Series> = {}): Series => ({
    key,
    name: t(`ins.fig.${key}`),
    values: [],
    drill: drillAs,
    ...extra,
  });
  const fill = (rows: Row[], list: Series[]) => list.map((x) => ({ ...x, values: column(rows, x.key) }));

  const drillFrom =
    (grouping: Grouping | (typeof TRENDS)[number], rows: { key: string | null; name: I18nText | null }[]) =>
    (i: number, series: Series) => {
      const row = rows[i];
      if (!row) return;
      const f = groupFilter(grouping, row.key, from, to);
      const band = series.key.startsWith('band:') ? series.key.slice(5) : undefined;
      setDrill({
        figure: band ? 'pending' : (series.drill as string),
        query: f.query,
        from: band ? undefined : f.from,
        to: band ? undefined : f.to,
        band,
        title: `${series.name} · ${labelOf(grouping, row)}`,
      });
    };

  const groupHeader = t(`ins.by.${by}`);
  const main = figures.data ?? [];
  const charts =
    figures.data && trends.data && channels.data && levels.data && pending.data
      ? { labels: main.map((r) => labelOf(by, r)) }
      : null;

  return (
    <section aria-labelledby={`${id}-title`} className="dashboard">
      <h2 id={`${id}-title`}>{t('ins.title')}</h2>
      <div className="filters">
        <label>
          {t('ins.from')}
          <input
            type="date"
            value={from}
            max={to}
            onChange={(e) => e.target.value && setFrom(e.target.value)}
          />
        </label>
        <label>
          {t('ins.to')}
          <input
            type="date"
            value={to}
            min={from}
            onChange={(e) => e.target.value && setTo(e.target.value)}
          />
        </label>
        <label>
          {t('ins.groupBy')}
          <select value={by} onChange={(e) => setBy(e.target.value as Grouping)}>
            {GROUPS.map((g) => (
              <option key={g} value={g}>
                {t(`ins.by.${g}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('ins.trendBy')}
          <select value={trend} onChange={(e) => setTrend(e.target.value as (typeof TRENDS)[number])}>
            {TRENDS.map((g) => (
              <option key={g} value={g}>
                {t(`ins.by.${g}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorMessage error={error} />
      {charts && main.length === 0 && <p role="status">{t('ins.nothing')}</p>}
      {charts && (
        <div className="charts">
          <ChartCard
            title={t('ins.chart.flows', { group: groupHeader })}
            kind="bar"
            labels={charts.labels}
            groupHeader={groupHeader}
            fileName="received-resolved-closed"
            series={fill(main, [
              s('received', 'received'),
              s('resolved', 'resolved'),
              s('closed', 'closed'),
              s('rejected', 'rejected'),
            ])}
            onDrill={drillFrom(by, main)}
          />
          <ChartCard
            title={t('ins.chart.sla', { group: groupHeader })}
            kind="bar"
            labels={charts.labels}
            groupHeader={groupHeader}
            fileName="sla-compliance"
            series={fill(main, [
              s('slaCompliance', undefined, { percent: true }),
              s('satisfaction', undefined, { percent: true }),
              s('reopenRate', undefined, { percent: true }),
            ])}
          />
          <ChartCard
            title={t('ins.chart.ratings', { group: groupHeader })}
            kind="bar"
            labels={charts.labels}
            groupHeader={groupHeader}
            fileName="ratings"
            series={fill(main, [s('averageRating', 'rated'), s('rated', 'rated')])}
            onDrill={drillFrom(by, main)}
          />
          <ChartCard
            title={t('ins.chart.time', { group: groupHeader })}
            kind="bar"
            labels={charts.labels}
            groupHeader={groupHeader}
            fileName="resolution-time"
            series={fill(main, [s('averageResolutionHours'), s('medianResolutionHours')])}
          />
          <ChartCard
            title={t('ins.chart.pending', { group: groupHeader })}
            kind="bar"
            labels={(pending.data ?? []).map((r) => labelOf(by, r))}
            groupHeader={groupHeader}
            fileName="pending-by-age"
            series={BANDS.map((b) => ({
              key: `band:${b}`,
              name: t('ins.days', { band: b }),
              values: (pending.data ?? []).map((r) => r.bands[b] ?? 0),
              drill: 'pending',
              stack: 'age',
            }))}
            onDrill={drillFrom(by, pending.data ?? [])}
          />
          <ChartCard
            title={t('ins.chart.trend', { group: t(`ins.by.${trend}`) })}
            kind="line"
            labels={(trends.data ?? []).map((r) => r.key ?? '')}
            groupHeader={t(`ins.by.${trend}`)}
            fileName="trend"
            series={fill(trends.data ?? [], [s('received', 'received'), s('resolved', 'resolved')])}
            onDrill={drillFrom(trend, trends.data ?? [])}
          />
          <ChartCard
            title={t('ins.chart.channels')}
            kind="pie"
            labels={(channels.data ?? []).map((r) => labelOf('channel', r))}
            groupHeader={t('ins.by.channel')}
            fileName="channels"
            series={fill(channels.data ?? [], [s('received', 'received')])}
            onDrill={drillFrom('channel', channels.data ?? [])}
          />
          <ChartCard
            title={t('ins.chart.escalations')}
            kind="bar"
            labels={(levels.data ?? []).map((r) => labelOf('level', r))}
            groupHeader={t('ins.by.level')}
            fileName="escalations"
            series={fill(levels.data ?? [], [s('escalations', 'escalations'), s('breaches', 'breaches')])}
            onDrill={drillFrom('level', levels.data ?? [])}
          />
          <MapCard
            from={from}
            to={to}
            onError={setError}
            onDrill={(placeId, label) =>
              setDrill({
                figure: 'received',
                query: `&placeId=${placeId}`,
                from,
                to,
                title: `${t('ins.fig.received')} · ${label}`,
              })
            }
          />
        </div>
      )}
      {drill && <DrillList drill={drill} onClose={() => setDrill(null)} />}
    </section>
  );
}
