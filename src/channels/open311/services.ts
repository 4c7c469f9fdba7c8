// Our categories as GeoReport services: every active category a grievance can be registered under
// (information topics are enquiries, not service requests), named in the asked language, grouped by
// department. A category that asks for extra fields has a service definition listing them.
import type { Kysely } from 'kysely';
import type { CategoryField, DB, I18nText } from '../../db/schema.ts';
import type { Open311Language } from './config.ts';

export const localName = (name: I18nText, language: Open311Language) =>
  name[language] || name.en || Object.values(name)[0] || '';

export async function listServices(db: Kysely<DB>, language: Open311Language) {
  const rows = await db
    .selectFrom('categories as c')
    .innerJoin('departments as d', 'd.id', 'c.department_id')
    .select(['c.code', 'c.name', 'c.fields', 'c.keywords'])
    .select('d.name as department')
    .where('c.active', '=', true)
    .where('d.active', '=', true)
    .where('c.kind', '!=', 'information')
    .orderBy('d.code')
    .orderBy('c.code')
    .execute();
  return rows.map((row) => ({
    service_code: row.code,
    service_name: localName(row.name, language),
    description: `${localName(row.name, language)} (${localName(row.department, language)})`,
    metadata: row.fields.length > 0,
    type: 'realtime',
    keywords: (row.keywords[language] ?? []).join(', '),
    group: localName(row.department, language),
  }));
}

/** The service definition: the category's extra fields as attributes (all free text), or null. */
export async function serviceDefinition(db: Kysely<DB>, code: string, language: Open311Language) {
  const row = await db
    .selectFrom('categories')
    .select(['code', 'fields'])
    .where('code', '=', code)
    .where('active', '=', true)
    .where('kind', '!=', 'information')
    .executeTakeFirst();
  if (!row) return null;
  return {
    service_code: row.code,
    attributes: row.fields.map((field: CategoryField, i) => ({
      variable: true,
      code: field.key,
      datatype: 'string',
      required: field.required,
      datatype_description: null,
      order: i + 1,
      description: localName(field.label, language),
    })),
  };
}

/** The category a service code names, for registering under it. */
export async function serviceByCode(db: Kysely<DB>, code: string) {
  return db
    .selectFrom('categories')
    .select(['id', 'name', 'department_id as departmentId', 'fields'])
    .where('code', '=', code)
    .where('active', '=', true)
    .where('kind', '!=', 'information')
    .executeTakeFirst();
}
