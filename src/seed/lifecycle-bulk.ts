// The demo's histories written in bulk. Playing thousands of grievances through `transition` one action
// at a time costs a transaction and a dozen statements per action, which on the embedded database at
// first start was most of a minute. Here the same actions are worked out in memory, by the rules of
// `applyAction` (grievances/lifecycle.ts) with the same SLA functions, and written in three statements:
// the grievances' new state, their events and their notifications. lifecycle-bulk.test.ts plays the same
// scripts through `transition` and checks that both write the same rows, so the two cannot drift apart.
//
// Only what the demo does is covered: start, ask for and give information, resolve, reject, close and
// reopen a resolution, by the service itself (no audit entry, as `transition` without `who`).
import { type Kysely, sql } from 'kysely';
import type { ReferenceCache } from '../cache/reference.ts';
import type { DB, Status } from '../db/schema.ts';
import { type Action, type Actor, TRANSITIONS } from '../grievances/lifecycle.ts';
import type { TemplateName } from '../notify/index.ts';
import { PAUSED, resumeClock, STOPPED, startClock } from '../sla/index.ts';

export type DemoAction = Extract<
  Action,
  { type: 'start' | 'request_info' | 'provide_info' | 'resolve' | 'reject' | 'close' | 'reopen' }
>;

export interface DemoStep {
  action: DemoAction;
  actor: Actor;
  at: Date;
}

/** A registered grievance's state, as the lifecycle reads and changes it. */
interface State {
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
  sla_started_at: Date | null;
  sla_paused_at: Date | null;
  next_reminder_at: Date | null;
  reminders_sent: number;
  sla_next_at: Date | null;
  command_centre_at: Date | null;
  reopen_count: number;
  resolved_at: Date | null;
  closed_at: Date | null;
  updated_at: Date;
}

interface EventRow {
  grievance_id: number;
  at: Date;
  kind: string;
  from_status: Status;
  to_status: Status;
  actor_kind: string;
  actor_id: number | null;
  position_id: number | null;
  note: string | null;
  data: string;
}

interface NoticeRow {
  recipient_kind: 'citizen' | 'position';
  citizen_id: number | null;
  position_id: number | null;
  grievance_id: number;
  channel: string;
  template: TemplateName;
  language: string;
  params: Record<string, unknown>;
  /** For a resolution's notice: the index of its event, whose id the notice names (its feedback link). */
  resolutionEvent?: number;
  at: Date;
}

/**
 * Applies each grievance's steps, in order, to the grievance as registered. A step its state does not
 * allow is skipped, as `transition` would refuse it. Returns each grievance's final status by id.
 */
export async function playInBulk(
  db: Kysely<DB>,
  reference: ReferenceCache,
  scripts: { id: number; steps: DemoStep[] }[],
): Promise<Map<number, Status>> {
  const ids = scripts.map((s) => s.id);
  const rows = ids.length
    ? await db
        .selectFrom('grievances')
        .select([
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
          'sla_started_at',
          'sla_paused_at',
          'next_reminder_at',
          'reminders_sent',
          'sla_next_at',
          'command_centre_at',
          'reopen_count',
          'resolved_at',
          'closed_at',
          'updated_at',
        ])
        .where('id', 'in', ids)
        .execute()
    : [];
  const byId = new Map(rows.map((r) => [r.id, r as State]));
  const changed: State[] = [];
  const events: EventRow[] = [];
  const notices: NoticeRow[] = [];
  const finals = new Map<number, Status>();
  for (const script of scripts) {
    const g = byId.get(script.id);
    if (!g) throw new Error(`grievance ${script.id} is not registered`);
    let moved = false;
    for (const step of script.steps) {
      if (!TRANSITIONS[step.action.type].from.includes(g.status)) continue;
      await apply(db, reference, g, step, events, notices);
      moved = true;
    }
    if (moved) changed.push(g);
    finals.set(g.id, g.status);
  }
  await write(db, changed, events, notices);
  return finals;
}

/** One action on `g`, in memory: what `applyAction` would change, log and send. */
async function apply(
  db: Kysely<DB>,
  reference: ReferenceCache,
  g: State,
  { action, actor, at: now }: DemoStep,
  events: EventRow[],
  notices: NoticeRow[],
) {
  const from = g.status;
  const data: Record<string, unknown> = {};
  const notice = (
    to: 'citizen' | 'position',
    template: TemplateName,
    params: Record<string, unknown> = {},
  ) => {
    if (to === 'citizen' && g.citizen_id === null) return;
    if (to === 'position' && g.position_id === null) return;
    notices.push({
      recipient_kind: to,
      citizen_id: to === 'citizen' ? g.citizen_id : null,
      position_id: to === 'position' ? g.position_id : null,
      grievance_id: g.id,
      channel: to === 'citizen' ? 'sms' : 'default',
      template,
      language: g.language,
      params: { reference: g.reference, ...params },
      ...(template === 'grievance_resolved' ? { resolutionEvent: events.length - 1 } : {}),
      at: now,
    });
  };
  const sla = () => reference.slaContext(db, g.position_id as number, g.category_id, g.level as number);
  const pending: [to: 'citizen' | 'position', TemplateName, Record<string, unknown>?][] = [];
  switch (action.type) {
    case 'start':
      g.status = 'in_progress';
      break;
    case 'request_info':
      Object.assign(g, { status: 'awaiting_info' }, PAUSED(now));
      pending.push(['citizen', 'info_requested', { question: action.note }]);
      break;
    case 'provide_info': {
      const pausedAt = g.sla_paused_at;
      data.pausedMs = pausedAt ? now.getTime() - pausedAt.getTime() : 0;
      if (g.position_id !== null && g.level !== null && g.due_at && pausedAt) {
        const state = { due_at: g.due_at, sla_paused_at: pausedAt, reminders_sent: g.reminders_sent };
        Object.assign(g, resumeClock(await sla(), state, now));
      }
      Object.assign(g, { status: 'in_progress', sla_paused_at: null });
      pending.push(['position', 'grievance_assigned']);
      break;
    }
    case 'resolve':
      data.dueAt = g.due_at;
      Object.assign(g, { status: 'resolved', resolved_at: now }, STOPPED);
      pending.push(['citizen', 'grievance_resolved', { actionTaken: action.note }]);
      break;
    case 'reject':
      Object.assign(g, { status: 'rejected', closed_at: now }, STOPPED);
      pending.push(['citizen', 'grievance_rejected', { reason: action.note }]);
      break;
    case 'close':
      data.reason = action.reason;
      if (action.rating !== undefined) data.rating = action.rating;
      Object.assign(g, { status: 'closed', closed_at: now }, STOPPED);
      pending.push(['citizen', 'grievance_closed', { reason: action.reason }]);
      break;
    case 'reopen': {
      if (action.rating !== undefined) data.rating = action.rating;
      // Back to the position that held it, with a fresh clock on its routing chain (the demo reopens
      // only resolutions, which always have a position).
      if (g.position_id === null)
        throw new Error(`demo grievance ${g.reference} reopened without a position`);
      const route = await reference.route(db, g.category_id, g.place_id);
      const step = route?.steps.find((s) => s.positionId === g.position_id);
      const position = await reference.position(db, g.position_id);
      g.level = step?.level ?? (position?.level as number);
      g.rule_id = step ? (route?.ruleId ?? null) : null;
      Object.assign(g, {
        status: 'assigned',
        reopen_count: g.reopen_count + 1,
        resolved_at: null,
        closed_at: null,
        command_centre_at: null,
        ...startClock(await sla(), now),
      });
      pending.push(['position', 'grievance_reopened', { reason: action.note }]);
      break;
    }
  }
  g.updated_at = now;
  events.push({
    grievance_id: g.id,
    at: now,
    kind: TRANSITIONS[action.type].event,
    from_status: from,
    to_status: g.status,
    actor_kind: actor.kind,
    actor_id: actor.id,
    position_id: g.position_id,
    note: 'note' in action ? (action.note ?? null) : null,
    data: JSON.stringify(data),
  });
  for (const [to, template, params] of pending) notice(to, template, params);
}

/** The three statements: the grievances' new state, their events, their notifications. */
async function write(db: Kysely<DB>, changed: State[], events: EventRow[], notices: NoticeRow[]) {
  if (changed.length === 0) return;
  const col = <R, T>(rows: R[], pick: (r: R) => T) => rows.map(pick);
  await db.transaction().execute(async (trx) => {
    await sql`
      update grievances g set
        status = t.status, level = t.level, rule_id = t.rule_id, due_at = t.due_at,
        sla_started_at = t.sla_started_at, sla_paused_at = t.sla_paused_at,
        next_reminder_at = t.next_reminder_at, reminders_sent = t.reminders_sent, sla_next_at = t.sla_next_at,
        command_centre_at = t.command_centre_at, reopen_count = t.reopen_count,
        resolved_at = t.resolved_at, closed_at = t.closed_at, updated_at = t.updated_at
      from unnest(
        ${col(changed, (g) => g.id)}::bigint[],
        ${col(changed, (g) => g.status)}::text[],
        ${col(changed, (g) => g.level)}::int[],
        ${col(changed, (g) => g.rule_id)}::bigint[],
        ${col(changed, (g) => g.due_at)}::timestamptz[],
        ${col(changed, (g) => g.sla_started_at)}::timestamptz[],
        ${col(changed, (g) => g.sla_paused_at)}::timestamptz[],
        ${col(changed, (g) => g.next_reminder_at)}::timestamptz[],
        ${col(changed, (g) => g.reminders_sent)}::int[],
        ${col(changed, (g) => g.sla_next_at)}::timestamptz[],
        ${col(changed, (g) => g.command_centre_at)}::timestamptz[],
        ${col(changed, (g) => g.reopen_count)}::int[],
        ${col(changed, (g) => g.resolved_at)}::timestamptz[],
        ${col(changed, (g) => g.closed_at)}::timestamptz[],
        ${col(changed, (g) => g.updated_at)}::timestamptz[]
      ) as t(id, status, level, rule_id, due_at, sla_started_at, sla_paused_at, next_reminder_at,
             reminders_sent, sla_next_at, command_centre_at, reopen_count, resolved_at, closed_at, updated_at)
      where g.id = t.id`.execute(trx);
    const inserted = await sql<{ id: number | string }>`
      insert into grievance_events (grievance_id, at, kind, from_status, to_status, actor_kind, actor_id,
                                    position_id, note, data, public)
      select grievance_id, at, kind, from_status, to_status, actor_kind, actor_id, position_id, note, data, true
      from unnest(
        ${col(events, (e) => e.grievance_id)}::bigint[],
        ${col(events, (e) => e.at)}::timestamptz[],
        ${col(events, (e) => e.kind)}::text[],
        ${col(events, (e) => e.from_status)}::text[],
        ${col(events, (e) => e.to_status)}::text[],
        ${col(events, (e) => e.actor_kind)}::text[],
        ${col(events, (e) => e.actor_id)}::bigint[],
        ${col(events, (e) => e.position_id)}::bigint[],
        ${col(events, (e) => e.note)}::text[],
        ${col(events, (e) => e.data)}::jsonb[]
      ) with ordinality as t(grievance_id, at, kind, from_status, to_status, actor_kind, actor_id,
                             position_id, note, data, n)
      order by n
      returning id`.execute(trx);
    if (notices.length === 0) return;
    // Identity values are drawn in insertion order, so the ids in ascending order are the events' order.
    const eventIds = inserted.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
    const params = notices.map((n) =>
      JSON.stringify(
        n.resolutionEvent === undefined ? n.params : { ...n.params, resolution: eventIds[n.resolutionEvent] },
      ),
    );
    await sql`
      insert into notifications (recipient_kind, citizen_id, position_id, officer_id, grievance_id, channel,
                                 template, language, params, next_attempt_at, created_at)
      select recipient_kind, citizen_id, position_id, null, grievance_id, channel, template, language, params,
             at, at
      from unnest(
        ${col(notices, (n) => n.recipient_kind)}::text[],
        ${col(notices, (n) => n.citizen_id)}::bigint[],
        ${col(notices, (n) => n.position_id)}::bigint[],
        ${col(notices, (n) => n.grievance_id)}::bigint[],
        ${col(notices, (n) => n.channel)}::text[],
        ${col(notices, (n) => n.template)}::text[],
        ${col(notices, (n) => n.language)}::text[],
        ${params}::jsonb[],
        ${col(notices, (n) => n.at)}::timestamptz[]
      ) with ordinality as t(recipient_kind, citizen_id, position_id, grievance_id, channel, template,
                             language, params, at, n)
      order by n`.execute(trx);
  });
}
