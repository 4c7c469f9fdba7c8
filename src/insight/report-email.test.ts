// A scheduled report reaches its positions as an email with the file attached, through the outbox and
// the SMTP adapter to a real local SMTP server (smtp-server), parsed as a mail program would. Each
// position's file holds what its holder may read: an officer without an account reads the grievances at
// the position, one whose account monitors the district reads the district; the outbox row names the
// stored copy, never the bytes; a file above the limit is linked only, and the email says so in the
// schedule's language.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { recipientsOf, startMailbox } from '../../test/mailbox.ts';
import { apiCaller, type Caller, cookieOf } from '../../test/principals.ts';
import { readXlsx } from '../../test/xlsx.ts';
import { createStaffUser } from '../access/users.ts';
import { smtpAdapter } from '../channels/email/smtp.ts';
import type { Database } from '../db/index.ts';
import { createCategory, createOfficer, getPosition, postOfficer } from '../directory/index.ts';
import type { ChannelAdapter } from '../notify/adapter.ts';
import { deliverDue } from '../notify/deliver.ts';
import { saveRule } from '../routing/index.ts';
import { runDueReports } from './schedules.ts';

const DOMAIN = 'helpline.example.gov.in';

let n = 0;
/** An attached .xlsx read back by Python's zipfile and XML parser. */
function sheetOf(content: Buffer): string[][] {
  const file = path.join(tmpdir(), `report-email-${process.pid}-${++n}.xlsx`);
  writeFileSync(file, content);
  return Object.values(readXlsx(file))[0] as string[][];
}

describe.each(databases)('scheduled report emails on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;
  let email: ChannelAdapter;
  let d: Deployment;
  let admin: Caller;
  const monitor = { email: `monitor@${DOMAIN}`, password: 'correct horse battery staple' };
  const officerEmail = (i: number) => `officer${i}@${DOMAIN}`;

  beforeAll(async () => {
    database = await open();
    mailbox = await startMailbox();
    email = smtpAdapter({
      smtpUrl: `smtp://127.0.0.1:${mailbox.port}?tls=off`,
      from: `CivicLine Helpline <helpline@${DOMAIN}>`,
      replyDomain: DOMAIN,
      inbound: null,
      imap: null,
    });
    api = await startApi(database);
    d = await buildDeployment(api.deps);
    admin = await apiCaller(database, api.clock, 'admin', [{ role: 'admin' }]);
    // Energy: one grievance in the same district, at its own position.
    const energy = await createCategory(database.db, {
      departmentId: d.otherDepartment.id,
      code: `ENERGY-LINE-${Date.now()}`,
      name: { en: 'Power line down' },
      resolutionValue: 3,
      resolutionUnit: 'calendar_days',
    });
    await saveRule(database.db, {
      categoryId: energy.id,
      placeId: d.district.id,
      steps: [{ level: 1, positionId: d.otherL1.id }],
    });
    const lineman = await createOfficer(database.db, api.clock, { name: 'Lineman', phone: '+919800000099' });
    await postOfficer(database.db, api.clock, d.otherL1.id, lineman.id);
    // Monday 2 March 2026: three hand pumps (one reported anonymously) and one power line.
    await buildGrievance(api.deps, d);
    await buildGrievance(api.deps, d, { citizen: { phone: '+919876000001', name: 'Ramesh Patel' } });
    await buildGrievance(api.deps, d, {
      citizen: { phone: '+919876000002', name: 'Anonymous Asha' },
      anonymous: true,
    });
    await buildGrievance(api.deps, d, { categoryId: energy.id, citizen: { phone: '+919876000003' } });
    for (const [i, position] of d.chain.entries()) {
      const officerId = (await getPosition(database.db, position.id)).officerId as number;
      await database.db
        .updateTable('officers')
        .set({ email: officerEmail(i + 1) })
        .where('id', '=', officerId)
        .execute();
    }
    // The L3 officer also monitors the district with an account of their own.
    const l3 = (await getPosition(database.db, d.chain[2]?.id as number)).officerId as number;
    await createStaffUser(database.db, api.clock, {
      ...monitor,
      name: 'District monitor',
      officerId: l3,
      grants: [{ role: 'monitor', placeId: d.district.id }],
    });
  }, 300_000);
  afterAll(async () => {
    await email?.close?.();
    await api?.app.close();
    await mailbox?.close();
    await database?.close();
  });

  /** Delivers the outbox; the report emails that arrived (officers also hear of their new grievances). */
  const deliver = async (attachmentMaxBytes?: number) => {
    const before = mailbox.received.length;
    await deliverDue(database.db, api.clock, { adapters: { email }, attachmentMaxBytes });
    return mailbox.received
      .slice(before)
      .filter((m) => /^(Weekly figures|मासिक ग्रेडिंग),/.test(m.subject ?? ''));
  };
  const schedule = async (payload: object) => {
    const res = await api.raw.inject({
      method: 'POST',
      url: '/api/insight/report-schedules',
      headers: admin.headers,
      payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number };
  };

  it('attaches to each position its own file, with the rows its holder may read', async () => {
    await schedule({
      name: 'Weekly figures',
      report: 'figures',
      params: { by: 'department' },
      frequency: 'weekly',
      day: 1,
      hour: 8,
      format: 'xlsx',
      language: 'en',
      positionIds: [d.chain[0]?.id, d.chain[2]?.id, d.chain[3]?.id],
    });
    api.clock.set('2026-03-09T02:30:00Z');
    expect(await runDueReports(database.db, api.clock, { baseUrl: `https://${DOMAIN}` })).toBe(1);

    // The outbox names the stored copy; the bytes stay in insight_report_copies.
    const rows = await database.db
      .selectFrom('notifications')
      .select(['params', 'position_id'])
      .where('template', '=', 'insight_report')
      .orderBy('id')
      .execute();
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(Number.isInteger((row.params as { copy?: unknown }).copy)).toBe(true);
      expect(JSON.stringify(row.params).length).toBeLessThan(1000);
    }

    const mails = await deliver();
    expect(mails).toHaveLength(3);
    const mailTo = (i: number) => mails.find((m) => recipientsOf(m).includes(officerEmail(i))) as ParsedMail;
    const [report] = await database.db.selectFrom('insight_reports').select('id').execute();
    const link = `https://${DOMAIN}/api/insight/reports/${report?.id}.xlsx`;

    // L1, no account: what happened at the position, as its holder's dashboard counts it: the three
    // hand pumps arrived there (registrations count where they were made, at no position).
    const l1 = mailTo(1);
    expect(l1.subject).toBe('Weekly figures, 2026-03-02 – 2026-03-08');
    expect(l1.text).toContain('Public Health Engineering: Received 0, Resolved 0');
    expect(l1.text).toContain(
      `The report is attached (Weekly-figures-2026-03-02.xlsx). It can also be downloaded here: ${link}`,
    );
    expect(l1.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['Weekly-figures-2026-03-02.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ]);
    const own = sheetOf(l1.attachments[0]?.content as Buffer);
    expect(own.map((r) => r.slice(0, 3))).toEqual([
      ['department', 'received', 'assigned'],
      ['Public Health Engineering', '0', '3'],
    ]);
    // Counts only: nobody who raised a grievance, named or anonymous, is in a report.
    expect(JSON.stringify(own)).not.toMatch(/Asha|Ramesh|\+91/);

    // L3, whose account monitors the district: both departments.
    const l3 = sheetOf(mailTo(3).attachments[0]?.content as Buffer);
    expect(l3.slice(1).map((r) => r.slice(0, 3))).toEqual([
      ['Public Health Engineering', '3', '3'],
      ['Energy', '1', '1'],
    ]);
    // L4, no account and nothing at the position: a file with its header alone.
    expect(sheetOf(mailTo(4).attachments[0]?.content as Buffer)).toHaveLength(1);
    expect(mailTo(4).text).not.toContain('Public Health Engineering');

    // The link gives the holder the same copy, and the admin the whole report.
    const signIn = await api.raw.inject({ method: 'POST', url: '/api/auth/sign-in', payload: monitor });
    const monitorHolder = { headers: { cookie: cookieOf(signIn) } };
    const viaLink = await api.raw.inject({
      url: `/api/insight/reports/${report?.id}.xlsx`,
      headers: monitorHolder.headers,
    });
    expect(viaLink.statusCode).toBe(200);
    expect(sheetOf(viaLink.rawPayload)).toEqual(l3);
    const whole = await api.raw.inject({
      url: `/api/insight/reports/${report?.id}.xlsx`,
      headers: admin.headers,
    });
    expect(
      sheetOf(whole.rawPayload)
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(['Public Health Engineering', 'Energy']);
  });

  it('links a file above the limit only, and says why in the schedule language', async () => {
    const grading = await schedule({
      name: 'मासिक ग्रेडिंग',
      report: 'grades',
      params: { formula: 'cmh181', unit: 'department' },
      frequency: 'monthly',
      day: 1,
      hour: 9,
      format: 'csv',
      language: 'hi',
      positionIds: [d.chain[0]?.id],
    });
    api.clock.set('2026-04-22T06:00:00Z');
    const sent = await api.raw.inject({
      method: 'POST',
      url: `/api/insight/report-schedules/${grading.id}/send`,
      headers: admin.headers,
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const { bytes } = await database.db
      .selectFrom('insight_report_copies')
      .select((eb) => eb.fn<number>('octet_length', ['file']).as('bytes'))
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const [mail] = await deliver(Number(bytes) - 1);
    expect(mail?.attachments).toEqual([]);
    expect(mail?.subject).toBe('मासिक ग्रेडिंग, 2026-03');
    expect(mail?.text).toMatch(/^मासिक ग्रेडिंग, 2026-03।/);
    expect(mail?.text).toContain('ईमेल के साथ संलग्न करने के लिए बहुत बड़ी है। इसे यहाँ से डाउनलोड करें:');
    expect(mail?.text).toContain(`/api/insight/reports/${sent.json().lastRun.id}.csv`);

    // Made again and sent with room for it: the CSV arrives, its rows the month's grades.
    await api.raw.inject({
      method: 'POST',
      url: `/api/insight/report-schedules/${grading.id}/send`,
      headers: admin.headers,
    });
    const [again] = await deliver();
    expect(again?.attachments.map((a) => a.filename)).toEqual(['मासिक-ग्रेडिंग-2026-03-01.csv']);
    const csv = Buffer.from(again?.attachments[0]?.content ?? '')
      .toString('utf8')
      .trim()
      .split(/\r?\n/);
    expect(csv[0]).toMatch(/^\uFEFF?rank,of,unit,score,grade/);
    expect(
      csv
        .slice(1)
        .map((line) => line.split(',')[2])
        .sort(),
    ).toEqual(['Energy', 'लोक स्वास्थ्य यांत्रिकी']);
  });
});
