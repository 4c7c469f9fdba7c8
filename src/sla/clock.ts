// The SLA clock of one grievance at one position. Its state is columns on the grievance row:
//   sla_started_at    when this level's time began
//   due_at            when it runs out (working hours on the position's calendar, or calendar days)
//   reminders_sent    how many of the policy's reminders (e.g. at 50% and 90%) have gone out
//   next_reminder_at  when the next one is due
//   sla_paused_at     set while waiting for the citizen: the clock does not run
//   sla_next_at       min(next reminder, due): the one column the sweep's index reads
// The lifecycle starts, pauses, resumes and stops it; the sweep advances it.
import type { Kysely } from 'kysely';
import type { DB, ResolutionUnit } from '../db/schema.ts';
import { calendarForPosition } from './calendars.ts';
import {
  addWorkingTime,
  subtractWorkingTime,
  type WorkingCalendar,
  workingTimeBetween,
} from './working-time.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface Resolution {
  value: number;
  unit: ResolutionUnit;
}

/** The columns of a running clock. */
export interface ClockState {
  sla_started_at: Date;
  due_at: Date;
  reminders_sent: number;
  next_reminder_at: Date | null;
  sla_paused_at: null;
  sla_next_at: Date;
}

/** What an SLA computation needs to know about the rules in force, loaded once per use. */
export interface SlaContext {
  calendar: WorkingCalendar;
  resolution: Resolution;
  reminderPercents: number[];
}

export async function loadSlaContext(
  db: Kysely<DB>,
  positionId: number,
  categoryId: number,
  level: number,
): Promise<SlaContext> {
  const [calendar, resolution, policy] = await Promise.all([
    calendarForPosition(db, positionId),
    resolutionFor(db, categoryId, level),
    db.selectFrom('sla_policy').select('reminder_percents').executeTakeFirstOrThrow(),
  ]);
  return { calendar, resolution, reminderPercents: [...policy.reminder_percents].sort((a, b) => a - b) };
}

/** A category's time at a level: its own row for that level if it has one, else the category's. */
export async function resolutionFor(db: Kysely<DB>, categoryId: number, level: number): Promise<Resolution> {
  const row = await db
    .selectFrom('categories as c')
    .leftJoin('category_level_times as t', (join) =>
      join.onRef('t.category_id', '=', 'c.id').on('t.level', '=', level),
    )
    .select([
      'c.resolution_value',
      'c.resolution_unit',
      't.resolution_value as levelValue',
      't.resolution_unit as levelUnit',
    ])
    .where('c.id', '=', categoryId)
    .executeTakeFirstOrThrow();
  return row.levelValue !== null && row.levelUnit !== null
    ? { value: row.levelValue, unit: row.levelUnit }
    : { value: row.resolution_value, unit: row.resolution_unit };
}

export function addResolution(ctx: SlaContext, from: Date, fraction = 1): Date {
  const { value, unit } = ctx.resolution;
  return unit === 'working_hours'
    ? addWorkingTime(ctx.calendar, from, fraction * value * HOUR)
    : new Date(from.getTime() + fraction * value * DAY);
}

/** When reminder number `index` (0-based) falls: when only (100 - percent)% of the time is left. */
export function reminderAt(ctx: SlaContext, dueAt: Date, index: number): Date | null {
  const percent = ctx.reminderPercents[index];
  if (percent === undefined) return null;
  const left = (1 - percent / 100) * ctx.resolution.value;
  return ctx.resolution.unit === 'working_hours'
    ? subtractWorkingTime(ctx.calendar, dueAt, left * HOUR)
    : new Date(dueAt.getTime() - left * DAY);
}

/** Starts this level's clock now. */
export function startClock(ctx: SlaContext, now: Date): ClockState {
  const due = addResolution(ctx, now);
  return { sla_started_at: now, due_at: due, ...nextWake(ctx, due, 0, now), sla_paused_at: null };
}

/**
 * Resumes a paused clock: the time left when it paused is counted again from now, in the same unit,
 * so waiting for the citizen costs the officer nothing.
 */
export function resumeClock(
  ctx: SlaContext,
  state: { due_at: Date; sla_paused_at: Date; reminders_sent: number },
  now: Date,
) {
  const due =
    ctx.resolution.unit === 'working_hours'
      ? addWorkingTime(ctx.calendar, now, workingTimeBetween(ctx.calendar, state.sla_paused_at, state.due_at))
      : new Date(state.due_at.getTime() + Math.max(0, now.getTime() - state.sla_paused_at.getTime()));
  return { due_at: due, sla_paused_at: null, ...nextWake(ctx, due, state.reminders_sent, now) };
}

/** The next reminder still to send (skipping any whose moment passed long ago) and when to wake. */
export function nextWake(ctx: SlaContext, due: Date, remindersSent: number, now: Date) {
  let sent = remindersSent;
  let next = reminderAt(ctx, due, sent);
  // A reminder whose successor's moment has also passed is pointless: jump to the latest one due.
  while (next) {
    const after = reminderAt(ctx, due, sent + 1);
    if (!after || after > now) break;
    sent++;
    next = after;
  }
  const wake = next && next < due ? next : due;
  return { reminders_sent: sent, next_reminder_at: next && next < due ? next : null, sla_next_at: wake };
}

export const PAUSED = (now: Date) => ({ sla_paused_at: now, sla_next_at: null });
export const STOPPED = { sla_next_at: null, next_reminder_at: null, sla_paused_at: null } as const;
