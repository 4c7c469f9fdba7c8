// Hours of operation per queue: the queue's calendar (working hours per weekday, in its time zone) and
// the holidays declared for the place it serves and every place above it. A queue with no calendar is
// always open.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { pathIds } from '../../places/index.ts';
import { addWorkingTime, type WorkingCalendar } from '../../sla/index.ts';

export async function queueCalendar(
  db: Kysely<DB>,
  queue: { calendar_id: number | null; place_id: number | null },
): Promise<WorkingCalendar | null> {
  if (queue.calendar_id === null) return null;
  const [calendar, hours, place] = await Promise.all([
    db.selectFrom('calendars').select('time_zone').where('id', '=', queue.calendar_id).executeTakeFirst(),
    db
      .selectFrom('calendar_hours')
      .select(['weekday', 'opens_minute', 'closes_minute'])
      .where('calendar_id', '=', queue.calendar_id)
      .orderBy('opens_minute')
      .execute(),
    queue.place_id === null
      ? Promise.resolve(undefined)
      : db.selectFrom('places').select('path').where('id', '=', queue.place_id).executeTakeFirst(),
  ]);
  if (!calendar) return null;
  const placeIds = place ? pathIds(place.path) : [];
  // A statewide queue keeps the holidays declared for the whole deployment (the root places).
  const holidays = await db
    .selectFrom('holidays')
    .innerJoin('places', 'places.id', 'holidays.place_id')
    .select('holidays.day')
    .where((eb) =>
      eb.or([eb('places.depth', '=', 0), ...(placeIds.length ? [eb('places.id', 'in', placeIds)] : [])]),
    )
    .execute();
  const byDay = new Map<number, [number, number][]>();
  for (const h of hours)
    byDay.set(h.weekday, [...(byDay.get(h.weekday) ?? []), [h.opens_minute, h.closes_minute]]);
  return { timeZone: calendar.time_zone, hours: byDay, holidays: new Set(holidays.map((h) => h.day)) };
}

/** Open now, or the instant it next opens (null: a calendar with no hours at all). */
export function nextOpening(calendar: WorkingCalendar, now: Date): { open: boolean; opensAt: Date | null } {
  // One millisecond of working time from now ends one millisecond after now exactly when now is inside
  // working hours; otherwise it ends one millisecond after the next opening.
  let end: Date;
  try {
    end = addWorkingTime(calendar, now, 1);
  } catch {
    return { open: false, opensAt: null };
  }
  if (end.getTime() === now.getTime() + 1) return { open: true, opensAt: now };
  return { open: false, opensAt: new Date(end.getTime() - 1) };
}

/** 'YYYY-MM-DDTHH:MM' in a time zone: how prompts carry a local date and time. */
export function localDateTime(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}
