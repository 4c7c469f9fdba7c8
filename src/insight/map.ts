// The map of grievances by place: a period's figures per place at one level of the tree (districts),
// each with a point to draw a bubble at (the place's own, else the middle of the points under it), the
// boundaries when the deployment has uploaded them (a choropleth), and the grievances that carry
// coordinates as points. All through the viewer's read policy.
import { type Kysely, sql } from 'kysely';
import type { Principal } from '../access/principal.ts';
import type { DB, I18nText } from '../db/schema.ts';
import { invalid } from '../errors.ts';
import { readableBy } from '../grievances/index.ts';
import { checkDepth, flowFigures, pendingByAge } from './figures.ts';

export interface MapPlace {
  id: number;
  name: I18nText;
  latitude: number | null;
  longitude: number | null;
  received: number;
  resolved: number;
  pending: number;
  slaCompliance: number | null;
}

export interface MapPoint {
  reference: string;
  status: string;
  latitude: number;
  longitude: number;
}

/** A cell of the grid the points are gathered into when there are too many to draw one by one. */
export interface MapCluster {
  latitude: number;
  longitude: number;
  count: number;
  /** The cell, so that choosing the cluster can zoom to it. */
  south: number;
  west: number;
  north: number;
  east: number;
}

/** At most this many points one by one: beyond it a map is a smear, and they are clustered. */
export const MAX_POINTS = 2000;

export interface PointQuery {
  from: string;
  to: string;
  departmentId?: number;
  categoryId?: number;
  /** The map's zoom (0: the world on one 256-pixel tile): clusters are cells of 1/8 of a tile. */
  zoom?: number;
  /** The part of the world in view; all of it when absent. */
  south?: number;
  west?: number;
  north?: number;
  east?: number;
}

export type MapPoints = { points: MapPoint[]; clusters: MapCluster[] };

export async function grievanceMap(
  db: Kysely<DB>,
  principal: Principal,
  now: Date,
  q: PointQuery & { depth: number },
): Promise<{ places: MapPlace[] } & MapPoints> {
  await checkDepth(db, 'place', q.depth);
  const filter = { departmentId: q.departmentId, categoryId: q.categoryId };
  const [flows, stock, points] = await Promise.all([
    flowFigures(db, principal, { from: q.from, to: q.to, by: 'place', depth: q.depth, ...filter }),
    pendingByAge(db, principal, now, { by: 'place', depth: q.depth, ...filter }),
    mapPoints(db, principal, q),
  ]);
  const pending = new Map(stock.map((r) => [r.key, r.pending]));
  const keys = [...new Set([...flows.map((r) => r.key), ...stock.map((r) => r.key)])].filter(
    (k): k is string => k !== null,
  );
  const located = await locate(db, keys.map(Number));
  const places = keys.map((key) => {
    const f = flows.find((r) => r.key === key);
    const at = located.get(Number(key));
    return {
      id: Number(key),
      name: at?.name ?? {},
      latitude: at?.latitude ?? null,
      longitude: at?.longitude ?? null,
      received: f?.received ?? 0,
      resolved: f?.resolved ?? 0,
      pending: pending.get(key) ?? 0,
      slaCompliance: f?.slaCompliance ?? null,
    };
  });
  return {
    places: places.sort((a, b) => b.received - a.received || b.pending - a.pending),
    ...points,
  };
}

/** Each place's name and point: its own, else the mean of the points of the places under it. */
async function locate(db: Kysely<DB>, ids: number[]) {
  const found = new Map<number, { name: I18nText; latitude: number | null; longitude: number | null }>();
  if (!ids.length) return found;
  const rows = await db
    .selectFrom('places as p')
    .select([
      'p.id',
      'p.name',
      sql<
        number | null
      >`coalesce(p.latitude, (select avg(c.latitude) from places c where c.path like p.path || '%' and c.latitude is not null))`.as(
        'latitude',
      ),
      sql<
        number | null
      >`coalesce(p.longitude, (select avg(c.longitude) from places c where c.path like p.path || '%' and c.longitude is not null))`.as(
        'longitude',
      ),
    ])
    .where('p.id', 'in', ids)
    .execute();
  for (const r of rows)
    found.set(r.id, {
      name: r.name,
      latitude: r.latitude === null ? null : Number(r.latitude),
      longitude: r.longitude === null ? null : Number(r.longitude),
    });
  return found;
}

/**
 * The grievances received in the period that carry coordinates (in view, when a view is given): one by
 * one when there are at most MAX_POINTS, else gathered into a grid whose cells are an eighth of a map
 * tile at the zoom asked for (some 32 pixels), each drawn at the mean of its points with their count.
 * Zooming in narrows the view until the points in it are few enough to show one by one.
 */
export async function mapPoints(db: Kysely<DB>, principal: Principal, q: PointQuery): Promise<MapPoints> {
  const tz = (await db.selectFrom('insight_settings').select('time_zone').executeTakeFirstOrThrow())
    .time_zone;
  let query = db
    .selectFrom('grievances as g')
    .innerJoin('places as pl', 'pl.id', 'g.place_id')
    .where('g.created_at', '>=', sql<Date>`(${q.from}::date::timestamp at time zone ${tz})`)
    .where('g.created_at', '<', sql<Date>`((${q.to}::date + 1)::timestamp at time zone ${tz})`)
    .where('g.latitude', 'is not', null)
    .where(readableBy(principal));
  if (q.departmentId !== undefined) query = query.where('g.department_id', '=', q.departmentId);
  if (q.categoryId !== undefined) query = query.where('g.category_id', '=', q.categoryId);
  if (q.south !== undefined && q.north !== undefined)
    query = query.where('g.latitude', '>=', q.south).where('g.latitude', '<=', q.north);
  const { west, east } = q;
  if (west !== undefined && east !== undefined)
    query =
      west <= east
        ? query.where('g.longitude', '>=', west).where('g.longitude', '<=', east)
        : // A view across the antimeridian.
          query.where((eb) => eb.or([eb('g.longitude', '>=', west), eb('g.longitude', '<=', east)]));
  const rows = await query
    .select(['g.reference', 'g.status', 'g.latitude', 'g.longitude'])
    .orderBy('g.created_at', 'desc')
    .limit(MAX_POINTS + 1)
    .execute();
  if (rows.length <= MAX_POINTS)
    return {
      points: rows.map((r) => ({
        reference: r.reference,
        status: r.status,
        latitude: Number(r.latitude),
        longitude: Number(r.longitude),
      })),
      clusters: [],
    };
  const cell = 360 / 2 ** Math.min(Math.max(Math.trunc(q.zoom ?? 6), 0), 22) / 8;
  // Literals, not parameters: GROUP BY must see the very same expressions as the select list.
  const x = sql<number>`floor(g.longitude / ${sql.lit(cell)}::float8)`;
  const y = sql<number>`floor(g.latitude / ${sql.lit(cell)}::float8)`;
  const cells = await query
    .select([
      x.as('x'),
      y.as('y'),
      sql<number>`count(*)`.as('count'),
      sql<number>`avg(g.latitude)`.as('latitude'),
      sql<number>`avg(g.longitude)`.as('longitude'),
    ])
    .groupBy([x, y])
    .orderBy(sql`count(*)`, 'desc')
    .limit(MAX_POINTS)
    .execute();
  return {
    points: [],
    clusters: cells.map((c) => ({
      latitude: Number(c.latitude),
      longitude: Number(c.longitude),
      count: Number(c.count),
      south: Number(c.y) * cell,
      west: Number(c.x) * cell,
      north: (Number(c.y) + 1) * cell,
      east: (Number(c.x) + 1) * cell,
    })),
  };
}

type Geometry = { type: string; coordinates?: unknown; geometries?: unknown };
type Feature = { type: 'Feature'; geometry: Geometry | null; properties?: Record<string, unknown> | null };

const GEOMETRIES = ['Polygon', 'MultiPolygon'];

/**
 * Stores the boundaries of an uploaded GeoJSON FeatureCollection: each feature's `code` property (or
 * `placeCode`) names the place. Says which codes matched no place; a feature that is not a polygon is
 * refused rather than drawn wrong.
 */
export async function saveBoundaries(
  db: Kysely<DB>,
  now: Date,
  collection: { features: Feature[] },
  /** Only places at this level of the tree match (the others are named as unmatched). */
  depth?: number,
) {
  const byCode = new Map<string, Geometry>();
  for (const [i, f] of collection.features.entries()) {
    const code = f.properties?.code ?? f.properties?.placeCode;
    if (typeof code !== 'string' || !code)
      throw invalid(
        `features[${i}].properties.code`,
        'each feature names its place by code',
        'boundary_code_missing',
      );
    if (!f.geometry || !GEOMETRIES.includes(f.geometry.type) || !Array.isArray(f.geometry.coordinates))
      throw invalid(
        `features[${i}].geometry`,
        'a boundary is a Polygon or MultiPolygon',
        'boundary_not_polygon',
      );
    byCode.set(code, f.geometry);
  }
  const places = byCode.size
    ? await db
        .selectFrom('places')
        .select(['id', 'code'])
        .where('code', 'in', [...byCode.keys()])
        .$if(depth !== undefined, (q) => q.where('depth', '=', depth as number))
        .execute()
    : [];
  const known = new Map(places.map((p) => [p.code, p.id]));
  for (const [code, geometry] of byCode) {
    const placeId = known.get(code);
    if (placeId === undefined) continue;
    await db
      .insertInto('insight_boundaries')
      .values({ place_id: placeId, geometry: JSON.stringify(geometry), updated_at: now })
      .onConflict((oc) =>
        oc.column('place_id').doUpdateSet({ geometry: JSON.stringify(geometry), updated_at: now }),
      )
      .execute();
  }
  return { matched: known.size, unmatched: [...byCode.keys()].filter((c) => !known.has(c)) };
}

/** The boundaries of the places at one level, as a FeatureCollection (properties: placeId, code, name). */
export async function boundaries(db: Kysely<DB>, depth: number) {
  const rows = await db
    .selectFrom('insight_boundaries as b')
    .innerJoin('places as p', 'p.id', 'b.place_id')
    .select(['p.id', 'p.code', 'p.name', 'b.geometry'])
    .where('p.depth', '=', depth)
    .orderBy('p.id')
    .execute();
  return {
    type: 'FeatureCollection' as const,
    features: rows.map((r) => ({
      type: 'Feature' as const,
      properties: { placeId: r.id, code: r.code, name: r.name },
      geometry: r.geometry,
    })),
  };
}
