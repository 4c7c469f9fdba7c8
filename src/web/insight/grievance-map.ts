// The map of grievances, loaded with import() only when the dashboard's map is shown, so Leaflet never
// weighs on the other screens. Districts are shaded by how many grievances they received when the
// deployment has uploaded boundaries (a choropleth), and drawn as bubbles sized by it at their points
// otherwise; grievances with coordinates are small dots. Choosing a district (click, or Enter on its
// shape) opens the list behind it; the table beside the map says the same for a screen reader.
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

export interface GrievanceMapOptions {
  settings: MapSettings;
  places: MapPlace[];
  points: { reference: string; latitude: number; longitude: number }[];
  boundaries: { features: { properties: { placeId: number }; geometry: unknown }[] } | null;
  describe: (place: MapPlace) => string;
  onPick: (placeId: number) => void;
}

/** Shades from light to dark for a share of the largest count (colour-blind safe, sequential). */
const SHADES = ['#fee8c8', '#fdbb84', '#fc8d59', '#e34a33', '#b30000'];
const shade = (share: number) =>
  SHADES[Math.min(SHADES.length - 1, Math.floor(share * SHADES.length))] as string;

export function createGrievanceMap(element: HTMLElement, o: GrievanceMapOptions): { destroy(): void } {
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
  for (const p of o.points) {
    const at = L.latLng(p.latitude, p.longitude);
    L.circleMarker(at, { radius: 3, color: '#08306b', weight: 1, fillColor: '#2171b5', fillOpacity: 0.9 })
      .bindTooltip(p.reference)
      .addTo(map);
    bounds.extend(at);
  }
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 12 });
  else if (o.settings.bounds) {
    const { south, west, north, east } = o.settings.bounds;
    map.fitBounds([
      [south, west],
      [north, east],
    ]);
  } else map.setView([20, 0], 2);
  return { destroy: () => map.remove() };
}
