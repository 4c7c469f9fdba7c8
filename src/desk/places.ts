// Finding a place by typing its name while the caller talks: villages, wards and blocks first (deepest
// first), each with the places above it (block, district) so that two villages of the same name in
// different districts can be told apart. Matches any language's name, Hindi included.
import { type Kysely, sql } from 'kysely';
import { escapeLike } from '../db/like.ts';
import type { DB, I18nText } from '../db/schema.ts';

export interface PlaceMatch {
  id: number;
  name: I18nText;
  depth: number;
  /** The places above it, nearest first, without the root (the state): block, district, division. */
  within: I18nText[];
}

export async function findPlaces(db: Kysely<DB>, q: string, limit = 10): Promise<PlaceMatch[]> {
  const like = `%${escapeLike(q.trim())}%`;
  const rows = await sql<PlaceMatch>`
    select p.id, p.name, p.depth,
      coalesce((select json_agg(a.name order by a.depth desc) from places a
        where a.depth > 1 and a.id <> p.id and p.path like a.path || '%'), '[]'::json) as within
    from places p
    where p.active and p.depth > 1
      and exists (select 1 from jsonb_each_text(p.name) n where n.value ilike ${like})
    order by p.depth desc, p.name->>'en', p.id
    limit ${limit}`.execute(db);
  return rows.rows;
}
