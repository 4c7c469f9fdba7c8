// The SLA clock as an officer sees it: a state in words and colour, and the time left (or past) in
// their language, kept current while the screen stays open.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type SlaState = 'overdue' | 'dueSoon' | 'onTime' | 'paused' | 'none';

const RUNNING = ['assigned', 'in_progress', 'awaiting_info'];

/** Where the clock stands; `none` for a case whose clock no longer runs (resolved, closed, rejected, unrouted). */
export function slaState(
  g: { status: string; dueAt: string | null; slaPausedAt: string | null },
  now: number,
): SlaState {
  if (!RUNNING.includes(g.status)) return 'none';
  if (g.slaPausedAt) return 'paused';
  if (!g.dueAt) return 'onTime';
  const left = new Date(g.dueAt).getTime() - now;
  return left <= 0 ? 'overdue' : left <= DAY ? 'dueSoon' : 'onTime';
}

/** The current time, moving on each minute, so "due in 2 hours" does not go stale on screen. */
export function useNow(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** A stretch of time ("2 days", "5 hours") in the reader's language: what a stopped clock has left. */
export function useDuration() {
  const { i18n } = useTranslation();
  return (ms: number) => {
    const [value, unit] =
      ms < HOUR
        ? [Math.round(ms / 60_000), 'minute']
        : ms < 2 * DAY
          ? [Math.round(ms / HOUR), 'hour']
          : [Math.round(ms / DAY), 'day'];
    return new Intl.NumberFormat(i18n.language, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
  };
}

/** "in 5 hours", "3 days ago", in the reader's language. */
export function useRelativeTime() {
  const { i18n } = useTranslation();
  const format = new Intl.RelativeTimeFormat(i18n.language, { numeric: 'auto' });
  return (iso: string, now: number) => {
    const ms = new Date(iso).getTime() - now;
    const abs = Math.abs(ms);
    if (abs < HOUR) return format.format(Math.round(ms / 60_000), 'minute');
    if (abs < 2 * DAY) return format.format(Math.round(ms / HOUR), 'hour');
    return format.format(Math.round(ms / DAY), 'day');
  };
}
