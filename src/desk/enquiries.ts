// Enquiries at the desk: a caller asks rather than complains. The agent searches the knowledge base during
// the call and reads the article's short answer aloud; the enquiry is logged as answered at first contact,
// with the article that answered it (so the centre knows which schemes people ask about, and which
// questions the knowledge base could not answer). A question that needs a department is registered as an
// information request: a grievance of an information category, routed and tracked like any other.
//
// At a walk-in centre there is no call: the visitor asks at the counter. The visit is logged as the
// contact (channel walk_in, on the citizen's history when they give a phone number), and the enquiry
// and any information request hang off it, as on a call.
import type { Kysely } from 'kysely';
import type { AuditWho } from '../access/audit.ts';
import { appendAudit } from '../access/audit.ts';
import type { Principal } from '../access/principal.ts';
import { logInteraction } from '../citizens/interactions.ts';
import type { DB } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Deps } from '../deps.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { registerAtDesk } from './register.ts';

export interface EnquiryInput {
  /** The agent's call it was asked on; or, for a visitor, the walk-in centre (exactly one of the two). */
  callId?: number;
  centrePlaceId?: number;
  /** A visitor's phone number, if they give one (a caller's is the call's). */
  phone?: string;
  question: string;
  articleId?: number | null;
  outcome: 'answered' | 'information_request';
  /** For an information request: what it is registered as. */
  request?: {
    categoryId: number;
    placeId: number;
    language: string;
    anonymous?: boolean;
    capOverride?: string;
  };
}

/** The subject officers see: the question's first line, short. */
const subjectOf = (text: string) => {
  const first = text.trim().split('\n')[0] ?? text;
  return first.length > 120 ? `${first.slice(0, 117)}...` : first;
};

export async function logEnquiry(deps: Deps, input: EnquiryInput, principal: Principal, who: AuditWho) {
  const { db, clock } = deps;
  const agentUserId = who.actorId;
  if (agentUserId === null) throw new AppError('forbidden', 'only a staff account works at the desk');
  if ((input.callId === undefined) === (input.centrePlaceId === undefined))
    throw invalid('callId', 'give the call it was asked on, or the walk-in centre (centrePlaceId), not both');
  let call: { id: number; interaction_id: number; citizen_id: number | null; phone: string | null } | null =
    null;
  if (input.callId !== undefined) {
    const found = await db
      .selectFrom('calls as c')
      .leftJoin('citizens as z', 'z.id', 'c.citizen_id')
      .select(['c.id', 'c.interaction_id', 'c.citizen_id', 'c.agent_user_id', 'z.phone'])
      .where('c.id', '=', input.callId)
      .executeTakeFirst();
    if (!found || found.agent_user_id !== agentUserId) throw notFound('call of yours', input.callId);
    call = found;
  } else {
    const centre = await db
      .selectFrom('places')
      .select('id')
      .where('id', '=', input.centrePlaceId as number)
      .executeTakeFirst();
    if (!centre)
      throw invalid('centrePlaceId', `place ${input.centrePlaceId} does not exist`, 'does_not_exist');
  }
  if (input.articleId) {
    const article = await db
      .selectFrom('knowledge_articles')
      .select('id')
      .where('id', '=', input.articleId)
      .executeTakeFirst();
    if (!article) throw invalid('articleId', `article ${input.articleId} does not exist`, 'does_not_exist');
  }

  // The contact the enquiry is logged on: the call's, or the visit, logged once the input is known good.
  const phone = call ? call.phone : (input.phone ?? null);
  let contact = call ? { id: call.interaction_id, citizenId: call.citizen_id, phone } : null;
  const visit = async () => {
    const logged = await logInteraction(db, clock, {
      channel: 'walk_in',
      ...(phone ? { phone } : {}),
      createdBy: agentUserId,
      summary: subjectOf(input.question),
      endedAt: clock.now(),
    });
    const row = await db
      .selectFrom('interactions')
      .select('citizen_id')
      .where('id', '=', logged.id)
      .executeTakeFirstOrThrow();
    return { id: logged.id, citizenId: row.citizen_id, phone };
  };

  let grievance: { id: number; reference: string; dueAt: Date | null } | null = null;
  if (input.outcome === 'information_request') {
    const r = input.request;
    if (!r)
      throw invalid('request', 'say what the information request is about: category and place', 'required');
    const category = await db
      .selectFrom('categories')
      .select('kind')
      .where('id', '=', r.categoryId)
      .executeTakeFirst();
    if (category && category.kind !== 'information')
      throw invalid('request.categoryId', 'an information request needs an information category');
    // At a counter the registration logs the visit (after its cap check, so a refusal logs nothing).
    const registered = await registerAtDesk(
      deps,
      {
        categoryId: r.categoryId,
        placeId: r.placeId,
        subject: subjectOf(input.question),
        description: input.question,
        language: r.language,
        anonymous: r.anonymous ?? false,
        ...(phone ? { citizen: { phone, language: r.language } } : {}),
        ...(call ? { callId: call.id } : { centrePlaceId: input.centrePlaceId }),
        ...(r.capOverride ? { capOverride: r.capOverride } : {}),
      },
      principal,
      who,
    );
    grievance = { id: registered.id, reference: registered.reference, dueAt: registered.view?.dueAt ?? null };
    if (!contact) {
      const link = await db
        .selectFrom('interaction_grievances as ig')
        .innerJoin('interactions as i', 'i.id', 'ig.interaction_id')
        .select(['i.id', 'i.citizen_id'])
        .where('ig.grievance_id', '=', registered.id)
        .where('i.channel', '=', 'walk_in')
        .orderBy('i.id')
        .executeTakeFirstOrThrow();
      contact = { id: link.id, citizenId: link.citizen_id, phone };
    }
  }

  const at = contact ?? (await visit());
  return inTransaction(db, async (trx) => {
    const now = clock.now();
    const row = await trx
      .insertInto('desk_enquiries')
      .values({
        call_id: call?.id ?? null,
        centre_place_id: call ? null : (input.centrePlaceId ?? null),
        interaction_id: at.id,
        citizen_id: at.citizenId,
        article_id: input.articleId ?? null,
        question: input.question,
        outcome: input.outcome,
        grievance_id: grievance?.id ?? null,
        agent_user_id: agentUserId,
        at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, now, {
      ...who,
      action: 'desk.enquiry',
      entity: call ? 'call' : 'interaction',
      entityId: String(call ? call.id : at.id),
      data: { enquiryId: row.id, outcome: input.outcome, articleId: input.articleId ?? null },
    });
    return {
      id: row.id,
      outcome: input.outcome,
      reference: grievance?.reference ?? null,
      dueAt: grievance?.dueAt ?? null,
    };
  });
}

/** The enquiries logged on a call, newest last. */
export async function callEnquiries(db: Kysely<DB>, callId: number) {
  return db
    .selectFrom('desk_enquiries as e')
    .leftJoin('knowledge_articles as k', 'k.id', 'e.article_id')
    .leftJoin('grievances as g', 'g.id', 'e.grievance_id')
    .select(['e.id', 'e.question', 'e.outcome', 'k.title as article', 'g.reference', 'e.at'])
    .where('e.call_id', '=', callId)
    .orderBy('e.id')
    .execute();
}
