// A bounded map of loads in flight or done, dropped whole when the data behind it changes. Loads are
// shared: a hundred requests that miss the same key at once make one query.

export interface Memo<V> {
  get(key: string, load: () => Promise<V>): Promise<V>;
  clear(): void;
  readonly size: number;
}

/** `cap` entries at most; the least recently used goes first. */
export function memo<V>(cap: number): Memo<V> {
  let entries = new Map<string, Promise<V>>();
  return {
    get(key, load) {
      const hit = entries.get(key);
      if (hit) {
        // Most recently used last: a Map iterates in insertion order.
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const table = entries;
      const loading = load();
      table.set(key, loading);
      // A failed load is not remembered: the next request tries again.
      loading.catch(() => {
        if (table.get(key) === loading) table.delete(key);
      });
      if (table.size > cap) table.delete(table.keys().next().value as string);
      return loading;
    },
    clear() {
      // A new map: loads still in flight for the old one land there and are forgotten with it.
      entries = new Map();
    },
    get size() {
      return entries.size;
    },
  };
}
