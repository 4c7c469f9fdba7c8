// How much one grievance may hold: without a cap, a citizen (or a script with a citizen's session) could
// add three photos a request for as long as the grievance is open and fill the database through one
// case. The cap counts files and stored bytes per grievance and per kind: the citizen's evidence and the
// officer's proof each have their own allowance, so a citizen who filled theirs never stops the officer
// from attaching the proof a resolution needs.
//
// It is checked twice, like the rest of an upload: before the body is read (a full grievance is refused
// before anyone sends 15 MB), and in the writing transaction with the grievance row locked, so two
// uploads arriving together cannot both fit into the last place.
import type { Kysely } from 'kysely';
import type { AttachmentKind, DB } from '../db/schema.ts';
import { refusal } from '../errors.ts';

export interface UploadCap {
  /** Files of one kind a grievance may hold. */
  files: number;
  /** Bytes (as stored, after metadata removal) of one kind a grievance may hold. */
  bytes: number;
}

export const DEFAULT_UPLOAD_CAP: UploadCap = { files: 20, bytes: 50 * 1024 * 1024 };

const MB = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** What a grievance already holds of one kind. */
export async function heldBy(db: Kysely<DB>, grievanceId: number, kind: AttachmentKind) {
  const row = await db
    .selectFrom('attachments')
    .select((eb) => [
      eb.fn.countAll<string>().as('files'),
      eb.fn.coalesce(eb.fn.sum<string>('size'), eb.lit(0)).as('bytes'),
    ])
    .where('grievance_id', '=', grievanceId)
    .where('kind', '=', kind)
    .executeTakeFirstOrThrow();
  return { files: Number(row.files), bytes: Number(row.bytes) };
}

/** Throws 413 with a stable reason if adding `adding` to what is `held` would pass the cap. */
export function assertWithinCap(
  held: { files: number; bytes: number },
  adding: { files: number; bytes: number },
  cap: UploadCap,
) {
  if (held.files + adding.files > cap.files) {
    const left = Math.max(0, cap.files - held.files);
    throw refusal(
      'payload_too_large',
      'grievance_files_full',
      `this grievance can hold at most ${cap.files} files of this kind; it has ${held.files}, so ` +
        (left ? `at most ${left} more can be added` : 'no more can be added'),
    );
  }
  if (held.bytes + adding.bytes > cap.bytes) {
    throw refusal(
      'payload_too_large',
      'grievance_bytes_full',
      `this grievance can hold at most ${MB(cap.bytes)} of files of this kind; it holds ${MB(held.bytes)}` +
        (adding.bytes ? ` and these would add ${MB(adding.bytes)}` : ''),
    );
  }
}

/**
 * Of `files` offered by a channel that cannot be answered with a refusal (an email reply), the first
 * ones that fit; the rest are left out, and the message itself is still kept.
 */
export async function thatFit<T extends { content: Uint8Array }>(
  db: Kysely<DB>,
  grievanceId: number,
  kind: AttachmentKind,
  files: T[],
  cap: UploadCap,
): Promise<T[]> {
  const held = await heldBy(db, grievanceId, kind);
  const fit: T[] = [];
  for (const f of files) {
    if (held.files + 1 > cap.files || held.bytes + f.content.length > cap.bytes) break;
    held.files++;
    held.bytes += f.content.length;
    fit.push(f);
  }
  return fit;
}
