// The map of grievances, loaded with import() only when the dashboard's map is shown, so Leaflet never
// weighs on the other screens. Districts are shaded by how many grievances they received when the
// deployment has uploaded boundaries (a choropleth), and drawn as bubbles sized by it at their points
// otherwise; grievances with coordinates are small dots. Choosing a district (click, or Enter on its
// shape) opens the list behind it; the table beside the map says the same for a screen reader. Past 2,000
// grievances with coordinates the server gathers them into a grid by zoom (clusters with their count);
// choosing a cluster zooms to its cell, and every move of the map asks again for what is in view.
import 'leaflet/dist/leaflet.css';
import * as L from 'leaflet';
import './grievance-map.css';
import { type MapSettings, safeAttribution } from '../citizen/LocationMap.ts';

export interface MapPlace {
  id: number;
  label: string;
  latitude: number | null;
  longitude: number | null;
  received: number;
  pending: number;
}

export type MapPointItem = { reference: string; latitude: number; longitude: number };
export type MapClusterItem = {
  latitude: number;
  longitude: number;
  count: number;
  south: number;
  west: number;
  north: number;
  east: number;
};
export type MapView = { zoom: number; south: number; west: number; north: number; east: number };

export interface GrievanceMapOptions {
  settings: MapSettings;
  places: MapPlace[];
  points: MapPointItem[];
  clusters: MapClusterItem[];
  /** Says what a cluster holds (its tooltip and accessible name). */
  describeCluster: (count: number) => string;
  /** Called after each move or zoom of the map, with what is in view. */
  onView: (view: MapView) => void;
  boundaries: { features: { properties: { placeId: number }; geometry: unknown }[] } | null;
  describe: (place: MapPlace) => string;
  onPick: (placeId: number) => void;
}

/** Shades from light to dark for a share of the largest count (colour-blind safe, sequential). */
const SHADES = ['#fee8c8', '#fdbb84', '#fc8d59', '#e34a33', '#b30000'];
const shade = (share: number) =>
  SHADES[Math.min(SHADES.length - 1, Math.floor(share * SHADES.length))] as string;

export interface GrievanceMapHandle {
  destroy(): void;
  /** Redraws the grievances (points or clusters) for the view asked about. */
  showPoints(points: MapPointItem[], clusters: MapClusterItem[]): void;
}

export function createGrievanceMap(element: HTMLElement, o: GrievanceMapOptions): GrievanceMapHandle {
  const map = L.map(element, { keyboard: true });
  map.attributionControl.setPrefix(false);
  L.tileLayer(o.settings.tileUrl, {
    attribution: safeAttribution(o.settings.attribution),
    maxZoom: 19,
  }).addTo(map);
  const most = Math.max(1, ...o.places.map((p) => p.received));
  const byId = new Map(o.places.map((p) => [p.id, p]));
  const bounds = L.latLngBounds([]);
  const shaped = new Set<number>();

  for (const feature of o.boundaries?.features ?? []) {
    const place = byId.get(feature.properties.placeId);
    if (!place) continue;
    shaped.add(place.id);
    const layer = L.geoJSON(feature as never, {
      style: { color: '#5a1a00', weight: 1, fillColor: shade(place.received / most), fillOpacity: 0.75 },
    })
      .bindTooltip(o.describe(place))
      .on('click', () => o.onPick(place.id))
      .addTo(map);
    bounds.extend(layer.getBounds());
  }
  for (const place of o.places) {
    if (shaped.has(place.id) || place.latitude === null || place.longitude === null) continue;
    const at = L.latLng(place.latitude, place.longitude);
    L.circleMarker(at, {
      radius: 6 + 24 * Math.sqrt(place.received / most),
      color: '#7a1f00',
      weight: 1,
      fillColor: '#e34a33',
      fillOpacity: 0.55,
    })
      .bindTooltip(o.describe(place))
      .on('click', () => o.onPick(place.id))
      .addTo(map);
    bounds.extend(at);
  }
  const grievances = L.layerGroup().addTo(map);
  const biggest = (clusters: MapClusterItem[]) => Math.max(1, ...clusters.map((c) => c.count));
  const showPoints = (points: MapPointItem[], clusters: MapClusterItem[]) => {
    grievances.clearLayers();
    for (const p of points)
      L.circleMarker(L.latLng(p.latitude, p.longitude), {
        radius: 3,
        color: '#08306b',
        weight: 1,
        fillColor: '#2171b5',
        fillOpacity: 0.9,
      })
        .bindTooltip(p.reference)
        .addTo(grievances);
    const top = biggest(clusters);
    for (const c of clusters) {
      const size = Math.round(24 + 24 * Math.sqrt(c.count / top));
      L.marker(L.latLng(c.latitude, c.longitude), {
        title: o.describeCluster(c.count),
        alt: o.describeCluster(c.count),
        icon: L.divIcon({
          className: 'grievance-cluster',
          html: `<span>${c.count}</span>`,
          iconSize: [size, size],
        }),
      })
        .on('click', () =>
          map.fitBounds([
            [c.south, c.west],
            [c.north, c.east],
          ]),
        )
        .addTo(grievances);
    }
  };
  showPoints(o.points, o.clusters);
  for (const p of o.points) bounds.extend(L.latLng(p.latitude, p.longitude));
  for (const c of o.clusters) bounds.extend(L.latLng(c.latitude, c.longitude));
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 12 });
  else if (o.settings.bounds) {
    const { south, west, north, east } = o.settings.bounds;
    map.fitBounds([
      [south, west],
      [north, east],
    ]);
  } else map.setView([20, 0], 2);
  // Registered after the first fit, so only the user's moves ask again.
  map.on('moveend', () => {
    const b = map.getBounds();
    o.onView({
      zoom: map.getZoom(),
      south: Math.max(-90, b.getSouth()),
      west: Math.max(-180, b.getWest()),
      north: Math.min(90, b.getNorth()),
      east: Math.min(180, b.getEast()),
    });
  });
  return { destroy: () => map.remove(), showPoints };
}
