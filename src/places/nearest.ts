// The place a point on the map falls in, for a citizen who shares their phone's location or taps a map:
// the nearest active place with a point, at the deepest level that has one within reach (a village or
// ward, where those are pinned), with its ancestors.
//
// Why plain SQL and not PostGIS: the same query must run on the embedded PGlite and on any PostgreSQL
// a state data centre gives us, and neither may be assumed to have PostGIS. A jurisdiction tree is
// small (a large state has tens of thousands of villages) and each place is one representative point,
// so no polygons and no spatial index are needed:
//   1. a bounding box around the point, as ranges on latitude and longitude, which the partial b-tree
//      index places_location (latitude, longitude) answers: it keeps a few dozen rows out of thousands;
//   2. the exact great-circle distance (haversine) of those few, ordered in SQL.
// The box is computed so it always contains the whole circle (see `box`), so the prefilter never loses
// a place the distance check would have kept.
//
// Why a radius at all: "nearest" always finds something, and an address outside the deployment (a
// citizen travelling, a phone reporting a wrong fix, a tap on the wrong state) must not be pinned to
// the closest village 300 km away and routed to an officer who has nothing to do with it. 25 km is
// larger than the gap between neighbouring village points anywhere we deploy, and small enough that a
// point outside the state's border by more than a short ride gets "we could not place you; choose from
// the list". Points are approximate (a representative point, not a boundary), so a citizen near a
// border may be offered the neighbouring village: the picker shows the chain it found for them to check.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { invalid, refusal } from '../errors.ts';
import { type Place, type Point, placeLineage } from './places.ts';

/** Beyond this, a point is outside the deployment rather than near one of its places. */
export const NEAREST_RADIUS_METRES = 25_000;
/** Mean radius of the Earth (IUGG), in metres. */
const EARTH_RADIUS_METRES = 6_371_008.8;

export interface NearestPlace {
  place: Place;
  /** The place and its ancestors, root first (as GET /api/places/{id}). */
  lineage: Place[];
  distanceMetres: number;
}

export async function nearestPlace(
  db: Kysely<DB>,
  point: Point,
  radiusMetres = NEAREST_RADIUS_METRES,
): Promise<NearestPlace> {
  // The route's schema checks the ranges, but lets "Infinity" through as a number.
  if (!(Math.abs(point.latitude) <= 90))
    throw invalid('latitude', 'must be a number from -90 to 90', 'out_of_range');
  if (!(Math.abs(point.longitude) <= 180))
    throw invalid('longitude', 'must be a number from -180 to 180', 'out_of_range');
  const { south, north, west, east } = box(point, radiusMetres);
  const lat = sql`${point.latitude}::double precision`;
  const lon = sql`${point.longitude}::double precision`;
  // Haversine; `least(1, ...)` keeps rounding from taking asin out of its domain for antipodes.
  const distance = sql<number>`2 * ${EARTH_RADIUS_METRES}::double precision * asin(sqrt(least(1,
    power(sin(radians(latitude - ${lat}) / 2), 2)
    + cos(radians(${lat})) * cos(radians(latitude)) * power(sin(radians(longitude - ${lon}) / 2), 2))))`;

  const candidates = db
    .selectFrom('places')
    .select(['id', 'depth', distance.as('distance')])
    .where('active', '=', true)
    .where('latitude', '>=', south)
    .where('latitude', '<=', north)
    .where((eb) => {
      if (west === null || east === null) return eb.lit(true);
      // Across the antimeridian the box is two ranges: [west, 180] and [-180, east].
      return west <= east
        ? eb.and([eb('longitude', '>=', west), eb('longitude', '<=', east)])
        : eb.or([eb('longitude', '>=', west), eb('longitude', '<=', east)]);
    })
    .as('c');
  const best = await db
    .selectFrom(candidates)
    .select(['c.id', 'c.distance'])
    .where('c.distance', '<=', radiusMetres)
    .orderBy('c.depth', 'desc')
    .orderBy('c.distance')
    .orderBy('c.id')
    .limit(1)
    .executeTakeFirst();
  if (!best) {
    throw refusal(
      'not_found',
      'place_outside_area',
      `no place served here lies within ${radiusMetres / 1000} km of that point; choose the place from the list instead`,
    );
  }
  const lineage = await placeLineage(db, best.id);
  return {
    place: lineage[lineage.length - 1] as Place,
    lineage,
    distanceMetres: Math.round(Number(best.distance)),
  };
}

/**
 * The smallest latitude/longitude box holding every point within `radius` metres of `point`. The
 * longitude half-width widens towards the poles: asin(sin(d) / cos(latitude)) for an angular radius
 * d is the widest the circle gets, not merely its width at the centre's latitude. When the circle
 * holds a pole, every longitude is in (west and east null); across the antimeridian west > east.
 */
export function box(point: Point, radius: number) {
  const d = radius / EARTH_RADIUS_METRES; // angular radius, radians
  const deg = 180 / Math.PI;
  const south = point.latitude - d * deg;
  const north = point.latitude + d * deg;
  if (south <= -90 || north >= 90) {
    return { south: Math.max(south, -90), north: Math.min(north, 90), west: null, east: null };
  }
  const half = Math.asin(Math.min(1, Math.sin(d) / Math.cos(point.latitude / deg))) * deg;
  const wrap = (lon: number) => (lon < -180 ? lon + 360 : lon > 180 ? lon - 360 : lon);
  return { south, north, west: wrap(point.longitude - half), east: wrap(point.longitude + half) };
}
