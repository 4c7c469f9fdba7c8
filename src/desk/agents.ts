// Agents at the desk: what each can take (languages, districts, skills) and the state they are in.
//
//   signed_out ──> available <──> break
//                    │  ^
//          (offered) v  │ (declined, missed, caller hung up while ringing)
//                  on_call ──(call ended)──> wrap_up ──> available | break | signed_out
//
// An agent moves themselves between available, break and signed out; the desk moves them onto a call
// (routing), into wrap-up (the call ended) and back (wrap-up saved). Every change is a row in
// desk_agent_events and an entry in the audit log, in the transaction that makes it.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { AuditWho } from '../access/audit.ts';
import { appendAudit } from '../access/audit.ts';
import type { AgentState, DB } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { AppError, notFound } from '../errors.ts';

export const AGENT_STATES: AgentState[] = ['available', 'on_call', 'wrap_up', 'break', 'signed_out'];

/** The states an agent may choose for themselves, and from which. */
const BY_CHOICE: Record<AgentState, AgentState[]> = {
  signed_out: ['available', 'break'],
  available: ['break', 'signed_out'],
  break: ['available', 'signed_out'],
  // A call is finished by wrapping it up; until then the agent stays with it.
  on_call: [],
  wrap_up: [],
};

/** Every transition the desk makes, by choice or by the call. */
const ALLOWED: Record<AgentState, AgentState[]> = {
  signed_out: ['available', 'break'],
  available: ['on_call', 'break', 'signed_out'],
  break: ['available', 'signed_out', 'on_call'],
  on_call: ['wrap_up', 'available', 'break'],
  wrap_up: ['available', 'break', 'signed_out'],
};

export interface AgentProfile {
  languages: string[];
  placeIds: number[];
  skills: string[];
  extension?: string | null;
}

export interface Agent extends AgentProfile {
  userId: number;
  name: string;
  state: AgentState;
  stateSince: Date;
  idleSince: Date | null;
  callId: number | null;
  extension: string | null;
}

export async function getAgent(db: Kysely<DB>, userId: number): Promise<Agent> {
  const agent = (await listAgents(db, { userId }))[0];
  if (!agent) throw notFound('agent', userId);
  return agent;
}

export async function listAgents(db: Kysely<DB>, filter: { userId?: number } = {}): Promise<Agent[]> {
  let query = db
    .selectFrom('desk_agents as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .select([
      'a.user_id as userId',
      'u.name',
      'a.languages',
      // bigint[] arrives as strings from node-postgres: ids fit a number.
      sql<number[]>`a.place_ids::int4[]`.as('placeIds'),
      'a.skills',
      'a.state',
      'a.state_since as stateSince',
      'a.idle_since as idleSince',
      'a.call_id as callId',
      'a.extension',
    ]);
  if (filter.userId !== undefined) query = query.where('a.user_id', '=', filter.userId);
  return query.orderBy('u.name').execute();
}

/** Makes an account an agent, or changes what they can take. Their state is left as it is. */
export async function saveAgent(
  db: Kysely<DB>,
  now: Date,
  userId: number,
  profile: AgentProfile,
): Promise<Agent> {
  return inTransaction(db, async (trx) => {
    const user = await trx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
    if (!user) throw notFound('user', userId);
    const values = {
      languages: profile.languages,
      place_ids: profile.placeIds,
      skills: profile.skills,
      extension: profile.extension ?? null,
    };
    await trx
      .insertInto('desk_agents')
      .values({ user_id: userId, ...values, state: 'signed_out', state_since: now, idle_since: null })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
      .execute();
    return getAgent(trx, userId);
  });
}

/**
 * Moves an agent to `to`. `byChoice` is the agent (or their supervisor) asking; the desk's own moves
 * (offering a call, the call ending) pass false. Throws illegal_transition for a move the diagram above
 * does not have, so a stale screen cannot, say, put an agent on break in the middle of a call.
 */
export async function setAgentState(
  db: Kysely<DB> | Transaction<DB>,
  now: Date,
  userId: number,
  to: AgentState,
  options: { byChoice: boolean; callId?: number | null; reason?: string; who: AuditWho | null },
): Promise<Agent> {
  return inTransaction(db as Kysely<DB>, async (trx) => {
    const current = await trx
      .selectFrom('desk_agents')
      .select(['state', 'call_id'])
      .where('user_id', '=', userId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw notFound('agent', userId);
    const from = current.state;
    const allowed = (options.byChoice ? BY_CHOICE : ALLOWED)[from];
    if (from !== to && !allowed.includes(to)) {
      throw new AppError('illegal_transition', `an agent who is ${label(from)} cannot go ${label(to)}`, [
        {
          field: 'state',
          message: from === 'on_call' || from === 'wrap_up' ? 'finish the call first' : 'not from here',
          code: from === 'on_call' || from === 'wrap_up' ? 'finish_call_first' : 'agent_state_invalid',
        },
      ]);
    }
    const callId = to === 'on_call' || to === 'wrap_up' ? (options.callId ?? current.call_id) : null;
    await trx
      .updateTable('desk_agents')
      .set({
        state: to,
        state_since: now,
        // Becoming free starts the idle clock; staying available keeps its place in the line.
        idle_since: to === 'available' ? (from === 'available' ? sql`idle_since` : now) : null,
        call_id: callId,
      })
      .where('user_id', '=', userId)
      .execute();
    if (from !== to) {
      await trx
        .insertInto('desk_agent_events')
        .values({
          user_id: userId,
          at: now,
          from_state: from,
          to_state: to,
          call_id: callId ?? current.call_id,
          reason: options.reason ?? null,
        })
        .execute();
      const who = options.who ?? { actorKind: 'system', actorId: null, ip: null };
      await appendAudit(trx, now, {
        ...who,
        action: 'desk.agent_state',
        entity: 'agent',
        entityId: String(userId),
        reason: options.reason ?? null,
        data: { from, to, ...(callId ? { callId } : {}) },
      });
    }
    return getAgent(trx, userId);
  });
}

const label = (state: AgentState) => state.replace('_', ' ');
