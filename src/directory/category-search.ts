// Finding a category by what people call it: the citizen choosing what their complaint is about, an
// agent typing while the caller talks (the matching rules: category-match.ts). With a place, each
// category says whether a routing rule covers that place, so the form can offer first what will reach
// an officer at once, or, with `applicable`, only what applies there.
//
// The catalogue is small (tens to a few hundred categories), so it is searched in memory. It is
// reference data: read once into the process's cache (src/cache) with the categories each place's rules
// cover, and dropped there when an administrator changes any of it.
import { type Kysely, sql } from 'kysely';
import type { ReferenceCache } from '../cache/index.ts';
import type { CategoryKind, DB } from '../db/schema.ts';
import { matchScore, words } from './category-match.ts';

export { fold } from './category-match.ts';

export interface CategorySearch {
  q?: string;
  kind?: CategoryKind;
  placeId?: number;
  departmentId?: number;
  activeOnly?: boolean;
  /**
   * With placeId: only the categories that apply there, those a routing rule covers at the place (the
   * department's jurisdiction as the administrators configured it). A place no rule covers at all (not
   * configured yet) gets every category: its grievances wait for a supervisor to route them by hand.
   */
  applicable?: boolean;
  limit?: number;
}

/** All categories with their departments, and the categories routed at a place: what the search reads. */
export async function loadCatalogue(db: Kysely<DB>) {
  const [categories, departments] = await Promise.all([
    db
      .selectFrom('categories')
      .select([
        'id',
        'department_id as departmentId',
        'code',
        'name',
        'kind',
        'resolution_value as resolutionValue',
        'resolution_unit as resolutionUnit',
        'priority',
        'fields',
        'keywords',
        'active',
      ])
      .orderBy('code')
      .execute(),
    db.selectFrom('departments').select(['id', 'code', 'name', 'active']).execute(),
  ]);
  return { categories, departments };
}
export type CategoryCatalogue = Awaited<ReturnType<typeof loadCatalogue>>;

/** The categories a routing rule covers at `placeId` (a rule for the place or any place above it). */
export async function routedAt(db: Kysely<DB>, placeId: number): Promise<Set<number>> {
  const { rows } = await sql<{ categoryId: number }>`
    select distinct r.category_id as "categoryId"
    from routing_rules r
    join places rp on rp.id = r.place_id
    join places here on here.id = ${placeId}
    where here.path like rp.path || '%'`.execute(db);
  return new Set(rows.map((r) => Number(r.categoryId)));
}

export async function searchCategories(
  db: Kysely<DB>,
  filter: CategorySearch,
  cache?: Pick<ReferenceCache, 'catalogue' | 'place' | 'routedAt'>,
) {
  const placeId = filter.placeId;
  const [{ categories, departments }, place, routed] = await Promise.all([
    cache ? cache.catalogue(db) : loadCatalogue(db),
    placeId === undefined
      ? Promise.resolve(undefined)
      : cache
        ? cache.place(db, placeId)
        : db.selectFrom('places').select('id').where('id', '=', placeId).executeTakeFirst(),
    placeId === undefined
      ? Promise.resolve(new Set<number>())
      : cache
        ? cache.routedAt(db, placeId)
        : routedAt(db, placeId),
  ]);
  const departmentById = new Map(departments.map((d) => [d.id, d]));
  const query = filter.q ? words(filter.q) : [];
  // Only what applies at the place, unless nothing does there (a place not configured yet).
  const onlyRouted = Boolean(place && filter.applicable && routed.size > 0);

  const results = [];
  for (const c of categories) {
    if (filter.activeOnly && !c.active) continue;
    if (filter.kind && c.kind !== filter.kind) continue;
    if (filter.departmentId !== undefined && c.departmentId !== filter.departmentId) continue;
    if (onlyRouted && !routed.has(c.id)) continue;
    const department = departmentById.get(c.departmentId);
    if (!department || (filter.activeOnly && !department.active)) continue;
    const score = query.length ? matchScore(query, c.name, c.keywords, department.name) : 0;
    if (score === null) continue;
    results.push({
      ...c,
      department: { id: department.id, code: department.code, name: department.name },
      ...(place ? { routed: routed.has(c.id) } : {}),
      score,
    });
  }
  results.sort(
    (a, b) =>
      a.score - b.score ||
      Number(b.routed ?? false) - Number(a.routed ?? false) ||
      a.code.localeCompare(b.code),
  );
  return results.slice(0, filter.limit ?? 500).map(({ score: _, ...c }) => c);
}
