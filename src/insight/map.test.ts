// The map of grievances: per district, with a point to draw it at (the district's own, or the middle of
// the points under it), the grievances with coordinates, uploaded boundaries matched by place code, and
// all of it through the viewer's read policy.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { apiCaller, type Caller } from '../../test/principals.ts';
import type { Database } from '../db/index.ts';
import { transition } from '../grievances/index.ts';

describe.each(databases)('map of grievances on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  let d: Deployment;
  let supervisor: Caller;
  let monitorB: Caller;
  let admin: Caller;
  const pinned: string[] = [];

  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
    d = await buildDeployment(api.deps);
    supervisor = await apiCaller(database, api.clock, 'supervisor', [{ role: 'supervisor' }]);
    admin = await apiCaller(database, api.clock, 'admin', [{ role: 'admin' }]);
    monitorB = await apiCaller(database, api.clock, 'monitor', [
      { role: 'monitor', placeId: d.otherDistrict.id },
    ]);
    // District A has no point of its own; its block and village do. District B has its own.
    await database.db
      .updateTable('places')
      .set({ latitude: 24.0, longitude: 77.0 })
      .where('id', '=', d.block.id)
      .execute();
    await database.db
      .updateTable('places')
      .set({ latitude: 24.2, longitude: 77.4 })
      .where('id', '=', d.village.id)
      .execute();
    await database.db
      .updateTable('places')
      .set({ latitude: 23.2, longitude: 77.1 })
      .where('id', '=', d.otherDistrict.id)
      .execute();
    const a = await buildGrievance(api.deps, d, { latitude: 24.21, longitude: 77.41 });
    pinned.push(a.reference);
    await buildGrievance(api.deps, d, { citizen: { phone: '+919800011111' } });
    pinned.push(
      (
        await buildGrievance(api.deps, d, {
          placeId: d.otherDistrict.id,
          latitude: 23.25,
          longitude: 77.15,
          citizen: { phone: '+919800022222' },
        })
      ).reference,
    );
    await transition(
      database.db,
      api.clock,
      a.reference,
      { type: 'resolve', note: 'Done' },
      { kind: 'system', id: null },
    );
  }, 300_000);
  afterAll(async () => {
    await api?.app.close();
    await database?.close();
  });

  const map = async (caller: Caller) => {
    const res = await api.raw.inject({
      url: '/api/insight/map?from=2026-03-01&to=2026-03-31&depth=3',
      headers: caller.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('gives each district its figures and a point, and the grievances with coordinates', async () => {
    const m = await map(supervisor);
    expect(m.places).toEqual([
      {
        id: d.district.id,
        name: d.district.name,
        latitude: expect.closeTo(24.1, 6),
        longitude: expect.closeTo(77.2, 6),
        received: 2,
        resolved: 1,
        pending: 1,
        slaCompliance: 1,
      },
      {
        id: d.otherDistrict.id,
        name: d.otherDistrict.name,
        latitude: 23.2,
        longitude: 77.1,
        received: 1,
        resolved: 0,
        pending: 1,
        slaCompliance: null,
      },
    ]);
    expect(m.points.map((p: { reference: string }) => p.reference).sort()).toEqual([...pinned].sort());
    expect(m.clusters).toEqual([]);
  });

  it("shows a district monitor their district's map only", async () => {
    const m = await map(monitorB);
    expect(m.places.map((p: { id: number }) => p.id)).toEqual([d.otherDistrict.id]);
    expect(m.points).toEqual([
      { reference: pinned[1], status: 'registered', latitude: 23.25, longitude: 77.15 },
    ]);
  });

  it('keeps uploaded boundaries by place code, and says which codes matched nothing', async () => {
    const square = (x: number, y: number) => ({
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + 1, y],
          [x + 1, y + 1],
          [x, y + 1],
          [x, y],
        ],
      ],
    });
    const put = await api.raw.inject({
      method: 'PUT',
      url: '/api/insight/boundaries',
      headers: admin.headers,
      payload: {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { code: d.district.code }, geometry: square(76.5, 23.5) },
          { type: 'Feature', properties: { code: d.otherDistrict.code }, geometry: square(76.5, 22.5) },
          { type: 'Feature', properties: { code: 'NOWHERE' }, geometry: square(0, 0) },
        ],
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual({ matched: 2, unmatched: ['NOWHERE'] });
    const got = await api.raw.inject({ url: '/api/insight/boundaries?depth=3', headers: supervisor.headers });
    const features = got.json().features;
    expect(features.map((f: { properties: { placeId: number } }) => f.properties.placeId)).toEqual([
      d.district.id,
      d.otherDistrict.id,
    ]);
    expect(features[0].geometry).toEqual(square(76.5, 23.5));
    const bad = await api.raw.inject({
      method: 'PUT',
      url: '/api/insight/boundaries',
      headers: admin.headers,
      payload: {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { code: 'X' }, geometry: { type: 'Point', coordinates: [1, 2] } },
        ],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      details: [{ field: 'features[0].geometry', code: 'boundary_not_polygon' }],
    });
    const nameless = await api.raw.inject({
      method: 'PUT',
      url: '/api/insight/boundaries',
      headers: admin.headers,
      payload: {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: {}, geometry: square(0, 0) }],
      },
    });
    expect(nameless.json()).toMatchObject({ details: [{ code: 'boundary_code_missing' }] });
    // Uploaded for one level: a district's code matches, a block's (another level) does not.
    const level = await api.raw.inject({
      method: 'PUT',
      url: `/api/insight/boundaries?depth=${d.district.depth}`,
      headers: admin.headers,
      payload: {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { code: d.district.code }, geometry: square(76.5, 23.5) },
          { type: 'Feature', properties: { code: d.block.code }, geometry: square(76.6, 23.6) },
        ],
      },
    });
    expect(level.json()).toEqual({ matched: 1, unmatched: [d.block.code] });
  });

  it('clusters the points past 2,000 in a grid by zoom, and shows them one by one when zoomed in', async () => {
    // 2,100 grievances in district B with coordinates: 1,500 around one spot, 600 around another some
    // 40 km away (made in one statement; a copy of B's pinned grievance, each with its own reference).
    const spot = (n: number, lat: number, lon: number, from: number) => sql`
      insert into grievances (reference, citizen_id, channel, category_id, department_id, place_id, subject,
        description, language, latitude, longitude, status, position_id, level, due_at, created_at, updated_at)
      select 'CL-' || (${from}::int + i), citizen_id, channel, category_id, department_id, place_id, subject,
        description, language, ${lat}::float8 + (i % 30) * 0.0001, ${lon}::float8 + (i / 30) * 0.0001, status,
        position_id, level, due_at, created_at, updated_at
      from grievances, generate_series(1, ${n}::int) i where reference = ${pinned[1]}`;
    await spot(1500, 23.3, 77.2, 0).execute(database.db);
    await spot(600, 23.6, 77.5, 10_000).execute(database.db);
    const at = async (query: string) => {
      const res = await api.raw.inject({
        url: `/api/insight/map/points?from=2026-03-01&to=2026-03-31&${query}`,
        headers: supervisor.headers,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as {
        points: { reference: string }[];
        clusters: {
          count: number;
          latitude: number;
          south: number;
          north: number;
          west: number;
          east: number;
        }[];
      };
    };
    // Zoom 6: cells of 360 / 64 / 8 = 0.703125 degrees. The two spots fall in two cells; the pinned
    // grievance in B (23.25, 77.15) shares the first spot's cell, A's (24.21, 77.41) has its own.
    const wide = await at('zoom=6');
    expect(wide.points).toEqual([]);
    expect(wide.clusters.map((c) => c.count).sort((a, b) => b - a)).toEqual([1501, 600, 1]);
    expect(wide.clusters.reduce((n, c) => n + c.count, 0)).toBe(2102);
    for (const c of wide.clusters) {
      expect(c.latitude).toBeGreaterThanOrEqual(c.south);
      expect(c.latitude).toBeLessThan(c.north);
      expect(c.north - c.south).toBeCloseTo(0.703125, 9);
    }
    // The map's first answer clusters the same way.
    const whole = await api.raw.inject({
      url: '/api/insight/map?from=2026-03-01&to=2026-03-31&depth=3&zoom=6',
      headers: supervisor.headers,
    });
    expect(whole.json().clusters).toEqual(wide.clusters);
    // Zoomed in on the second spot: 600 in view, shown one by one.
    const near = await at('zoom=12&south=23.55&north=23.65&west=77.45&east=77.55');
    expect(near.clusters).toEqual([]);
    expect(near.points).toHaveLength(600);
    // A district monitor of A sees A's one grievance, unclustered: the read policy first.
    const monitorA = await apiCaller(database, api.clock, 'monitorA', [
      { role: 'monitor', placeId: d.district.id },
    ]);
    const theirs = await api.raw.inject({
      url: '/api/insight/map/points?from=2026-03-01&to=2026-03-31&zoom=6',
      headers: monitorA.headers,
    });
    expect(theirs.json()).toEqual({
      points: [expect.objectContaining({ reference: pinned[0] })],
      clusters: [],
    });
  });
});
