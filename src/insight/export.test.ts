// Exports as files a person opens: the lists and reports as XLSX (parsed back) and CSV, within the
// caller's scope, never with the identity of someone who complained anonymously, and recorded in the
// audit log.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { apiCaller, type Caller } from '../../test/principals.ts';
import { readXlsx } from '../../test/xlsx.ts';
import type { Database } from '../db/index.ts';

describe.each(databases)('exports on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  let d: Deployment;
  let supervisor: Caller;
  let monitorB: Caller;
  const refs: Record<string, string> = {};

  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
    d = await buildDeployment(api.deps);
    supervisor = await apiCaller(database, api.clock, 'supervisor', [{ role: 'supervisor' }]);
    monitorB = await apiCaller(database, api.clock, 'monitor', [
      { role: 'monitor', placeId: d.otherDistrict.id },
    ]);
    refs.named = (
      await buildGrievance(api.deps, d, { citizen: { phone: '+919876511111', name: 'Asha Kumari' } })
    ).reference;
    refs.anonymous = (
      await buildGrievance(api.deps, d, {
        anonymous: true,
        citizen: { phone: '+919876522222', name: 'Hidden Person' },
        subject: 'Bribe asked at the office',
      })
    ).reference;
    refs.elsewhere = (
      await buildGrievance(api.deps, d, {
        placeId: d.otherDistrict.id,
        citizen: { phone: '+919876533333', name: 'Juma' },
        subject: 'हैंडपंप खराब है',
      })
    ).reference;
  }, 300_000);
  afterAll(async () => {
    await api?.app.close();
    await database?.close();
  });

  const download = async (caller: Caller, url: string) => {
    const res = await api.raw.inject({ url, headers: caller.headers });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'export-')), 'file.xlsx');
    writeFileSync(file, res.rawPayload);
    return { res, file };
  };
  /** Every text part of the workbook, uncompressed, to search for what must not be there. */
  const allText = (file: string) => execFileSync('unzip', ['-p', file], { encoding: 'utf8' });

  it('exports a search as XLSX: identities of named citizens only, never of anonymous ones', async () => {
    const { res, file } = await download(supervisor, '/api/grievances/export.xlsx');
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toBe('attachment; filename="grievances.xlsx"');
    const [sheet] = Object.values(readXlsx(file)) as string[][][];
    const header = sheet?.[0] as string[];
    const row = (ref: string) => {
      const r = sheet?.find((cells) => cells[0] === ref) as string[];
      return Object.fromEntries(header.map((h, i) => [h, r?.[i] ?? '']));
    };
    expect(sheet).toHaveLength(4);
    expect(row(refs.named as string)).toMatchObject({
      citizen_phone: '+919876511111',
      citizen_name: 'Asha Kumari',
    });
    expect(row(refs.anonymous as string)).toMatchObject({
      anonymous: 'yes',
      citizen_phone: '',
      citizen_name: '',
    });
    expect(row(refs.elsewhere as string).subject).toBe('हैंडपंप खराब है');
    const text = allText(file);
    expect(text).not.toContain('9876522222');
    expect(text).not.toContain('Hidden Person');
  });

  it('streams a search past any cap, page by page, each grievance once, within scope and anonymity', async () => {
    // 1,200 more anonymous grievances in district B, copied from one (three keyset pages of 1,000).
    await sql`
      do $$ declare cols text; begin
        select string_agg(quote_ident(column_name), ', ') into cols from information_schema.columns
        where table_name = 'grievances' and table_schema = current_schema() and is_generated = 'NEVER'
          and identity_generation is null and column_name not in ('id', 'reference', 'anonymous');
        execute format('insert into grievances (reference, anonymous, %s)
          select ''BULK'' || lpad(i::text, 6, ''0''), true, %s from grievances, generate_series(1, 1200) i
          where reference = %L', cols, cols, ${sql.lit(refs.elsewhere)});
      end $$`.execute(database.db);
    const res = await api.raw.inject({ url: '/api/grievances/export.csv', headers: supervisor.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = res.body.trim().split('\r\n').slice(1);
    const references = lines.map((l) => l.split(',')[0]);
    expect(references).toHaveLength(1203);
    expect(new Set(references).size).toBe(1203);
    // Every copy anonymous: no number, no name.
    expect(lines.filter((l) => l.startsWith('BULK')).every((l) => l.includes(',yes,,,'))).toBe(true);
    // The copies are anonymous: the citizen's number only on the one named grievance.
    expect(lines.filter((l) => l.includes('+919876533333')).map((l) => l.split(',')[0])).toEqual([
      refs.elsewhere,
    ]);
    // A district A monitor's export holds district A's grievances only, whatever its length.
    const monitorA = await apiCaller(database, api.clock, 'monitorA', [
      { role: 'monitor', placeId: d.district.id },
    ]);
    const mine = await api.raw.inject({ url: '/api/grievances/export.csv', headers: monitorA.headers });
    const theirs = mine.body
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(',')[0]);
    expect(theirs.sort()).toEqual([refs.named, refs.anonymous].sort());
    // And district B's monitor gets B's 1,201 as XLSX.
    const { file } = await download(monitorB, '/api/grievances/export.xlsx');
    const [sheet] = Object.values(readXlsx(file)) as string[][][];
    expect(sheet).toHaveLength(1202);
    expect(allText(file).match(/Juma/g)).toHaveLength(1);
    await sql`delete from grievances where reference like 'BULK%'`.execute(database.db);
  });

  it("exports the grievances behind a figure within the caller's scope, and nobody's identity", async () => {
    const all = await download(
      supervisor,
      '/api/insight/grievances.xlsx?figure=received&from=2026-03-01&to=2026-03-31',
    );
    const [rows] = Object.values(readXlsx(all.file)) as string[][][];
    expect(rows?.[0]).toEqual([
      'reference',
      'at',
      'received_at',
      'status',
      'channel',
      'department',
      'category',
      'place',
      'level',
      'anonymous',
      'subject',
    ]);
    expect(
      rows
        ?.slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(Object.values(refs).sort());
    const text = allText(all.file);
    for (const secret of ['9876511111', 'Asha Kumari', '9876522222', 'Hidden Person', 'Juma'])
      expect(text).not.toContain(secret);

    const mine = await download(
      monitorB,
      '/api/insight/grievances.xlsx?figure=received&from=2026-03-01&to=2026-03-31',
    );
    const [theirs] = Object.values(readXlsx(mine.file)) as string[][][];
    expect(theirs?.slice(1).map((r) => r[0])).toEqual([refs.elsewhere]);
    // The CSV says the same.
    const csv = await api.raw.inject({
      url: '/api/insight/grievances.csv?figure=received&from=2026-03-01&to=2026-03-31',
      headers: monitorB.headers,
    });
    expect(csv.body.split('\r\n').filter(Boolean)).toHaveLength(2);
    expect(csv.body).toContain(refs.elsewhere);
  });

  it('exports reports: the figures and the grades, as XLSX and CSV', async () => {
    const figures = await download(
      supervisor,
      '/api/insight/figures.xlsx?from=2026-03-01&to=2026-03-31&by=department&lang=hi',
    );
    const [rows] = Object.values(readXlsx(figures.file)) as string[][][];
    expect(rows?.[0]?.slice(0, 3)).toEqual(['department', 'received', 'assigned']);
    expect(rows?.[1]?.slice(0, 2)).toEqual(['लोक स्वास्थ्य यांत्रिकी', '3']);
    const mine = await download(monitorB, '/api/insight/figures.xlsx?from=2026-03-01&to=2026-03-31&by=total');
    expect((Object.values(readXlsx(mine.file))[0] as string[][])[1]?.slice(0, 2)).toEqual(['', '1']);
    const grades = await api.raw.inject({
      url: '/api/insight/grades.csv?formula=cmh181&month=2026-03&unit=department',
      headers: supervisor.headers,
    });
    expect(grades.statusCode).toBe(200);
    const [head, first] = grades.body.replace('\uFEFF', '').split('\r\n');
    expect(head).toBe(
      'rank,of,department,score,grade,group,received,movement,satisfied_closure,satisfied_over50,low_quality_closure,not_attended,refused_closures,last_hours,wrong_transfers,no_proof',
    );
    expect(first).toMatch(/^1,1,Public Health Engineering,[\d.]+,[A-D],/);
  });

  it('records every export in the audit log, with its format', async () => {
    const rows = await database.db
      .selectFrom('audit_log')
      .select(['action', 'data'])
      .where('action', 'in', ['insight.export', 'grievance.export', 'insight.report'])
      .execute();
    const seen = rows.map((r) => `${r.action}:${(r.data as { format?: string }).format ?? 'csv'}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        'grievance.export:xlsx',
        'insight.export:xlsx',
        'insight.export:csv',
        'insight.report:xlsx',
        'insight.report:csv',
      ]),
    );
  });
});
