// The jurisdiction tree: state > division > district > block > village (level names are data).

import type { Kysely, Transaction } from 'kysely';
import { escapeLike } from '../db/like.ts';
import { page } from '../db/page.ts';
import type { DB, I18nText } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { AppError, invalid, notFound, refusal } from '../errors.ts';

export interface Place {
  id: number;
  parentId: number | null;
  depth: number;
  code: string;
  name: I18nText;
  path: string;
  active: boolean;
  /** A representative point (headquarters, or the middle of a village or ward), or null for both. */
  latitude: number | null;
  longitude: number | null;
}

/** A point on the map, or null for "no point": never half of one. */
export interface Point {
  latitude: number;
  longitude: number;
}

const placeColumns = [
  'id',
  'parent_id as parentId',
  'depth',
  'code',
  'name',
  'path',
  'active',
  'latitude',
  'longitude',
] as const;

export async function listPlaceLevels(db: Kysely<DB>) {
  return db.selectFrom('place_levels').select(['depth', 'name']).orderBy('depth').execute();
}

/** Replaces the level names. Depths must run 1..n and may not drop below the deepest place in use. */
export async function setPlaceLevels(db: Kysely<DB>, levels: { depth: number; name: I18nText }[]) {
  levels.forEach((l, i) => {
    if (l.depth !== i + 1)
      throw invalid(
        `levels[${i}].depth`,
        `expected ${i + 1}: depths run 1, 2, 3... in order`,
        'out_of_order',
      );
  });
  return inTransaction(db, async (trx) => {
    const deepest = await trx.selectFrom('places').select(trx.fn.max('depth').as('max')).executeTakeFirst();
    if ((deepest?.max ?? 0) > levels.length) {
      throw refusal(
        'conflict',
        'levels_in_use',
        `places exist at depth ${deepest?.max}; keep at least that many levels`,
      );
    }
    await trx.deleteFrom('place_levels').where('depth', '>', levels.length).execute();
    for (const l of levels) {
      await trx
        .insertInto('place_levels')
        .values({ depth: l.depth, name: JSON.stringify(l.name) })
        .onConflict((oc) => oc.column('depth').doUpdateSet({ name: JSON.stringify(l.name) }))
        .execute();
    }
    return levels;
  });
}

export async function getPlace(db: Kysely<DB>, id: number): Promise<Place> {
  const place = await db.selectFrom('places').select(placeColumns).where('id', '=', id).executeTakeFirst();
  if (!place) throw notFound('place', id);
  return place;
}

/** The place and its ancestors, root first. */
export async function placeLineage(db: Kysely<DB>, id: number): Promise<Place[]> {
  const place = await getPlace(db, id);
  const ids = pathIds(place.path);
  const rows = await db.selectFrom('places').select(placeColumns).where('id', 'in', ids).execute();
  return ids.map((i) => rows.find((r) => r.id === i)).filter((p): p is Place => p !== undefined);
}

export function pathIds(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

export async function listPlaces(
  db: Kysely<DB>,
  filter: { parentId?: number; depth?: number; q?: string; limit: number; offset: number },
) {
  let query = db
    .selectFrom('places')
    .select(placeColumns)
    .select((eb) => eb.fn.countAll<number>().over().as('total'));
  if (filter.parentId !== undefined) query = query.where('parent_id', '=', filter.parentId);
  if (filter.depth !== undefined) query = query.where('depth', '=', filter.depth);
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`;
    query = query.where((eb) =>
      eb.or([eb('code', 'ilike', like), eb(eb.cast('name', 'text'), 'ilike', like)]),
    );
  }
  return page(
    await query.orderBy('depth').orderBy('code').limit(filter.limit).offset(filter.offset).execute(),
  );
}

export async function createPlace(
  db: Kysely<DB>,
  input: {
    parentId: number | null;
    code: string;
    name: I18nText;
    latitude?: number | null;
    longitude?: number | null;
  },
): Promise<Place> {
  const point = wholePoint(input);
  return inTransaction(db, async (trx) => {
    const parent = input.parentId === null ? null : await getPlaceIn(trx, input.parentId, 'parentId');
    const depth = parent ? parent.depth + 1 : 1;
    if (!parent) {
      const root = await trx.selectFrom('places').select('id').where('depth', '=', 1).executeTakeFirst();
      if (root)
        throw invalid('parentId', 'the tree already has a root; give the parent place', 'tree_has_root');
    }
    const level = await trx
      .selectFrom('place_levels')
      .select('depth')
      .where('depth', '=', depth)
      .executeTakeFirst();
    if (!level)
      throw invalid(
        'parentId',
        `no place level is defined at depth ${depth}; add one first`,
        'no_level_at_depth',
      );
    await assertCodeFree(trx, input.code);
    const { id } = await trx
      .insertInto('places')
      .values({
        parent_id: parent?.id ?? null,
        depth,
        code: input.code,
        name: JSON.stringify(input.name),
        path: '',
        latitude: point?.latitude ?? null,
        longitude: point?.longitude ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const path = `${parent?.path ?? '/'}${id}/`;
    await trx.updateTable('places').set({ path }).where('id', '=', id).execute();
    return getPlace(trx, id);
  });
}

export async function updatePlace(
  db: Kysely<DB>,
  id: number,
  patch: { name?: I18nText; active?: boolean; latitude?: number | null; longitude?: number | null },
) {
  // Absent leaves the point alone; both null removes it; both numbers move it.
  const point = patch.latitude === undefined && patch.longitude === undefined ? undefined : wholePoint(patch);
  await getPlace(db, id);
  await db
    .updateTable('places')
    .set({
      ...(patch.name ? { name: JSON.stringify(patch.name) } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      ...(point !== undefined
        ? { latitude: point?.latitude ?? null, longitude: point?.longitude ?? null }
        : {}),
    })
    .where('id', '=', id)
    .execute();
  return getPlace(db, id);
}

/** The point given, or null for none; half a point (one coordinate without the other) is refused. */
export function wholePoint(input: { latitude?: number | null; longitude?: number | null }): Point | null {
  const { latitude = null, longitude = null } = input;
  if (latitude === null && longitude === null) return null;
  if (latitude === null)
    throw invalid('latitude', 'give the latitude with the longitude, or neither', 'coordinates_pair');
  if (longitude === null)
    throw invalid('longitude', 'give the longitude with the latitude, or neither', 'coordinates_pair');
  if (!(Math.abs(latitude) <= 90)) throw invalid('latitude', 'must be between -90 and 90', 'out_of_range');
  if (!(Math.abs(longitude) <= 180))
    throw invalid('longitude', 'must be between -180 and 180', 'out_of_range');
  return { latitude, longitude };
}

async function getPlaceIn(trx: Transaction<DB>, id: number, field: string) {
  const place = await trx.selectFrom('places').select(placeColumns).where('id', '=', id).executeTakeFirst();
  if (!place) throw invalid(field, `place ${id} does not exist`, 'does_not_exist');
  return place;
}

async function assertCodeFree(trx: Transaction<DB>, code: string) {
  const taken = await trx.selectFrom('places').select('id').where('code', '=', code).executeTakeFirst();
  if (taken)
    throw new AppError('conflict', `a place with code ${code} already exists`, [
      { field: 'code', message: 'taken', code: 'taken' },
    ]);
}

/** The box around every active place with a point, for a map's first view; null when none has one. */
export async function placeBounds(db: Kysely<DB>) {
  const row = await db
    .selectFrom('places')
    .select((eb) => [
      eb.fn.min('latitude').as('south'),
      eb.fn.min('longitude').as('west'),
      eb.fn.max('latitude').as('north'),
      eb.fn.max('longitude').as('east'),
    ])
    .where('active', '=', true)
    .where('latitude', 'is not', null)
    .executeTakeFirst();
  if (row?.south == null || row.west == null || row.north == null || row.east == null) return null;
  return { south: row.south, west: row.west, north: row.north, east: row.east };
}
