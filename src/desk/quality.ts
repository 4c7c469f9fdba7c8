// Quality review of registrations sampled at the desk (register.ts), and flags on citizens.
//
// A reviewer listens to the call or reads the record and scores it on the checklist, 0 (no), 1 (partly)
// or 2 (yes) per item; the score is the share of the points. Passed, or returned to the agent for
// correction with the reviewer's comments. Scores per agent per month show who needs coaching.
import { type Kysely, sql } from 'kysely';
import type { AuditWho } from '../access/audit.ts';
import { appendAudit } from '../access/audit.ts';
import type { DB } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { AppError, invalid, notFound } from '../errors.ts';

export const CHECKLIST = [
  'category_correct',
  'place_correct',
  'description_complete',
  'language_right',
  'courteous',
] as const;

export async function listReviews(db: Kysely<DB>, filter: { status?: string; agentUserId?: number }) {
  let query = db
    .selectFrom('quality_reviews as q')
    .innerJoin('desk_registrations as r', 'r.id', 'q.registration_id')
    .innerJoin('grievances as g', 'g.id', 'r.grievance_id')
    .innerJoin('users as u', 'u.id', 'q.agent_user_id')
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
      'g.reference',
      'g.subject',
      'r.call_id as callId',
    ]);
  if (filter.status) query = query.where('q.status', '=', filter.status as 'pending');
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
  for (const item of CHECKLIST)
    if (![0, 1, 2].includes(input.scores[item] as number))
      throw invalid(`scores.${item}`, 'score each checklist item 0, 1 or 2');
  const extra = Object.keys(input.scores).filter((k) => !(CHECKLIST as readonly string[]).includes(k));
  if (extra.length) throw invalid('scores', `not on the checklist: ${extra.join(', ')}`);
  if (input.outcome === 'returned' && !input.comments?.trim())
    throw invalid('comments', 'say what the agent should correct');
  const points = CHECKLIST.reduce((sum, item) => sum + (input.scores[item] as number), 0);
  const score = Math.round((100 * points) / (2 * CHECKLIST.length));
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
      .where('status', '=', 'pending')
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

/** Each agent's reviewed registrations per month (the deployment's time zone): how many, and the average score. */
export async function scoresByAgent(db: Kysely<DB>) {
  const zone = await db
    .selectFrom('calendars')
    .select('time_zone')
    .where('is_default', '=', true)
    .executeTakeFirst();
  const tz = zone?.time_zone ?? 'Asia/Kolkata';
  return db
    .selectFrom('quality_reviews as q')
    .innerJoin('users as u', 'u.id', 'q.agent_user_id')
    .select([
      'q.agent_user_id as agentUserId',
      'u.name as agent',
      sql<string>`to_char(q.reviewed_at at time zone ${tz}, 'YYYY-MM')`.as('month'),
      sql<number>`count(*)::int`.as('reviewed'),
      sql<number>`count(*) filter (where q.status = 'returned')::int`.as('returned'),
      sql<number>`round(avg(q.score))::int`.as('averageScore'),
    ])
    .where('q.reviewed_at', 'is not', null)
    .groupBy(['q.agent_user_id', 'u.name', sql`3`])
    .orderBy('u.name')
    .orderBy(sql`3`)
    .execute();
}

/** Flags a citizen as a habitual or fake complainant, with the reason; what they send is never dropped. */
export async function flagCitizen(
  db: Kysely<DB>,
  now: Date,
  citizenId: number,
  reason: string,
  who: AuditWho,
) {
  return inTransaction(db, async (trx) => {
    const citizen = await trx
      .selectFrom('citizens')
      .select('id')
      .where('id', '=', citizenId)
      .executeTakeFirst();
    if (!citizen) throw notFound('citizen', citizenId);
    const row = await trx
      .insertInto('citizen_flags')
      .values({
        citizen_id: citizenId,
        reason,
        flagged_by: who.actorId,
        flagged_at: now,
        cleared_by: null,
        cleared_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, now, {
      ...who,
      action: 'desk.flag_citizen',
      entity: 'citizen',
      entityId: String(citizenId),
      reason,
    });
    return row.id;
  });
}

export async function openFlags(db: Kysely<DB>, citizenId: number) {
  return db
    .selectFrom('citizen_flags')
    .select(['id', 'reason', 'flagged_at as flaggedAt'])
    .where('citizen_id', '=', citizenId)
    .where('cleared_at', 'is', null)
    .orderBy('id')
    .execute();
}
