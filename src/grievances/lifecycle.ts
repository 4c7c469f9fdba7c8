// The grievance lifecycle. Every change of state goes through `applyAction`: it checks the transition
// against the table below, then writes the new state, the event and any notifications in the caller's
// transaction, on a row the caller has locked. Nothing else updates a grievance's status.
//
//   registered ──assign──> assigned ──start──> in_progress ──resolve──> resolved ──close──> closed
//        │                  │  ▲                 │   ▲                    │                  │
//        │                  │  └──transfer───────┘   │                    └──reopen──────────┤
//        │                  └──request_info──> awaiting_info ──provide_info┘                 │
//        └──reject──> rejected ──reopen──> assigned (same position) or registered ◄──────────┘
import type { Transaction } from 'kysely';
import { claimAttachments, linkToEvent } from '../attachments/index.ts';
import type { ActorKind, DB, Status } from '../db/schema.ts';
import { AppError, invalid, refusal } from '../errors.ts';
import { enqueueNotification, type TemplateName } from '../notify/index.ts';
import { findRoute } from '../routing/index.ts';
import { loadSlaContext, PAUSED, resumeClock, STOPPED, startClock } from '../sla/index.ts';
import { announceChanges } from './announce.ts';

export interface Actor {
  kind: ActorKind;
  id: number | null;
}

export type CloseReason = 'citizen_satisfied' | 'no_response' | 'citizen_withdrew';

export type Action =
  | { type: 'assign'; positionId: number; note?: string }
  | { type: 'start'; note?: string }
  | { type: 'request_info'; note: string }
  /** `attachmentIds`: the citizen's photos uploaded beforehand (kind 'evidence'), linked to the reply. */
  | { type: 'provide_info'; note: string; attachmentIds?: number[] }
  | { type: 'transfer'; positionId: number; note: string }
  /** `attachmentIds`: proof uploaded beforehand (kind 'proof'), linked to the resolve event. */
  | { type: 'resolve'; note: string; attachmentIds?: number[] }
  | { type: 'reject'; note: string }
  /** `rating` (1-5) and `note` (their reason): the citizen's verdict on the resolution, with `citizen_satisfied`. */
  | { type: 'close'; reason: CloseReason; note?: string; rating?: number }
  | { type: 'withdraw'; note?: string }
  /** After a resolution, `note` is the citizen's words on what is still wrong and `rating` (1-5) their verdict. */
  | { type: 'reopen'; note: string; rating?: number }
  | { type: 'escalate'; note: string }
  | { type: 'deescalate'; note: string }
  | { type: 'note'; note: string; internal?: boolean };

export type ActionType = Action['type'];

const OPEN: Status[] = ['assigned', 'in_progress', 'awaiting_info'];

/** Which states each action may start from, and the event it writes. */
export const TRANSITIONS: Record<ActionType, { from: readonly Status[]; event: string }> = {
  assign: { from: ['registered'], event: 'assigned' },
  start: { from: ['assigned'], event: 'started' },
  request_info: { from: ['assigned', 'in_progress'], event: 'info_requested' },
  provide_info: { from: ['awaiting_info'], event: 'info_provided' },
  transfer: { from: OPEN, event: 'transferred' },
  resolve: { from: ['assigned', 'in_progress'], event: 'resolved' },
  reject: { from: ['registered', ...OPEN], event: 'rejected' },
  close: { from: ['resolved'], event: 'closed' },
  withdraw: { from: ['registered', ...OPEN], event: 'withdrawn' },
  reopen: { from: ['resolved', 'closed', 'rejected'], event: 'reopened' },
  // By hand, by a supervisor, with a reason; the SLA sweep escalates on breach by itself.
  escalate: { from: OPEN, event: 'escalated' },
  deescalate: { from: OPEN, event: 'deescalated' },
  note: { from: ['registered', ...OPEN, 'resolved', 'closed', 'rejected'], event: 'note' },
};

/** The grievance columns the lifecycle reads; the caller selects them `for update`. */
export interface LockedGrievance {
  id: number;
  reference: string;
  status: Status;
  citizen_id: number | null;
  category_id: number;
  place_id: number;
  language: string;
  position_id: number | null;
  level: number | null;
  rule_id: number | null;
  due_at: Date | null;
  sla_paused_at: Date | null;
  reminders_sent: number;
  reopen_count: number;
}

export const LOCKED_COLUMNS = [
  'id',
  'reference',
  'status',
  'citizen_id',
  'category_id',
  'place_id',
  'language',
  'position_id',
  'level',
  'rule_id',
  'due_at',
  'sla_paused_at',
  'reminders_sent',
  'reopen_count',
] as const;

type Change = Partial<{
  status: Status;
  position_id: number | null;
  department_id: number;
  level: number | null;
  rule_id: number | null;
  due_at: Date | null;
  sla_started_at: Date | null;
  sla_paused_at: Date | null;
  next_reminder_at: Date | null;
  reminders_sent: number;
  sla_next_at: Date | null;
  command_centre_at: Date | null;
  reopen_count: number;
  resolved_at: Date | null;
  closed_at: Date | null;
}>;

type Notice = { to: 'citizen' | 'position'; template: TemplateName; params?: Record<string, unknown> };

export async function applyAction(
  trx: Transaction<DB>,
  now: Date,
  g: LockedGrievance,
  action: Action,
  actor: Actor,
): Promise<{ status: Status; eventId: number }> {
  const rule = TRANSITIONS[action.type];
  if (!rule.from.includes(g.status)) {
    throw new AppError(
      'illegal_transition',
      `cannot ${action.type.replace('_', ' ')} a grievance that is ${g.status.replace('_', ' ')}; allowed from: ${rule.from.join(', ')}`,
      [{ field: 'type', message: `not allowed from ${g.status}`, code: 'not_in_this_state' }],
    );
  }

  let change: Change = {};
  const notices: Notice[] = [];
  const data: Record<string, unknown> = {};
  // Attachments uploaded before the action and linked to its event (proof, or the citizen's reply).
  let linked: number[] = [];

  switch (action.type) {
    case 'assign':
    case 'transfer': {
      if (action.positionId === g.position_id)
        throw invalid('positionId', 'the grievance is already with that position', 'already_there');
      const position = await activePosition(trx, action.positionId);
      change = { status: 'assigned', ...(await atPosition(trx, g, position, now)) };
      data.fromPositionId = g.position_id;
      notices.push({
        to: 'position',
        template: action.type === 'assign' ? 'grievance_assigned' : 'grievance_transferred_in',
      });
      break;
    }
    case 'start':
      change = { status: 'in_progress' };
      break;
    case 'request_info':
      // Waiting for the citizen stops the clock; `provide_info` gives the waiting time back.
      change = { status: 'awaiting_info', ...PAUSED(now) };
      notices.push({ to: 'citizen', template: 'info_requested', params: { question: action.note } });
      break;
    case 'provide_info': {
      const paused = g.sla_paused_at ? now.getTime() - g.sla_paused_at.getTime() : 0;
      change = { status: 'in_progress', sla_paused_at: null };
      if (g.position_id !== null && g.level !== null && g.due_at && g.sla_paused_at) {
        const ctx = await loadSlaContext(trx, g.position_id, g.category_id, g.level);
        change = {
          ...change,
          ...resumeClock(
            ctx,
            { due_at: g.due_at, sla_paused_at: g.sla_paused_at, reminders_sent: g.reminders_sent },
            now,
          ),
        };
      }
      data.pausedMs = paused;
      if (action.attachmentIds?.length) {
        linked = await claimAttachments(trx, g.id, action.attachmentIds, 'evidence');
        data.attachmentIds = linked;
      }
      notices.push({ to: 'position', template: 'grievance_assigned' });
      break;
    }
    case 'resolve':
      change = { status: 'resolved', resolved_at: now, ...STOPPED };
      // The promise this resolution is judged against, kept with it: a reopen later sets a new due
      // time, and insight's figures are recomputed from the history alone.
      data.dueAt = g.due_at;
      if (action.attachmentIds?.length) {
        linked = await claimAttachments(trx, g.id, action.attachmentIds, 'proof');
        data.attachmentIds = linked;
      }
      notices.push({ to: 'citizen', template: 'grievance_resolved', params: { actionTaken: action.note } });
      break;
    case 'reject':
      change = { status: 'rejected', closed_at: now, ...STOPPED };
      notices.push({ to: 'citizen', template: 'grievance_rejected', params: { reason: action.note } });
      break;
    case 'close':
      change = { status: 'closed', closed_at: now, ...STOPPED };
      data.reason = action.reason;
      if (action.rating !== undefined) {
        // A rating is the citizen's verdict on the resolution: closing for no answer has none.
        if (action.reason !== 'citizen_satisfied')
          throw invalid(
            'rating',
            'a rating goes only with the citizen being satisfied',
            'rating_not_allowed',
          );
        data.rating = checkedRating(action.rating);
      }
      notices.push({ to: 'citizen', template: 'grievance_closed', params: { reason: action.reason } });
      break;
    case 'withdraw':
      change = { status: 'closed', closed_at: now, ...STOPPED };
      data.reason = 'citizen_withdrew';
      break;
    case 'reopen': {
      // Not satisfied with a resolution: the rating goes with the citizen's words (the note). A rejected
      // grievance reopened was never resolved, so there is nothing to rate.
      if (action.rating !== undefined) {
        if (g.status === 'rejected')
          throw invalid('rating', 'only a resolution can be rated', 'rating_not_allowed');
        data.rating = checkedRating(action.rating);
      }
      // Back to the position that last held it, with a fresh clock; a grievance rejected before it was
      // ever routed is routed now, or waits in the unrouted queue.
      const positionId =
        g.position_id ?? (await findRoute(trx, g.category_id, g.place_id))?.steps[0]?.positionId ?? null;
      const base = {
        reopen_count: g.reopen_count + 1,
        resolved_at: null,
        closed_at: null,
        sla_paused_at: null,
      };
      if (positionId === null) {
        change = { ...base, status: 'registered', due_at: null };
      } else {
        const position = await activePosition(trx, positionId);
        change = { ...base, status: 'assigned', ...(await atPosition(trx, g, position, now)) };
        notices.push({ to: 'position', template: 'grievance_reopened', params: { reason: action.note } });
      }
      break;
    }
    case 'escalate':
    case 'deescalate': {
      const step = action.type === 'escalate' ? 1 : -1;
      const target = await chainStep(trx, g, (g.level ?? 0) + step);
      if (!target) {
        throw refusal(
          'conflict',
          action.type === 'escalate' ? 'chain_top' : 'chain_bottom',
          action.type === 'escalate'
            ? 'the grievance is at the top of its chain; no higher level to escalate to'
            : 'the grievance is at the bottom of its chain; no lower level to send it to',
        );
      }
      const position = await activePosition(trx, target);
      change = { status: 'assigned', ...(await atPosition(trx, g, position, now)) };
      data.fromPositionId = g.position_id;
      data.fromLevel = g.level;
      notices.push({ to: 'position', template: 'grievance_escalated', params: { reason: action.note } });
      break;
    }
    case 'note':
      break;
  }

  const toStatus = change.status ?? g.status;
  const positionId = change.position_id !== undefined ? change.position_id : g.position_id;
  // An internal note changes nothing a citizen can see, not even the time of the last change: the
  // grievance's updatedAt (which the citizen reads) stays as it was, and only staff hear of it live.
  const internal = action.type === 'note' && action.internal === true;
  if (!internal) {
    await trx
      .updateTable('grievances')
      .set({ ...change, updated_at: now })
      .where('id', '=', g.id)
      .execute();
  }
  const event = await trx
    .insertInto('grievance_events')
    .values({
      grievance_id: g.id,
      at: now,
      kind: rule.event,
      from_status: g.status,
      to_status: toStatus,
      actor_kind: actor.kind,
      actor_id: actor.id,
      position_id: positionId,
      note: 'note' in action ? (action.note ?? null) : null,
      data: JSON.stringify(data),
      public: !internal,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await linkToEvent(trx, linked, event.id);
  for (const notice of notices) {
    if (notice.to === 'citizen' && g.citizen_id === null) continue;
    if (notice.to === 'position' && positionId === null) continue;
    await enqueueNotification(trx, now, {
      to:
        notice.to === 'citizen'
          ? { kind: 'citizen', citizenId: g.citizen_id as number }
          : { kind: 'position', positionId: positionId as number },
      grievanceId: g.id,
      template: notice.template,
      language: g.language,
      // The resolution message names its event: an email's feedback link answers that resolution only.
      params: {
        reference: g.reference,
        ...notice.params,
        ...(notice.template === 'grievance_resolved' ? { resolution: event.id } : {}),
      },
    });
  }
  await announceChanges(trx, [g.id], { staffOnly: internal });
  return { status: toStatus, eventId: event.id };
}

/** The citizen's 1-5 verdict (CPGRAMS asks the same); the schema checks it too, this holds for every caller. */
function checkedRating(rating: number): number {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5)
    throw invalid('rating', 'a rating is a whole number from 1 to 5', 'out_of_range');
  return rating;
}

async function activePosition(trx: Transaction<DB>, id: number) {
  const position = await trx
    .selectFrom('positions')
    .select(['id', 'department_id', 'level', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!position) throw invalid('positionId', `position ${id} does not exist`, 'does_not_exist');
  if (!position.active) throw invalid('positionId', `position ${id} is inactive`, 'inactive');
  return position;
}

/** The columns that place a grievance with a position: its department and level, the routing chain
 * it will climb from there, and a fresh SLA clock on that position's calendar. */
async function atPosition(
  trx: Transaction<DB>,
  g: LockedGrievance,
  position: { id: number; department_id: number; level: number },
  now: Date,
): Promise<Change> {
  // On its routing chain the grievance takes the step's level (a nodal position may stand in at any
  // step); placed off the chain by hand, it takes the position's own level and has no chain to climb.
  const route = await findRoute(trx, g.category_id, g.place_id);
  const step = route?.steps.find((s) => s.positionId === position.id);
  const level = step?.level ?? position.level;
  const ctx = await loadSlaContext(trx, position.id, g.category_id, level);
  return {
    position_id: position.id,
    department_id: position.department_id,
    level,
    rule_id: step ? (route?.ruleId ?? null) : null,
    command_centre_at: null,
    ...startClock(ctx, now),
  };
}

/** The position at `level` on the grievance's routing chain, if there is one. */
async function chainStep(trx: Transaction<DB>, g: LockedGrievance, level: number): Promise<number | null> {
  if (g.rule_id === null || level < 1) return null;
  const step = await trx
    .selectFrom('routing_rule_steps')
    .select('position_id')
    .where('rule_id', '=', g.rule_id)
    .where('level', '=', level)
    .executeTakeFirst();
  return step?.position_id ?? null;
}
