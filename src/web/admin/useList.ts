// A screen's list: reading it from the API, reading it again after a change, and what the screen says
// about it.
import { useState } from 'react';
import { useFetched } from '../fetching.ts';

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
