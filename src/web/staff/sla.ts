// The SLA clock as an officer sees it: a state in words and colour, and the time left (or past) in
// their language, kept current while the screen stays open.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type SlaState = 'overdue' | 'dueSoon' | 'onTime' | 'paused';

export function slaState(g: { dueAt: string | null; slaPausedAt: string | null }, now: number): SlaState {
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
