import { describe, expect, it } from 'vitest';
import {
  addWorkingTime,
  subtractWorkingTime,
  type WorkingCalendar,
  workingTimeBetween,
} from './working-time.ts';

const HOUR = 3_600_000;
const weekdays = (open: number, close: number, days = [1, 2, 3, 4, 5]) =>
  new Map(days.map((d) => [d, [[open * 60, close * 60]] as [number, number][]]));

// 2026-03-02 is a Monday. India is UTC+5:30 all year.
const india: WorkingCalendar = { timeZone: 'Asia/Kolkata', hours: weekdays(10, 18), holidays: new Set() };
const ist = (local: string) => new Date(`${local}+05:30`);

describe('working-time arithmetic', () => {
  it('counts only office hours within a day and across days', () => {
    expect(addWorkingTime(india, ist('2026-03-02T10:00'), 3 * HOUR)).toEqual(ist('2026-03-02T13:00'));
    expect(addWorkingTime(india, ist('2026-03-02T10:00'), 16 * HOUR)).toEqual(ist('2026-03-03T18:00'));
    expect(addWorkingTime(india, ist('2026-03-02T17:00'), 2 * HOUR)).toEqual(ist('2026-03-03T11:00'));
  });

  it('ends at closing time, not the next morning, when the time runs out exactly at close', () => {
    expect(addWorkingTime(india, ist('2026-03-02T10:00'), 8 * HOUR)).toEqual(ist('2026-03-02T18:00'));
  });

  it('starts counting at opening time when raised before office hours or after them', () => {
    expect(addWorkingTime(india, ist('2026-03-02T07:15'), 1 * HOUR)).toEqual(ist('2026-03-02T11:00'));
    expect(addWorkingTime(india, ist('2026-03-02T19:30'), 1 * HOUR)).toEqual(ist('2026-03-03T11:00'));
    expect(addWorkingTime(india, ist('2026-03-02T18:00'), 1 * HOUR)).toEqual(ist('2026-03-03T11:00'));
  });

  it('skips the weekly off', () => {
    expect(addWorkingTime(india, ist('2026-03-06T17:00'), 2 * HOUR)).toEqual(ist('2026-03-09T11:00')); // Fri -> Mon
    expect(addWorkingTime(india, ist('2026-03-07T12:00'), 1 * HOUR)).toEqual(ist('2026-03-09T11:00')); // raised on Saturday
    const sixDays = { ...india, hours: weekdays(10, 18, [1, 2, 3, 4, 5, 6]) };
    expect(addWorkingTime(sixDays, ist('2026-03-06T17:00'), 2 * HOUR)).toEqual(ist('2026-03-07T11:00'));
  });

  it('skips holidays, including a long weekend', () => {
    const holi = { ...india, holidays: new Set(['2026-03-04']) };
    expect(addWorkingTime(holi, ist('2026-03-03T17:00'), 2 * HOUR)).toEqual(ist('2026-03-05T11:00'));
    const longWeekend = { ...india, holidays: new Set(['2026-03-06', '2026-03-09']) };
    expect(addWorkingTime(longWeekend, ist('2026-03-05T17:00'), 2 * HOUR)).toEqual(ist('2026-03-10T11:00'));
  });

  it('handles split shifts', () => {
    const lunch: WorkingCalendar = {
      ...india,
      hours: new Map([
        [
          1,
          [
            [600, 780],
            [840, 1080],
          ] as [number, number][],
        ],
      ]),
    };
    expect(addWorkingTime(lunch, ist('2026-03-02T12:00'), 2 * HOUR)).toEqual(ist('2026-03-02T15:00'));
    expect(addWorkingTime(lunch, ist('2026-03-02T13:30'), 1 * HOUR)).toEqual(ist('2026-03-02T15:00'));
  });

  it('measures and subtracts working time consistently with adding it', () => {
    const holi = { ...india, holidays: new Set(['2026-03-04']) };
    expect(workingTimeBetween(holi, ist('2026-03-06T17:00'), ist('2026-03-09T11:00'))).toBe(2 * HOUR);
    expect(workingTimeBetween(holi, ist('2026-03-03T12:00'), ist('2026-03-05T12:00'))).toBe(8 * HOUR);
    expect(workingTimeBetween(holi, ist('2026-03-05T12:00'), ist('2026-03-03T12:00'))).toBe(0);
    for (const hours of [0.5, 1, 7.9, 8, 13, 40, 100]) {
      const start = ist('2026-03-02T11:20');
      const end = addWorkingTime(holi, start, hours * HOUR);
      expect(workingTimeBetween(holi, start, end)).toBe(hours * HOUR);
      expect(subtractWorkingTime(holi, end, hours * HOUR)).toEqual(start);
    }
    expect(subtractWorkingTime(india, ist('2026-03-09T11:00'), 2 * HOUR)).toEqual(ist('2026-03-06T17:00'));
  });

  it('works in other zones, across a daylight-saving change', () => {
    const tanzania: WorkingCalendar = {
      timeZone: 'Africa/Dar_es_Salaam',
      hours: weekdays(7.5, 15.5),
      holidays: new Set(),
    };
    expect(addWorkingTime(tanzania, new Date('2026-03-02T04:30:00Z'), 8 * HOUR)).toEqual(
      new Date('2026-03-02T12:30:00Z'),
    );
    // Europe/London springs forward on Sunday 2026-03-29: Friday 16:00 GMT + 2 working hours is Monday 10:00 BST.
    const london: WorkingCalendar = {
      timeZone: 'Europe/London',
      hours: weekdays(9, 17),
      holidays: new Set(),
    };
    expect(addWorkingTime(london, new Date('2026-03-27T16:00:00Z'), 2 * HOUR)).toEqual(
      new Date('2026-03-30T09:00:00Z'),
    );
  });

  it('refuses a calendar with no working time instead of looping for ever', () => {
    const never: WorkingCalendar = { ...india, hours: new Map() };
    expect(() => addWorkingTime(never, ist('2026-03-02T10:00'), HOUR)).toThrow(/no working time/);
  });
});
