export type { CalendarInput, OfficeHours } from './calendars.ts';
export {
  addHoliday,
  assignCalendar,
  calendarForPosition,
  deleteHoliday,
  getCalendar,
  listCalendars,
  listHolidays,
  saveCalendar,
} from './calendars.ts';
export type { ClockState, Resolution, SlaContext } from './clock.ts';
export {
  addResolution,
  loadSlaContext,
  nextWake,
  PAUSED,
  reminderAt,
  resolutionFor,
  resumeClock,
  STOPPED,
  startClock,
} from './clock.ts';
export type { WorkingCalendar } from './working-time.ts';
export { addWorkingTime, subtractWorkingTime, workingTimeBetween } from './working-time.ts';
