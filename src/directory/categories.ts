import type { Kysely } from 'kysely';
import type { CategoryField, CategoryKind, DB, I18nText, Priority, ResolutionUnit } from '../db/schema.ts';
import { AppError, invalid, notFound } from '../errors.ts';

export interface CategoryInput {
  departmentId: number;
  code: string;
  name: I18nText;
  kind?: CategoryKind;
  resolutionValue: number;
  resolutionUnit: ResolutionUnit;
  priority?: Priority;
  fields?: CategoryField[];
  keywords?: Record<string, string[]>;
}

const columns = [
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
] as const;

export async function listCategories(
  db: Kysely<DB>,
  filter: { departmentId?: number; activeOnly?: boolean },
) {
  let query = db.selectFrom('categories').select(columns);
  if (filter.departmentId !== undefined) query = query.where('department_id', '=', filter.departmentId);
  if (filter.activeOnly) query = query.where('active', '=', true);
  return query.orderBy('code').execute();
}

export async function getCategory(db: Kysely<DB>, id: number) {
  const row = await db.selectFrom('categories').select(columns).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('category', id);
  return row;
}

export async function createCategory(db: Kysely<DB>, input: CategoryInput) {
  const department = await db
    .selectFrom('departments')
    .select('id')
    .where('id', '=', input.departmentId)
    .executeTakeFirst();
  if (!department)
    throw invalid('departmentId', `department ${input.departmentId} does not exist`, 'does_not_exist');
  const taken = await db
    .selectFrom('categories')
    .select('id')
    .where('code', '=', input.code)
    .executeTakeFirst();
  if (taken)
    throw new AppError('conflict', `a category with code ${input.code} already exists`, [
      { field: 'code', message: 'taken', code: 'taken' },
    ]);
  assertUniqueFieldKeys(input.fields ?? []);
  const { id } = await db
    .insertInto('categories')
    .values({
      department_id: input.departmentId,
      code: input.code,
      name: JSON.stringify(input.name),
      kind: input.kind ?? 'complaint',
      resolution_value: input.resolutionValue,
      resolution_unit: input.resolutionUnit,
      priority: input.priority ?? 'normal',
      fields: JSON.stringify(input.fields ?? []),
      keywords: JSON.stringify(input.keywords ?? {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return getCategory(db, id);
}

export async function updateCategory(
  db: Kysely<DB>,
  id: number,
  patch: Partial<Omit<CategoryInput, 'departmentId' | 'code'>> & { active?: boolean },
) {
  await getCategory(db, id);
  if (patch.fields) assertUniqueFieldKeys(patch.fields);
  await db
    .updateTable('categories')
    .set({
      ...(patch.name ? { name: JSON.stringify(patch.name) } : {}),
      ...(patch.kind ? { kind: patch.kind } : {}),
      ...(patch.resolutionValue ? { resolution_value: patch.resolutionValue } : {}),
      ...(patch.resolutionUnit ? { resolution_unit: patch.resolutionUnit } : {}),
      ...(patch.priority ? { priority: patch.priority } : {}),
      ...(patch.fields ? { fields: JSON.stringify(patch.fields) } : {}),
      ...(patch.keywords ? { keywords: JSON.stringify(patch.keywords) } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
    })
    .where('id', '=', id)
    .execute();
  return getCategory(db, id);
}

function assertUniqueFieldKeys(fields: CategoryField[]) {
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    if (seen.has(f.key)) throw invalid(`fields[${i}].key`, `"${f.key}" appears twice`, 'duplicate');
    seen.add(f.key);
  });
}
