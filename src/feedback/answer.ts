// A citizen's answer to "were you satisfied?" that arrives by email: through the signed link of the
// resolution email (the feedback page), or as a reply of 1 / 2 to that email's signed reply address
// (reply-tag.ts) from their verified address. Either way it does what the portal's feedback does:
// satisfied closes the grievance (with the rating and words if given), not satisfied reopens it with the
// citizen's words. Under the grievance's lock it checks that the grievance is still this citizen's and
// still resolved by the same resolution the link or address was signed for, so a late or replayed
// answer changes nothing. The answer is an interaction on the citizen's history, linked
// to the grievance, and the lifecycle writes the audit entry in the same transaction.
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../clock.ts';
import type { DB } from '../db/schema.ts';
import { AppError, refusal } from '../errors.ts';
import { transitionIf } from '../grievances/index.ts';
import type { LockedGrievance } from '../grievances/lifecycle.ts';
import type { FeedbackClaim } from './link.ts';

export interface Answer {
  satisfied: boolean;
  rating?: number;
  /** The citizen's words (required to reopen through the link, as on the portal). */
  reason?: string;
}

/** The resolution a link asks about, for the page to show; refused when it is no longer answerable. */
export async function openResolution(db: Kysely<DB>, now: Date, claim: FeedbackClaim | null) {
  if (!claim) throw notFoundLink();
  const g = await db
    .selectFrom('grievances')
    .select(['id', 'reference', 'status', 'citizen_id', 'language'])
    .where('id', '=', claim.grievanceId)
    .executeTakeFirst();
  if (!g || Number(g.citizen_id) !== claim.citizenId) throw notFoundLink();
  const resolution = await db
    .selectFrom('grievance_events')
    .select(['id', 'at', 'note'])
    .where('grievance_id', '=', g.id)
    .where('kind', '=', 'resolved')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (claim.expiresAt <= now)
    throw refusal('conflict', 'feedback_link_expired', 'this link has expired; answer on the portal instead');
  if (g.status !== 'resolved' || Number(resolution?.id) !== claim.resolutionId)
    throw refusal(
      'conflict',
      'feedback_link_closed',
      'this resolution was already answered, or the grievance changed since; see it on the portal',
    );
  return {
    reference: g.reference,
    language: g.language,
    actionTaken: resolution?.note ?? '',
    resolvedAt: resolution?.at as Date,
  };
}

const notFoundLink = () =>
  new AppError('not_found', 'this link is not one we sent', [
    { message: 'unknown link', code: 'feedback_link_invalid' },
  ]);

/**
 * Applies an answer. `resolutionId` (the one the link or reply address was signed for) must still be the
 * grievance's latest resolution, and the grievance still resolved. Returns false when it no longer is.
 */
export async function answerResolution(
  deps: { db: Kysely<DB>; clock: Clock },
  input: {
    grievanceId: number;
    citizenId: number;
    resolutionId: number;
    answer: Answer;
    via: 'email link' | 'email reply';
    ip: string | null;
    /** The inbound email already on the history (a reply); none: the answer is recorded as one. */
    interactionId?: number;
  },
): Promise<boolean> {
  const g = await deps.db
    .selectFrom('grievances')
    .select('reference')
    .where('id', '=', input.grievanceId)
    .executeTakeFirst();
  if (!g) return false;
  const { answer } = input;
  const words = answer.reason?.trim() || undefined;
  const action = answer.satisfied
    ? {
        type: 'close' as const,
        reason: 'citizen_satisfied' as const,
        note: words ?? (input.via === 'email reply' ? 'Satisfied (email reply)' : undefined),
        rating: answer.rating,
      }
    : { type: 'reopen' as const, note: words ?? 'Not satisfied (email reply)', rating: answer.rating };
  const check = async (trx: Transaction<DB>, row: LockedGrievance) => {
    if (Number(row.citizen_id) !== input.citizenId || row.status !== 'resolved') throw stale();
    const latest = await trx
      .selectFrom('grievance_events')
      .select('id')
      .where('grievance_id', '=', row.id)
      .where('kind', '=', 'resolved')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (Number(latest?.id) !== input.resolutionId) throw stale();
    if (input.interactionId === undefined) await recordAnswer(trx, deps.clock.now(), row.id, input);
  };
  try {
    await transitionIf(
      deps.db,
      deps.clock,
      g.reference,
      action,
      // Recorded as "the citizen" on the history, as the portal's feedback is; the audit names them.
      { kind: 'citizen', id: null },
      { actorKind: 'citizen', actorId: input.citizenId, ip: input.ip },
      check,
    );
    return true;
  } catch (error) {
    if (error instanceof AppError && (error.code === 'illegal_transition' || isStale(error))) return false;
    throw error;
  }
}

const STALE = 'feedback_link_closed';
const stale = () => refusal('conflict', STALE, 'the resolution was already answered or has changed');
const isStale = (error: AppError) => error.details.some((d) => d.code === STALE);

/** The answer given on the feedback page, as a contact on the citizen's history. */
async function recordAnswer(
  trx: Transaction<DB>,
  now: Date,
  grievanceId: number,
  input: { citizenId: number; resolutionId: number; answer: Answer },
) {
  const { answer } = input;
  const summary = [
    answer.satisfied ? 'Satisfied with the resolution' : 'Not satisfied with the resolution',
    answer.rating !== undefined ? ` (rating ${answer.rating} of 5)` : '',
    answer.reason?.trim() ? `: ${answer.reason.trim()}` : '',
    ' (answered through the link in the resolution email)',
  ].join('');
  const interaction = await trx
    .insertInto('interactions')
    .values({
      citizen_id: input.citizenId,
      channel: 'email',
      direction: 'inbound',
      external_id: `feedback-link:${input.resolutionId}`,
      summary: summary.slice(0, 4000),
      started_at: now,
      ended_at: now,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('interaction_grievances')
    .values({ interaction_id: interaction.id, grievance_id: grievanceId })
    .execute();
}
