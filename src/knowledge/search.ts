// Listing and searching articles. A search matches words (see words.ts) in the title, summary and tags
// in every language at once, so a citizen typing Hindi finds an article whatever language the page is
// in, and ranks what it finds: the whole phrase in a title first, then by where each word was found
// (title above tags above summary). Only what the caller may read is ever selected, so drafts cannot
// leak through a total or a page.
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { Principal } from '../access/principal.ts';
import { escapeLike } from '../db/like.ts';
import { page } from '../db/page.ts';
import type { ArticleKind, DB } from '../db/schema.ts';
import { refusal } from '../errors.ts';
import { articleColumns, toArticle } from './articles.ts';
import { unpublishedScope } from './policy.ts';
import { searchWords } from './words.ts';

export type ArticleStatus = 'published' | 'unpublished' | 'all';

export interface ArticleFilter {
  q?: string;
  /** all: every word must be found (a search box); any: at least one (a question as it is typed). */
  match?: 'all' | 'any';
  departmentId?: number;
  kind?: ArticleKind;
  status?: ArticleStatus;
  /** Whose title order lists without a search follow (falls back to English). */
  language?: string;
  limit: number;
  offset: number;
}

type From = ExpressionBuilder<DB & { a: DB['knowledge_articles'] }, 'a'>;

/** Which articles `principal` may list for `status`, as SQL; refuses statuses they may not see at all. */
function visibleTo(principal: Principal, status: ArticleStatus) {
  const scope = unpublishedScope(principal);
  if (status !== 'published' && scope !== 'all' && scope.length === 0) {
    if (principal.kind === 'public')
      throw refusal('unauthenticated', 'unpublished', 'sign in to see unpublished articles');
    throw refusal('forbidden', 'unpublished', 'unpublished articles are for staff who answer or write them');
  }
  return (eb: From): Expression<SqlBool> => {
    const unpublished =
      scope === 'all'
        ? eb('a.published', '=', false)
        : eb.and([eb('a.published', '=', false), eb('a.department_id', 'in', scope)]);
    if (status === 'published') return eb('a.published', '=', true);
    if (status === 'unpublished') return unpublished;
    return eb.or([eb('a.published', '=', true), unpublished]);
  };
}

export async function listArticles(db: Kysely<DB>, filter: ArticleFilter, principal: Principal) {
  const words = filter.q ? searchWords(filter.q, filter.match) : [];
  const pattern = (text: string) => sql<string>`knowledge_fold(${`%${escapeLike(text)}%`})`;
  const hit = (column: 'a.search_title' | 'a.search_summary' | 'a.search_tags', text: string) =>
    sql<SqlBool>`${sql.ref(column)} like ${pattern(text)}`;
  const anywhere = (word: string) =>
    sql<SqlBool>`(${hit('a.search_title', word)} or ${hit('a.search_tags', word)} or ${hit('a.search_summary', word)})`;
  const score = words.length
    ? sql<number>`(${sql.join(
        [
          ...(words.length > 1
            ? [sql`case when ${hit('a.search_title', words.join(' '))} then 10 else 0 end`]
            : []),
          ...words.map(
            (w) =>
              sql`case when ${hit('a.search_title', w)} then 3 else 0 end + case when ${hit('a.search_tags', w)} then 2 else 0 end + case when ${hit('a.search_summary', w)} then 1 else 0 end`,
          ),
        ],
        sql` + `,
      )})`
    : sql<number>`0`;
  const language = filter.language ?? 'en';

  let query = db
    .selectFrom('knowledge_articles as a')
    .leftJoin('departments as d', 'd.id', 'a.department_id')
    .select(articleColumns)
    .select((eb) => [eb.fn.countAll<number>().over().as('total'), score.as('score')])
    .where(visibleTo(principal, filter.status ?? 'published'));
  if (filter.departmentId !== undefined) query = query.where('a.department_id', '=', filter.departmentId);
  if (filter.kind !== undefined) query = query.where('a.kind', '=', filter.kind);
  if (words.length) {
    const found = words.map(anywhere);
    query = query.where(sql<SqlBool>`(${sql.join(found, filter.match === 'any' ? sql` or ` : sql` and `)})`);
  } else if (filter.q && filter.match === 'any') {
    // A question with no searchable word yet ("how do I"): nothing to suggest.
    return { items: [], total: 0 };
  }
  const rows = await query
    .orderBy(sql`score`, 'desc')
    .orderBy(sql`coalesce(a.title->>${language}, a.title->>'en', a.code)`)
    .orderBy('a.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  const { items, total } = page(rows);
  return { items: items.map(({ score: _, ...row }) => toArticle(row)), total };
}
