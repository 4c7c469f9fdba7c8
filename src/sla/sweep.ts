// The SLA sweep: finds every grievance whose clock needs attention (a reminder or a breach) and acts,
// in batches, each batch one transaction.
//
// Correctness rests on the row: the batch is selected `for update skip locked` where
// `sla_next_at <= now`, and the same transaction moves `sla_next_at` past now (the next reminder, the new
// level's due time) or clears it (the command centre has it). So a second node sweeping at the same
// moment skips the rows this one holds, and once this one commits those rows no longer match: nothing
// is reminded or escalated twice, whichever nodes run the sweep and however often. A sweep that did not
// run for a while (the service was down) finds everything that fell due meanwhile and acts at once.
//
// Speed matters after an outage or a holiday weekend, when tens of thousands fall due together: each
// batch is a handful of set-based statements (one select, one update, one insert of events, one of
// notifications) whatever its size, and calendars and resolution times come from the process's
// reference cache (src/cache), read from the database only when they changed.
import { type Kysely, sql, type Transaction } from 'kysely';
import { type ReferenceCache, referenceCache } from '../cache/reference.ts';
import type { Clock } from '../clock.ts';
import type { DB, Status } from '../db/schema.ts';
import { announceChanges } from '../grievances/index.ts';
import { nextWake, reminderAt, type SlaContext, startClock } from './clock.ts';

export interface SweepResult {
  reminded: number;
  escalated: number;
  toCommandCentre: number;
}

interface Row {
  id: number;
  reference: string;
  status: Status;
  category_id: number;
  position_id: number | null;
  level: number | null;
  rule_id: number | null;
  due_at: Date | null;
  reminders_sent: number;
  language: string;
}

export async function sweep(
  db: Kysely<DB>,
  clock: Clock,
  options: {
    batch?: number;
    concurrency?: number;
    /** The process's reference cache; without one, SLA contexts are read once for this sweep. */
    reference?: ReferenceCache;
  } = {},
): Promise<SweepResult> {
  const batch = options.batch ?? 1000;
  // Batches on separate connections at once: SKIP LOCKED hands each its own rows, and the database's
  // cores share the writing. (PGlite has one connection, so there they simply take turns.)
  const concurrency = options.concurrency ?? 2;
  const now = clock.now();
  const result: SweepResult = { reminded: 0, escalated: 0, toCommandCentre: 0 };
  // Calendars, holidays and resolution times per (position, category, level): from the reference
  // cache, which a change to any of them clears on every node. A miss is loaded through the transaction
  // that needs it (PGlite is one connection: the outer handle would wait on that transaction).
  const reference = options.reference ?? referenceCache();
  const context: ContextFor = (trx, positionId, categoryId, level) =>
    reference.slaContext(trx, positionId, categoryId, level);

  const worker = async () => {
    for (;;) {
      const taken = await takeBatch();
      if (taken < batch) return;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return result;

  function takeBatch() {
    return db.transaction().execute(async (trx) => {
      const rows: Row[] = await trx
        .selectFrom('grievances')
        .select([
          'id',
          'reference',
          'status',
          'category_id',
          'position_id',
          'level',
          'rule_id',
          'due_at',
          'reminders_sent',
          'language',
        ])
        .where('sla_next_at', '<=', now)
        .orderBy('sla_next_at')
        .limit(batch)
        .forUpdate()
        .skipLocked()
        .execute();
      const breached = rows.filter((r) => r.due_at && r.due_at <= now);
      const reminding = rows.filter((r) => !(r.due_at && r.due_at <= now));
      await remind(trx, now, reminding, context, result);
      await escalate(trx, now, breached, context, result);
      return rows.length;
    });
  }
}

type ContextFor = (
  trx: Kysely<DB>,
  positionId: number,
  categoryId: number,
  level: number,
) => Promise<SlaContext>;

async function remind(
  trx: Transaction<DB>,
  now: Date,
  rows: Row[],
  context: ContextFor,
  result: SweepResult,
) {
  const updates = [];
  for (const row of rows) {
    if (row.position_id === null || row.level === null || row.due_at === null) continue;
    const ctx = await context(trx, row.position_id, row.category_id, row.level);
    // Send only the latest reminder whose moment has come (after an outage the 50% and 90% ones may
    // both be due: the officer needs the 90% one); the ones it supersedes count as sent.
    let index = row.reminders_sent;
    for (
      let later = reminderAt(ctx, row.due_at, index + 1);
      later && later <= now;
      later = reminderAt(ctx, row.due_at, index + 1)
    ) {
      index++;
    }
    const percent = ctx.reminderPercents[index] ?? ctx.reminderPercents.at(-1) ?? 0;
    updates.push({ row, percent, ...nextWake(ctx, row.due_at, index + 1, now) });
  }
  if (updates.length === 0) return;
  await sql`
    update grievances g
    set reminders_sent = v.reminders_sent, next_reminder_at = v.next_reminder_at, sla_next_at = v.sla_next_at
    from unnest(${updates.map((u) => u.row.id)}::bigint[], ${updates.map((u) => u.reminders_sent)}::int[],
                ${times(updates.map((u) => u.next_reminder_at))}::timestamptz[], ${times(updates.map((u) => u.sla_next_at))}::timestamptz[])
      as v(id, reminders_sent, next_reminder_at, sla_next_at)
    where g.id = v.id`.execute(trx);
  await insertEvents(
    trx,
    now,
    updates.map((u) => ({
      grievanceId: u.row.id,
      kind: 'reminded',
      fromStatus: u.row.status,
      toStatus: u.row.status,
      positionId: u.row.position_id,
      data: { percent: u.percent, dueAt: u.row.due_at },
      public: false,
    })),
  );
  await insertNotifications(
    trx,
    now,
    updates.map((u) => ({
      positionId: u.row.position_id as number,
      row: u.row,
      template: 'sla_reminder',
      params: { reference: u.row.reference, percent: u.percent, dueAt: u.row.due_at },
    })),
  );
  result.reminded += updates.length;
}

async function escalate(
  trx: Transaction<DB>,
  now: Date,
  rows: Row[],
  context: ContextFor,
  result: SweepResult,
) {
  if (rows.length === 0) return;
  // The next step of each grievance's chain, if its rule has one and that position is still active.
  const withRule = rows.filter((r) => r.rule_id !== null && r.level !== null);
  const { rows: steps } = withRule.length
    ? await sql<{ id: number; positionId: number; departmentId: number; level: number }>`
        select w.id, s.position_id as "positionId", p.department_id as "departmentId", s.level
        from unnest(${withRule.map((r) => r.id)}::bigint[], ${withRule.map((r) => r.rule_id as number)}::bigint[],
                    ${withRule.map((r) => (r.level as number) + 1)}::int[]) as w(id, rule_id, level)
        join routing_rule_steps s on s.rule_id = w.rule_id and s.level = w.level
        join positions p on p.id = s.position_id and p.active`.execute(trx)
    : { rows: [] };
  const next = new Map(steps.map((s) => [s.id, s]));

  const moved = [];
  const top = [];
  // Every grievance escalated to the same position for the same category starts the same clock at the
  // same instant: compute it once.
  const clocks = new Map<string, ReturnType<typeof startClock>>();
  for (const row of rows) {
    const step = next.get(row.id);
    if (!step) {
      top.push(row);
      continue;
    }
    const key = `${step.positionId}:${row.category_id}:${step.level}`;
    let clock = clocks.get(key);
    if (!clock) {
      clock = startClock(await context(trx, step.positionId, row.category_id, step.level), now);
      clocks.set(key, clock);
    }
    moved.push({ row, step, clock });
  }

  if (moved.length) {
    await sql`
      update grievances g
      set status = 'assigned', position_id = v.position_id, department_id = v.department_id, level = v.level,
          sla_started_at = ${now}, due_at = v.due_at, reminders_sent = v.reminders_sent,
          next_reminder_at = v.next_reminder_at, sla_next_at = v.sla_next_at, updated_at = ${now}
      from unnest(${moved.map((m) => m.row.id)}::bigint[], ${moved.map((m) => m.step.positionId)}::bigint[],
                  ${moved.map((m) => m.step.departmentId)}::bigint[], ${moved.map((m) => m.step.level)}::int[],
                  ${times(moved.map((m) => m.clock.due_at))}::timestamptz[], ${moved.map((m) => m.clock.reminders_sent)}::int[],
                  ${times(moved.map((m) => m.clock.next_reminder_at))}::timestamptz[], ${times(moved.map((m) => m.clock.sla_next_at))}::timestamptz[])
        as v(id, position_id, department_id, level, due_at, reminders_sent, next_reminder_at, sla_next_at)
      where g.id = v.id`.execute(trx);
  }
  if (top.length) {
    await sql`
      update grievances
      set command_centre_at = ${now}, sla_next_at = null, next_reminder_at = null, updated_at = ${now}
      where id = any(${top.map((r) => r.id)}::bigint[])`.execute(trx);
  }

  await insertEvents(trx, now, [
    ...moved.map((m) => ({
      grievanceId: m.row.id,
      kind: 'escalated',
      fromStatus: m.row.status,
      toStatus: 'assigned' as const,
      positionId: m.step.positionId,
      data: {
        reason: 'sla_breach',
        fromPositionId: m.row.position_id,
        fromLevel: m.row.level,
        toLevel: m.step.level,
      },
      public: true,
    })),
    ...top.map((row) => ({
      grievanceId: row.id,
      kind: 'escalated',
      fromStatus: row.status,
      toStatus: row.status,
      positionId: row.position_id,
      data: { reason: 'sla_breach', fromLevel: row.level, toCommandCentre: true },
      public: true,
    })),
  ]);
  await insertNotifications(trx, now, [
    // The holder who let the time run out hears of it; the next level hears it has a new case.
    ...rows
      .filter((r) => r.position_id !== null)
      .map((row) => ({
        positionId: row.position_id as number,
        row,
        template: 'sla_overdue',
        params: { reference: row.reference, dueAt: row.due_at },
      })),
    ...moved.map((m) => ({
      positionId: m.step.positionId,
      row: m.row,
      template: 'grievance_escalated',
      params: { reference: m.row.reference, fromLevel: m.row.level, dueAt: m.clock.due_at },
    })),
  ]);
  await announceChanges(
    trx,
    rows.map((r) => r.id),
  );
  result.escalated += moved.length;
  result.toCommandCentre += top.length;
}

// Bulk inserts bind one array per column (unnest) rather than one parameter per value: a thousand rows
// are a dozen parameters, not thirteen thousand, which PostgreSQL parses and plans far faster.

async function insertEvents(
  trx: Transaction<DB>,
  now: Date,
  events: {
    grievanceId: number;
    kind: string;
    fromStatus: Status;
    toStatus: Status;
    positionId: number | null;
    data: object;
    public: boolean;
  }[],
) {
  if (events.length === 0) return;
  await sql`
    insert into grievance_events (grievance_id, at, kind, from_status, to_status, actor_kind, position_id, data, public)
    select grievance_id, ${now}, kind, from_status, to_status, 'system', position_id, data, public
    from unnest(${events.map((e) => e.grievanceId)}::bigint[], ${events.map((e) => e.kind)}::text[],
                ${events.map((e) => e.fromStatus)}::text[], ${events.map((e) => e.toStatus)}::text[],
                ${events.map((e) => e.positionId)}::bigint[], ${events.map((e) => JSON.stringify(e.data))}::jsonb[],
                ${events.map((e) => e.public)}::boolean[])
      as e(grievance_id, kind, from_status, to_status, position_id, data, public)`.execute(trx);
}

async function insertNotifications(
  trx: Transaction<DB>,
  now: Date,
  items: { positionId: number; row: Row; template: string; params: Record<string, unknown> }[],
) {
  if (items.length === 0) return;
  await sql`
    insert into notifications (recipient_kind, position_id, grievance_id, channel, template, language, params, next_attempt_at, created_at)
    select 'position', position_id, grievance_id, 'default', template, language, params, ${now}, ${now}
    from unnest(${items.map((n) => n.positionId)}::bigint[], ${items.map((n) => n.row.id)}::bigint[],
                ${items.map((n) => n.template)}::text[], ${items.map((n) => n.row.language)}::text[],
                ${items.map((n) => JSON.stringify(n.params))}::jsonb[])
      as n(position_id, grievance_id, template, language, params)`.execute(trx);
}

const times = (values: (Date | null)[]) => values.map((v) => (v ? v.toISOString() : null));
