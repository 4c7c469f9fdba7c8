// Hours per queue: a queue with a calendar is open in its working hours (minus the holidays of the place
// it serves); out of hours the IVR takes the after-hours branch (a callback request, on the desk's
// callback list) and the wallboard says when the queue opens again. A queue with no calendar never closes.
import type { Kysely } from 'kysely';
import { nextOpening, queueCalendar } from '../channels/voice/index.ts';
import type { DB } from '../db/schema.ts';

export interface QueueHours {
  calendarId: number | null;
  open: boolean;
  /** When a closed queue opens again (null: open now, or a calendar with no hours). */
  opensAt: Date | null;
}

export async function queueHours(
  db: Kysely<DB>,
  now: Date,
  queue: { calendar_id: number | null; place_id: number | null },
): Promise<QueueHours> {
  const calendar = await queueCalendar(db, queue);
  if (!calendar) return { calendarId: queue.calendar_id, open: true, opensAt: null };
  const { open, opensAt } = nextOpening(calendar, now);
  return { calendarId: queue.calendar_id, open, opensAt: open ? null : opensAt };
}
