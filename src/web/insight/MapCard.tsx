// The dashboard's map of grievances by district, with the same figures as a table (for screen readers,
// and for anyone who would rather read than look); choosing a district opens the grievances behind it.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type I18nText, pick } from '../api.ts';
import type { MapSettings } from '../citizen/LocationMap.ts';
import { useFetched } from '../fetching.ts';
import type { GrievanceMapHandle, MapClusterItem, MapView } from './grievance-map.ts';

interface MapAnswer {
  places: {
    id: number;
    name: I18nText;
    latitude: number | null;
    longitude: number | null;
    received: number;
    resolved: number;
    pending: number;
  }[];
  points: { reference: string; status: string; latitude: number; longitude: number }[];
  clusters: MapClusterItem[];
}

export function MapCard({
  from,
  to,
  onDrill,
  onError,
}: {
  from: string;
  to: string;
  onDrill: (placeId: number, label: string) => void;
  onError: (e: unknown) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const element = useRef<HTMLElement>(null);
  const data = useFetched<MapAnswer>(`/api/insight/map?from=${from}&to=${to}&depth=3&zoom=6`, onError);
  // What the map shows now: the first answer's grievances, then those of each view the user moves to.
  const [clustered, setClustered] = useState(false);
  const shapes = useFetched<{ features: { properties: { placeId: number }; geometry: unknown }[] }>(
    '/api/insight/boundaries?depth=3',
    onError,
  );
  const [drawn, setDrawn] = useState(false);
  const lang = i18n.language;
  const drill = useRef(onDrill);
  drill.current = onDrill;

  useEffect(() => {
    const answer = data.data;
    if (!answer || !shapes.data || !element.current) return;
    let handle: GrievanceMapHandle | null = null;
    let live = true;
    let asked = 0;
    setClustered(answer.clusters.length > 0);
    const onView = (v: MapView) => {
      const n = ++asked;
      const view = `zoom=${v.zoom}&south=${v.south}&west=${v.west}&north=${v.north}&east=${v.east}`;
      api<Pick<MapAnswer, 'points' | 'clusters'>>(
        'GET',
        `/api/insight/map/points?from=${from}&to=${to}&${view}`,
      ).then((r) => {
        // Only the answer for the latest view is drawn.
        if (!live || n !== asked) return;
        handle?.showPoints(r.points, r.clusters);
        setClustered(r.clusters.length > 0);
      }, onError);
    };
    Promise.all([import('./grievance-map.ts'), api<{ map: MapSettings }>('GET', '/api/settings')]).then(
      ([{ createGrievanceMap }, settings]) => {
        if (!live || !element.current) return;
        const places = answer.places.map((p) => ({ ...p, label: pick(p.name, lang) }));
        handle = createGrievanceMap(element.current, {
          settings: settings.map,
          places,
          points: answer.points,
          clusters: answer.clusters,
          describeCluster: (count) => t('insmap.cluster', { count }),
          onView,
          boundaries: shapes.data?.features.length ? shapes.data : null,
          describe: (p) => t('insmap.tip', { place: p.label, received: p.received, pending: p.pending }),
          onPick: (placeId) => drill.current(placeId, places.find((p) => p.id === placeId)?.label ?? ''),
        });
        setDrawn(true);
      },
      onError,
    );
    return () => {
      live = false;
      handle?.destroy();
    };
  }, [data.data, shapes.data, lang, t, onError, from, to]);

  return (
    <figure className="chart-card" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{t('insmap.title')}</figcaption>
      <section
        ref={element}
        className="grievance-map"
        aria-label={t('insmap.alt')}
        data-drawn={drawn ? 'yes' : 'no'}
        style={{ height: '24rem' }}
      />
      {clustered && <p>{t('insmap.clustered')}</p>}
      <details>
        <summary>{t('ins.tableView')}</summary>
        <table className="counts">
          <caption>{t('insmap.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ins.by.district')}</th>
              <th scope="col">{t('ins.fig.received')}</th>
              <th scope="col">{t('ins.fig.resolved')}</th>
              <th scope="col">{t('insmap.pending')}</th>
            </tr>
          </thead>
          <tbody>
            {data.data?.places.map((p) => (
              <tr key={p.id}>
                <th scope="row">{pick(p.name, lang)}</th>
                <td>
                  <button type="button" className="link" onClick={() => onDrill(p.id, pick(p.name, lang))}>
                    {p.received}
                  </button>
                </td>
                <td>{p.resolved}</td>
                <td>{p.pending}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
