// Place boundaries for the dashboard's map: a GeoJSON file uploaded for one level of the place tree
// (districts, usually), each feature naming its place by code. The server's refusals are shown in the
// catalogue's words (a feature without a code, one that is not an area); codes that match no place at
// that level are listed. Below, the boundaries the level has, on a map (Leaflet, loaded on demand).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type I18nText, pick } from '../api.ts';
import type { MapSettings } from '../citizen/LocationMap.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { FileButton } from '../FileButton.tsx';
import { Form, useSubmit } from './Form.tsx';
import { SelectField } from './fields.tsx';
import { placeLevels } from './lookups.ts';
import type { PlaceLevel } from './types.ts';

interface Collection {
  features: { properties: { placeId: number; code: string; name: I18nText }; geometry: unknown }[];
}

export function Boundaries() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [levels, setLevels] = useState<PlaceLevel[]>([]);
  const [depth, setDepth] = useState('3');
  const [file, setFile] = useState<File | null>(null);
  const [status, setStatus] = useState('');
  const [unmatched, setUnmatched] = useState<string[]>([]);
  const [notJson, setNotJson] = useState(false);
  const [shapes, setShapes] = useState<Collection | null>(null);
  const [round, setRound] = useState(0);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const map = useRef<HTMLElement>(null);

  const { submit, error, setError } = useSubmit(async () => {
    setStatus('');
    setUnmatched([]);
    setNotJson(false);
    if (!file) {
      setStatus(t('file.none'));
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(await file.text());
    } catch {
      setNotJson(true);
      return;
    }
    const result = await api<{ matched: number; unmatched: string[] }>(
      'PUT',
      `/api/insight/boundaries?depth=${depth}`,
      body,
    );
    setStatus(t('adminInsight.uploaded', { matched: result.matched }));
    setUnmatched(result.unmatched);
    setRound(round + 1);
  });

  useEffect(() => {
    placeLevels().then(setLevels, setError);
  }, [setError]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: read again after each upload (round)
  useEffect(() => {
    api<Collection>('GET', `/api/insight/boundaries?depth=${depth}`).then(setShapes, setPreviewError);
  }, [depth, round]);
  useEffect(() => {
    if (!shapes?.features.length || !map.current) return;
    let handle: { destroy(): void } | null = null;
    let live = true;
    Promise.all([
      import('../insight/grievance-map.ts'),
      api<{ map: MapSettings }>('GET', '/api/settings'),
    ]).then(([{ createGrievanceMap }, settings]) => {
      if (!live || !map.current) return;
      handle = createGrievanceMap(map.current, {
        settings: settings.map,
        places: shapes.features.map((f) => ({
          id: f.properties.placeId,
          label: pick(f.properties.name, lang),
          latitude: null,
          longitude: null,
          received: 0,
          pending: 0,
        })),
        points: [],
        clusters: [],
        boundaries: shapes,
        describe: (p) => p.label,
        describeCluster: () => '',
        onPick: () => {},
        onView: () => {},
      });
    }, setPreviewError);
    return () => {
      live = false;
      handle?.destroy();
    };
  }, [shapes, lang]);

  return (
    <>
      <Form
        title={t('adminInsight.boundaries')}
        onSubmit={submit}
        error={error}
        status={
          <>
            {notJson && (
              <p className="error" role="alert">
                {t('adminInsight.notJson')}
              </p>
            )}
            <p role="status">{status}</p>
            {unmatched.length > 0 && <p>{t('adminInsight.unmatched', { codes: unmatched.join(', ') })}</p>}
          </>
        }
        submitLabel={t('adminInsight.upload')}
      >
        <p className="hint">{t('adminInsight.boundariesHint')}</p>
        <SelectField label={t('adminInsight.level')} value={depth} onChange={setDepth}>
          {levels.map((l) => (
            <option key={l.depth} value={l.depth}>
              {pick(l.name, lang)}
            </option>
          ))}
        </SelectField>
        <FileButton
          label={t('adminInsight.fileLabel')}
          accept=".geojson,.json,application/geo+json,application/json"
          onChoose={setFile}
        />
      </Form>
      <h4>{t('adminInsight.preview')}</h4>
      <ErrorMessage error={previewError} />
      <p>{t('adminInsight.previewCount', { count: shapes?.features.length ?? 0 })}</p>
      {!!shapes?.features.length && (
        <section
          key={round}
          ref={map}
          className="grievance-map"
          aria-label={t('adminInsight.previewMap')}
          style={{ height: '20rem' }}
        />
      )}
    </>
  );
}
