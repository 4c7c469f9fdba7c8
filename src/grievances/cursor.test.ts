// Paging by cursor past rows received within the same millisecond. A cursor carries a JavaScript Date
// (milliseconds), while rows loaded in bulk or written by other tools carry microseconds: the next page
// must start right after the last row shown, not after the whole millisecond.

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance } from '../../test/factories.ts';
import type { Database } from '../db/index.ts';
import { transition } from './index.ts';

const system = { kind: 'system' as const, id: null };

describe.each(databases)('cursors within one millisecond on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  const refs: string[] = [];
  const due: string[] = [];

  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
    const d = await buildDeployment(api.deps);
    for (const n of [1, 2, 3, 4]) {
      const { reference } = await buildGrievance(api.deps, d, { subject: `same millisecond ${n}` });
      refs.push(reference);
    }
    // Resolved, so in the `due` order they fall in its last part (no clock), newest first.
    for (const reference of refs)
      await transition(database.db, api.clock, reference, { type: 'resolve', note: 'Done' }, system);
    // Open ones, due within one millisecond: the time-left order's first part.
    for (const n of [1, 2, 3]) {
      const { reference } = await buildGrievance(api.deps, d, { subject: `due together ${n}` });
      due.push(reference);
      await sql`update grievances set due_at = ${`2026-12-20T10:00:00.000${n}00Z`}::timestamptz
                where reference = ${reference}`.execute(database.db);
    }
    // 10:00:00.000100, .000200, .000300, .000400: one millisecond, four times.
    for (const [n, reference] of refs.entries())
      await sql`update grievances set created_at = ${`2026-11-02T10:00:00.000${n + 1}00Z`}::timestamptz
                where reference = ${reference}`.execute(database.db);
  });
  afterAll(async () => {
    await api?.app.close();
    await database?.close();
  });

  async function pages(query: string, limit = 1) {
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const res = await api.app.inject({
        url: `/api/grievances?${query}&limit=${limit}${next ? `&after=${encodeURIComponent(next)}` : ''}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as { items: { reference: string }[]; next: string | null };
      seen.push(...page.items.map((g) => g.reference));
      next = page.next;
    } while (next && seen.length < 20);
    return seen;
  }

  it('pages newest first through every row of the millisecond, once each', async () => {
    expect(await pages('sort=newest&status=resolved')).toEqual([...refs].reverse());
  });

  it('does the same in both parts of the time-left order: due soonest, then no clock newest first', async () => {
    expect(await pages('sort=due')).toEqual([...due, ...[...refs].reverse()]);
  });

  it('does the same for a search by words', async () => {
    expect(await pages(`q=${encodeURIComponent('same millisecond')}`)).toEqual([...refs].reverse());
    expect(await pages(`q=${encodeURIComponent('due together')}`)).toEqual([...due].reverse());
  });

  it('keeps the microsecond order within a page when ids run against received times', async () => {
    // The first registered now received last: newest first is the order of registration.
    for (const [n, reference] of refs.entries())
      await sql`update grievances set created_at = ${`2026-11-02T10:00:00.000${4 - n}00Z`}::timestamptz
                where reference = ${reference}`.execute(database.db);
    for (const limit of [1, 2, 3]) expect(await pages('sort=newest&status=resolved', limit)).toEqual(refs);
  });
});
