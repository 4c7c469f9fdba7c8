// A phone call from first ring to hang-up: the seam between whatever carries the call (an IVR on a cloud
// provider, the self-hosted SIP path, a PBX posting to the generic telephony webhook) and the agent desk.
//
// The carrier starts the call, records each step the caller takes, and when the caller wants a person,
// puts the call in a queue with what it knows (language, district, digits). The desk hears of it on the
// `call_queue_<schema>` channel, routes it to an agent and pops the screen from the row. Providers never
// reach the desk directly, and the desk never needs to know which provider carried the call.
//
// Every call is an interaction on the caller's history. Providers post the same webhook more than once:
// (provider, provider_call_id) is unique, so a repeat finds the call it started.
import { type Kysely, sql, type Transaction } from 'kysely';
import { findOrCreateCitizen } from '../citizens/index.ts';
import type { CallState, CallStep, DB } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { notFound } from '../errors.ts';

export interface CallStart {
  provider: string;
  providerCallId: string;
  direction?: 'inbound' | 'outbound';
  /** E.164, or null when the number is withheld. */
  caller: string | null;
  called?: string | null;
  /** The language the call starts in (the deployment's default until the caller chooses). */
  language?: string | null;
}

export interface Call {
  id: number;
  interactionId: number;
  provider: string;
  providerCallId: string;
  caller: string | null;
  citizenId: number | null;
  language: string | null;
  districtId: number | null;
  path: CallStep[];
  state: CallState;
  queueId: number | null;
  startedAt: Date;
}

const COLUMNS = [
  'id',
  'interaction_id as interactionId',
  'provider',
  'provider_call_id as providerCallId',
  'caller',
  'citizen_id as citizenId',
  'language',
  'district_id as districtId',
  'path',
  'state',
  'queue_id as queueId',
  'started_at as startedAt',
] as const;

/** Starts a call (and its interaction), or returns the one a repeated webhook already started. */
export async function startCall(db: Kysely<DB>, now: Date, start: CallStart): Promise<Call> {
  return inTransaction(db, async (trx) => {
    const existing = await findCall(trx, start.provider, start.providerCallId);
    if (existing) return existing;
    const citizenId = start.caller ? await findOrCreateCitizen(trx, now, { phone: start.caller }) : null;
    const interaction = await trx
      .insertInto('interactions')
      .values({
        citizen_id: citizenId,
        channel: 'phone',
        direction: start.direction ?? 'inbound',
        external_id: `${start.provider}:${start.providerCallId}`,
        summary: null,
        started_at: now,
        ended_at: null,
      })
      .onConflict((oc) =>
        oc
          .columns(['channel', 'external_id'])
          .doUpdateSet({ started_at: (eb) => eb.ref('interactions.started_at') }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    const inserted = await trx
      .insertInto('calls')
      .values({
        interaction_id: interaction.id,
        provider: start.provider,
        provider_call_id: start.providerCallId,
        direction: start.direction ?? 'inbound',
        caller: start.caller,
        called: start.called ?? null,
        citizen_id: citizenId,
        language: start.language ?? null,
        district_id: null,
        queue_id: null,
        queued_at: null,
        agent_user_id: null,
        offered_at: null,
        answered_at: null,
        ended_at: null,
        outcome: null,
        started_at: now,
      })
      .onConflict((oc) => oc.columns(['provider', 'provider_call_id']).doNothing())
      .returning(COLUMNS)
      .executeTakeFirst();
    // Two deliveries of the first webhook at once: the other one inserted it.
    return inserted ?? ((await findCall(trx, start.provider, start.providerCallId)) as Call);
  });
}

export async function findCall(db: Kysely<DB>, provider: string, providerCallId: string) {
  return db
    .selectFrom('calls')
    .select(COLUMNS)
    .where('provider', '=', provider)
    .where('provider_call_id', '=', providerCallId)
    .executeTakeFirst();
}

export async function getCall(db: Kysely<DB>, id: number): Promise<Call> {
  const call = await db.selectFrom('calls').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!call) throw notFound('call', id);
  return call;
}

/** Appends a step to the call's path and, when the step settles them, its language or district. */
export async function recordStep(
  db: Kysely<DB>,
  callId: number,
  step: CallStep,
  facts: { language?: string; districtId?: number } = {},
) {
  await db
    .updateTable('calls')
    .set((eb) => ({
      path: sql`${eb.ref('path')} || ${JSON.stringify([step])}::jsonb`,
      ...(facts.language ? { language: facts.language } : {}),
      ...(facts.districtId ? { district_id: facts.districtId } : {}),
    }))
    .where('id', '=', callId)
    .execute();
}

/**
 * Puts the call in a queue for an agent and tells the desk. Idempotent: a call already waiting (or
 * further on) stays as it is.
 */
export async function enqueueCall(db: Kysely<DB>, now: Date, callId: number, queueId: number) {
  await inTransaction(db, async (trx) => {
    const moved = await trx
      .updateTable('calls')
      .set({ state: 'queued', queue_id: queueId, queued_at: now })
      .where('id', '=', callId)
      .where('state', '=', 'ivr')
      .returning('id')
      .executeTakeFirst();
    if (moved) await announceQueue(trx, { callId, queueId });
  });
}

/** Ends the call: its outcome, and the interaction's end and summary on the caller's history. */
export async function endCall(
  db: Kysely<DB>,
  now: Date,
  callId: number,
  ending: { outcome: string; summary?: string },
) {
  await inTransaction(db, async (trx) => {
    const call = await trx
      .updateTable('calls')
      .set((eb) => ({
        // A call still waiting when the caller hangs up was abandoned; the desk's own states end on wrap-up.
        state: sql`case when ${eb.ref('state')} in ('queued', 'offered') then 'abandoned' else 'ended' end`,
        ended_at: now,
        outcome: sql`coalesce(${eb.ref('outcome')}, ${ending.outcome})`,
      }))
      .where('id', '=', callId)
      .where('ended_at', 'is', null)
      .returning(['interaction_id', 'queue_id', 'state'])
      .executeTakeFirst();
    if (!call) return;
    await trx
      .updateTable('interactions')
      .set({ ended_at: now, ...(ending.summary ? { summary: ending.summary } : {}) })
      .where('id', '=', call.interaction_id)
      .execute();
    if (call.queue_id !== null) await announceQueue(trx, { callId, queueId: call.queue_id });
  });
}

/** The desk's channel: ids only, like the grievance feed; each node reads the row itself. */
export async function announceQueue(
  trx: Transaction<DB> | Kysely<DB>,
  change: { callId: number; queueId: number },
) {
  await sql`select pg_notify('call_queue_' || current_schema(), ${JSON.stringify(change)})`.execute(trx);
}

/** Queues that serve a caller's language and district, most specific first (district before statewide). */
export async function queuesFor(
  db: Kysely<DB>,
  want: { language?: string | null; districtId?: number | null; skill?: string },
) {
  let query = db
    .selectFrom('call_queues')
    .selectAll()
    .where('active', '=', true)
    .where('skill', '=', want.skill ?? 'grievance');
  query = query.where((eb) =>
    eb.or([eb('language', 'is', null), ...(want.language ? [eb('language', '=', want.language)] : [])]),
  );
  query = query.where((eb) =>
    eb.or([eb('place_id', 'is', null), ...(want.districtId ? [eb('place_id', '=', want.districtId)] : [])]),
  );
  return query.orderBy(sql`place_id is null`).orderBy(sql`language is null`).orderBy('id').execute();
}
