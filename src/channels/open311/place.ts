// Where a service request is: our place in the jurisdiction tree, found the way the portal and
// WhatsApp find it. A point (lat/long) goes to the nearest place (places/nearest.ts: the deepest one
// within 25 km); an address_id is one of our place codes (a city's address register can carry them);
// an address_string is matched against place names, in any language, part by part ("Near the school,
// Kachnariya, Biaora"): the deepest place one of its parts names exactly. What the client typed is kept
// as the grievance's address either way, for the officer.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError, invalid } from '../../errors.ts';
import { nearestPlace } from '../../places/index.ts';

export interface Located {
  placeId: number;
  placePath: string;
  latitude: number | null;
  longitude: number | null;
  address: string | null;
}

export interface Where {
  lat?: string;
  long?: string;
  address_string?: string;
  address_id?: string;
}

export async function locate(db: Kysely<DB>, where: Where): Promise<Located> {
  const address = where.address_string?.trim().slice(0, 500) || null;
  const point = pointOf(where.lat, where.long);
  if (point) {
    const near = await nearestPlace(db, point).catch((error) => {
      // Outside the area is the request's problem (400), not a missing resource.
      if (error instanceof AppError && error.code === 'not_found')
        throw new AppError('validation_failed', error.message, error.details);
      throw error;
    });
    return { placeId: near.place.id, placePath: near.place.path, ...point, address };
  }
  const code = where.address_id?.trim();
  if (code) {
    const place = await db
      .selectFrom('places')
      .select(['id', 'path'])
      .where('code', '=', code)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!place) throw invalid('address_id', `no place has the code ${code}`, 'address_unknown');
    return { placeId: place.id, placePath: place.path, latitude: null, longitude: null, address };
  }
  if (address) {
    const place = await placeNamedIn(db, address);
    if (!place)
      throw invalid(
        'address_string',
        'no place we serve is named in the address; send lat and long, or an address_id',
        'address_unknown',
      );
    return { placeId: place.id, placePath: place.path, latitude: null, longitude: null, address };
  }
  throw new AppError('validation_failed', 'give the location: lat and long, address_string or address_id', [
    { field: 'lat', message: 'a location is required', code: 'location_required' },
  ]);
}

/** The point given, or null for none. Half a point, or text that is not a number, is refused. */
function pointOf(lat: string | undefined, long: string | undefined) {
  const given = (v: string | undefined) => (v?.trim() ? v.trim() : null);
  const [a, b] = [given(lat), given(long)];
  if (a === null && b === null) return null;
  if (a === null) throw invalid('lat', 'give lat with long, or neither', 'coordinates_pair');
  if (b === null) throw invalid('long', 'give long with lat, or neither', 'coordinates_pair');
  const latitude = decimal('lat', a, 90);
  const longitude = decimal('long', b, 180);
  return { latitude, longitude };
}

function decimal(field: string, text: string, limit: number) {
  if (!/^[-+]?\d{1,3}(\.\d{1,15})?$/.test(text))
    throw invalid(field, 'must be a decimal number of degrees (WGS84)', 'format_invalid');
  const value = Number(text);
  if (!(Math.abs(value) <= limit))
    throw invalid(field, `must be between -${limit} and ${limit}`, 'out_of_range');
  return value;
}

async function placeNamedIn(db: Kysely<DB>, address: string) {
  const parts = address
    .split(/[,;\n]/)
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part.length > 1)
    .slice(0, 12);
  if (!parts.length) return undefined;
  return db
    .selectFrom('places as p')
    .select(['p.id', 'p.path'])
    .where('p.active', '=', true)
    .where(
      sql<boolean>`exists (select 1 from jsonb_each_text(p.name) n where lower(n.value) = any(${parts}::text[]))`,
    )
    .orderBy('p.depth', 'desc')
    .orderBy('p.id')
    .limit(1)
    .executeTakeFirst();
}
