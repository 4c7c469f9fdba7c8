// Scheduled reports: weekly or monthly, an admin's choice of report goes to chosen positions. When one
// falls due (a job every five minutes; the clock is injected), the report for the period just ended is
// made, kept as a file, and one notification per position is written to the outbox in the same
// transaction: by email to whoever holds the position then, with the key figures in the message, the
// file attached and a link to it. Each position gets its own copy, made through its holder's read
// policy, as their dashboard would show it. A report is made once per schedule and period, however
// often the job runs; a schedule that fell behind (the service was down) sends the latest period only.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { appendAudit } from '../access/audit.ts';
import { loadStaffPrincipal, type Principal, SYSTEM } from '../access/principal.ts';
import type { Clock } from '../clock.ts';
import type { DB, I18nText, InsightReportSchedulesTable } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { type Format, render, type Table } from '../http/export.ts';
import type { Cell } from '../http/xlsx.ts';
import { enqueueNotification } from '../notify/index.ts';
import { flowFigures, type GroupBy } from './figures.ts';
import { type GradeUnit, gradeMonth } from './grading.ts';
import { FIGURE_NAMES } from './measures.ts';

type Schedule = { frequency: InsightReportSchedulesTable['frequency']; day: number; hour: number };

/** The first time after `after` the schedule falls due, in the deployment's time zone. */
export async function nextRun(db: Kysely<DB>, s: Schedule, after: Date): Promise<Date> {
  const { rows } = await sql<{ at: Date }>`
    with l as (select (${after}::timestamptz at time zone st.time_zone) as t, st.time_zone as tz from insight_settings st),
    c as (
      select l.t, l.tz, case ${s.frequency}
        when 'weekly' then date_trunc('day', l.t)
          + ((${s.day}::int - extract(isodow from l.t)::int + 7) % 7) * interval '1 day'
          + ${s.hour}::int * interval '1 hour'
        else date_trunc('month', l.t) + (${s.day}::int - 1) * interval '1 day' + ${s.hour}::int * interval '1 hour'
      end as at
      from l)
    select (case when c.at > c.t then c.at
                 when ${s.frequency} = 'weekly' then c.at + interval '7 days'
                 else c.at + interval '1 month' end) at time zone c.tz as at
    from c`.execute(db);
  return new Date((rows[0] as { at: Date }).at);
}

/**
 * The period of the latest run before `next` (the run being made now, or the last one missed): the
 * Monday-to-Sunday week, or the calendar month, before it.
 */
export async function periodBefore(db: Kysely<DB>, frequency: 'weekly' | 'monthly', next: Date) {
  const step = frequency === 'weekly' ? sql`interval '7 days'` : sql`interval '1 month'`;
  const { rows } = await sql<{ from: string; to: string }>`
    with l as (select ((${next}::timestamptz at time zone time_zone) - ${step})::date as d from insight_settings)
    select case ${frequency} when 'weekly' then (l.d - extract(isodow from l.d)::int - 6)
                else (date_trunc('month', l.d) - interval '1 month')::date end::text as "from",
           case ${frequency} when 'weekly' then (l.d - extract(isodow from l.d)::int)
                else (date_trunc('month', l.d) - interval '1 day')::date end::text as "to"
    from l`.execute(db);
  return rows[0] as { from: string; to: string };
}

const LOCALES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/locales');
/** The dashboard's own words for its figures, so a report reads as the screen does. */
function words(language: string): Record<string, string> {
  for (const lang of [language, 'en']) {
    try {
      const file = JSON.parse(readFileSync(path.join(LOCALES, lang, 'insight.json'), 'utf8'));
      return file.ins.fig as Record<string, string>;
    } catch {}
  }
  return {};
}

const nameIn = (name: I18nText | null, lang: string) =>
  name === null ? '' : (name[lang] ?? name.en ?? Object.values(name)[0] ?? '');

export interface Made {
  table: Table;
  rows: number;
  /** A few lines for the message itself. */
  summary: string;
}

/**
 * Makes one report for a period: figures as `reader` may read them (all of the deployment by default),
 * narrowed by the schedule's filters; grades rank every unit, as the grading screen does for anyone.
 */
export async function makeReport(
  db: Kysely<DB>,
  s: { name: string; report: 'figures' | 'grades'; params: Record<string, unknown>; language: string },
  period: { from: string; to: string },
  reader: Principal = SYSTEM,
): Promise<Made> {
  const lang = s.language;
  const w = words(lang);
  const number = new Intl.NumberFormat(lang);
  const percent = (v: number | null) =>
    v === null ? '—' : new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(v);
  const p = s.params as Record<string, number | string | undefined>;
  async function* once(rows: Cell[][]) {
    yield rows;
  }
  if (s.report === 'figures') {
    const by = (p.by as GroupBy | undefined) ?? 'department';
    const rows = await flowFigures(db, reader, {
      from: period.from,
      to: period.to,
      by,
      depth: p.depth as number | undefined,
      departmentId: p.departmentId as number | undefined,
      placeId: p.placeId as number | undefined,
      categoryId: p.categoryId as number | undefined,
    });
    const summary = rows
      .slice(0, 10)
      .map(
        (r) =>
          `${r.name ? nameIn(r.name, lang) : (r.key ?? '')}: ${w.received ?? 'received'} ${number.format(r.received)}, ${w.resolved ?? 'resolved'} ${number.format(r.resolved)}, ${w.slaCompliance ?? 'within time'} ${percent(r.slaCompliance)}, ${w.satisfaction ?? 'satisfied'} ${percent(r.satisfaction)}`,
      )
      .join('\n');
    return {
      rows: rows.length,
      summary,
      table: {
        title: `${s.name} ${period.from} ${period.to}`,
        header: [by, ...FIGURE_NAMES],
        batches: once(
          rows.map((r) => [r.name ? nameIn(r.name, lang) : r.key, ...FIGURE_NAMES.map((f) => r[f])]),
        ),
      },
    };
  }
  const month = period.from.slice(0, 7);
  const grades = await gradeMonth(db, {
    formula: (p.formula as string | undefined) ?? 'cmh181',
    month,
    unit: (p.unit as GradeUnit | undefined) ?? 'department',
    depth: p.depth as number | undefined,
  });
  const summary = grades
    .slice(0, 10)
    .map(
      (g) =>
        `${g.rank}. ${nameIn(g.name, lang)}: ${g.grade} (${number.format(Math.round(g.score * 10) / 10)})`,
    )
    .join('\n');
  const lines = grades[0]?.lines.map((l) => l.key) ?? [];
  return {
    rows: grades.length,
    summary,
    table: {
      title: `${s.name} ${month}`,
      header: ['rank', 'of', 'unit', 'score', 'grade', 'group', 'received', 'movement', ...lines],
      batches: once(
        grades.map((g) => [
          g.rank,
          g.of,
          nameIn(g.name, lang),
          Math.round(g.score * 100) / 100,
          g.grade,
          g.group,
          g.received,
          g.movement,
          ...lines.map((k) => g.lines.find((l) => l.key === k)?.points ?? null),
        ]),
      ),
    },
  };
}

async function fileOf(format: Format, table: Table, now: Date): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of render(format, table, now))
    parts.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  return Buffer.concat(parts);
}

/**
 * Makes and sends every report that has fallen due; returns how many were sent. Each schedule in its
 * own transaction, claimed with SKIP LOCKED so two nodes never make the same one.
 */
export async function runDueReports(
  db: Kysely<DB>,
  clock: Clock,
  options: { baseUrl?: string } = {},
): Promise<number> {
  let sent = 0;
  for (;;) {
    const done = await inTransaction(db, (trx) => runOne(trx, clock, options.baseUrl ?? ''));
    if (done === null) return sent;
    sent += done;
  }
}

async function runOne(trx: Transaction<DB>, clock: Clock, baseUrl: string): Promise<number | null> {
  const now = clock.now();
  const s = await trx
    .selectFrom('insight_report_schedules')
    .selectAll()
    .where('active', '=', true)
    .where('next_run_at', '<=', now)
    .orderBy('next_run_at')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
  if (!s) return null;
  // The next time is after now, not after the missed one, and the period is the one just before it: a
  // schedule behind by weeks sends the latest period, once.
  const next = await nextRun(trx, s, now);
  const period = await periodBefore(trx, s.frequency, next);
  await trx
    .updateTable('insight_report_schedules')
    .set({ next_run_at: next })
    .where('id', '=', s.id)
    .execute();
  const sent = await sendReport(trx, s, period, now, baseUrl, false);
  if (sent === null) return 0;
  // The job acts for no one: its entry names the system, the schedule and whom it wrote to.
  await appendAudit(trx, now, {
    actorKind: 'system',
    actorId: null,
    action: 'insight.report.sent',
    entity: 'insight_report_schedule',
    entityId: String(s.id),
    data: { reportId: sent.reportId, period, positionIds: s.position_ids.map(Number) },
  });
  return 1;
}

type ScheduleRow = Selectable<InsightReportSchedulesTable>;

/**
 * What a position's holder reads on their dashboard: the grants and positions of their staff accounts,
 * or, for a holder without an account (or nobody), the grievances at the position alone. Taken when the
 * report is made; the email goes to whoever holds the position when it is delivered, minutes later.
 */
export async function positionReader(db: Kysely<DB>, positionId: number): Promise<Principal> {
  const users = await db
    .selectFrom('position_holders as h')
    .innerJoin('users as u', 'u.officer_id', 'h.officer_id')
    .select('u.id')
    .where('h.position_id', '=', positionId)
    .where('h.ended_at', 'is', null)
    .where('u.kind', '=', 'staff')
    .execute();
  const accounts = (await Promise.all(users.map((u) => loadStaffPrincipal(db, u.id, false)))).filter(
    (p) => p !== null,
  );
  return {
    kind: 'staff',
    userId: accounts[0]?.userId ?? 0,
    name: `position ${positionId}`,
    grants: accounts.flatMap((a) => a.grants),
    positionIds: [...new Set([positionId, ...accounts.flatMap((a) => a.positionIds)])],
    mfaPending: false,
  };
}

/**
 * Makes the report of a schedule for a period, keeps the file (the whole deployment's, for admins) and
 * each chosen position's own copy, and writes one email per position to the outbox naming its copy (to
 * whoever holds it when it is delivered), all in the caller's transaction. A period already made is left
 * as it was (`again` false: the job, which must send a period once) or made again and sent again (`again`
 * true: an admin's "send now"). Null when nothing was made.
 */
export async function sendReport(
  trx: Transaction<DB>,
  s: ScheduleRow,
  period: { from: string; to: string },
  now: Date,
  baseUrl: string,
  again: boolean,
): Promise<{ reportId: number } | null> {
  const db = trx as unknown as Kysely<DB>;
  const made = await makeReport(db, s, period);
  const file = await fileOf(s.format, made.table, now);
  const row = {
    schedule_id: s.id,
    period_from: period.from,
    period_to: period.to,
    format: s.format,
    file,
    rows: made.rows,
    created_at: now,
  };
  const stored = await trx
    .insertInto('insight_reports')
    .values(row)
    .onConflict((oc) =>
      again
        ? oc.columns(['schedule_id', 'period_from']).doUpdateSet({
            period_to: period.to,
            format: s.format,
            file,
            rows: made.rows,
            created_at: now,
          })
        : oc.columns(['schedule_id', 'period_from']).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  if (!stored) return null;
  const periodText = s.frequency === 'monthly' ? period.from.slice(0, 7) : `${period.from} – ${period.to}`;
  for (const positionId of s.position_ids.map(Number)) {
    // Grades are the same for every reader; figures are the position's own.
    const own =
      s.report === 'grades' ? made : await makeReport(db, s, period, await positionReader(db, positionId));
    const ownFile = own === made ? file : await fileOf(s.format, own.table, now);
    const copy = await trx
      .insertInto('insight_report_copies')
      .values({ report_id: stored.id, position_id: positionId, file: ownFile, rows: own.rows })
      .onConflict((oc) =>
        oc.columns(['report_id', 'position_id']).doUpdateSet({ file: ownFile, rows: own.rows }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    await enqueueNotification(trx, now, {
      to: { kind: 'position', positionId },
      grievanceId: null,
      template: 'insight_report',
      language: s.language,
      channel: 'email',
      params: {
        report: s.name,
        period: periodText,
        summary: own.summary,
        link: `${baseUrl}/api/insight/reports/${stored.id}.${s.format}`,
        // The delivery worker attaches this copy (src/notify/report-attachment.ts).
        copy: copy.id,
      },
    });
  }
  return { reportId: stored.id };
}

/** The period an admin's "send now" reports on: the last whole week or month before `now`. */
export async function lastWholePeriod(db: Kysely<DB>, s: ScheduleRow, now: Date) {
  return periodBefore(db, s.frequency, await nextRun(db, s, now));
}
