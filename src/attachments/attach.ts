// Adding attachments to a grievance and reading them back, as the policy allows.
//
// An upload is checked twice: before its body is read (so a caller who may not attach does not get to
// send 15 MB first) and again in the short transaction that writes it, with the grievance row share-
// locked, because its state may have changed while the files were arriving. The files are read from
// the network before that transaction opens: a slow phone must never hold a database connection.

import type { Kysely } from 'kysely';
import { actorOf, type Principal } from '../access/principal.ts';
import type { Clock } from '../clock.ts';
import type { AttachmentKind, DB } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { notFound } from '../errors.ts';
import { parseReference } from '../grievances/index.ts';
import { assertWithinCap, DEFAULT_UPLOAD_CAP, heldBy, type UploadCap } from './cap.ts';
import type { Checked } from './check.ts';
import { type AttachedGrievance, assertMayAttach, assertReadable, visibleOrigin } from './policy.ts';
import {
  type AttachmentRow,
  attachedGrievance,
  attachmentWithContent,
  insertAttachments,
  listAttachmentRows,
} from './store.ts';

/**
 * The grievance, if `principal` may attach `kind` to it now and it has room for at least one more file;
 * throws 404/403/409/413 otherwise.
 */
export async function mayAttach(
  db: Kysely<DB>,
  reference: string,
  kind: AttachmentKind,
  principal: Principal,
  cap: UploadCap = DEFAULT_UPLOAD_CAP,
): Promise<AttachedGrievance> {
  const g = assertMayAttach(
    principal,
    await attachedGrievance(db, parseReference(reference)),
    reference,
    kind,
  );
  assertWithinCap(await heldBy(db, g.id, kind), { files: 1, bytes: 0 }, cap);
  return g;
}

export async function addAttachments(
  db: Kysely<DB>,
  clock: Clock,
  reference: string,
  kind: AttachmentKind,
  files: Checked[],
  principal: Principal,
  cap: UploadCap = DEFAULT_UPLOAD_CAP,
) {
  const canonical = parseReference(reference);
  return inTransaction(db, async (trx) => {
    const g = assertMayAttach(
      principal,
      await attachedGrievance(trx, canonical, { lock: true }),
      reference,
      kind,
    );
    const adding = { files: files.length, bytes: files.reduce((sum, f) => sum + f.content.length, 0) };
    assertWithinCap(await heldBy(trx, g.id, kind), adding, cap);
    const rows = await insertAttachments(
      trx,
      clock.now(),
      g.id,
      actorOf(principal),
      files.map((f) => ({ ...f, kind })),
    );
    return rows.map((row) => present(row, g, principal));
  });
}

export async function listAttachments(db: Kysely<DB>, reference: string, principal: Principal) {
  const g = assertReadable(principal, await attachedGrievance(db, parseReference(reference)), reference);
  return (await listAttachmentRows(db, g.id)).map((row) => present(row, g, principal));
}

/** One attachment with its bytes, if `principal` may read the grievance it belongs to. */
export async function openAttachment(db: Kysely<DB>, reference: string, id: number, principal: Principal) {
  const g = assertReadable(principal, await attachedGrievance(db, parseReference(reference)), reference);
  const row = await attachmentWithContent(db, g.id, id);
  if (!row) throw notFound('attachment', id);
  if (!row.content) throw notFound('attachment', `${id} (removed after the retention period)`);
  const { content, ...meta } = row;
  return { attachment: present(meta, g, principal), content, grievance: g };
}

export type AttachmentView = ReturnType<typeof present>;

/** Shapes a row for the API: who uploaded it and its name only as far as the viewer may know. */
function present(row: AttachmentRow, g: AttachedGrievance, viewer: Principal) {
  return {
    id: row.id,
    kind: row.kind,
    mediaType: row.media_type,
    size: row.size,
    sha256: row.sha256,
    ...visibleOrigin(viewer, g, row),
    eventId: row.event_id,
    createdAt: row.created_at,
    removed: row.purged_at !== null,
    url: `/api/grievances/${g.reference}/attachments/${row.id}`,
  };
}
