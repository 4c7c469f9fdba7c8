import type { Kysely } from 'kysely';
import type { DB, I18nText } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';

// calendar_id is the working calendar the department's positions use (null: the place's, else the default).
const columns = ['id', 'code', 'name', 'active', 'calendar_id as calendarId'] as const;

export async function listDepartments(db: Kysely<DB>) {
  return db.selectFrom('departments').select(columns).orderBy('code').execute();
}

export async function getDepartment(db: Kysely<DB>, id: number) {
  const row = await db.selectFrom('departments').select(columns).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('department', id);
  return row;
}

export async function createDepartment(db: Kysely<DB>, input: { code: string; name: I18nText }) {
  const taken = await db
    .selectFrom('departments')
    .select('id')
    .where('code', '=', input.code)
    .executeTakeFirst();
  if (taken)
    throw new AppError('conflict', `a department with code ${input.code} already exists`, [
      { field: 'code', message: 'taken', code: 'taken' },
    ]);
  const { id } = await db
    .insertInto('departments')
    .values({ code: input.code, name: JSON.stringify(input.name) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return getDepartment(db, id);
}

export async function updateDepartment(
  db: Kysely<DB>,
  id: number,
  patch: { name?: I18nText; active?: boolean },
) {
  await getDepartment(db, id);
  await db
    .updateTable('departments')
    .set({
      ...(patch.name ? { name: JSON.stringify(patch.name) } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
    })
    .where('id', '=', id)
    .execute();
  return getDepartment(db, id);
}
