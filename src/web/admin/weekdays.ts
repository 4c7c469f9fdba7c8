// Weekday names in the reader's language, from Intl rather than the catalogues. ISO numbering: 1 is
// Monday. 1 January 2024 was a Monday, so day n of that month is weekday n.
export function weekdayName(language: string, weekday: number, width: 'long' | 'short' = 'long') {
  return new Intl.DateTimeFormat(language, { weekday: width, timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, weekday)),
  );
}

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
