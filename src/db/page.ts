/**
 * Lists count their matches with `count(*) over ()` in the same query, so filters are written once.
 * This turns those rows into `{ items, total }`. A page past the end has no rows to carry the count
 * and reports total 0; clients page forward from the first page, so that is acceptable.
 */
export function page<T extends { total: number | string }>(
  rows: T[],
): { items: Omit<T, 'total'>[]; total: number } {
  const total = rows.length > 0 ? Number(rows[0]?.total) : 0;
  return { items: rows.map(({ total: _, ...item }) => item), total };
}
