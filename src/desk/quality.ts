// Quality review of registrations sampled at the desk (register.ts). Flags on citizens: flags.ts.
//
// A reviewer listens to the call or reads the record and scores it on the checklist (configured by the
// deployment: quality_checklist), 0 (no), 1 (partly) or 2 (yes) per item; the score is the share of the
// points. Passed, or returned to the agent for correction with the reviewer's comments; the agent's
// correction goes on the grievance's history for the officer and back to the reviewer, who passes it or
// returns it again. Scores per agent per month show who needs coaching.
import { type Kysely, sql } from 'kysely';
import type { AuditWho } from '../access/audit.ts';
import { appendAudit } from '../access/audit.ts';
import type { DB, I18nText } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { applyAction, LOCKED_COLUMNS } from '../grievances/lifecycle.ts';
import { deploymentZone } from '../sla/calendars.ts';

export interface ChecklistItem {
  code: string;
  label: I18nText;
  active: boolean;
}

/** The checklist in its order; retired items too when `all` (old reviews carry their scores). */
export async function checklist(db: Kysely<DB>, all = false): Promise<ChecklistItem[]> {
  return db
    .selectFrom('quality_checklist')
    .select(['code', 'label', 'active'])
    .$if(!all, (q) => q.where('active', '=', true))
    .orderBy('position')
    .execute();
}

/**
 * Replaces the checklist: the items given, in that order, are the active ones; items left out are
 * retired (kept, so earlier reviews still say what they scored).
 */
export async function saveChecklist(
  db: Kysely<DB>,
  items: { code: string; label: I18nText }[],
): Promise<ChecklistItem[]> {
  if (!items.length) throw invalid('items', 'a checklist needs at least one item', 'too_few');
  if (new Set(items.map((i) => i.code)).size !== items.length)
    throw invalid('items', 'each item once', 'duplicate');
  return inTransaction(db, async (trx) => {
    await trx.updateTable('quality_checklist').set({ active: false }).execute();
    for (const [n, item] of items.entries())
      await trx
        .insertInto('quality_checklist')
        .values({ code: item.code, label: JSON.stringify(item.label), position: n + 1, active: true })
        .onConflict((oc) =>
          oc.column('code').doUpdateSet({ label: JSON.stringify(item.label), position: n + 1, active: true }),
        )
        .execute();
    return checklist(trx);
  });
}

export async function listReviews(db: Kysely<DB>, filter: { status?: string; agentUserId?: number }) {
  let query = db
    .selectFrom('quality_reviews as q')
    .innerJoin('desk_registrations as r', 'r.id', 'q.registration_id')
    .innerJoin('grievances as g', 'g.id', 'r.grievance_id')
    .innerJoin('categories as c', 'c.id', 'g.category_id')
    .innerJoin('places as pl', 'pl.id', 'g.place_id')
    .innerJoin('users as u', 'u.id', 'q.agent_user_id')
    .leftJoin('calls as k', 'k.id', 'r.call_id')
    .select([
      'q.id',
      'q.status',
      'q.score',
      'q.scores',
      'q.comments',
      'q.sampled_at as sampledAt',
      'q.reviewed_at as reviewedAt',
      'q.agent_user_id as agentUserId',
      'u.name as agent',
      'q.correction',
      'q.corrected_at as correctedAt',
      'g.reference',
      'g.subject',
      'g.description',
      'g.language',
      'g.channel',
      'g.anonymous',
      'c.name as category',
      'pl.name as place',
      'r.call_id as callId',
      'k.recording_url as recordingUrl',
      'k.wrap_notes as wrapNotes',
      'r.centre_place_id as centrePlaceId',
    ]);
  // The reviewer's queue: sampled and not yet reviewed, and corrections to look at again.
  if (filter.status === 'open') query = query.where('q.status', 'in', ['pending', 'corrected']);
  else if (filter.status) query = query.where('q.status', '=', filter.status as 'pending');
  if (filter.agentUserId !== undefined) query = query.where('q.agent_user_id', '=', filter.agentUserId);
  return query.orderBy('q.sampled_at', 'desc').limit(200).execute();
}

export async function reviewRegistration(
  db: Kysely<DB>,
  now: Date,
  reviewId: number,
  input: { scores: Record<string, number>; comments?: string; outcome: 'passed' | 'returned' },
  who: AuditWho,
) {
  const items = (await checklist(db)).map((i) => i.code);
  for (const item of items)
    if (![0, 1, 2].includes(input.scores[item] as number))
      throw invalid(`scores.${item}`, 'score each checklist item 0, 1 or 2');
  const extra = Object.keys(input.scores).filter((k) => !items.includes(k));
  if (extra.length) throw invalid('scores', `not on the checklist: ${extra.join(', ')}`);
  if (input.outcome === 'returned' && !input.comments?.trim())
    throw invalid('comments', 'say what the agent should correct');
  const points = items.reduce((sum, item) => sum + (input.scores[item] as number), 0);
  const score = Math.round((100 * points) / (2 * items.length));
  return inTransaction(db, async (trx) => {
    const done = await trx
      .updateTable('quality_reviews')
      .set({
        status: input.outcome,
        scores: JSON.stringify(input.scores),
        score,
        comments: input.comments ?? null,
        reviewer_id: who.actorId,
        reviewed_at: now,
      })
      .where('id', '=', reviewId)
      .where('status', 'in', ['pending', 'corrected'])
      .returning(['id', 'agent_user_id'])
      .executeTakeFirst();
    if (!done) {
      const exists = await trx
        .selectFrom('quality_reviews')
        .select('id')
        .where('id', '=', reviewId)
        .executeTakeFirst();
      if (!exists) throw notFound('quality review', reviewId);
      throw new AppError('conflict', 'this registration has been reviewed already');
    }
    await appendAudit(trx, now, {
      ...who,
      action: 'desk.quality_review',
      entity: 'quality_review',
      entityId: String(reviewId),
      reason: input.comments ?? null,
      data: { outcome: input.outcome, score, agentUserId: done.agent_user_id },
    });
    return { id: reviewId, status: input.outcome, score };
  });
}

/**
 * The agent corrects a registration returned to them: what they corrected goes on the grievance's history
 * (an internal note the officer reads with it) and the review goes back to the reviewer.
 */
export async function correctRegistration(
  db: Kysely<DB>,
  now: Date,
  reviewId: number,
  agentUserId: number,
  correction: string,
  who: AuditWho,
) {
  return inTransaction(db, async (trx) => {
    const review = await trx
      .selectFrom('quality_reviews as q')
      .innerJoin('desk_registrations as r', 'r.id', 'q.registration_id')
      .select(['q.id', 'q.status', 'q.agent_user_id', 'r.grievance_id'])
      .where('q.id', '=', reviewId)
      .forUpdate()
      .executeTakeFirst();
    if (!review || review.agent_user_id !== agentUserId) throw notFound('quality review of yours', reviewId);
    if (review.status !== 'returned')
      throw new AppError('illegal_transition', 'only a registration returned to you is corrected', [
        { field: 'id', message: `the review is ${review.status}`, code: 'not_in_this_state' },
      ]);
    const g = await trx
      .selectFrom('grievances')
      .select(LOCKED_COLUMNS)
      .where('id', '=', review.grievance_id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    await applyAction(
      trx,
      now,
      g,
      { type: 'note', note: `Correction after quality review: ${correction}`, internal: true },
      { kind: 'agent', id: agentUserId },
    );
    await trx
      .updateTable('quality_reviews')
      .set({ status: 'corrected', correction, corrected_at: now })
      .where('id', '=', reviewId)
      .execute();
    await appendAudit(trx, now, {
      ...who,
      action: 'desk.quality_correction',
      entity: 'quality_review',
      entityId: String(reviewId),
      reason: correction,
      data: { reference: g.reference },
    });
    return { id: reviewId, status: 'corrected' as const };
  });
}

/** Each agent's reviewed registrations per month (the deployment's time zone): how many, and the average score. */
export async function scoresByAgent(db: Kysely<DB>) {
  const tz = await deploymentZone(db);
  return db
    .selectFrom('quality_reviews as q')
    .innerJoin('users as u', 'u.id', 'q.agent_user_id')
    .select([
      'q.agent_user_id as agentUserId',
      'u.name as agent',
      sql<string>`to_char(q.reviewed_at at time zone ${tz}, 'YYYY-MM')`.as('month'),
      sql<number>`count(*)::int`.as('reviewed'),
      sql<number>`count(*) filter (where q.status = 'returned' or q.corrected_at is not null)::int`.as(
        'returned',
      ),
      sql<number>`round(avg(q.score))::int`.as('averageScore'),
    ])
    .where('q.reviewed_at', 'is not', null)
    .groupBy(['q.agent_user_id', 'u.name', sql`3`])
    .orderBy('u.name')
    .orderBy(sql`3`)
    .execute();
}
