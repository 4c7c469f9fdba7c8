// The public settings the web app reads before anyone signs in (the map's tiles, credit and area), and
// the browser policy that lets exactly the configured tile server's images in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildApp } from '../app.ts';
import { DEFAULT_MAP, readConfig, tileSource } from '../config.ts';
import type { Database } from '../db/index.ts';
import { createPlace } from '../places/index.ts';

describe('the tile server in the browser policy', () => {
  it('names the scheme and host of the tile URL, with a wildcard for a {s} subdomain', () => {
    expect(tileSource(DEFAULT_MAP.tileUrl)).toBe('https://tile.openstreetmap.org');
    expect(tileSource('https://{s}.tile.example.org/osm/{z}/{x}/{y}.png')).toBe('https://*.tile.example.org');
    expect(tileSource('https://maps-{s}.gis.mp.gov.in:8443/tiles/{z}/{x}/{y}.png?key=abc')).toBe(
      'https://*.gis.mp.gov.in:8443',
    );
    expect(tileSource('HTTPS://Tiles.Example.ORG/{z}/{x}/{y}.png')).toBe('https://tiles.example.org');
    // Tiles from this server need nothing beyond 'self'.
    expect(tileSource('/tiles/{z}/{x}/{y}.png')).toBeNull();
  });

  it('refuses at start a URL the map cannot use or the policy cannot name', () => {
    for (const url of [
      'https://tile.example.org/tiles.png',
      'ftp://tile.example.org/{z}/{x}/{y}.png',
      '//tile.example.org/{z}/{x}/{y}.png',
      "https://tile.example.org'; script-src *; x='/{z}/{x}/{y}.png",
      'https://{s}/{z}/{x}/{y}.png',
      'javascript:alert(1)//{z}/{x}/{y}',
    ]) {
      expect(() => tileSource(url), url).toThrow(/MAP_TILE_URL/);
    }
    expect(() => readConfig({ MAP_TILE_URL: 'https://example.org/no-placeholders.png' })).toThrow(
      /MAP_TILE_URL must contain/,
    );
  });

  it('reads MAP_TILE_URL and MAP_ATTRIBUTION, defaulting to OpenStreetMap', () => {
    expect(readConfig({}).map).toEqual(DEFAULT_MAP);
    expect(
      readConfig({
        MAP_TILE_URL: 'https://tiles.example.org/{z}/{x}/{y}.png',
        MAP_ATTRIBUTION: 'Survey of India',
      }).map,
    ).toEqual({ tileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png', attribution: 'Survey of India' });
  });
});

describe.each(databases)('public settings on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
  });
  afterAll(async () => {
    await api?.app.close();
    await database?.close();
  });

  it('gives anyone the map tiles, credit and the box around the places with points', async () => {
    const empty = await api.raw.inject({ url: '/api/settings' });
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({ map: { ...DEFAULT_MAP, bounds: null } });
    expect(empty.headers['cache-control']).toBe('public, max-age=300');
    expect(empty.headers['content-security-policy']).toMatch(
      /img-src 'self' data: blob: https:\/\/tile\.openstreetmap\.org;/,
    );

    const { db } = database;
    const state = await createPlace(db, { parentId: null, code: 'S', name: { en: 'State' } });
    const a = await createPlace(db, {
      parentId: state.id,
      code: 'A',
      name: { en: 'A' },
      latitude: 21.8,
      longitude: 75.6,
    });
    await createPlace(db, { parentId: a.id, code: 'B', name: { en: 'B' }, latitude: 26.2, longitude: 78.2 });
    await createPlace(db, { parentId: a.id, code: 'C', name: { en: 'C' }, latitude: 23.2, longitude: 80.4 });
    const settings = await api.raw.inject({ url: '/api/settings' });
    expect(settings.json().map.bounds).toEqual({ south: 21.8, west: 75.6, north: 26.2, east: 80.4 });
  });

  it('serves the configured tiles and lets only their host into the image policy', async () => {
    const app = await buildApp(api.deps, {
      rateLimit: false,
      listen: database.listen,
      map: { tileUrl: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png', attribution: 'Tiles: Example' },
    });
    try {
      const res = await app.inject({ url: '/api/settings' });
      expect(res.json().map).toMatchObject({
        tileUrl: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png',
        attribution: 'Tiles: Example',
      });
      const csp = res.headers['content-security-policy'] as string;
      expect(csp).toMatch(/img-src 'self' data: blob: https:\/\/\*\.tiles\.example\.org;/);
      expect(csp).not.toContain('openstreetmap');
      expect(csp).toMatch(/connect-src 'self'(;|$)/);
    } finally {
      await app.close();
    }
  });
});
