// GeoReport v2 times: ISO 8601 (the W3C profile) with the offset from UTC, here the deployment's own
// (its default calendar's time zone), so a city app shows the time people there live by.

/** 2026-03-02T10:00:00+05:30 for that instant in `timeZone`. */
export function w3cTime(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  // "GMT+05:30", or "GMT" for UTC itself.
  const offset = String(parts.timeZoneName).replace('GMT', '') || '+00:00';
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

/** A time a client sent (start_date, end_date): ISO 8601, a date alone or with an offset; null if not one. */
export function parseTime(text: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) return null;
  // A time without an offset is read as UTC, whatever the server's own zone.
  const iso = text.replace(' ', 'T');
  const at = new Date(/T[\d:.]+$/.test(iso) ? `${iso}Z` : iso);
  return Number.isNaN(at.getTime()) ? null : at;
}
