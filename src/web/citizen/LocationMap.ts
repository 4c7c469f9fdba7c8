// The map behind "Choose on the map", loaded only when a citizen opens it (LocationPicker imports this
// module with import()), so Leaflet and its CSS never weigh on the first page a cheap phone loads.
//
// Works without tiles (no network, or a tile server that is down): the map is then a grey plane, but
// a tap still places the marker and finds the place, and the lists stay beside it. The marker image is
// bundled (Vite turns the imports into data: URLs or files on our own origin), never fetched from a
// CDN, so it loads under the app's Content-Security-Policy.
import 'leaflet/dist/leaflet.css';
import * as L from 'leaflet';
import iconUrl from 'leaflet/dist/images/marker-icon.png';
import iconRetinaUrl from 'leaflet/dist/images/marker-icon-2x.png';
import shadowUrl from 'leaflet/dist/images/marker-shadow.png';

export interface MapSettings {
  tileUrl: string;
  attribution: string;
  bounds: { south: number; west: number; north: number; east: number } | null;
}

export interface MapOptions {
  settings: MapSettings;
  /** Where to open with the marker already set (the last point found), else the area served. */
  start: { latitude: number; longitude: number } | null;
  labels: { marker: string; zoomIn: string; zoomOut: string };
  /** The citizen chose a point: by a tap or click, by dragging the marker, or Enter on the map. */
  onPick: (latitude: number, longitude: number) => void;
}

export interface MapHandle {
  /** Moves the marker (and the view to it) without reporting a pick: the point came from elsewhere. */
  show(latitude: number, longitude: number): void;
  /** Chooses the middle of the current view, as a tap there would. */
  pickCentre(): void;
  destroy(): void;
}

const icon = L.icon({
  iconUrl,
  iconRetinaUrl,
  shadowUrl,
  iconSize: [25, 41],
  iconAnchor: [12, 41],
  shadowSize: [41, 41],
});

export function createMap(element: HTMLElement, options: MapOptions): MapHandle {
  const { settings, start, labels, onPick } = options;
  const map = L.map(element, { zoomControl: false, keyboard: true });
  L.control.zoom({ zoomInTitle: labels.zoomIn, zoomOutTitle: labels.zoomOut }).addTo(map);
  map.attributionControl.setPrefix(false);
  L.tileLayer(settings.tileUrl, {
    attribution: safeAttribution(settings.attribution),
    maxZoom: 19,
  }).addTo(map);

  let marker: L.Marker | null = null;
  const place = (latlng: L.LatLngExpression) => {
    if (marker) {
      marker.setLatLng(latlng);
      return;
    }
    marker = L.marker(latlng, {
      icon,
      draggable: true,
      keyboard: true,
      alt: labels.marker,
      title: labels.marker,
    });
    marker.on('dragend', () => {
      const at = (marker as L.Marker).getLatLng();
      onPick(at.lat, at.lng);
    });
    marker.addTo(map);
  };
  const pick = (latlng: L.LatLng) => {
    const at = latlng.wrap();
    place(at);
    onPick(at.lat, at.lng);
  };

  if (start) {
    map.setView([start.latitude, start.longitude], 15);
    place([start.latitude, start.longitude]);
  } else if (settings.bounds) {
    const { south, west, north, east } = settings.bounds;
    map.fitBounds([
      [south, west],
      [north, east],
    ]);
  } else {
    map.setView([20, 0], 2);
  }

  map.on('click', (e: L.LeafletMouseEvent) => pick(e.latlng));
  // The keyboard way: arrows move the map and +/- zoom (Leaflet's own); Enter or Space on the map
  // chooses its middle. Keys on the zoom buttons or the marker are theirs.
  const onKey = (event: KeyboardEvent) => {
    if (event.target !== element || (event.key !== 'Enter' && event.key !== ' ')) return;
    event.preventDefault();
    pick(map.getCenter());
  };
  element.addEventListener('keydown', onKey);

  return {
    show(latitude, longitude) {
      place([latitude, longitude]);
      map.setView([latitude, longitude], Math.max(map.getZoom(), 14));
    },
    pickCentre() {
      pick(map.getCenter());
    },
    destroy() {
      element.removeEventListener('keydown', onKey);
      map.remove();
    },
  };
}

/**
 * The configured credit as HTML for Leaflet, keeping only text and http(s) links. It comes from the
 * server's configuration, not from users, but the map puts it into the page as HTML, so nothing else
 * (no attributes, no scripts, no images) gets through even if the setting were wrong.
 */
export function safeAttribution(html: string): string {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const esc = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const walk = (node: Node): string => {
    if (node.nodeType === Node.TEXT_NODE) return esc(node.textContent ?? '');
    if (node.nodeType !== Node.ELEMENT_NODE) return '';
    const inner = Array.from(node.childNodes).map(walk).join('');
    const element = node as Element;
    const href = element.getAttribute('href') ?? '';
    if (element.tagName === 'A' && /^https?:\/\//i.test(href)) {
      return `<a href="${esc(href)}" target="_blank" rel="noopener noreferrer">${inner}</a>`;
    }
    return inner;
  };
  return Array.from(doc.body.childNodes).map(walk).join('');
}
