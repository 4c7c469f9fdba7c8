// Closure feedback on WhatsApp. The resolution message carries two buttons (feedbackActions); either
// is followed by a list of ratings from 1 to 5 (or none); then "satisfied" closes the grievance, "not
// satisfied" asks what is still wrong and reopens it with those words and the rating, as the portal does. Only the citizen who raised it may answer, from the number it was raised
// with; a tap on an old message for a grievance no longer resolved changes nothing and says so.
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { transition } from '../../grievances/index.ts';
import type { Outbound } from './cloud.ts';
import type { Feedback } from './conversation.ts';
import { type Lang, say } from './messages.ts';

export async function applyFeedback(
  deps: Deps,
  citizenId: number,
  lang: Lang,
  feedback: Feedback,
): Promise<{ replies: Outbound[]; grievanceId: number | null }> {
  const { reference } = feedback;
  const g = await deps.db
    .selectFrom('grievances')
    .select(['id', 'status', 'citizen_id'])
    .where('reference', '=', reference)
    .executeTakeFirst();
  const allowed = feedback.satisfied ? ['resolved'] : ['resolved', 'closed'];
  const notOpen = {
    replies: [{ kind: 'text' as const, text: say(lang, 'feedbackNotOpen', { reference }) }],
    grievanceId: null,
  };
  if (!g || Number(g.citizen_id) !== citizenId || !allowed.includes(g.status)) return notOpen;
  const actor = { kind: 'citizen' as const, id: citizenId };
  const who = { actorKind: 'citizen', actorId: citizenId, ip: null };
  try {
    if (feedback.satisfied) {
      await transition(
        deps.db,
        deps.clock,
        reference,
        { type: 'close', reason: 'citizen_satisfied', rating: feedback.rating },
        actor,
        who,
      );
    } else {
      const reopen = { type: 'reopen' as const, note: feedback.note, rating: feedback.rating };
      await transition(deps.db, deps.clock, reference, reopen, actor, who);
    }
  } catch (error) {
    // It changed state between our look and the transition (an officer closed it meanwhile).
    if (error instanceof AppError && error.code === 'illegal_transition') return notOpen;
    throw error;
  }
  const key = feedback.satisfied ? 'feedbackThanks' : 'feedbackReopened';
  return { replies: [{ kind: 'text', text: say(lang, key, { reference }) }], grievanceId: g.id };
}
