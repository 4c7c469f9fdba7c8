// Group commit for registrations. A commit waits for the write-ahead log to reach the disk, and on a
// busy machine that takes milliseconds to tens of milliseconds whatever the transaction holds. So
// registrations that arrive while one is being written wait, and the next statement writes all of them
// at once: the citizens, the grievances, their events, notices, contact links and audit entries, and
// one live announcement, in one statement and one commit. Under light load a batch holds one
// registration and nothing waits longer than before; under load a commit carries many.
//
// Each registration keeps its own outcome: written (with its id), not written because its reference
// number was taken or its idempotency key was used (the caller retries or replays), or refused
// because the reference data changed since it was planned (the caller plans again). If the statement
// fails as a whole, each registration in it is written again on its own, so one bad row never fails
// the others.
import { type Kysely, sql } from 'kysely';
import type { AuditWho } from '../access/audit.ts';
import { isSingleConnection } from '../db/connection.ts';
import type { DB } from '../db/schema.ts';
import type { ClockState } from '../sla/index.ts';
import type { Actor } from './lifecycle.ts';

/** Everything one registration writes, decided before it reaches the batch. */
export interface RegistrationRow {
  version: number;
  reference: string;
  phone: string | null;
  citizenName: string | null;
  citizenLanguage: string | null;
  reporterName: string | null;
  anonymous: boolean;
  channel: string;
  categoryId: number;
  departmentId: number;
  placeId: number;
  subject: string;
  description: string;
  language: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  details: string;
  status: 'registered' | 'assigned';
  priority: string;
  idempotencyKey: string | null;
  requestHash: string | null;
  positionId: number | null;
  level: number | null;
  ruleId: number | null;
  clock: ClockState | null;
  actor: Actor;
  interactionId: number | null;
  who: AuditWho | null;
  auditData: string;
  now: Date;
}

export interface RegistrationOutcome {
  /** False: the reference data changed since this registration was planned; plan again. */
  current: boolean;
  id: number | null;
  reference: string | null;
  citizenName: string | null;
  /** Whether this statement created the citizen (a new number), rather than finding one. */
  citizenCreated: boolean;
}

/** At most this many registrations in one statement (the announcement of their ids must stay < 8 kB). */
const MAX_BATCH = 200;

interface Pending {
  row: RegistrationRow;
  resolve(outcome: RegistrationOutcome): void;
  reject(error: unknown): void;
}

export interface RegistrationWriter {
  write(row: RegistrationRow): Promise<RegistrationOutcome>;
}

// One writer per database handle, so every caller of `registerGrievance` on the same pool shares the
// batches without wiring (the handle is the pool's Kysely instance, which lives as long as the app).
const writers = new WeakMap<Kysely<DB>, RegistrationWriter>();

/**
 * The writer for `db`. A transaction handle gets no batching: what it writes must commit with the
 * caller's transaction, not with strangers' registrations.
 */
export function registrationWriter(db: Kysely<DB>): RegistrationWriter {
  if (db.isTransaction)
    return { write: async (row) => (await writeBatch(db, [row]))[0] as RegistrationOutcome };
  let writer = writers.get(db);
  if (!writer) {
    // Several statements at once let PostgreSQL use both cores and overlap commits; PGlite runs one.
    writer = batchingWriter(db, isSingleConnection(db) ? 1 : 4);
    writers.set(db, writer);
  }
  return writer;
}

/** Batches on `db`: up to `inFlight` statements at once (PGlite is one connection: one is enough). */
function batchingWriter(db: Kysely<DB>, inFlight: number): RegistrationWriter {
  const queue: Pending[] = [];
  let running = 0;

  const pump = () => {
    while (running < inFlight && queue.length > 0) {
      const batch = queue.splice(0, MAX_BATCH);
      running++;
      runBatch(db, batch).finally(() => {
        running--;
        pump();
      });
    }
  };

  return {
    write(row) {
      return new Promise((resolve, reject) => {
        queue.push({ row, resolve, reject });
        pump();
      });
    },
  };
}

async function runBatch(db: Kysely<DB>, batch: Pending[]) {
  try {
    const outcomes = await writeBatch(
      db,
      batch.map((p) => p.row),
    );
    for (const [i, p] of batch.entries()) p.resolve(outcomes[i] as RegistrationOutcome);
  } catch (error) {
    if (batch.length === 1) {
      batch[0]?.reject(error);
      return;
    }
    // Something in the batch was refused: write each on its own, so only that one fails.
    for (const p of batch) {
      try {
        p.resolve((await writeBatch(db, [p.row]))[0] as RegistrationOutcome);
      } catch (e) {
        p.reject(e);
      }
    }
  }
}

/** One statement for all of `rows` (planned at one version of the reference data, or not: see below). */
async function writeBatch(db: Kysely<DB>, rows: RegistrationRow[]): Promise<RegistrationOutcome[]> {
  // Registrations planned at different versions of the reference data: write those planned at the
  // newest version, and tell the others to plan again (the statement checks that version anyway).
  const version = Math.max(...rows.map((r) => r.version));
  const col = <T>(pick: (r: RegistrationRow) => T) => rows.map(pick);
  const { rows: written } = await sql<{
    i: number;
    current: boolean;
    id: number | null;
    reference: string | null;
    citizenName: string | null;
    citizenCreated: boolean | null;
  }>`
    with current as (
      select 1 from reference_version where n = ${version}
    ),
    input as (
      select * from unnest(
        ${rows.map((_, i) => i)}::int[],
        ${col((r) => r.version)}::bigint[],
        ${col((r) => r.reference)}::text[],
        ${col((r) => r.phone)}::text[],
        ${col((r) => r.citizenName)}::text[],
        ${col((r) => r.citizenLanguage)}::text[],
        ${col((r) => r.reporterName)}::text[],
        ${col((r) => r.anonymous)}::boolean[],
        ${col((r) => r.channel)}::text[],
        ${col((r) => r.categoryId)}::bigint[],
        ${col((r) => r.departmentId)}::bigint[],
        ${col((r) => r.placeId)}::bigint[],
        ${col((r) => r.subject)}::text[],
        ${col((r) => r.description)}::text[],
        ${col((r) => r.language)}::text[],
        ${col((r) => r.address)}::text[],
        ${col((r) => r.latitude)}::float8[],
        ${col((r) => r.longitude)}::float8[],
        ${col((r) => r.details)}::jsonb[],
        ${col((r) => r.status)}::text[],
        ${col((r) => r.priority)}::text[],
        ${col((r) => r.idempotencyKey)}::text[],
        ${col((r) => r.requestHash)}::text[],
        ${col((r) => r.positionId)}::bigint[],
        ${col((r) => r.level)}::int[],
        ${col((r) => r.ruleId)}::bigint[],
        ${col((r) => r.clock?.sla_started_at ?? null)}::timestamptz[],
        ${col((r) => r.clock?.due_at ?? null)}::timestamptz[],
        ${col((r) => r.clock?.reminders_sent ?? 0)}::int[],
        ${col((r) => r.clock?.next_reminder_at ?? null)}::timestamptz[],
        ${col((r) => r.clock?.sla_next_at ?? null)}::timestamptz[],
        ${col((r) => r.actor.kind)}::text[],
        ${col((r) => r.actor.id)}::bigint[],
        ${col((r) => r.interactionId)}::bigint[],
        ${col((r) => r.who?.actorKind ?? null)}::text[],
        ${col((r) => r.who?.actorId ?? null)}::bigint[],
        ${col((r) => r.who?.ip ?? null)}::text[],
        ${col((r) => (r.who ? r.auditData : null))}::jsonb[],
        ${col((r) => r.now)}::timestamptz[]
      ) as t(i, version, reference, phone, citizen_name, citizen_language, reporter_name, anonymous, channel,
             category_id, department_id, place_id, subject, description, language, address, latitude,
             longitude, details, status, priority, idempotency_key, request_hash, position_id, level, rule_id,
             sla_started_at, due_at, reminders_sent, next_reminder_at, sla_next_at, actor_kind, actor_id,
             interaction_id, audit_actor_kind, audit_actor_id, audit_ip, audit_data, now)
      where version = ${version} and exists (select 1 from current)
    ),
    citizen as (
      -- One row per number (a statement may not touch a row twice), keeping a name if any has one.
      insert into citizens (phone, name, language, created_at)
      select distinct on (phone) phone, citizen_name, citizen_language, now
      from input where phone is not null
      order by phone, citizen_name nulls last
      on conflict (phone) do update set name = coalesce(citizens.name, excluded.name)
      -- xmax is 0 on a row this insert created, the updating transaction's id on one it found.
      returning id, phone, name, (xmax = 0) as created
    ),
    g as (
      insert into grievances (
        reference, citizen_id, anonymous, channel, category_id, department_id, place_id, subject,
        description, language, address, latitude, longitude, details, status, priority, idempotency_key,
        request_hash, created_at, updated_at, position_id, level, rule_id, sla_started_at, due_at,
        reminders_sent, next_reminder_at, sla_next_at, reporter_name)
      select i.reference, c.id, i.anonymous, i.channel, i.category_id, i.department_id, i.place_id, i.subject,
        i.description, i.language, i.address, i.latitude, i.longitude, i.details, i.status, i.priority,
        i.idempotency_key, i.request_hash, i.now, i.now, i.position_id, i.level, i.rule_id, i.sla_started_at,
        i.due_at, i.reminders_sent, i.next_reminder_at, i.sla_next_at, i.reporter_name
      from input i left join citizen c on c.phone = i.phone
      order by i.i
      on conflict do nothing
      returning id, reference, citizen_id
    ),
    written as (
      select g.id, g.reference, g.citizen_id, i.phone, i.channel, i.language, i.position_id, i.actor_kind,
             i.actor_id, i.interaction_id, i.audit_actor_kind, i.audit_actor_id, i.audit_ip, i.audit_data, i.now
      from g join input i on i.reference = g.reference
    ),
    events as (
      insert into grievance_events (grievance_id, at, kind, from_status, to_status, actor_kind, actor_id,
                                    position_id, data)
      select id, now, 'registered', null, 'registered', actor_kind, actor_id, null,
             jsonb_build_object('channel', channel)
      from written
      union all
      select id, now, 'assigned', 'registered', 'assigned', 'system', null, position_id,
             '{"fromPositionId": null}'::jsonb
      from written where position_id is not null
    ),
    notices as (
      insert into notifications (recipient_kind, citizen_id, position_id, grievance_id, channel, template,
                                 language, params, next_attempt_at, created_at)
      select 'citizen', citizen_id, null, id, 'sms', 'grievance_registered', language,
             jsonb_build_object('reference', reference), now, now
      from written where citizen_id is not null
      union all
      select 'position', null, position_id, id, 'default', 'grievance_assigned', language,
             jsonb_build_object('reference', reference), now, now
      from written where position_id is not null
    ),
    link as (
      insert into interaction_grievances (interaction_id, grievance_id)
      select interaction_id, id from written where interaction_id is not null
    ),
    audit as (
      insert into audit_log (at, actor_kind, actor_id, ip, action, entity, entity_id, data)
      select now, audit_actor_kind, audit_actor_id, audit_ip, 'grievance.register', 'grievance', reference,
             audit_data
      from written where audit_data is not null
    ),
    announced as (
      -- The live feed hears of them all at once (ids only).
      select pg_notify('grievance_changes_' || current_schema(), json_build_object('ids', json_agg(id))::text) as n
      from written having count(*) > 0
    )
    select t.i, (t.version = ${version} and exists (select 1 from current)) as current, w.id, w.reference,
           c.name as "citizenName", c.created as "citizenCreated", (select count(*) from announced) as announced
    from unnest(${rows.map((r) => r.reference)}::text[], ${rows.map((r) => r.version)}::bigint[])
           with ordinality as t(reference, version, i)
    left join written w on w.reference = t.reference
    left join citizen c on c.phone = w.phone
    order by t.i`.execute(db);
  return written.map((w) => ({
    current: Boolean(w.current),
    id: w.id ?? null,
    reference: w.reference ?? null,
    citizenName: w.citizenName ?? null,
    citizenCreated: w.citizenCreated === true,
  }));
}
