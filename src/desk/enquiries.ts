// Enquiries at the desk: a caller asks rather than complains. The agent searches the knowledge base during
// the call and reads the article's short answer aloud; the enquiry is logged as answered at first contact,
// with the article that answered it (so the centre knows which schemes people ask about, and which
// questions the knowledge base could not answer). A question that needs a department is registered as an
// information request: a grievance of an information category, routed and tracked like any other.
import type { Kysely } from 'kysely';
import type { AuditWho } from '../access/audit.ts';
import { appendAudit } from '../access/audit.ts';
import type { Principal } from '../access/principal.ts';
import type { DB } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Deps } from '../deps.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { registerAtDesk } from './register.ts';

export interface EnquiryInput {
  callId: number;
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
  const call = await db
    .selectFrom('calls as c')
    .leftJoin('citizens as z', 'z.id', 'c.citizen_id')
    .select(['c.id', 'c.interaction_id', 'c.citizen_id', 'c.agent_user_id', 'z.phone'])
    .where('c.id', '=', input.callId)
    .executeTakeFirst();
  if (!call || call.agent_user_id !== agentUserId) throw notFound('call of yours', input.callId);
  if (input.articleId) {
    const article = await db
      .selectFrom('knowledge_articles')
      .select('id')
      .where('id', '=', input.articleId)
      .executeTakeFirst();
    if (!article) throw invalid('articleId', `article ${input.articleId} does not exist`, 'does_not_exist');
  }

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
    const registered = await registerAtDesk(
      deps,
      {
        categoryId: r.categoryId,
        placeId: r.placeId,
        subject: subjectOf(input.question),
        description: input.question,
        language: r.language,
        anonymous: r.anonymous ?? false,
        ...(call.phone ? { citizen: { phone: call.phone, language: r.language } } : {}),
        callId: call.id,
        ...(r.capOverride ? { capOverride: r.capOverride } : {}),
      },
      principal,
      who,
    );
    grievance = { id: registered.id, reference: registered.reference, dueAt: registered.view?.dueAt ?? null };
  }

  return inTransaction(db, async (trx) => {
    const now = clock.now();
    const row = await trx
      .insertInto('desk_enquiries')
      .values({
        call_id: call.id,
        interaction_id: call.interaction_id,
        citizen_id: call.citizen_id,
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
      entity: 'call',
      entityId: String(call.id),
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
