// Reference numbers stay unique when many grievances are registered at the same moment, and a reference
// collision is retried rather than lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { referenceCache } from '../cache/index.ts';
import { manualClock } from '../clock.ts';
import type { Database } from '../db/index.ts';
import { ALPHABET } from './reference.ts';

const CONCURRENT = 10_000;

describe.each(databases)('registering at the same time on $name', ({ open }) => {
  let database: Database;
  let d: Deployment;
  const clock = manualClock('2026-05-01T05:00:00Z');

  beforeAll(async () => {
    database = await open();
    d = await buildDeployment({ db: database.db, clock });
  });
  afterAll(() => database?.close());

  it(`gives ${CONCURRENT.toLocaleString('en')} simultaneous registrations ${CONCURRENT.toLocaleString('en')} distinct references`, async () => {
    // As in production: reference data from the process's cache, not read again per registration.
    const deps = { db: database.db, clock, reference: referenceCache() };
    const results = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, i) =>
        buildGrievance(deps, d, {
          citizen: { phone: `+9197${String(i).padStart(8, '0')}` },
          description: `Report ${i}`,
        }),
      ),
    );
    expect(new Set(results.map((r) => r.reference)).size).toBe(CONCURRENT);
    const stored = await database.db
      .selectFrom('grievances')
      .select((eb) => [
        eb.fn.countAll<number>().as('rows'),
        eb.fn.count<number>('reference').distinct().as('refs'),
      ])
      .executeTakeFirstOrThrow();
    expect(Number(stored.rows)).toBe(CONCURRENT);
    expect(Number(stored.refs)).toBe(CONCURRENT);
    const events = await database.db
      .selectFrom('grievance_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'registered')
      .executeTakeFirstOrThrow();
    expect(Number(events.n)).toBe(CONCURRENT);
  }, 300_000);

  it('draws another number when the one drawn is taken', async () => {
    // A random source that replays a script: the second grievance first draws the first one's number.
    const script = (digits: number[]) => {
      let i = 0;
      return () => digits[i++ % digits.length] as number;
    };
    const same = [3, 1, 4, 1, 5, 9, 2, 6];
    const other = [2, 7, 1, 8, 2, 8, 1, 8];
    const deps = { db: database.db, clock };
    const first = await buildGrievance({ ...deps, random: script(same) }, d);
    const second = await buildGrievance({ ...deps, random: script([...same, ...other]) }, d);
    const expected = (digits: number[]) => digits.map((n) => ALPHABET[n]).join('');
    expect(first.reference.replaceAll('-', '').slice(0, 8)).toBe(expected(same));
    expect(second.reference.replaceAll('-', '').slice(0, 8)).toBe(expected(other));
  });
});
