// Loading what the admin screens need by id or in full: places are cached for the session (their names
// rarely change, and a list of positions or rules names the same few places many times over).
import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import type { Page, Place, PlaceLevel } from './types.ts';

const places = new Map<number, Promise<Place>>();

export function placeById(id: number): Promise<Place> {
  let found = places.get(id);
  if (!found) {
    found = api<{ place: Place }>('GET', `/api/places/${id}`).then((r) => r.place);
    found.catch(() => places.delete(id)); // a failed lookup is tried again next time
    places.set(id, found);
  }
  return found;
}

/** After a rename, the next lookup reads the new name. */
export function forgetPlace(id: number) {
  places.delete(id);
}

/** The places with these ids, once loaded (missing ones are simply absent). */
export function usePlaces(ids: number[]): Map<number, Place> {
  const [found, setFound] = useState(new Map<number, Place>());
  const key = [...new Set(ids)].sort((a, b) => a - b).join(',');
  useEffect(() => {
    let live = true;
    const wanted = key ? key.split(',').map(Number) : [];
    Promise.all(wanted.map((id) => placeById(id).catch(() => null))).then((rows) => {
      if (live) setFound(new Map(rows.filter((p): p is Place => p !== null).map((p) => [p.id, p])));
    });
    return () => {
      live = false;
    };
  }, [key]);
  return found;
}

let levels: Promise<PlaceLevel[]> | null = null;
export function placeLevels(): Promise<PlaceLevel[]> {
  levels ??= api<PlaceLevel[]>('GET', '/api/place-levels');
  levels.catch(() => {
    levels = null;
  });
  return levels;
}
export function forgetPlaceLevels() {
  levels = null;
}

/** Every row of a paged list (200 at a time), up to `cap`: for pickers that must offer all choices. */
export async function fetchAll<T>(url: string, cap = 2000): Promise<T[]> {
  const items: T[] = [];
  const join = url.includes('?') ? '&' : '?';
  for (let offset = 0; offset < cap; offset += 200) {
    const page = await api<Page<T>>('GET', `${url}${join}limit=200&offset=${offset}`);
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) break;
  }
  return items;
}

/** A page of the officers whose name contains `q` (of all of them, when it is blank). */
export function officersUrl(q: string, limit: number, offset = 0) {
  const query = q.trim() ? `q=${encodeURIComponent(q.trim())}&` : '';
  return `/api/officers?${query}limit=${limit}&offset=${offset}`;
}
