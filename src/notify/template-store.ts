// Admins' overrides of the catalogue's templates, and each SMS template's DLT registration. Dull
// queries; the admin routes (template-routes.ts) audit every change.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { catalogueTemplate, type TemplateChannel } from './templates.ts';

export interface TemplateOverride {
  event: string;
  channel: TemplateChannel;
  language: string;
  body: string | null;
  subject: string | null;
  dltEntityId: string | null;
  dltTemplateId: string | null;
  sender: string | null;
  updatedAt: Date;
}

const columns = [
  'event',
  'channel',
  'language',
  'body',
  'subject',
  'dlt_entity_id as dltEntityId',
  'dlt_template_id as dltTemplateId',
  'sender',
  'updated_at as updatedAt',
] as const;

/** The overrides for these events, keyed `event:channel:language`. */
export async function templateFor(db: Kysely<DB>, events: string[]): Promise<Map<string, TemplateOverride>> {
  const wanted = [...new Set(events)];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom('message_templates')
    .select(columns)
    .where('event', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [`${r.event}:${r.channel}:${r.language}`, r]));
}

export async function listOverrides(db: Kysely<DB>): Promise<TemplateOverride[]> {
  return db.selectFrom('message_templates').select(columns).orderBy('event').orderBy('channel').execute();
}

export interface OverrideInput {
  body: string | null;
  subject: string | null;
  dltEntityId: string | null;
  dltTemplateId: string | null;
  sender: string | null;
}

export async function saveOverride(
  db: Kysely<DB>,
  now: Date,
  key: { event: string; channel: TemplateChannel; language: string },
  input: OverrideInput,
  by: number | null,
) {
  const values = {
    body: input.body,
    subject: input.subject,
    dlt_entity_id: input.dltEntityId,
    dlt_template_id: input.dltTemplateId,
    sender: input.sender,
    updated_at: now,
    updated_by: by,
  };
  return db
    .insertInto('message_templates')
    .values({ ...key, ...values })
    .onConflict((oc) => oc.columns(['event', 'channel', 'language']).doUpdateSet(values))
    .returning(columns)
    .executeTakeFirstOrThrow();
}

export async function deleteOverride(
  db: Kysely<DB>,
  key: { event: string; channel: TemplateChannel; language: string },
): Promise<boolean> {
  const result = await db
    .deleteFrom('message_templates')
    .where('event', '=', key.event)
    .where('channel', '=', key.channel)
    .where('language', '=', key.language)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** What is sent for a key: the override's words where it has them, else the catalogue's. */
export function effectiveText(
  key: { event: string; channel: TemplateChannel; language: string },
  override: TemplateOverride | undefined,
) {
  const base = catalogueTemplate(key.event, key.channel, key.language);
  return {
    text: override?.body ?? base?.text ?? '',
    subject: override?.subject ?? base?.subject ?? null,
    overridden: Boolean(override?.body),
  };
}
