// Live updates: one EventSource on /api/live per screen that wants them. The server sends only changes
// to grievances this user may read, and only the reference, status and level; the screen then reads
// what it shows through the API as usual.
import { useEffect, useRef } from 'react';

export interface LiveChange {
  reference: string;
  status: string;
  level: number | null;
  updatedAt: string;
}

/**
 * Calls `reload` when a grievance the screen cares about changes: at most once a second, because the
 * SLA sweep can escalate hundreds at once and a cheap phone should not re-read its list for each. Also
 * after the stream reconnects (the server restarted, the network came back), as changes may have been
 * missed meanwhile.
 */
export function useLiveRefresh(
  reload: () => void,
  concerns: (change: LiveChange) => boolean = () => true,
  enabled = true,
  /** At most one reload per this many milliseconds (a wall over a whole state's traffic waits longer). */
  delayMs = 1000,
) {
  const latest = useRef({ reload, concerns });
  latest.current = { reload, concerns };

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const soon = () => {
      timer ??= setTimeout(() => {
        timer = null;
        latest.current.reload();
      }, delayMs);
    };
    const source = new EventSource('/api/live');
    let opened = false;
    source.onopen = () => {
      if (opened) soon();
      opened = true;
    };
    source.addEventListener('changes', (event) => {
      const changes = JSON.parse((event as MessageEvent<string>).data) as LiveChange[];
      if (changes.some((c) => latest.current.concerns(c))) soon();
    });
    source.addEventListener('resync', soon);
    // The session ended (signed out elsewhere, expired): stop, rather than reconnect for ever.
    source.addEventListener('ended', () => source.close());
    return () => {
      source.close();
      if (timer) clearTimeout(timer);
    };
  }, [enabled, delayMs]);
}
