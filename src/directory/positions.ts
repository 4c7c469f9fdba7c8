// Positions are seats ("Executive Engineer, Water, Rajgarh") at an escalation level; officers hold them.
import { type Kysely, sql } from 'kysely';
import { escapeLike } from '../db/like.ts';
import { page } from '../db/page.ts';
import type { DB, I18nText } from '../db/schema.ts';
import { AppError, invalid, notFound } from '../errors.ts';

export interface PositionInput {
  departmentId: number;
  placeId: number;
  level: number;
  title: I18nText;
  isNodal?: boolean;
}

export async function listPositions(
  db: Kysely<DB>,
  filter: {
    departmentId?: number;
    placeId?: number;
    /** At this place or anywhere under it. */
    within?: number;
    level?: number;
    /** Words of the title, in any language. */
    q?: string;
    activeOnly?: boolean;
    /** Nearest this place first: the seats over it (its own, then up the tree), then the rest by how
     * close their place is (sharing a district before sharing only the state). */
    near?: number;
    limit: number;
    offset: number;
  },
) {
  let query = withHolder(db).select((eb) => eb.fn.countAll<number>().over().as('total'));
  if (filter.departmentId !== undefined) query = query.where('p.department_id', '=', filter.departmentId);
  if (filter.placeId !== undefined) query = query.where('p.place_id', '=', filter.placeId);
  if (filter.within !== undefined) {
    const within = filter.within;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('places as at')
          .innerJoin('places as top', (join) => join.on('top.id', '=', within))
          .select('at.id')
          .whereRef('at.id', '=', 'p.place_id')
          .where('at.path', 'like', sql<string>`top.path || '%'`),
      ),
    );
  }
  if (filter.level !== undefined) query = query.where('p.level', '=', filter.level);
  if (filter.activeOnly) query = query.where('p.active', '=', true);
  for (const word of (filter.q ?? '').split(/\s+/).filter(Boolean)) {
    // The title in every language at once: "water rajgarh" and "जल राजगढ़" both find the seat.
    query = query.where(sql<string>`p.title::text`, 'ilike', `%${escapeLike(word)}%`);
  }
  if (filter.near !== undefined) {
    const near = filter.near;
    const nearPath = sql<string>`(select path from places where id = ${near})`;
    const placePath = sql<string>`(select path from places where id = p.place_id)`;
    // Over the place (its own seat, its block's, its district's...): deepest first. Elsewhere: by the
    // deepest place shared with it.
    query = query.orderBy(sql`case when ${nearPath} like ${placePath} || '%' then 0 else 1 end`).orderBy(
      sql`(select max(length(a.path)) from places a
             where ${nearPath} like a.path || '%' and ${placePath} like a.path || '%')`,
      (ob) => ob.desc().nullsLast(),
    );
  }
  const rows = await query
    .orderBy('p.department_id')
    .orderBy('p.level')
    .orderBy('p.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return page(rows);
}

/** Positions with the officer currently holding each (if any). */
function withHolder(db: Kysely<DB>) {
  return db
    .selectFrom('positions as p')
    .leftJoin('position_holders as h', (join) =>
      join.onRef('h.position_id', '=', 'p.id').on('h.ended_at', 'is', null),
    )
    .leftJoin('officers as o', 'o.id', 'h.officer_id')
    .select([
      'p.id',
      'p.department_id as departmentId',
      'p.place_id as placeId',
      'p.level',
      'p.title',
      'p.is_nodal as isNodal',
      'p.active',
      'o.id as officerId',
      'o.name as officerName',
    ]);
}

export async function getPosition(db: Kysely<DB>, id: number) {
  const row = await withHolder(db).where('p.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('position', id);
  return row;
}

export async function createPosition(db: Kysely<DB>, input: PositionInput) {
  await assertRefs(db, input);
  const { id } = await db
    .insertInto('positions')
    .values({
      department_id: input.departmentId,
      place_id: input.placeId,
      level: input.level,
      title: JSON.stringify(input.title),
      is_nodal: input.isNodal ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return getPosition(db, id);
}

export async function updatePosition(
  db: Kysely<DB>,
  id: number,
  patch: { title?: I18nText; isNodal?: boolean; active?: boolean },
) {
  await getPosition(db, id);
  await db
    .updateTable('positions')
    .set({
      ...(patch.title ? { title: JSON.stringify(patch.title) } : {}),
      ...(patch.isNodal !== undefined ? { is_nodal: patch.isNodal } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
    })
    .where('id', '=', id)
    .execute();
  return getPosition(db, id);
}

async function assertRefs(db: Kysely<DB>, input: PositionInput) {
  const [department, place, level] = await Promise.all([
    db.selectFrom('departments').select('id').where('id', '=', input.departmentId).executeTakeFirst(),
    db.selectFrom('places').select('id').where('id', '=', input.placeId).executeTakeFirst(),
    db.selectFrom('escalation_levels').select('level').where('level', '=', input.level).executeTakeFirst(),
  ]);
  if (!department)
    throw invalid('departmentId', `department ${input.departmentId} does not exist`, 'does_not_exist');
  if (!place) throw invalid('placeId', `place ${input.placeId} does not exist`, 'does_not_exist');
  if (!level) {
    throw new AppError('validation_failed', `level ${input.level} is not a configured escalation level`, [
      { field: 'level', message: 'not a configured escalation level', code: 'level_not_configured' },
    ]);
  }
}
