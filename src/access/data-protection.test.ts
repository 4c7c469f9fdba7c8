import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance } from '../../test/factories.ts';
import { type Clock, manualClock } from '../clock.ts';
import type { Database } from '../db/index.ts';
import { getGrievance, transition } from '../grievances/index.ts';
import { anonymiseExpired, exportCitizenData } from './data-protection.ts';

const YEAR = 365.25 * 86_400_000;

const reject = (db: Database['db'], clock: Clock, reference: string) =>
  transition(db, clock, reference, { type: 'reject', note: 'Duplicate' }, { kind: 'officer', id: 1 });

describe.each(databases)('retention and data export on $name', ({ open }) => {
  let database: Database;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(() => database?.close());

  it('removes personal data from grievances closed longer ago than the retention period, and keeps the rest', async () => {
    const clock = manualClock('2018-01-10T05:00:00Z');
    const deps = { db: database.db, clock };
    const d = await buildDeployment(deps);
    const old = await buildGrievance(deps, d, {
      citizen: { phone: '+919811122233', name: 'Old' },
      address: 'House 4, Ward 2',
    });
    await reject(database.db, clock, old.reference);
    clock.set('2025-06-01T05:00:00Z');
    const recent = await buildGrievance(deps, d, { citizen: { phone: '+919811122233' } });
    await reject(database.db, clock, recent.reference);
    const open_ = await buildGrievance(deps, d);

    clock.set(new Date(new Date('2018-01-10T05:00:00Z').getTime() + 7.2 * YEAR));
    expect(await anonymiseExpired(database.db, clock)).toBe(1);
    const gone = await getGrievance(database.db, old.reference);
    expect(gone).toMatchObject({
      citizen: null,
      address: null,
      description: '[removed after the retention period]',
      status: 'rejected',
      category: { id: d.category.id },
    });
    expect((await getGrievance(database.db, recent.reference)).citizen?.phone).toBe('+919811122233');
    expect((await getGrievance(database.db, open_.reference)).status).toBe('assigned');
    expect(await anonymiseExpired(database.db, clock)).toBe(0); // once only

    const citizen = await database.db
      .selectFrom('citizens')
      .select('id')
      .where('phone', '=', '+919811122233')
      .executeTakeFirstOrThrow();
    const exported = await exportCitizenData(database.db, citizen.id);
    expect(exported.citizen.phone).toBe('+919811122233');
    expect(exported.grievances.map((g) => g.reference)).toEqual([recent.reference]);
    expect(exported.grievances[0]?.history.map((e) => e.kind)).toEqual([
      'registered',
      'assigned',
      'rejected',
    ]);
  });

  it('works through a backlog larger than one step, each step a transaction of its own, contacts too', async () => {
    const fresh = await open();
    try {
      const clock = manualClock('2010-03-01T05:00:00Z');
      const deps = { db: fresh.db, clock };
      const d = await buildDeployment(deps);
      const backlog = [];
      for (let i = 0; i < 3; i++) {
        const g = await buildGrievance(deps, d, { citizen: { phone: `+91982000000${i}` } });
        await reject(fresh.db, clock, g.reference);
        backlog.push(g.reference);
      }
      // Five contacts from then, with what the agent wrote down, and one from within the period.
      const contact = (at: string, summary: string) => ({
        channel: 'phone' as const,
        summary,
        started_at: new Date(at),
      });
      await fresh.db
        .insertInto('interactions')
        .values([
          ...[1, 2, 3, 4, 5].map((i) =>
            contact(`2010-03-0${i}T06:00:00Z`, `Caller ${i} asked about the pump`),
          ),
          contact('2017-06-01T06:00:00Z', 'Caller asked about the pension'),
        ])
        .execute();
      clock.set(new Date(new Date('2010-03-01T05:00:00Z').getTime() + 7.5 * YEAR));
      // Two steps of two: the second finds one and stops.
      expect(await anonymiseExpired(fresh.db, clock, { batch: 2 })).toBe(3);
      for (const reference of backlog)
        expect(await getGrievance(fresh.db, reference)).toMatchObject({ citizen: null, address: null });
      // The contacts in three steps of two: every old summary gone, the recent one kept.
      const summaries = await fresh.db
        .selectFrom('interactions')
        .select('summary')
        .where('channel', '=', 'phone')
        .orderBy('started_at')
        .execute();
      expect(summaries.map((r) => r.summary)).toEqual([
        null,
        null,
        null,
        null,
        null,
        'Caller asked about the pension',
      ]);
      expect(await anonymiseExpired(fresh.db, clock, { batch: 2 })).toBe(0);
    } finally {
      await fresh.close();
    }
  });
});
