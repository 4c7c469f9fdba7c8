// The attachments table: plain queries, no decisions. Lists never select the bytes.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { ActorKind, AttachmentKind, DB } from '../db/schema.ts';
import { invalid } from '../errors.ts';
import { SCOPE_COLUMNS } from '../grievances/index.ts';
import type { AttachedGrievance } from './policy.ts';
import type { MediaType } from './sniff.ts';

export interface NewAttachment {
  kind: AttachmentKind;
  mediaType: MediaType;
  fileName: string | null;
  sha256: string;
  content: Uint8Array;
}

/**
 * The grievance as the attachment policy needs it. `lock` locks the row for the writing transaction
 * (no-key-update: uploads to one grievance take turns, so the cap counts each after the other; other
 * tables' foreign keys to it are not blocked).
 */
export async function attachedGrievance(
  db: Kysely<DB>,
  reference: string,
  options: { lock?: boolean } = {},
): Promise<AttachedGrievance | undefined> {
  let query = db
    .selectFrom('grievances as g')
    .innerJoin('places as pl', 'pl.id', 'g.place_id')
    .select(['g.id', 'g.reference', 'g.status', 'g.anonymous', ...SCOPE_COLUMNS])
    .where('g.reference', '=', reference);
  if (options.lock) query = query.forNoKeyUpdate('g');
  return query.executeTakeFirst();
}

export async function insertAttachments(
  trx: Transaction<DB>,
  now: Date,
  grievanceId: number,
  uploader: { kind: ActorKind; id: number | null },
  files: NewAttachment[],
) {
  if (!files.length) return [];
  return trx
    .insertInto('attachments')
    .values(
      files.map((f) => ({
        grievance_id: grievanceId,
        kind: f.kind,
        uploader_kind: uploader.kind,
        uploader_id: uploader.id,
        media_type: f.mediaType,
        size: f.content.length,
        sha256: f.sha256,
        file_name: f.fileName,
        content: f.content,
        created_at: now,
      })),
    )
    .returning(META)
    .execute();
}

const META = [
  'id',
  'grievance_id',
  'event_id',
  'kind',
  'uploader_kind',
  'uploader_id',
  'media_type',
  'size',
  'sha256',
  'file_name',
  'created_at',
  'purged_at',
] as const;

export type AttachmentRow = Awaited<ReturnType<typeof listAttachmentRows>>[number];

export async function listAttachmentRows(db: Kysely<DB>, grievanceId: number) {
  return db
    .selectFrom('attachments')
    .select(META)
    .where('grievance_id', '=', grievanceId)
    .orderBy('id')
    .execute();
}

/** One attachment of one grievance, with its bytes (null once purged). */
export async function attachmentWithContent(db: Kysely<DB>, grievanceId: number, id: number) {
  return db
    .selectFrom('attachments')
    .select([...META, 'content'])
    .where('grievance_id', '=', grievanceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Checks that `ids` are attachments of `kind` of this grievance, still free to be linked to an event,
 * and locks them so two actions cannot both claim one. Called by the lifecycle inside its transaction:
 * proof by a resolve, the citizen's photos by their reply to a request for information.
 */
export async function claimAttachments(
  trx: Transaction<DB>,
  grievanceId: number,
  ids: number[],
  kind: AttachmentKind,
) {
  const unique = [...new Set(ids)];
  const rows = unique.length
    ? await trx
        .selectFrom('attachments')
        .select(['id', 'kind', 'event_id', 'purged_at'])
        .where('grievance_id', '=', grievanceId)
        .where('id', 'in', unique)
        .forUpdate()
        .execute()
    : [];
  for (const id of unique) {
    const row = rows.find((r) => r.id === id);
    if (!row)
      throw invalid(
        'attachmentIds',
        `attachment ${id} is not an attachment of this grievance`,
        'attachment_unknown',
      );
    if (row.kind !== kind)
      throw invalid(
        'attachmentIds',
        kind === 'proof'
          ? `attachment ${id} is the citizen's evidence, not proof of resolution`
          : `attachment ${id} is the officer's proof, not the citizen's evidence`,
        'attachment_wrong_kind',
      );
    if (row.event_id !== null || row.purged_at !== null)
      throw invalid(
        'attachmentIds',
        `attachment ${id} already belongs to an earlier action`,
        'attachment_taken',
      );
  }
  return unique;
}

/** Links claimed attachments to the event they were given with (the only update the table allows). */
export async function linkToEvent(trx: Transaction<DB>, ids: number[], eventId: number) {
  if (!ids.length) return;
  await trx
    .updateTable('attachments')
    .set({ event_id: eventId })
    .where('id', 'in', ids)
    .where('event_id', 'is', null)
    .execute();
}

/**
 * Removes the bytes, file names and citizens' ids of the attachments of `grievanceIds`, grievances whose
 * personal data has just been removed after the retention period (see access/data-protection.ts). The
 * rows stay, as the record that a file was given, and when.
 */
export async function purgeAnonymised(db: Kysely<DB>, now: Date, grievanceIds: number[]): Promise<number> {
  if (grievanceIds.length === 0) return 0;
  const result = await db
    .updateTable('attachments')
    .set((eb) => ({
      content: null,
      file_name: null,
      uploader_id: eb
        .case()
        .when('uploader_kind', '=', 'citizen')
        .then(null)
        .else(eb.ref('uploader_id'))
        .end(),
      purged_at: now,
    }))
    .where('purged_at', 'is', null)
    .where('grievance_id', '=', sql<number>`any(${grievanceIds}::bigint[])`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** What is attached to a citizen's grievances (metadata, not the bytes), for a data-access request. */
export async function citizenUploads(db: Kysely<DB>, grievanceIds: number[]) {
  if (!grievanceIds.length) return [];
  return db
    .selectFrom('attachments')
    .select([
      'grievance_id',
      'kind',
      'media_type as mediaType',
      'size',
      'file_name as fileName',
      'created_at as createdAt',
    ])
    .where('grievance_id', 'in', grievanceIds)
    .orderBy('id')
    .execute();
}
