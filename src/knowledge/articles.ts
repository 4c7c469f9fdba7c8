// Articles of the knowledge base: read one, add one, change one. Publishing is a change like any other
// (`published: true`), recorded in the audit log by the route; an article is never deleted, only
// unpublished, so what an agent read out last month can still be looked up.

import type { Kysely, Selectable } from 'kysely';
import type { Principal } from '../access/principal.ts';
import type { Clock } from '../clock.ts';
import type { ArticleKind, DB, I18nList, I18nText, KnowledgeArticlesTable } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { assertMayEdit, assertMayEditSome, mayReadUnpublished } from './policy.ts';

export interface ArticleInput {
  departmentId?: number | null;
  code: string;
  kind: ArticleKind;
  title: I18nText;
  summary: I18nText;
  eligibility?: I18nText;
  benefits?: I18nText;
  howToApply?: I18nText;
  documents?: I18nList;
  shortAnswer?: I18nText;
  tags?: string[];
  officialLink?: string | null;
  published?: boolean;
}

/** Everything but the code, which is the article's stable name for links, the IVR and agents. */
export type ArticlePatch = Partial<Omit<ArticleInput, 'code'>>;

type Row = Selectable<KnowledgeArticlesTable>;

export const articleColumns = [
  'a.id',
  'a.code',
  'a.kind',
  'a.department_id',
  'a.title',
  'a.summary',
  'a.eligibility',
  'a.benefits',
  'a.how_to_apply',
  'a.documents',
  'a.short_answer',
  'a.tags',
  'a.official_link',
  'a.published',
  'a.published_at',
  'a.created_at',
  'a.updated_at',
  'd.code as department_code',
  'd.name as department_name',
] as const;

type SelectedRow = Omit<Row, 'search_title' | 'search_summary' | 'search_tags'> & {
  department_code: string | null;
  department_name: I18nText | null;
};

export function toArticle(row: SelectedRow) {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    department:
      row.department_id === null
        ? null
        : { id: row.department_id, code: row.department_code ?? '', name: row.department_name ?? {} },
    title: row.title,
    summary: row.summary,
    eligibility: row.eligibility,
    benefits: row.benefits,
    howToApply: row.how_to_apply,
    documents: row.documents,
    shortAnswer: row.short_answer,
    tags: row.tags,
    officialLink: row.official_link,
    published: row.published,
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export type Article = ReturnType<typeof toArticle>;

const selectArticles = (db: Kysely<DB>) =>
  db
    .selectFrom('knowledge_articles as a')
    .leftJoin('departments as d', 'd.id', 'a.department_id')
    .select(articleColumns);

/** An article as `principal` may see it: an unpublished one only to those who may read drafts. */
export async function getArticle(db: Kysely<DB>, id: number, principal: Principal): Promise<Article> {
  const row = await selectArticles(db).where('a.id', '=', id).executeTakeFirst();
  if (!row || (!row.published && !mayReadUnpublished(principal, row.department_id)))
    throw notFound('article', id);
  return toArticle(row);
}

export async function createArticle(
  db: Kysely<DB>,
  clock: Clock,
  input: ArticleInput,
  principal: Principal,
): Promise<Article> {
  const departmentId = input.departmentId ?? null;
  assertMayEdit(principal, departmentId);
  const id = await inTransaction(db, async (trx) => {
    if (departmentId !== null) await assertDepartment(trx, departmentId);
    const taken = await trx
      .selectFrom('knowledge_articles')
      .select('id')
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (taken) throw codeTaken(input.code);
    const now = clock.now();
    const published = input.published ?? false;
    const row = await trx
      .insertInto('knowledge_articles')
      .values({
        department_id: departmentId,
        code: input.code,
        kind: input.kind,
        title: JSON.stringify(input.title),
        summary: JSON.stringify(input.summary),
        eligibility: JSON.stringify(input.eligibility ?? {}),
        benefits: JSON.stringify(input.benefits ?? {}),
        how_to_apply: JSON.stringify(input.howToApply ?? {}),
        documents: JSON.stringify(input.documents ?? {}),
        short_answer: JSON.stringify(input.shortAnswer ?? {}),
        tags: cleanTags(input.tags ?? []),
        official_link: input.officialLink ?? null,
        published,
        published_at: published ? now : null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((error) => {
        // Two requests for one new code at once: the second loses at the unique index.
        throw (error as { code?: string }).code === '23505' ? codeTaken(input.code) : error;
      });
    return row.id;
  });
  return getArticle(db, id, principal);
}

export async function updateArticle(
  db: Kysely<DB>,
  clock: Clock,
  id: number,
  patch: ArticlePatch,
  principal: Principal,
): Promise<Article> {
  assertMayEditSome(principal);
  await inTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom('knowledge_articles')
      .select(['department_id', 'published'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    // A draft the caller may not even read does not exist for them.
    if (!current || (!current.published && !mayReadUnpublished(principal, current.department_id)))
      throw notFound('article', id);
    assertMayEdit(principal, current.department_id);
    if (patch.departmentId !== undefined && patch.departmentId !== current.department_id) {
      // Moving an article needs the right to write it in its new department too.
      assertMayEdit(principal, patch.departmentId);
      if (patch.departmentId !== null) await assertDepartment(trx, patch.departmentId);
    }
    const now = clock.now();
    const json = (value: object | undefined) => (value === undefined ? undefined : JSON.stringify(value));
    const publishing = patch.published !== undefined && patch.published !== current.published;
    await trx
      .updateTable('knowledge_articles')
      .set({
        department_id: patch.departmentId,
        kind: patch.kind,
        title: json(patch.title),
        summary: json(patch.summary),
        eligibility: json(patch.eligibility),
        benefits: json(patch.benefits),
        how_to_apply: json(patch.howToApply),
        documents: json(patch.documents),
        short_answer: json(patch.shortAnswer),
        tags: patch.tags && cleanTags(patch.tags),
        official_link: patch.officialLink,
        ...(publishing ? { published: patch.published, published_at: patch.published ? now : null } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
  });
  return getArticle(db, id, principal);
}

async function assertDepartment(db: Kysely<DB>, departmentId: number) {
  const department = await db
    .selectFrom('departments')
    .select('id')
    .where('id', '=', departmentId)
    .executeTakeFirst();
  if (!department)
    throw invalid('departmentId', `department ${departmentId} does not exist`, 'does_not_exist');
}

const codeTaken = (code: string) =>
  new AppError('conflict', `an article with code ${code} already exists`, [
    { field: 'code', message: 'taken', code: 'taken' },
  ]);

/** Tags as people will search them: trimmed, single-spaced, each once (ignoring case), in the order given. */
export function cleanTags(tags: string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim().replace(/\s+/g, ' ');
    const key = tag.toLowerCase();
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    result.push(tag);
  }
  return result;
}
