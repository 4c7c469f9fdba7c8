// Placing a grievance from where the citizen is: "Use my location" (the phone's GPS) or "Choose on the
// map" (tap, click or drag the marker). Either way the server answers the village or ward at that
// point (GET /api/places/nearest) and the picker reports it with its ancestors and the point:
//
//   <LocationPicker onPlace={({ placeChain, latitude, longitude }) => ...} />
//
// It is an addition to the place lists, never a replacement: a citizen who cannot or will not share a
// location, or whose point is outside the area, still chooses down the tree. The map (Leaflet, about
// 150 kB with its CSS) is loaded with import() only when the citizen opens it.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, type I18nText, pick } from '../api.ts';
import type { MapHandle, MapSettings } from './LocationMap.ts';
import './location.css';

export interface PlaceStep {
  id: number;
  depth: number;
  name: I18nText;
}

export interface PlacedLocation {
  /** The place found and its ancestors, root first: state, division, ..., the village or ward. */
  placeChain: PlaceStep[];
  /** The point the citizen gave (their phone's fix or where they tapped), WGS 84 degrees. */
  latitude: number;
  longitude: number;
  /** From that point to the place's own point, in metres. */
  distanceMetres: number;
  /** Where the point came from. */
  source: 'device' | 'map';
}

interface Nearest {
  place: PlaceStep;
  lineage: PlaceStep[];
  distanceMetres: number;
}

type Status =
  | { kind: 'idle' }
  | { kind: 'busy'; key: 'locating' | 'resolving' | 'loadingMap' }
  | { kind: 'found'; chain: PlaceStep[] }
  | {
      kind: 'problem';
      key: 'denied' | 'unavailable' | 'timeout' | 'unsupported' | 'outside' | 'failed' | 'mapFailed';
    };

/** How long to wait for the phone's position: a first GPS fix outdoors can take a while. */
const LOCATE_TIMEOUT_MS = 20_000;

export function LocationPicker({ onPlace }: { onPlace: (placed: PlacedLocation) => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [mapOpen, setMapOpen] = useState(false);
  const [last, setLast] = useState<{ latitude: number; longitude: number } | null>(null);
  const mapElement = useRef<HTMLDivElement>(null);
  const mapHandle = useRef<MapHandle | null>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  /** Only the newest lookup may report: a slow answer to an earlier tap must not overwrite it. */
  const lookup = useRef(0);
  const onPlaceRef = useRef(onPlace);
  onPlaceRef.current = onPlace;

  async function resolve(latitude: number, longitude: number, source: PlacedLocation['source']) {
    const mine = ++lookup.current;
    setLast({ latitude, longitude });
    setStatus({ kind: 'busy', key: 'resolving' });
    try {
      const found = await api<Nearest>(
        'GET',
        `/api/places/nearest?latitude=${latitude.toFixed(6)}&longitude=${longitude.toFixed(6)}`,
      );
      if (mine !== lookup.current) return;
      const chain = found.lineage.map(({ id, depth, name }) => ({ id, depth, name }));
      setStatus({ kind: 'found', chain });
      onPlaceRef.current({
        placeChain: chain,
        latitude,
        longitude,
        distanceMetres: found.distanceMetres,
        source,
      });
    } catch (error) {
      if (mine !== lookup.current) return;
      const outside = error instanceof ApiError && error.code === 'not_found';
      setStatus({ kind: 'problem', key: outside ? 'outside' : 'failed' });
    }
  }

  function locateMe() {
    if (!('geolocation' in navigator) || !window.isSecureContext) {
      setStatus({ kind: 'problem', key: 'unsupported' });
      return;
    }
    setStatus({ kind: 'busy', key: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const { latitude, longitude } = position.coords;
        mapHandle.current?.show(latitude, longitude);
        void resolve(latitude, longitude, 'device');
      },
      (error) => {
        const key =
          error.code === error.PERMISSION_DENIED
            ? 'denied'
            : error.code === error.TIMEOUT
              ? 'timeout'
              : 'unavailable';
        setStatus({ kind: 'problem', key });
      },
      { enableHighAccuracy: true, timeout: LOCATE_TIMEOUT_MS, maximumAge: 0 },
    );
  }

  // The map is built when its panel is shown, and taken down with it. Built once per opening: the last
  // point and the labels are read as they are then, and a new language shows on the next opening.
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilding the map on each change would lose the view
  useEffect(() => {
    if (!mapOpen) return;
    let cancelled = false;
    // The place already found stays said once the map is up.
    const before = status;
    setStatus({ kind: 'busy', key: 'loadingMap' });
    Promise.all([import('./LocationMap.ts'), api<{ map: MapSettings }>('GET', '/api/settings')])
      .then(([{ createMap }, settings]) => {
        const element = mapElement.current;
        if (cancelled || !element) return;
        mapHandle.current = createMap(element, {
          settings: settings.map,
          start: last,
          labels: {
            marker: t('location.marker'),
            zoomIn: t('location.zoomIn'),
            zoomOut: t('location.zoomOut'),
          },
          onPick: (latitude, longitude) => void resolve(latitude, longitude, 'map'),
        });
        setStatus((s) => (s.kind === 'busy' && s.key === 'loadingMap' ? before : s));
        // Straight onto the map, so the arrow keys move it and its label and instructions are read.
        element.focus();
      })
      .catch(() => {
        if (!cancelled) setStatus({ kind: 'problem', key: 'mapFailed' });
      });
    return () => {
      cancelled = true;
      mapHandle.current?.destroy();
      mapHandle.current = null;
    };
  }, [mapOpen]);

  function toggleMap() {
    if (mapOpen) {
      setMapOpen(false);
      toggle.current?.focus();
    } else {
      setMapOpen(true);
    }
  }

  const lang = i18n.language;
  const busy = status.kind === 'busy' && status.key !== 'loadingMap';
  const statusText =
    status.kind === 'busy'
      ? t(`location.${status.key}`)
      : status.kind === 'problem'
        ? t(`location.${status.key}`)
        : status.kind === 'found'
          ? t('location.found', {
              // The village or ward first, up to the district or division; the state goes without saying.
              place: [...status.chain]
                .reverse()
                .slice(0, status.chain.length > 1 ? -1 : undefined)
                .map((p) => pick(p.name, lang))
                .join(', '),
            })
          : '';

  return (
    <div className="location-picker">
      <p className="hint">{t('location.intro')}</p>
      <div className="location-actions">
        <button type="button" onClick={locateMe} disabled={busy}>
          {t('location.useMine')}
        </button>
        <button
          type="button"
          className="secondary"
          ref={toggle}
          aria-expanded={mapOpen}
          aria-controls={`${id}-panel`}
          onClick={toggleMap}
        >
          {mapOpen ? t('location.closeMap') : t('location.openMap')}
        </button>
      </div>
      {/* Always in the page, so screen readers announce each change of its text. */}
      <p
        role="status"
        className={`location-status${status.kind === 'problem' ? ' problem' : ''}`}
        data-testid="location-status"
      >
        {statusText}
      </p>
      <div id={`${id}-panel`} hidden={!mapOpen}>
        {mapOpen && (
          <>
            <p id={`${id}-hint`} className="hint">
              {t('location.mapHint')}
            </p>
            <div
              ref={mapElement}
              className="location-map"
              role="application"
              aria-label={t('location.mapLabel')}
              aria-describedby={`${id}-hint`}
            />
            <button type="button" className="secondary" onClick={() => mapHandle.current?.pickCentre()}>
              {t('location.pickCentre')}
            </button>
          </>
        )}
      </div>
    </div>
  );
}
