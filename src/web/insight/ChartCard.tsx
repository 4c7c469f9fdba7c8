// One chart of the dashboard, drawn with Apache ECharts, and the same figures as a table (for screen
// readers, and for anyone who wants the numbers) with a CSV download. A click on a bar, a point or a
// number asks for the grievances behind it.
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ScrollRegion } from '../ScrollRegion.tsx';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  CanvasRenderer,
]);

export interface Series {
  key: string;
  name: string;
  values: (number | null)[];
  /** A share (0..1), shown as a percentage. */
  percent?: boolean;
  /** The drill-down figure behind this series' numbers; none for derived figures. */
  drill?: string;
  stack?: string;
}

export interface ChartProps {
  title: string;
  kind: 'bar' | 'line' | 'pie';
  /** The groups: departments, districts, days... */
  labels: string[];
  series: Series[];
  /** The header of the group column in the table. */
  groupHeader: string;
  /** Asks for the grievances behind one number. */
  onDrill?: (groupIndex: number, series: Series) => void;
  fileName: string;
}

export function ChartCard({ title, kind, labels, series, groupHeader, onDrill, fileName }: ChartProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const element = useRef<HTMLDivElement>(null);
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
  const show = (s: Series, v: number | null) =>
    v === null ? '–' : s.percent ? percent.format(v) : number.format(v);

  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'canvas' });
    const option =
      kind === 'pie'
        ? {
            tooltip: { trigger: 'item' },
            legend: { bottom: 0 },
            series: [
              {
                type: 'pie',
                radius: ['35%', '65%'],
                data: labels.map((name, i) => ({ name, value: series[0]?.values[i] ?? 0 })),
              },
            ],
          }
        : {
            tooltip: { trigger: 'axis' },
            legend: { bottom: 0 },
            grid: { left: 48, right: 16, top: 16, bottom: 56, containLabel: true },
            xAxis: {
              type: 'category',
              data: labels,
              axisLabel: { interval: 0, rotate: labels.length > 6 ? 30 : 0 },
            },
            yAxis: series.every((s) => s.percent)
              ? { type: 'value', max: 1, axisLabel: { formatter: (v: number) => percent.format(v) } }
              : { type: 'value' },
            series: series.map((s) => ({
              type: kind,
              name: s.name,
              data: s.values,
              stack: s.stack,
              cursor: s.drill ? 'pointer' : 'default',
            })),
          };
    chart.setOption(option);
    chart.on('click', (params: { dataIndex?: number; seriesIndex?: number }) => {
      const s = series[kind === 'pie' ? 0 : (params.seriesIndex ?? 0)];
      if (s?.drill && params.dataIndex !== undefined) onDrill?.(params.dataIndex, s);
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [kind, labels, series, onDrill, percent]);

  function download() {
    const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
    const lines = [
      [groupHeader, ...series.map((s) => s.name)].map(field).join(','),
      ...labels.map((label, i) =>
        [label, ...series.map((s) => (s.values[i] === null ? '' : String(s.values[i])))].map(field).join(','),
      ),
    ];
    const blob = new Blob([`\uFEFF${lines.join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `${fileName}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  return (
    <figure className="chart-card" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {/* The picture is for the eye; the table below says the same to a screen reader. */}
      <div ref={element} className="chart" aria-hidden="true" />
      <details>
        <summary>{t('ins.tableView')}</summary>
        <ScrollRegion labelledBy={`${id}-title`}>
          <table className="counts">
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{groupHeader}</th>
                {series.map((s) => (
                  <th key={s.key} scope="col" className="number">
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {labels.map((label, i) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {series.map((s) => (
                    <td key={s.key} className="number">
                      {s.drill && onDrill && s.values[i] ? (
                        <button type="button" className="link" onClick={() => onDrill(i, s)}>
                          {show(s, s.values[i] ?? null)}
                        </button>
                      ) : (
                        show(s, s.values[i] ?? null)
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </details>
      <button type="button" className="secondary" onClick={download}>
        {t('ins.csv', { title })}
      </button>
    </figure>
  );
}
