// Drafts: what a citizen sent that is not yet a grievance. A voice complaint recorded in the IVR, a free
// SMS that is no keyword, a WhatsApp conversation the citizen left unfinished, an email from an unknown
// sender: each becomes a draft, with its recording or photos, for an agent to complete into a grievance
// (or discard with a reason). Nothing a citizen sends is dropped silently.
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Channel, DB, DraftMediaType } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';

export interface DraftInput {
  channel: Channel;
  interactionId?: number | null;
  callId?: number | null;
  citizenId?: number | null;
  language?: string | null;
  text?: string | null;
  placeId?: number | null;
  categoryId?: number | null;
  anonymous?: boolean;
  /** What else the channel learnt (answers in a conversation, the email's subject...). */
  data?: Record<string, unknown>;
  media?: DraftMediaInput[];
}

export interface DraftMediaInput {
  mediaType: DraftMediaType;
  content: Uint8Array;
  durationMs?: number | null;
}

/** Writes a draft and its media; the desk hears of it on the `intake_drafts_<schema>` channel. */
export async function createDraft(db: Kysely<DB>, now: Date, input: DraftInput): Promise<{ id: number }> {
  return inTransaction(db, async (trx) => {
    const draft = await trx
      .insertInto('intake_drafts')
      .values({
        channel: input.channel,
        interaction_id: input.interactionId ?? null,
        call_id: input.callId ?? null,
        citizen_id: input.citizenId ?? null,
        language: input.language ?? null,
        text: input.text ?? null,
        place_id: input.placeId ?? null,
        category_id: input.categoryId ?? null,
        data: JSON.stringify(input.data ?? {}),
        anonymous: input.anonymous ?? false,
        grievance_id: null,
        closed_by: null,
        closed_at: null,
        close_reason: null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const media of input.media ?? []) await addDraftMedia(trx, now, draft.id, media);
    await sql`select pg_notify('intake_drafts_' || current_schema(), ${String(draft.id)})`.execute(trx);
    return draft;
  });
}

export async function addDraftMedia(db: Kysely<DB>, now: Date, draftId: number, media: DraftMediaInput) {
  return db
    .insertInto('intake_draft_media')
    .values({
      draft_id: draftId,
      media_type: media.mediaType,
      size: media.content.byteLength,
      sha256: createHash('sha256').update(media.content).digest('hex'),
      duration_ms: media.durationMs ?? null,
      content: media.content,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
