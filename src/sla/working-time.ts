// Working-time arithmetic on a calendar: office hours per weekday and holidays, in the calendar's time
// zone. Pure functions: no database, no clock. Days are walked one local date at a time, so weekends,
// holidays, split shifts and daylight-saving changes all fall out of the same loop.

export interface WorkingCalendar {
  timeZone: string;
  /** ISO weekday (1 = Monday ... 7 = Sunday) -> working intervals in minutes after local midnight. */
  hours: Map<number, [number, number][]>;
  /** Local dates ('YYYY-MM-DD') with no working time. */
  holidays: Set<string>;
}

interface LocalDate {
  y: number;
  m: number;
  d: number;
}

// Ten years of days: far beyond any resolution time, and a hard stop for a calendar with no hours.
const MAX_DAYS = 3660;
const MINUTE = 60_000;

/** The instant `ms` of working time after `from`. */
export function addWorkingTime(calendar: WorkingCalendar, from: Date, ms: number): Date {
  if (ms <= 0) return from;
  let remaining = ms;
  let day = localDate(from, calendar.timeZone);
  for (let i = 0; i < MAX_DAYS; i++, day = nextDay(day)) {
    for (const [start, end] of workingIntervals(calendar, day)) {
      const begin = Math.max(start, from.getTime());
      if (end <= begin) continue;
      const available = end - begin;
      if (remaining <= available) return new Date(begin + remaining);
      remaining -= available;
    }
  }
  throw new Error(`calendar in ${calendar.timeZone} has no working time in ten years; give it office hours`);
}

/** The instant `ms` of working time before `to`. */
export function subtractWorkingTime(calendar: WorkingCalendar, to: Date, ms: number): Date {
  if (ms <= 0) return to;
  let remaining = ms;
  let day = localDate(to, calendar.timeZone);
  for (let i = 0; i < MAX_DAYS; i++, day = previousDay(day)) {
    for (const [start, end] of workingIntervals(calendar, day).reverse()) {
      const finish = Math.min(end, to.getTime());
      if (finish <= start) continue;
      const available = finish - start;
      if (remaining <= available) return new Date(finish - remaining);
      remaining -= available;
    }
  }
  throw new Error(`calendar in ${calendar.timeZone} has no working time in ten years; give it office hours`);
}

/** How much working time lies between two instants (0 when `to` is not after `from`). */
export function workingTimeBetween(calendar: WorkingCalendar, from: Date, to: Date): number {
  if (to <= from) return 0;
  let total = 0;
  let day = localDate(from, calendar.timeZone);
  for (let i = 0; i < MAX_DAYS; i++, day = nextDay(day)) {
    const intervals = workingIntervals(calendar, day);
    for (const [start, end] of intervals) {
      const overlap = Math.min(end, to.getTime()) - Math.max(start, from.getTime());
      if (overlap > 0) total += overlap;
    }
    if (zonedToUtc(day, 0, calendar.timeZone) > to.getTime()) break;
  }
  return total;
}

/** The working intervals of one local date as UTC epoch milliseconds. */
function workingIntervals(calendar: WorkingCalendar, day: LocalDate): [number, number][] {
  if (calendar.holidays.has(isoDate(day))) return [];
  const intervals = calendar.hours.get(isoWeekday(day)) ?? [];
  return intervals.map(([open, close]) => [
    zonedToUtc(day, open, calendar.timeZone),
    zonedToUtc(day, close, calendar.timeZone),
  ]);
}

export function isoDate({ y, m, d }: LocalDate): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function isoWeekday({ y, m, d }: LocalDate): number {
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

function nextDay({ y, m, d }: LocalDate): LocalDate {
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return { y: next.getUTCFullYear(), m: next.getUTCMonth() + 1, d: next.getUTCDate() };
}

function previousDay({ y, m, d }: LocalDate): LocalDate {
  const previous = new Date(Date.UTC(y, m - 1, d - 1));
  return { y: previous.getUTCFullYear(), m: previous.getUTCMonth() + 1, d: previous.getUTCDate() };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function localParts(instant: number, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return parts as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

export function localDate(instant: Date, timeZone: string): LocalDate {
  const p = localParts(instant.getTime(), timeZone);
  return { y: p.year, m: p.month, d: p.day };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offset(instant: number, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The UTC instant of `minutes` after local midnight on a local date. */
export function zonedToUtc(day: LocalDate, minutes: number, timeZone: string): number {
  // Asked for the same few office openings and closings over and over (a sweep computes thousands of
  // due times on the same days), and Intl is slow: remember answers.
  const key = `${timeZone}|${day.y}-${day.m}-${day.d}|${minutes}`;
  const known = instants.get(key);
  if (known !== undefined) return known;
  const wall = Date.UTC(day.y, day.m - 1, day.d) + minutes * MINUTE;
  const first = wall - offset(wall, timeZone);
  // Near a daylight-saving change the offset at the guess differs from the offset at the answer.
  const instant = wall - offset(first, timeZone);
  if (instants.size > 50_000) instants.clear();
  instants.set(key, instant);
  return instant;
}
const instants = new Map<string, number>();

/** Throws a clear error for a time zone the runtime does not know. */
export function assertTimeZone(timeZone: string) {
  try {
    formatter(timeZone);
  } catch {
    throw new Error(
      `unknown time zone "${timeZone}"; use an IANA name such as Asia/Kolkata or Africa/Dar_es_Salaam`,
    );
  }
}
