// Scheduled reports with the clock moved by hand: made when they fall due and not before, once per
// period however often the job runs, the latest period only after a gap, written to the outbox for each
// chosen position and rendered as an email to whoever holds it, and the file behind the link readable by
// them and by admins only.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { apiCaller, type Caller, staffCaller } from '../../test/principals.ts';
import { readXlsx } from '../../test/xlsx.ts';
import type { Database } from '../db/index.ts';
import { getPosition } from '../directory/index.ts';
import { transition } from '../grievances/index.ts';
import { renderBatch } from '../notify/render.ts';
import { runDueReports } from './schedules.ts';

describe.each(databases)('scheduled reports on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  let d: Deployment;
  let admin: Caller;
  let weekly: { id: number; nextRunAt: string };
  let monthly: { id: number; nextRunAt: string };

  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
    d = await buildDeployment(api.deps);
    admin = await apiCaller(database, api.clock, 'admin', [{ role: 'admin' }]);
    // Monday 2 March 2026, 10:00 in India: three grievances this week, one resolved on Wednesday.
    const first = await buildGrievance(api.deps, d);
    await buildGrievance(api.deps, d, { citizen: { phone: '+919876000001' } });
    await buildGrievance(api.deps, d, { citizen: { phone: '+919876000002' } });
    api.clock.advance(2 * 86_400_000);
    await transition(
      database.db,
      api.clock,
      first.reference,
      { type: 'resolve', note: 'Fixed' },
      {
        kind: 'system',
        id: null,
      },
    );
    api.clock.set('2026-03-02T04:30:00Z');
    await database.db.updateTable('officers').set({ email: 'collector@example.gov.in' }).execute();
  }, 300_000);
  afterAll(async () => {
    await api?.app.close();
    await database?.close();
  });

  const schedule = async (payload: object) => {
    const res = await api.raw.inject({
      method: 'POST',
      url: '/api/insight/report-schedules',
      headers: admin.headers,
      payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const reports = () => database.db.selectFrom('insight_reports').selectAll().orderBy('id').execute();
  const outbox = () =>
    database.db
      .selectFrom('notifications')
      .selectAll()
      .where('template', '=', 'insight_report')
      .orderBy('id')
      .execute();

  it('works out when each schedule falls due, in the deployment time zone', async () => {
    weekly = await schedule({
      name: 'Weekly figures',
      report: 'figures',
      params: { by: 'department' },
      frequency: 'weekly',
      day: 1,
      hour: 8,
      format: 'xlsx',
      language: 'en',
      positionIds: [d.chain[0]?.id, d.chain[2]?.id],
    });
    // Monday 10:00 has passed 08:00: next Monday, 08:00 India time.
    expect(weekly.nextRunAt).toBe('2026-03-09T02:30:00.000Z');
    monthly = await schedule({
      name: 'Monthly grading',
      report: 'grades',
      params: { formula: 'cmh181', unit: 'department' },
      frequency: 'monthly',
      day: 20,
      hour: 9,
      format: 'csv',
      language: 'hi',
      positionIds: [d.chain[3]?.id],
    });
    expect(monthly.nextRunAt).toBe('2026-03-20T03:30:00.000Z');
    const bad = await api.raw.inject({
      method: 'POST',
      url: '/api/insight/report-schedules',
      headers: admin.headers,
      payload: { ...monthly, id: undefined, nextRunAt: undefined, frequency: 'weekly', day: 9 },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('sends nothing before it falls due, then the week just ended, once', async () => {
    expect(await runDueReports(database.db, api.clock)).toBe(0);
    api.clock.set('2026-03-09T02:29:00Z');
    expect(await runDueReports(database.db, api.clock)).toBe(0);
    api.clock.set('2026-03-09T02:30:00Z');
    expect(await runDueReports(database.db, api.clock, { baseUrl: 'https://helpline.example.gov.in' })).toBe(
      1,
    );
    expect(await runDueReports(database.db, api.clock)).toBe(0);
    const [made] = await reports();
    expect(made).toMatchObject({
      period_from: '2026-03-02',
      period_to: '2026-03-08',
      format: 'xlsx',
      rows: 1,
    });
    const sent = await outbox();
    expect(sent.map((n) => Number(n.position_id))).toEqual([d.chain[0]?.id, d.chain[2]?.id]);
    expect(sent[0]).toMatchObject({ recipient_kind: 'position', channel: 'email', language: 'en' });
    expect(sent[0]?.params).toMatchObject({
      report: 'Weekly figures',
      period: '2026-03-02 – 2026-03-08',
      // The position's own figures (what its holder's dashboard shows): the three arrived there, where
      // registrations count at no position; the whole report, for admins, has them (below).
      summary:
        'Public Health Engineering: Received 0, Resolved 1, Resolved within time 100%, Citizens satisfied —',
      link: `https://helpline.example.gov.in/api/insight/reports/${made?.id}.xlsx`,
    });

    // Through the outbox: an email to whoever holds the position, in the catalogue's words.
    const rendered = await renderBatch(
      database.db,
      sent.map((n) => ({
        id: n.id,
        createdAt: n.created_at,
        attempts: 0,
        channel: n.channel,
        template: n.template,
        language: n.language,
        params: n.params,
      })),
      { region: 'IN', officerLanguage: 'en', available: ['email'] },
    );
    const email = rendered.get(sent[0]?.id as number);
    expect(email).toMatchObject({
      kind: 'message',
      channel: 'email',
      message: {
        to: 'collector@example.gov.in',
        subject: 'Weekly figures, 2026-03-02 – 2026-03-08',
      },
    });
    expect(email?.kind === 'message' && email.message.text).toContain(
      'Public Health Engineering: Received 0',
    );

    // The file behind the link opens, and says the same.
    const file = await api.raw.inject({
      url: `/api/insight/reports/${made?.id}.xlsx`,
      headers: admin.headers,
    });
    expect(file.statusCode).toBe(200);
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'report-')), 'r.xlsx');
    writeFileSync(out, file.rawPayload);
    const [sheet] = Object.values(readXlsx(out)) as string[][][];
    expect(sheet?.[1]?.slice(0, 4)).toEqual(['Public Health Engineering', '3', '3', '1']);
  });

  it('lets the holders of the chosen positions read the file, and nobody else but admins', async () => {
    const [made] = await reports();
    const holderOf = async (i: number) =>
      staffCaller(
        api.raw,
        database,
        api.clock,
        `holder${i}`,
        [],
        (await getPosition(database.db, d.chain[i]?.id as number)).officerId as number,
      );
    const holder = await holderOf(0);
    expect(
      (await api.raw.inject({ url: `/api/insight/reports/${made?.id}.xlsx`, headers: holder.headers }))
        .statusCode,
    ).toBe(200);
    const other = await holderOf(1);
    expect(
      (await api.raw.inject({ url: `/api/insight/reports/${made?.id}.xlsx`, headers: other.headers }))
        .statusCode,
    ).toBe(403);
    const monitor = await apiCaller(database, api.clock, 'monitor', [{ role: 'monitor' }]);
    expect(
      (await api.raw.inject({ url: `/api/insight/reports/${made?.id}.xlsx`, headers: monitor.headers }))
        .statusCode,
    ).toBe(403);
    expect(
      (await api.raw.inject({ url: `/api/insight/reports/${made?.id}.csv`, headers: admin.headers }))
        .statusCode,
    ).toBe(404);
  });

  it('after a gap, sends the latest period once; the monthly grading in its own language', async () => {
    // Monday 20 April, 09:00 in India: the weekly one missed five weeks, the monthly one is due.
    api.clock.set('2026-04-20T03:30:00Z');
    expect(await runDueReports(database.db, api.clock)).toBe(2);
    expect(await runDueReports(database.db, api.clock)).toBe(0);
    const made = await reports();
    expect(made.map((r) => [r.period_from, r.period_to, r.format])).toEqual([
      ['2026-03-02', '2026-03-08', 'xlsx'],
      ['2026-04-13', '2026-04-19', 'xlsx'],
      ['2026-03-01', '2026-03-31', 'csv'],
    ]);
    const grading = (await outbox()).find((n) => n.language === 'hi');
    expect(grading).toMatchObject({ channel: 'email' });
    expect(Number(grading?.position_id)).toBe(d.chain[3]?.id);
    expect(grading?.params).toMatchObject({ report: 'Monthly grading', period: '2026-03' });
    expect(String((grading?.params as { summary?: string } | undefined)?.summary)).toMatch(
      /^1\. लोक स्वास्थ्य यांत्रिकी: [A-D] \(/,
    );
    const csv = Buffer.from(made[2]?.file ?? []).toString('utf8');
    expect(csv).toMatch(/^\uFEFFrank,of,unit,score,grade/);
    const list = await api.raw.inject({ url: '/api/insight/report-schedules', headers: admin.headers });
    expect(list.json().map((s: { nextRunAt: string }) => s.nextRunAt)).toEqual([
      '2026-04-27T02:30:00.000Z',
      '2026-05-20T03:30:00.000Z',
    ]);
  });

  it('lists each schedule with its last run and file, sends one now on request, pauses, and audits each send', async () => {
    const listed = async () =>
      (await api.raw.inject({ url: '/api/insight/report-schedules', headers: admin.headers })).json() as {
        id: number;
        active: boolean;
        lastRun: { id: number; periodFrom: string; periodTo: string; rows: number; file: string } | null;
      }[];
    const before = await listed();
    const [made] = (await reports()).filter((r) => r.period_from === '2026-04-13');
    expect(before.find((s) => s.id === weekly.id)?.lastRun).toMatchObject({
      id: made?.id,
      periodFrom: '2026-04-13',
      periodTo: '2026-04-19',
      rows: made?.rows,
      file: `/api/insight/reports/${made?.id}.xlsx`,
    });
    // The job's sends are in the audit log, as the system's.
    const audit = () =>
      database.db
        .selectFrom('audit_log')
        .select(['action', 'actor_kind', 'entity_id', 'data'])
        .where('entity', '=', 'insight_report_schedule')
        .orderBy('id')
        .execute();
    const jobSends = (await audit()).filter((a) => a.action === 'insight.report.sent');
    expect(jobSends.map((a) => [a.actor_kind, a.entity_id])).toEqual([
      ['system', String(weekly.id)],
      ['system', String(weekly.id)],
      ['system', String(monthly.id)],
    ]);
    // Wednesday 22 April: "send now" makes the last whole week again (13-19 April) and sends it again.
    api.clock.set('2026-04-22T06:00:00Z');
    const sentBefore = (await outbox()).length;
    const now = await api.raw.inject({
      method: 'POST',
      url: `/api/insight/report-schedules/${weekly.id}/send`,
      headers: admin.headers,
    });
    expect(now.statusCode, now.body).toBe(200);
    expect(now.json().lastRun).toMatchObject({ id: made?.id, periodFrom: '2026-04-13' });
    expect(new Date(now.json().lastRun.createdAt).toISOString()).toBe('2026-04-22T06:00:00.000Z');
    expect((await outbox()).length).toBe(sentBefore + 2);
    const byAdmin = (await audit()).at(-1);
    expect(byAdmin).toMatchObject({ actor_kind: 'api', entity_id: String(weekly.id) });
    expect(byAdmin?.data).toMatchObject({
      reportId: made?.id,
      period: { from: '2026-04-13', to: '2026-04-19' },
    });
    // The monthly one sends the last whole month: March.
    const month = await api.raw.inject({
      method: 'POST',
      url: `/api/insight/report-schedules/${monthly.id}/send`,
      headers: admin.headers,
    });
    expect(month.json().lastRun).toMatchObject({ periodFrom: '2026-03-01', periodTo: '2026-03-31' });
    // Paused, it is not sent by the job when due; "send now" still works.
    const {
      id: _id,
      nextRunAt: _n,
      lastRun: _l,
      ...body
    } = (await listed()).find((s) => s.id === weekly.id) as never as Record<string, unknown>;
    const paused = await api.raw.inject({
      method: 'PUT',
      url: `/api/insight/report-schedules/${weekly.id}`,
      headers: admin.headers,
      payload: { ...body, active: false },
    });
    expect(paused.statusCode, paused.body).toBe(200);
    api.clock.set('2026-04-27T03:00:00Z');
    expect(await runDueReports(database.db, api.clock)).toBe(0);
    const missing = await api.raw.inject({
      method: 'POST',
      url: '/api/insight/report-schedules/999999/send',
      headers: admin.headers,
    });
    expect(missing.statusCode).toBe(404);
  });
});
