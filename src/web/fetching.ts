// Reading what a screen shows from the API. The last answer stays on screen until the next one
// arrives, so paging or saving never blanks a list (nor takes the focus from the button that asked);
// an answer overtaken by a newer question is dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from './api.ts';

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

/** `value`, once it has stopped changing for `ms`: searching as someone types, without a request a keystroke. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
