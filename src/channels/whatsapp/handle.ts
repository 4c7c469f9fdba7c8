// One verified message, start to finish: skip it if handled before; fetch its photo (outside any
// transaction: a slow download must not hold a database connection); record it and take the
// conversation's turn in one transaction, under the conversation's row lock, so two messages from one
// citizen are taken in turn; register if they confirmed; then answer. Answers go out after the commit:
// a crash between the two loses an answer, never a message (the citizen writes again and the step is
// asked again), which is the right way round for a helpline.
import type { FastifyBaseLogger } from 'fastify';
import { checkFile } from '../../attachments/check.ts';
import type { DraftMediaType } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { CloudClient, Outbound } from './cloud.ts';
import { type Photo, type Step, takeTurn, type Voice } from './conversation.ts';
import { applyFeedback } from './feedback.ts';
import { seenBefore, withInbound } from './inbound.ts';
import { isLang } from './messages.ts';
import type { InboundContent, InboundMessage } from './payload.ts';
import { registerConversation } from './register.ts';

export async function handleMessage(
  deps: Deps,
  client: CloudClient,
  message: InboundMessage,
  log: FastifyBaseLogger,
) {
  if (await seenBefore(deps.db, message.id)) {
    log.info({ messageId: message.id }, 'whatsapp: message already handled, ignored');
    return;
  }
  const photo = message.content.kind === 'image' ? await fetchPhoto(client, message.content, log) : undefined;
  const voice = message.content.kind === 'audio' ? await fetchVoice(client, message.content, log) : undefined;
  const taken = await withInbound(deps.db, deps.clock, message, async (trx, recorded) => {
    const row = recorded.conversation;
    const citizen = await trx
      .selectFrom('citizens')
      .select('language')
      .where('id', '=', recorded.citizenId)
      .executeTakeFirst();
    const turn = await takeTurn(
      trx,
      {
        phone: message.from,
        citizenId: recorded.citizenId,
        language: isLang(row.language) ? row.language : null,
        citizenLanguage: citizen?.language ?? null,
        step: row.step as Step,
        answers: row.answers,
      },
      message,
      photo,
      deps.clock.now(),
      voice,
    );
    await trx
      .updateTable('whatsapp_conversations')
      .set({
        step: turn.step,
        language: turn.language,
        answers: JSON.stringify(turn.answers),
        updated_at: deps.clock.now(),
      })
      .where('phone', '=', message.from)
      .execute();
    return { turn, citizenId: recorded.citizenId };
  });
  if (!taken) {
    log.info({ messageId: message.id }, 'whatsapp: message already handled, ignored');
    return;
  }
  const { turn, citizenId } = taken;
  let replies = turn.replies;
  let grievanceId: number | null = null;
  if (turn.register && turn.language) {
    const done = await registerConversation(
      deps,
      { phone: message.from, citizenId, language: turn.language, answers: turn.answers, key: turn.register },
      log,
    );
    replies = [...replies, ...done.replies];
    grievanceId = done.grievanceId;
  }
  if (turn.feedback && turn.language) {
    const done = await applyFeedback(deps, citizenId, turn.language, turn.feedback);
    replies = [...replies, ...done.replies];
    grievanceId = done.grievanceId;
  }
  await sendReplies(deps, client, { phone: message.from, citizenId, grievanceId }, replies, log);
}

async function fetchPhoto(
  client: CloudClient,
  image: Extract<InboundContent, { kind: 'image' }>,
  log: FastifyBaseLogger,
): Promise<Photo> {
  const download = await client.downloadMedia(image.mediaId, image.sha256);
  if (!download.ok) {
    log.warn({ mediaId: image.mediaId, reason: download.reason }, 'whatsapp: photo refused');
    return { ok: false, why: download.problem === 'too_large' ? 'too_large' : 'unavailable' };
  }
  try {
    // Sniffed from the bytes, metadata (GPS, camera serial) stripped, as every upload is.
    return { ok: true, file: checkFile({ name: undefined, bytes: download.bytes }, { photosOnly: true }) };
  } catch (error) {
    log.warn({ mediaId: image.mediaId, reason: (error as Error).message }, 'whatsapp: photo refused');
    return { ok: false, why: 'not_a_photo' };
  }
}

/**
 * A voice note's recording, size-capped and hash-checked by the download like a photo, and kept only
 * if its bytes are a recording we know (WhatsApp sends Opus in Ogg; forwarded files may be AMR, MP4 or
 * MP3), so nothing else is stored under an audio type.
 */
async function fetchVoice(
  client: CloudClient,
  audio: Extract<InboundContent, { kind: 'audio' }>,
  log: FastifyBaseLogger,
): Promise<Voice> {
  const download = await client.downloadMedia(audio.mediaId, audio.sha256);
  if (!download.ok) {
    log.warn({ mediaId: audio.mediaId, reason: download.reason }, 'whatsapp: voice note refused');
    return { ok: false };
  }
  const mediaType = sniffAudio(download.bytes);
  if (!mediaType) {
    log.warn({ mediaId: audio.mediaId }, 'whatsapp: voice note is not a recording we know');
    return { ok: false };
  }
  return { ok: true, mediaType, bytes: download.bytes };
}

export function sniffAudio(bytes: Uint8Array): DraftMediaType | null {
  const head = Buffer.from(bytes.subarray(0, 12));
  if (head.subarray(0, 4).toString('latin1') === 'OggS') return 'audio/ogg';
  if (head.subarray(0, 5).toString('latin1') === '#!AMR') return 'audio/amr';
  if (head.subarray(4, 8).toString('latin1') === 'ftyp') return 'audio/mp4';
  if (
    head.subarray(0, 3).toString('latin1') === 'ID3' ||
    (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0)
  )
    return 'audio/mpeg';
  return null;
}

/**
 * Sends the answers in order and logs each as an outbound interaction on the citizen's history: linked
 * to the grievance it concerns, or kept with the conversation to be linked to the grievance it leads to.
 */
export async function sendReplies(
  deps: Deps,
  client: CloudClient,
  to: { phone: string; citizenId: number; grievanceId: number | null },
  replies: Outbound[],
  log: FastifyBaseLogger,
) {
  for (const reply of replies) {
    const outcome = await client.send(to.phone, reply);
    if (outcome.kind !== 'sent') log.error({ to: to.phone, outcome }, 'whatsapp: reply not sent');
    const summary = reply.kind === 'template' ? `[template] ${reply.name}` : reply.text;
    const interaction = await deps.db
      .insertInto('interactions')
      .values({
        citizen_id: to.citizenId,
        channel: 'whatsapp',
        direction: 'outbound',
        external_id: outcome.kind === 'sent' ? outcome.providerId : null,
        summary:
          outcome.kind === 'sent'
            ? summary.slice(0, 1000)
            : `[not sent: ${outcome.reason}] ${summary}`.slice(0, 1000),
        started_at: deps.clock.now(),
        ended_at: null,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (to.grievanceId !== null) {
      await deps.db
        .insertInto('interaction_grievances')
        .values({ interaction_id: interaction.id, grievance_id: to.grievanceId })
        .execute();
    } else {
      await deps.db
        .updateTable('whatsapp_conversations')
        .set((eb) => ({
          interaction_ids: eb.fn('array_append', ['interaction_ids', eb.val(interaction.id)]),
        }))
        .where('phone', '=', to.phone)
        .execute();
    }
  }
}
