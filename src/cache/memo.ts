// A bounded map of loads in flight or done, dropped whole when the data behind it changes. Loads are
// shared: a hundred requests that miss the same key at once make one query.

export interface Memo<V> {
  get(key: string, load: () => Promise<V>): Promise<V>;
  /** Several keys; those not held are loaded together by one call of `load` (each missing key's value). */
  getMany(keys: string[], load: (missing: string[]) => Promise<Map<string, V>>): Promise<V[]>;
  clear(): void;
  readonly size: number;
}

interface Entry<V> {
  loading: Promise<V>;
  /** Set once the load is done: a page of keys already held is answered without awaiting each. */
  done?: { value: V };
}

/** `cap` entries at most; the least recently used goes first. */
export function memo<V>(cap: number): Memo<V> {
  let entries = new Map<string, Entry<V>>();

  /** The entry for `key`, used most recently now; or one made by `load`. */
  const entry = (key: string, load: () => Promise<V>): Entry<V> => {
    const hit = entries.get(key);
    if (hit) {
      // Most recently used last: a Map iterates in insertion order.
      entries.delete(key);
      entries.set(key, hit);
      return hit;
    }
    const table = entries;
    const made: Entry<V> = { loading: load() };
    table.set(key, made);
    made.loading.then(
      (value) => {
        made.done = { value };
      },
      // A failed load is not remembered: the next request tries again.
      () => {
        if (table.get(key) === made) table.delete(key);
      },
    );
    if (table.size > cap) table.delete(table.keys().next().value as string);
    return made;
  };

  return {
    get: (key, load) => entry(key, load).loading,
    async getMany(keys, load) {
      const missing = new Set(keys.filter((key) => !entries.has(key)));
      const loading = missing.size ? load([...missing]) : null;
      // Each key's share of the one load (or, if the cap pushed it out meanwhile, a load of its own).
      const one = (key: string) => async () =>
        (await (loading && missing.has(key) ? loading : load([key]))).get(key) as V;
      const found = keys.map((key) => entry(key, one(key)));
      return found.every((e) => e.done)
        ? found.map((e) => (e.done as { value: V }).value)
        : Promise.all(found.map((e) => e.loading));
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
