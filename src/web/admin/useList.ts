// Reading what a screen shows from the API, and reading it again after a change. The last answer
// stays on screen until the next one arrives, so paging or saving never blanks a list (nor takes the
// focus from the button that asked); an answer overtaken by a newer question is dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api.ts';

/** What GET `url` answers (null until then; `url` null asks nothing), read again on `reload()`. */
export function useFetched<T>(url: string | null, onError: (err: unknown) => void) {
  const [data, setData] = useState<T | null>(null);
  const [round, setRound] = useState(0);
  const report = useRef(onError);
  report.current = onError;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `round` is how reload() asks again
  useEffect(() => {
    if (url === null) return;
    let live = true;
    api<T>('GET', url).then(
      (answer) => {
        if (live) setData(answer);
      },
      (err) => {
        if (live) report.current(err);
      },
    );
    return () => {
      live = false;
    };
  }, [url, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { data, reload };
}

/**
 * A screen's list with what the screen says about it: `status` (the last change, for a role=status
 * line) and `error` (the last failure, for an alert).
 */
export function useList<T>(url: string | null) {
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>(null);
  const { data, reload } = useFetched<T>(url, setError);

  /** A form changed something: say so and read the list again. No message: it closed unchanged. */
  const changed = (message?: string) => {
    if (!message) return;
    setStatus(message);
    reload();
  };
  /** A change made from the list itself (deactivate, remove...): said on success, explained on failure. */
  async function act(message: string, change: () => Promise<unknown>) {
    setError(null);
    try {
      await change();
      changed(message);
    } catch (err) {
      setError(err);
    }
  }
  return { data, reload, status, setStatus, error, setError, changed, act };
}

/** `value`, once it has stopped changing for `ms`: searching as someone types, without a request a keystroke. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
