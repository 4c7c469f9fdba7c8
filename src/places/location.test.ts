// Places on the map: a representative point stored, returned and validated (both or neither), and the
// nearest place to a phone's location: the right village among several (also near a district border,
// where the nearest block belongs to the other district), never an inactive place or one without a
// point, the deepest level within reach, nothing outside the radius, and bad coordinates refused.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/api.ts';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import type { Database } from '../db/index.ts';
import { box, NEAREST_RADIUS_METRES } from './nearest.ts';

/** Great-circle distance in metres, computed here independently of the SQL. */
function haversine(a: [number, number], b: [number, number]) {
  const rad = Math.PI / 180;
  const dLat = (b[0] - a[0]) * rad;
  const dLon = (b[1] - a[1]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

/** The point `distance` metres from `from` on bearing `bearing` (radians). */
function destination(from: [number, number], bearing: number, distance: number): [number, number] {
  const rad = Math.PI / 180;
  const d = distance / 6_371_008.8;
  const lat1 = from[0] * rad;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(bearing));
  const lon2 =
    from[1] * rad +
    Math.atan2(
      Math.sin(bearing) * Math.sin(d) * Math.cos(lat1),
      Math.cos(d) - Math.sin(lat1) * Math.sin(lat2),
    );
  const lon = ((((lon2 / rad + 180) % 360) + 360) % 360) - 180;
  return [lat2 / rad, lon];
}

describe('the bounding box around a point', () => {
  it('holds every point within the radius, near the poles and across the antimeridian too', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -89.9, max: 89.9, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (lat, lon, bearing, share) => {
          const [pLat, pLon] = destination([lat, lon], bearing, share * NEAREST_RADIUS_METRES);
          const { south, north, west, east } = box({ latitude: lat, longitude: lon }, NEAREST_RADIUS_METRES);
          expect(pLat).toBeGreaterThanOrEqual(south);
          expect(pLat).toBeLessThanOrEqual(north);
          if (west === null || east === null) return;
          const inside = west <= east ? pLon >= west && pLon <= east : pLon >= west || pLon <= east;
          expect(inside, `${pLon} in [${west}, ${east}]`).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('is small: about 50 km across in central India', () => {
    const { south, north, west, east } = box({ latitude: 23.2, longitude: 77.4 }, NEAREST_RADIUS_METRES);
    expect(haversine([south, 77.4], [north, 77.4])).toBeCloseTo(50_000, -1);
    expect(haversine([23.2, west as number], [23.2, east as number])).toBeLessThan(50_500);
  });
});

describe.each(databases)('places on the map on $name', ({ open }) => {
  let database: Database;
  let app: TestApp;
  let api: Awaited<ReturnType<typeof startApi>>;
  const ids: Record<string, number> = {};
  const call = async (method: string, url: string, payload?: unknown) => {
    const res = await app.inject({
      method: method as 'GET',
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: res.statusCode, body: res.body ? res.json() : null };
  };
  const add = async (key: string, parent: string | null, at?: [number, number]) => {
    const res = await call('POST', '/api/places', {
      parentId: parent === null ? null : ids[parent],
      code: key,
      name: { en: key },
      ...(at ? { latitude: at[0], longitude: at[1] } : {}),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids[key] = res.body.id;
    return res.body;
  };
  const nearest = (at: [number, number]) =>
    call('GET', `/api/places/nearest?latitude=${at[0]}&longitude=${at[1]}`);

  // Two districts of a division west of Bhopal, their border between Phanda (A) and Sehore (B).
  const PHANDA: [number, number] = [23.23, 77.277];
  const SEHORE: [number, number] = [23.2, 77.08];
  const KHAJURI: [number, number] = [23.248, 77.283];
  const RATIBAD: [number, number] = [23.164, 77.334];
  const BILKISGANJ: [number, number] = [23.15, 77.17];
  const THUNA: [number, number] = [23.16, 77.02];
  const BERASIA: [number, number] = [23.634, 77.433];

  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
    app = api.app;
    await add('ST', null);
    await add('DV', 'ST', [23.2599, 77.4126]);
    await add('DA', 'DV', [23.2599, 77.4126]);
    await add('DB', 'DV', [23.2032, 77.0844]);
    await add('A-PHANDA', 'DA', PHANDA);
    await add('A-KHAJURI', 'A-PHANDA', KHAJURI);
    await add('A-RATIBAD', 'A-PHANDA', RATIBAD);
    await add('A-NOPOINT', 'A-PHANDA');
    await add('A-BERASIA', 'DA', BERASIA);
    await add('A-BERASIA-NOPOINT', 'A-BERASIA');
    await add('B-SEHORE', 'DB', SEHORE);
    await add('B-BILKISGANJ', 'B-SEHORE', BILKISGANJ);
    await add('B-THUNA', 'B-SEHORE', THUNA);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('stores a point with a place and returns it when read, listed and changed', async () => {
    const read = await call('GET', `/api/places/${ids['A-KHAJURI']}`);
    expect(read.body.place).toMatchObject({ code: 'A-KHAJURI', latitude: 23.248, longitude: 77.283 });
    expect(read.body.lineage.map((p: { latitude: number | null }) => p.latitude)).toEqual([
      null,
      23.2599,
      23.2599,
      23.23,
      23.248,
    ]);
    const listed = await call('GET', `/api/places?parentId=${ids['A-PHANDA']}`);
    expect(
      listed.body.items.map((p: { code: string; latitude: number | null; longitude: number | null }) => [
        p.code,
        p.latitude,
        p.longitude,
      ]),
    ).toEqual([
      ['A-KHAJURI', 23.248, 77.283],
      ['A-NOPOINT', null, null],
      ['A-RATIBAD', 23.164, 77.334],
    ]);

    const extra = await add('A-EXTRA', 'A-PHANDA', [23.2, 77.3]);
    expect(extra).toMatchObject({ latitude: 23.2, longitude: 77.3 });
    const moved = await call('PATCH', `/api/places/${extra.id}`, { latitude: 23.21, longitude: 77.31 });
    expect(moved.body).toMatchObject({ code: 'A-EXTRA', latitude: 23.21, longitude: 77.31 });
    // A change that does not mention the point leaves it alone.
    const renamed = await call('PATCH', `/api/places/${extra.id}`, { name: { en: 'Extra' } });
    expect(renamed.body).toMatchObject({ latitude: 23.21, longitude: 77.31 });
    const cleared = await call('PATCH', `/api/places/${extra.id}`, { latitude: null, longitude: null });
    expect(cleared.body).toMatchObject({ latitude: null, longitude: null });
    await call('PATCH', `/api/places/${extra.id}`, { active: false });
  });

  it('refuses half a point or one off the globe, naming the field, with nothing written', async () => {
    const cases: [string, string, object, string][] = [
      ['POST', '/api/places', { latitude: 23.2 }, 'longitude'],
      ['POST', '/api/places', { longitude: 77.2 }, 'latitude'],
      ['POST', '/api/places', { latitude: 23.2, longitude: null }, 'longitude'],
      ['POST', '/api/places', { latitude: 91, longitude: 77.2 }, 'latitude'],
      ['POST', '/api/places', { latitude: 23.2, longitude: -180.5 }, 'longitude'],
      ['PATCH', `/api/places/${ids['A-RATIBAD']}`, { latitude: 23.2 }, 'longitude'],
      ['PATCH', `/api/places/${ids['A-RATIBAD']}`, { latitude: null, longitude: 77.2 }, 'latitude'],
      ['PATCH', `/api/places/${ids['A-RATIBAD']}`, { longitude: 200, latitude: 23 }, 'longitude'],
    ];
    for (const [method, url, point, field] of cases) {
      const body =
        method === 'POST'
          ? { parentId: ids['A-PHANDA'], code: 'A-HALF', name: { en: 'Half' }, ...point }
          : point;
      const res = await call(method, url, body);
      expect(res.status, `${method} ${JSON.stringify(point)}`).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect((await call('GET', '/api/places?q=A-HALF')).body.total).toBe(0);
    const ratibad = await call('GET', `/api/places/${ids['A-RATIBAD']}`);
    expect(ratibad.body.place).toMatchObject({ latitude: 23.164, longitude: 77.334 });
  });

  it('finds the village a point is in, with its ancestors and the distance', async () => {
    const near = destination(RATIBAD, 0.7, 800);
    const res = await nearest(near);
    expect(res.status).toBe(200);
    expect(res.body.place).toMatchObject({ id: ids['A-RATIBAD'], code: 'A-RATIBAD', depth: 5 });
    expect(res.body.lineage.map((p: { code: string }) => p.code)).toEqual([
      'ST',
      'DV',
      'DA',
      'A-PHANDA',
      'A-RATIBAD',
    ]);
    expect(Math.abs(res.body.distanceMetres - 800)).toBeLessThanOrEqual(1);
    // The same answer as GET /api/places/{id}, plus the distance.
    const read = await call('GET', `/api/places/${ids['A-RATIBAD']}`);
    expect({ place: res.body.place, lineage: res.body.lineage }).toEqual(read.body);

    expect((await nearest(KHAJURI)).body).toMatchObject({ place: { code: 'A-KHAJURI' }, distanceMetres: 0 });
    expect((await nearest(THUNA)).body.place.code).toBe('B-THUNA');
    expect((await nearest([23.16, 77.06])).body.place.code).toBe('B-THUNA');
  });

  it('near a district border, answers the nearest village even when the nearest block is across it', async () => {
    const border: [number, number] = [23.17, 77.2];
    // The block headquarters nearest the point is Phanda, in district A...
    expect(haversine(border, PHANDA)).toBeLessThan(haversine(border, SEHORE));
    // ...but the village it is nearest to is Bilkisganj, in district B.
    const res = await nearest(border);
    expect(res.body.place.code).toBe('B-BILKISGANJ');
    expect(res.body.lineage.map((p: { code: string }) => p.code)).toEqual([
      'ST',
      'DV',
      'DB',
      'B-SEHORE',
      'B-BILKISGANJ',
    ]);
    expect(Math.abs(res.body.distanceMetres - haversine(border, BILKISGANJ))).toBeLessThanOrEqual(1);
  });

  it('prefers the deepest level: a village a little further away over the block headquarters underfoot', async () => {
    const res = await nearest(PHANDA);
    expect(res.body.place.code).toBe('A-KHAJURI');
    expect(Math.abs(res.body.distanceMetres - haversine(PHANDA, KHAJURI))).toBeLessThanOrEqual(1);
    // Where no village within reach has a point, the block is the best answer there is.
    const berasia = await nearest(destination(BERASIA, 2, 3000));
    expect(berasia.body.place.code).toBe('A-BERASIA');
    expect(berasia.body.lineage.map((p: { code: string }) => p.code)).toEqual([
      'ST',
      'DV',
      'DA',
      'A-BERASIA',
    ]);
  });

  it('ignores inactive places and places without a point', async () => {
    const border: [number, number] = [23.17, 77.2];
    const old = await add('B-OLD', 'B-SEHORE', destination(border, 1, 50));
    expect((await nearest(border)).body.place.code).toBe('B-OLD');
    await call('PATCH', `/api/places/${old.id}`, { active: false });
    expect((await nearest(border)).body.place.code).toBe('B-BILKISGANJ');
    // A point removed takes the place off the map.
    await call('PATCH', `/api/places/${ids['B-BILKISGANJ']}`, { latitude: null, longitude: null });
    expect((await nearest(border)).body.place.code).not.toBe('B-BILKISGANJ');
    await call('PATCH', `/api/places/${ids['B-BILKISGANJ']}`, {
      latitude: BILKISGANJ[0],
      longitude: BILKISGANJ[1],
    });
    expect((await nearest(border)).body.place.code).toBe('B-BILKISGANJ');
  });

  it('answers 404 for a point outside the area served, even one just beyond the radius', async () => {
    const jaipur = await nearest([26.9124, 75.7873]);
    expect(jaipur.status).toBe(404);
    expect(jaipur.body.code).toBe('not_found');
    expect(jaipur.body.message).toMatch(/within 25 km.*choose the place from the list/);
    // Due south of Ratibad, the southernmost point: 24.9 km is in, 25.1 km is out.
    expect((await nearest(destination(RATIBAD, Math.PI, 24_900))).body.place.code).toBe('A-RATIBAD');
    expect((await nearest(destination(RATIBAD, Math.PI, 25_100))).status).toBe(404);
    expect((await nearest([-33.8688, 151.2093])).status).toBe(404);
    expect((await nearest([89.99, -179.99])).status).toBe(404);
  });

  it('refuses coordinates that are missing, out of range or not numbers', async () => {
    for (const query of [
      'latitude=91&longitude=77',
      'latitude=-90.5&longitude=77',
      'latitude=23&longitude=180.01',
      'latitude=23&longitude=-181',
      'latitude=23',
      'longitude=77',
      '',
      'latitude=abc&longitude=77',
      'latitude=23&longitude=',
      'latitude=NaN&longitude=77',
      'latitude=Infinity&longitude=77',
      'latitude=1e309&longitude=77',
      'latitude=23,5&longitude=77',
      'latitude=23&longitude=77&radius=100000',
    ]) {
      const res = await call('GET', `/api/places/nearest?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.code, query).toBe('validation_failed');
      expect(res.body.message, query).toMatch(/latitude|longitude|radius|must/);
    }
  });

  it('is open to everyone, signed in or not', async () => {
    const res = await api.raw.inject({
      method: 'GET',
      url: `/api/places/nearest?latitude=${KHAJURI[0]}&longitude=${KHAJURI[1]}`,
    });
    expect(res.statusCode).toBe(200);
  });
});
