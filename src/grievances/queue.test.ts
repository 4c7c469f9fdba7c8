// The queue as staff read it through the API: least time left first (a case waiting for the citizen by
// the time it had left, not its stale due time), paged by cursor past any cap, a reference typed in the
// search box, and on each grievance the actions this reader may take now.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/api.ts';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { type Caller, staffCaller } from '../../test/principals.ts';
import type { Database } from '../db/index.ts';
import { createDepartment, createPosition, getPosition } from '../directory/index.ts';
import { transition } from './index.ts';

const DAY = 86_400_000;
const system = { kind: 'system' as const, id: null };

describe.each(databases)('the staff queue on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  let app: TestApp;
  let d: Deployment;
  const refs: Record<string, string> = {};

  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
    app = api.app;
    d = await buildDeployment(api.deps);
    const { clock } = api;
    // Three days to resolve each (the deployment's category).
    refs.late = (await buildGrievance(api.deps, d, { subject: 'late' })).reference;
    refs.paused = (await buildGrievance(api.deps, d, { subject: 'paused' })).reference;
    clock.advance(DAY);
    refs.soon = (await buildGrievance(api.deps, d, { subject: 'soon' })).reference;
    // Asked the citizen with two days left: it keeps those two days however long the citizen takes.
    await transition(
      database.db,
      clock,
      refs.paused,
      { type: 'request_info', note: 'Which hand pump?' },
      system,
    );
    clock.advance(2.5 * DAY);
    refs.fresh = (await buildGrievance(api.deps, d, { subject: 'fresh' })).reference;
    refs.done = (await buildGrievance(api.deps, d, { subject: 'done' })).reference;
    await transition(database.db, clock, refs.done, { type: 'resolve', note: 'Repaired' }, system);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const list = async (query: string, as?: Caller) => {
    const res = await (as ? api.raw : app).inject({ url: `/api/grievances?${query}`, headers: as?.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      items: { reference: string; actions?: string[] }[];
      total: number;
      next: string | null;
    };
  };

  it('puts the least time left first, a paused case by the time it had left, then cases with no clock', async () => {
    const all = await list('sort=due&limit=10');
    // The paused case's stale due time (day 3) is before "soon"'s (day 4); its two days left from now
    // (day 5.5) are not.
    expect(all.items.map((g) => g.reference)).toEqual([
      refs.late,
      refs.soon,
      refs.paused,
      refs.fresh,
      refs.done,
    ]);
    expect(all.total).toBe(5);
  });

  it('pages through the same order by cursor, even when the clock moves between pages', async () => {
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof list>> = await list(
        `sort=due&limit=2${next ? `&after=${encodeURIComponent(next)}` : ''}`,
      );
      expect(page.total).toBe(5);
      seen.push(...page.items.map((g) => g.reference));
      next = page.next;
      api.clock.advance(3_600_000);
    } while (next);
    expect(seen).toEqual([refs.late, refs.soon, refs.paused, refs.fresh, refs.done]);
    // A page past the end has no rows to carry the total: it is asked on its own, in either order.
    for (const order of ['sort=due', 'sort=newest']) {
      const past = await list(`${order}&limit=2&offset=6`);
      expect(past, order).toMatchObject({ items: [], total: 5, next: null });
    }
    const bad = await app.inject({ url: '/api/grievances?sort=due&after=bm9wZQ' });
    expect(bad.statusCode).toBe(400);
  });

  it('finds a grievance by its reference typed in the search box, resolved ones too', async () => {
    const typed = (refs.done as string).toLowerCase().replaceAll('-', ' ');
    const found = await list(`q=${encodeURIComponent(typed)}`);
    expect(found.items.map((g) => g.reference)).toEqual([refs.done]);
    // Words still search the text.
    expect((await list('q=fresh')).items.map((g) => g.reference)).toEqual([refs.fresh]);
  });

  it('lists on each grievance the actions this reader may take now', async () => {
    const officerId = (await getPosition(database.db, d.chain[0]?.id as number)).officerId as number;
    const officer = await staffCaller(api.raw, database, api.clock, 'JE', [], officerId);
    const read = async (reference: string, as: Caller) =>
      (await api.raw.inject({ url: `/api/grievances/${reference}`, headers: as.headers })).json().actions;
    expect(await read(refs.fresh as string, officer)).toEqual([
      'start',
      'request_info',
      'transfer',
      'resolve',
      'reject',
      'note',
    ]);
    expect(await read(refs.paused as string, officer)).toEqual(['transfer', 'reject', 'note']);
    expect(await read(refs.done as string, officer)).toEqual(['note']);

    // A supervisor: nothing to send down at L1, nothing to escalate to at the top.
    const supervisor = await staffCaller(api.raw, database, api.clock, 'Sup', [{ role: 'supervisor' }]);
    expect(await read(refs.fresh as string, supervisor)).toEqual([
      'transfer',
      'reject',
      'withdraw',
      'escalate',
      'note',
    ]);
    for (let level = 2; level <= 4; level++)
      await transition(
        database.db,
        api.clock,
        refs.fresh as string,
        { type: 'escalate', note: 'up' },
        system,
      );
    expect(await read(refs.fresh as string, supervisor)).toEqual([
      'transfer',
      'reject',
      'withdraw',
      'deescalate',
      'note',
    ]);
    // The same list on a search's items.
    const found = await list(`reference=${refs.fresh}`, supervisor);
    expect(found.items[0]?.actions).toContain('deescalate');
    // An auditor reads and may do nothing.
    const auditor = await staffCaller(api.raw, database, api.clock, 'Aud', [{ role: 'auditor' }]);
    expect(await read(refs.fresh as string, auditor)).toEqual([]);
  });

  it("counts open lists from the open-case rollup, as many as counting the rows finds, in the reader's scope", async () => {
    const position = d.chain[0]?.id as number;
    const officerId = (await getPosition(database.db, position)).officerId as number;
    const officer = await staffCaller(api.raw, database, api.clock, 'Queue', [], officerId);
    const district = await staffCaller(api.raw, database, api.clock, 'Monitor', [
      { role: 'monitor', placeId: d.district.id },
    ]);
    const other = await createDepartment(database.db, { code: 'QOTHER', name: { en: 'Another department' } });
    const elsewhere = await staffCaller(api.raw, database, api.clock, 'Far', [
      { role: 'monitor', departmentId: other.id },
    ]);
    const open = 'status=registered&status=assigned&status=in_progress&status=awaiting_info';
    const queue = `positionId=${position}&status=assigned&status=in_progress&status=awaiting_info`;
    const lists = [
      queue,
      open,
      'status=assigned&status=in_progress',
      `departmentId=${d.department.id}&status=awaiting_info`,
      `placeId=${d.district.id}&${open}`,
      // Not whole rollup states, or a filter the rollup does not keep: counted from the rows.
      'status=assigned',
      `${open}&status=resolved`,
    ];
    for (const as of [officer, district, elsewhere]) {
      for (const query of lists) {
        const total = (await list(`${query}&limit=1`, as)).total;
        // A filter the rollup cannot answer (every grievance here was received after 2000) counts rows.
        const counted = (await list(`${query}&limit=1&from=2000-01-01T00:00:00Z`, as)).total;
        expect(total, `${as.name}: ${query}`).toBe(counted);
        const past = await list(`${query}&limit=1&offset=${total}`, as);
        expect(past, `${as.name}: ${query}, past the end`).toMatchObject({ items: [], total });
      }
    }
    const mine = await list(`${queue}&limit=50`, officer);
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.total).toBe(mine.items.length);
  });

  it('proposes the positions nearest the place first', async () => {
    const elsewhere = await createPosition(database.db, {
      departmentId: d.department.id,
      placeId: d.otherDistrict.id,
      level: 1,
      title: { en: 'L1 officer, Sehore' },
    });
    const res = await app.inject({
      url: `/api/positions?departmentId=${d.department.id}&near=${d.village.id}&activeOnly=true`,
    });
    expect(res.json().items.map((p: { id: number }) => p.id)).toEqual([
      ...d.chain.map((p) => p.id),
      elsewhere.id,
    ]);
  });
});
