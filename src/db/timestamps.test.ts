// The fast timestamptz reader against PostgreSQL's own arithmetic: every time PostgreSQL prints, in
// zones with half-hour, quarter-hour and (before standard time) second offsets, read back to the same
// millisecond as the database's epoch for it.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../../test/databases.ts';
import type { Database } from './index.ts';
import { parseTimestamptz } from './timestamps.ts';

const ZONES = [
  'UTC',
  'Asia/Kolkata',
  'Africa/Dar_es_Salaam',
  'Africa/Lagos',
  'America/St_Johns',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'America/Los_Angeles',
];

const FIXED = [
  '2026-03-02 04:30:00+00',
  '2026-03-02 04:30:00.1+00',
  '2026-03-02 04:30:00.12+00',
  '2026-03-02 04:30:00.123+00',
  '2026-03-02 04:30:00.1234+00',
  '2026-03-02 04:30:00.999999+00',
  '2026-03-02 04:30:00.000001+00',
  '2026-03-02 04:30:00.0005+00',
  '1969-12-31 23:59:59.5+00',
  '1850-06-01 12:00:00.25+00',
  '1900-01-01 00:00:00+00',
  '0100-01-01 00:00:00+00',
  '0099-12-31 23:59:59.9+00',
  '0044-03-15 12:00:00+00 BC',
  '9999-12-31 23:59:59.999999+00',
];

describe.each(databases)('reading timestamptz on $name', (target) => {
  let database: Database;
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('reads every time as PostgreSQL counts it, to the millisecond, in every zone', async () => {
    let read = 0;
    for (const zone of ZONES) {
      const rows = await database.db.transaction().execute(async (trx) => {
        await sql`select set_config('TimeZone', ${zone}, true)`.execute(trx);
        await sql`select setseed(0.42)`.execute(trx);
        const { rows } = await sql<{ t: unknown; s: string; ms: string }>`
          select t, t::text as s, floor(extract(epoch from t) * 1000)::text as ms
          from (select unnest(${FIXED}::timestamptz[]) as t
                union all
                select timestamptz '1901-01-01 00:00:00+00' + random() * interval '200 years'
                from generate_series(1, 500)) as times`.execute(trx);
        return rows;
      });
      for (const row of rows) {
        expect(parseTimestamptz(row.s), `${zone}: ${row.s}`).toEqual(new Date(Number(row.ms)));
        // On PostgreSQL the service's connections read it so themselves.
        if (target.name === 'postgres') expect(row.t, `${zone}: ${row.s}`).toEqual(new Date(Number(row.ms)));
      }
      read += rows.length;
    }
    expect(read).toBe(ZONES.length * (FIXED.length + 500));
  });

  it('leaves infinity to pg, which reads it as a number', async () => {
    const { rows } = await sql<{ s: string }>`
      select unnest(array['infinity', '-infinity']::timestamptz[])::text as s`.execute(database.db);
    expect(rows.map((r) => parseTimestamptz(r.s))).toEqual([
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ]);
  });
});
