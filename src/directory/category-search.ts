// Finding a category by what people call it: the citizen choosing what their complaint is about, an
// agent typing while the caller talks. A word matches the start of any word of a category's name or
// keywords in any language (so "hand", "handpump", "नल" and "bijli" all find theirs) or of its
// department's name; every word typed must match. Names rank above keywords, keywords above the
// department. With a place, each category says whether a routing rule covers that place, so the form
// can offer first what will reach an officer at once.
//
// The catalogue is small (tens to a few hundred categories), so it is searched in memory after three
// small queries (categories, departments, the rules covering the place).
import { type Kysely, sql } from 'kysely';
import type { CategoryKind, DB, I18nText } from '../db/schema.ts';

export interface CategorySearch {
  q?: string;
  kind?: CategoryKind;
  placeId?: number;
  departmentId?: number;
  activeOnly?: boolean;
  limit?: number;
}

/** Lower case, NFC, without the Devanagari nukta, joiners and soft hyphens, Latin accents dropped. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .replace(/\u093c|\u200c|\u200d|\u00ad/g, '')
    .replace(/\u0901/g, '\u0902')
    .toLowerCase();
}

const words = (text: string) =>
  fold(text)
    .split(/[\s\p{P}\p{S}]+/u)
    .filter(Boolean);

export async function searchCategories(db: Kysely<DB>, filter: CategorySearch) {
  const [categories, departments, place, rules] = await Promise.all([
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
    filter.placeId === undefined
      ? Promise.resolve(undefined)
      : db.selectFrom('places').select('path').where('id', '=', filter.placeId).executeTakeFirst(),
    filter.placeId === undefined
      ? Promise.resolve([])
      : sql<{ categoryId: number }>`
          select distinct r.category_id as "categoryId"
          from routing_rules r
          join places rp on rp.id = r.place_id
          join places here on here.id = ${filter.placeId}
          where here.path like rp.path || '%'`
          .execute(db)
          .then((r) => r.rows),
  ]);
  const routed = new Set(rules.map((r) => r.categoryId));
  const departmentById = new Map(departments.map((d) => [d.id, d]));
  const query = filter.q ? words(filter.q) : [];

  const results = [];
  for (const c of categories) {
    if (filter.activeOnly && !c.active) continue;
    if (filter.kind && c.kind !== filter.kind) continue;
    if (filter.departmentId !== undefined && c.departmentId !== filter.departmentId) continue;
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

/**
 * How well the typed words match: 0 all in the name, 1 some in the keywords, 2 some only in the
 * department's name; null when a word matches nothing.
 */
function matchScore(
  query: string[],
  name: I18nText,
  keywords: Record<string, string[]>,
  department: I18nText,
): number | null {
  const nameWords = Object.values(name).flatMap(words);
  const keywordWords = Object.values(keywords)
    .flat()
    .flatMap((k) => [...words(k), fold(k).replace(/\s+/g, '')]);
  const departmentWords = Object.values(department).flatMap(words);
  let worst = 0;
  for (const q of query) {
    const starts = (w: string) => w.startsWith(q);
    if (nameWords.some(starts)) continue;
    if (keywordWords.some(starts)) worst = Math.max(worst, 1);
    else if (departmentWords.some(starts)) worst = Math.max(worst, 2);
    else return null;
  }
  return worst;
}
