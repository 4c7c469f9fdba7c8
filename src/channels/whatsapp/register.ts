// Turning a confirmed conversation into a grievance. Registration commits on its own (the grievance,
// its events, the acknowledgement, the audit entry: src/grievances/register.ts), so it runs after the
// turn's transaction, with an idempotency key taken from the confirming message: if the process stops
// half-way, the conversation is left in 'registering' and the citizen's next message finishes the job
// with the same key, which finds the grievance already made rather than making a second one.
//
// Then, in one transaction: the photos become the grievance's attachments (uploaded by the citizen),
// every message of the conversation is linked to the grievance on the citizen's history, the audit
// entry, and the conversation goes back to the menu. A category that needs details the conversation
// does not ask for becomes a draft for an agent, with the photos, rather than an error.
import type { FastifyBaseLogger } from 'fastify';
import { appendAudit } from '../../access/audit.ts';
import { insertAttachments } from '../../attachments/store.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { registerGrievance } from '../../grievances/index.ts';
import { createDraft } from '../../intake/index.ts';
import type { Outbound } from './cloud.ts';
import type { Answers } from './conversation.ts';
import { type Lang, localName, say } from './messages.ts';

export interface Registering {
  phone: string;
  citizenId: number;
  language: Lang;
  answers: Answers;
  key: string;
}

/** Registers (or finds, on a repeat) the grievance; the replies to send, and the grievance they concern. */
export async function registerConversation(
  deps: Deps,
  r: Registering,
  log: FastifyBaseLogger,
): Promise<{ replies: Outbound[]; grievanceId: number | null }> {
  const { answers } = r;
  const description = answers.description ?? '';
  if (!answers.categoryId || !answers.placeId || !description) {
    // Cannot happen through the steps; if it does, start over rather than loop.
    await reset(deps, r.phone);
    return { replies: [{ kind: 'text', text: say(r.language, 'sorry') }], grievanceId: null };
  }
  let registered: { id: number; reference: string };
  try {
    registered = await registerGrievance(
      deps,
      {
        categoryId: answers.categoryId,
        placeId: answers.placeId,
        subject: subjectOf(description),
        description,
        language: r.language,
        channel: 'whatsapp',
        citizen: { phone: r.phone, language: r.language },
        latitude: answers.latitude ?? null,
        longitude: answers.longitude ?? null,
        idempotencyKey: r.key,
        // Anonymous: the citizen keeps following it from this number, but the department never sees it.
        ...(answers.anonymous ? { anonymous: true } : {}),
      },
      { kind: 'citizen', id: r.citizenId },
      { actorKind: 'citizen', actorId: r.citizenId, ip: null },
    );
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation_failed') {
      log.info({ phone: r.phone, problem: error.message }, 'whatsapp: conversation needs an agent, drafted');
      await draftForAgent(deps, r);
      return { replies: [{ kind: 'text', text: say(r.language, 'drafted') }], grievanceId: null };
    }
    throw error;
  }
  const department = await inTransaction(deps.db, async (trx) => {
    const now = deps.clock.now();
    const conversation = await trx
      .selectFrom('whatsapp_conversations')
      .select('interaction_ids')
      .where('phone', '=', r.phone)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const photos = await trx
      .selectFrom('whatsapp_media')
      .selectAll()
      .where('phone', '=', r.phone)
      .orderBy('id')
      .execute();
    const attached = await insertAttachments(
      trx,
      now,
      registered.id,
      { kind: 'citizen', id: r.citizenId },
      photos.map((p) => ({
        kind: 'evidence' as const,
        mediaType: p.media_type,
        fileName: p.file_name,
        sha256: p.sha256,
        content: p.content,
      })),
    );
    const ids = conversation.interaction_ids.map(Number);
    if (ids.length) {
      await trx
        .insertInto('interaction_grievances')
        .values(ids.map((id) => ({ interaction_id: id, grievance_id: registered.id })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    if (attached.length) {
      await appendAudit(trx, now, {
        actorKind: 'citizen',
        actorId: r.citizenId,
        action: 'whatsapp attach photos',
        entity: 'grievances',
        entityId: registered.reference,
        data: { attachments: attached.map((a) => a.id) },
      });
    }
    await trx.deleteFrom('whatsapp_media').where('phone', '=', r.phone).execute();
    await trx
      .updateTable('whatsapp_conversations')
      .set({ step: 'menu', answers: '{}', interaction_ids: [], updated_at: now })
      .where('phone', '=', r.phone)
      .execute();
    return trx
      .selectFrom('grievances as g')
      .innerJoin('departments as d', 'd.id', 'g.department_id')
      .select('d.name')
      .where('g.id', '=', registered.id)
      .executeTakeFirstOrThrow();
  });
  return {
    replies: [
      {
        kind: 'text',
        text: say(r.language, answers.anonymous ? 'registeredAnonymous' : 'registered', {
          reference: registered.reference,
          department: localName(department.name, r.language),
        }),
      },
    ],
    grievanceId: registered.id,
  };
}

/** The first line of the description, cut at a word near 100 characters. */
export function subjectOf(description: string): string {
  const line = description.split('\n')[0]?.trim() ?? '';
  if (line.length <= 100) return line;
  const cut = line.slice(0, 100);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 60))}…`;
}

async function draftForAgent(deps: Deps, r: Registering) {
  const photos = await deps.db
    .selectFrom('whatsapp_media')
    .selectAll()
    .where('phone', '=', r.phone)
    .execute();
  const conversation = await deps.db
    .selectFrom('whatsapp_conversations')
    .select('interaction_ids')
    .where('phone', '=', r.phone)
    .executeTakeFirstOrThrow();
  await createDraft(deps.db, deps.clock.now(), {
    channel: 'whatsapp',
    interactionId: conversation.interaction_ids.map(Number).at(-1) ?? null,
    citizenId: r.citizenId,
    language: r.language,
    text: r.answers.description ?? null,
    placeId: r.answers.placeId ?? null,
    categoryId: r.answers.categoryId ?? null,
    anonymous: r.answers.anonymous ?? false,
    data: { whatsapp: r.phone, latitude: r.answers.latitude, longitude: r.answers.longitude },
    media: photos.map((p) => ({ mediaType: p.media_type, content: p.content })),
  });
  await reset(deps, r.phone);
}

async function reset(deps: Deps, phone: string) {
  await inTransaction(deps.db, async (trx) => {
    await trx.deleteFrom('whatsapp_media').where('phone', '=', phone).execute();
    await trx
      .updateTable('whatsapp_conversations')
      .set({ step: 'menu', answers: '{}', interaction_ids: [], updated_at: deps.clock.now() })
      .where('phone', '=', phone)
      .execute();
  });
}
