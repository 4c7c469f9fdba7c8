// Calendars in the database: which one applies to a position, and managing hours and holidays.
// A position works by its department's calendar if the department has one, else by the calendar of
// the nearest place above it that has one, else by the deployment's default calendar. Holidays apply
// to the place they are declared for and every place under it.

import { type Kysely, sql } from 'kysely';
import type { DB, I18nText } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { pathIds } from '../places/index.ts';
import { assertTimeZone, type WorkingCalendar } from './working-time.ts';

/** The deployment's time zone: its default calendar's. Dates shown or read out to people, and
 * "this month" or "today" on the desk, are counted in it. A default always exists (0002 seeds one and a
 * calendar cannot be un-defaulted, only replaced), so UTC is only a guard. */
export async function deploymentZone(db: Kysely<DB>): Promise<string> {
  const row = await db
    .selectFrom('calendars')
    .select('time_zone')
    .where('is_default', '=', true)
    .executeTakeFirst();
  return row?.time_zone ?? 'UTC';
}

/** The working calendar of a position, holidays of its place and the places above it included. */
export async function calendarForPosition(db: Kysely<DB>, positionId: number): Promise<WorkingCalendar> {
  const { rows } = await sql<{ calendarId: number; path: string }>`
    select coalesce(
             d.calendar_id,
             (select above.calendar_id from places above
               where above.calendar_id is not null and here.path like above.path || '%'
               order by above.depth desc limit 1),
             (select id from calendars where is_default)
           ) as "calendarId",
           here.path
    from positions p
    join departments d on d.id = p.department_id
    join places here on here.id = p.place_id
    where p.id = ${positionId}`.execute(db);
  const found = rows[0];
  if (!found) throw notFound('position', positionId);
  if (found.calendarId === null)
    throw new AppError('conflict', 'no calendar applies: mark one calendar as the default');
  return loadCalendar(db, found.calendarId, pathIds(found.path));
}

async function loadCalendar(
  db: Kysely<DB>,
  calendarId: number,
  placeIds: number[],
): Promise<WorkingCalendar> {
  const [calendar, hours, holidays] = await Promise.all([
    db.selectFrom('calendars').select('time_zone').where('id', '=', calendarId).executeTakeFirstOrThrow(),
    db
      .selectFrom('calendar_hours')
      .select(['weekday', 'opens_minute', 'closes_minute'])
      .where('calendar_id', '=', calendarId)
      .execute(),
    placeIds.length
      ? db.selectFrom('holidays').select('day').where('place_id', 'in', placeIds).execute()
      : Promise.resolve([]),
  ]);
  const byDay = new Map<number, [number, number][]>();
  for (const h of hours.sort((a, b) => a.opens_minute - b.opens_minute)) {
    byDay.set(h.weekday, [...(byDay.get(h.weekday) ?? []), [h.opens_minute, h.closes_minute]]);
  }
  return { timeZone: calendar.time_zone, hours: byDay, holidays: new Set(holidays.map((h) => h.day)) };
}

// Management -------------------------------------------------------------------------------------

export interface OfficeHours {
  weekday: number;
  opens: string;
  closes: string;
}

export interface CalendarInput {
  name: string;
  timeZone: string;
  isDefault?: boolean;
  hours: OfficeHours[];
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const toHhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export async function listCalendars(db: Kysely<DB>) {
  const [calendars, hours] = await Promise.all([
    db
      .selectFrom('calendars')
      .select(['id', 'name', 'time_zone as timeZone', 'is_default as isDefault'])
      .orderBy('id')
      .execute(),
    db.selectFrom('calendar_hours').selectAll().orderBy('weekday').orderBy('opens_minute').execute(),
  ]);
  return calendars.map((c) => ({
    ...c,
    hours: hours
      .filter((h) => h.calendar_id === c.id)
      .map((h) => ({ weekday: h.weekday, opens: toHhmm(h.opens_minute), closes: toHhmm(h.closes_minute) })),
  }));
}

export async function getCalendar(db: Kysely<DB>, id: number) {
  const calendar = (await listCalendars(db)).find((c) => c.id === id);
  if (!calendar) throw notFound('calendar', id);
  return calendar;
}

/** Creates a calendar, or with `id` replaces one's name, zone and hours. */
export async function saveCalendar(db: Kysely<DB>, input: CalendarInput, id?: number) {
  try {
    assertTimeZone(input.timeZone);
  } catch (error) {
    throw invalid('timeZone', (error as Error).message, 'time_zone_unknown');
  }
  const hours = input.hours.map((h, i) => {
    const opens = toMinutes(h.opens);
    const closes = h.closes === '24:00' ? 1440 : toMinutes(h.closes);
    if (closes <= opens)
      throw invalid(`hours[${i}]`, `closes (${h.closes}) must be after opens (${h.opens})`, 'hours_order');
    return { weekday: h.weekday, opens, closes };
  });
  hours.forEach((a, i) => {
    const clash = hours.findIndex(
      (b, j) => j !== i && a.weekday === b.weekday && a.opens < b.closes && b.opens < a.closes,
    );
    if (clash >= 0)
      throw invalid(`hours[${i}]`, `overlaps hours[${clash}] on weekday ${a.weekday}`, 'hours_overlap');
  });
  if (hours.length === 0)
    throw invalid('hours', 'a calendar needs working hours on at least one weekday', 'hours_none');

  const saved = await inTransaction(db, async (trx) => {
    const clash = await trx
      .selectFrom('calendars')
      .select('id')
      .where('name', '=', input.name)
      .$if(id !== undefined, (q) => q.where('id', '!=', id as number))
      .executeTakeFirst();
    if (clash) throw new AppError('conflict', `a calendar named "${input.name}" already exists`);
    if (input.isDefault)
      await trx.updateTable('calendars').set({ is_default: false }).where('is_default', '=', true).execute();
    let calendarId = id;
    if (calendarId === undefined) {
      calendarId = (
        await trx
          .insertInto('calendars')
          .values({ name: input.name, time_zone: input.timeZone, is_default: input.isDefault ?? false })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    } else {
      const updated = await trx
        .updateTable('calendars')
        .set({
          name: input.name,
          time_zone: input.timeZone,
          ...(input.isDefault ? { is_default: true } : {}),
        })
        .where('id', '=', calendarId)
        .executeTakeFirst();
      if (updated.numUpdatedRows === 0n) throw notFound('calendar', calendarId);
      await trx.deleteFrom('calendar_hours').where('calendar_id', '=', calendarId).execute();
    }
    const cid = calendarId;
    await trx
      .insertInto('calendar_hours')
      .values(
        hours.map((h) => ({
          calendar_id: cid,
          weekday: h.weekday,
          opens_minute: h.opens,
          closes_minute: h.closes,
        })),
      )
      .execute();
    return cid;
  });
  return getCalendar(db, saved);
}

/** Which calendar a department or a place (and what is under it) works by; null to inherit. */
export async function assignCalendar(
  db: Kysely<DB>,
  target: 'department' | 'place',
  id: number,
  calendarId: number | null,
) {
  if (calendarId !== null) await getCalendar(db, calendarId);
  const table = target === 'department' ? 'departments' : 'places';
  const result = await db
    .updateTable(table)
    .set({ calendar_id: calendarId })
    .where('id', '=', id)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw notFound(target, id);
}

export async function listHolidays(db: Kysely<DB>, filter: { placeId?: number; from?: string; to?: string }) {
  let query = db.selectFrom('holidays').select(['id', 'place_id as placeId', 'day', 'name']);
  if (filter.placeId !== undefined) query = query.where('place_id', '=', filter.placeId);
  if (filter.from) query = query.where('day', '>=', filter.from);
  if (filter.to) query = query.where('day', '<=', filter.to);
  return query.orderBy('day').orderBy('place_id').limit(2000).execute();
}

export async function addHoliday(db: Kysely<DB>, input: { placeId: number; day: string; name: I18nText }) {
  const place = await db.selectFrom('places').select('id').where('id', '=', input.placeId).executeTakeFirst();
  if (!place) throw invalid('placeId', `place ${input.placeId} does not exist`, 'does_not_exist');
  const inserted = await db
    .insertInto('holidays')
    .values({ place_id: input.placeId, day: input.day, name: JSON.stringify(input.name) })
    .onConflict((oc) => oc.columns(['place_id', 'day']).doNothing())
    .returning(['id', 'place_id as placeId', 'day', 'name'])
    .executeTakeFirst();
  if (!inserted)
    throw new AppError('conflict', `place ${input.placeId} already has a holiday on ${input.day}`);
  return inserted;
}

export async function deleteHoliday(db: Kysely<DB>, id: number) {
  const result = await db.deleteFrom('holidays').where('id', '=', id).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw notFound('holiday', id);
}
