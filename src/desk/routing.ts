// Routing waiting calls to agents: each call waiting in a queue, oldest first, is offered to the
// available agent whose skills fit the queue (its skill, its language, its district) and who has been
// free the longest. Any number of app nodes run this at once (each hears every queue announcement):
// calls and agents are taken FOR UPDATE SKIP LOCKED, so no call is offered twice and no agent gets two.
//
// What moves a call after the offer: the agent answers (connected), declines or lets it ring past the
// offer timeout (back to the queue at its old place; the agent goes on break, as a missed offer usually
// means they stepped away), or the caller hangs up (the voice seam's endCall; `settleEndedCalls` then
// frees the agent, or puts them in wrap-up if they had answered).
import { type Kysely, sql, type Transaction } from 'kysely';
import type { AuditWho } from '../access/audit.ts';
import { announceQueue } from '../calls/index.ts';
import type { DB } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { AppError, notFound } from '../errors.ts';
import { setAgentState } from './agents.ts';

export interface Offer {
  callId: number;
  queueId: number;
  agentUserId: number;
}

/** Offers waiting calls to free agents; returns the offers made. */
export async function routeWaitingCalls(db: Kysely<DB>, now: Date, limit = 50): Promise<Offer[]> {
  return inTransaction(db, async (trx) => {
    const waiting = await sql<{
      id: number;
      queue_id: number;
      language: string | null;
      place_id: number | null;
      skill: string;
    }>`
      select c.id, c.queue_id, q.language, q.place_id, q.skill
      from calls c join call_queues q on q.id = c.queue_id
      where c.state = 'queued'
      order by c.queued_at, c.id
      limit ${limit}
      for update of c skip locked`.execute(trx);
    const offers: Offer[] = [];
    for (const call of waiting.rows) {
      const agent = await sql<{ user_id: number }>`
        select user_id from desk_agents
        where state = 'available'
          and ${call.skill} = any(skills)
          and (${call.language}::text is null or ${call.language}::text = any(languages))
          and (${call.place_id}::bigint is null or place_ids = '{}' or ${call.place_id}::bigint = any(place_ids))
        order by idle_since, user_id
        limit 1
        for update skip locked`.execute(trx);
      const userId = agent.rows[0]?.user_id;
      if (userId === undefined) continue;
      await trx
        .updateTable('calls')
        .set({ state: 'offered', agent_user_id: userId, offered_at: now })
        .where('id', '=', call.id)
        .execute();
      await setAgentState(trx, now, userId, 'on_call', {
        byChoice: false,
        callId: call.id,
        reason: 'offered',
        who: null,
      });
      await announceQueue(trx, { callId: call.id, queueId: call.queue_id });
      offers.push({ callId: call.id, queueId: call.queue_id, agentUserId: userId });
    }
    return offers;
  });
}

/**
 * The agent picks up the call offered to them (from the desk screen, or the PBX saying so). A PBX that
 * routes by itself may name an agent the desk did not offer the call to: the call is theirs then.
 */
export async function answerCall(
  db: Kysely<DB>,
  now: Date,
  callId: number,
  userId: number,
  who: AuditWho | null,
) {
  return inTransaction(db, async (trx) => {
    const call = await lockCall(trx, callId);
    if (call.state === 'connected' && call.agent_user_id === userId) return; // said twice
    const offeredHere = call.state === 'offered' && call.agent_user_id === userId;
    const byPbx = who === null && (call.state === 'queued' || call.state === 'offered');
    if (!offeredHere && !byPbx) {
      throw new AppError(
        'illegal_transition',
        'this call is not offered to you (it may have been taken or ended)',
        [{ field: 'callId', message: 'not offered to you', code: 'call_not_offered' }],
      );
    }
    if (call.agent_user_id !== null && call.agent_user_id !== userId) {
      await setAgentState(trx, now, call.agent_user_id, 'available', {
        byChoice: false,
        reason: 'answered elsewhere',
        who: null,
      });
    }
    await trx
      .updateTable('calls')
      .set({
        state: 'connected',
        agent_user_id: userId,
        answered_at: now,
        offered_at: call.offered_at ?? now,
        outcome: 'agent',
      })
      .where('id', '=', callId)
      .execute();
    await setAgentState(trx, now, userId, 'on_call', { byChoice: false, callId, reason: 'answered', who });
    if (call.queue_id !== null) await announceQueue(trx, { callId, queueId: call.queue_id });
  });
}

/**
 * An offer the agent turned down, or one that rang past the timeout: the call goes back to its queue at
 * the place it had (its queued_at is kept), the agent to break (missed) or to the back of the line.
 */
export async function returnOffer(
  db: Kysely<DB>,
  now: Date,
  callId: number,
  why: 'declined' | 'missed',
  who: AuditWho | null,
) {
  return inTransaction(db, async (trx) => {
    const call = await lockCall(trx, callId);
    if (call.state !== 'offered' || call.agent_user_id === null) return false;
    await trx
      .updateTable('calls')
      .set({ state: 'queued', agent_user_id: null, offered_at: null })
      .where('id', '=', callId)
      .execute();
    await setAgentState(trx, now, call.agent_user_id, why === 'missed' ? 'break' : 'available', {
      byChoice: false,
      reason: why === 'missed' ? 'missed an offered call' : 'declined an offered call',
      who,
    });
    if (call.queue_id !== null) await announceQueue(trx, { callId, queueId: call.queue_id });
    return true;
  });
}

/** Offers that rang longer than the desk's offer timeout go back to the queue. */
export async function expireOffers(db: Kysely<DB>, now: Date): Promise<number> {
  const settings = await db
    .selectFrom('desk_settings')
    .select('offer_timeout_seconds')
    .executeTakeFirstOrThrow();
  const before = new Date(now.getTime() - settings.offer_timeout_seconds * 1000);
  const stale = await db
    .selectFrom('calls')
    .select('id')
    .where('state', '=', 'offered')
    .where('offered_at', '<=', before)
    .execute();
  let n = 0;
  for (const { id } of stale) if (await returnOffer(db, now, id, 'missed', null)) n++;
  return n;
}

/**
 * Agents still holding a call that has ended (the caller hung up, the IVR or PBX ended it): into
 * wrap-up if they had answered it, else free again.
 */
export async function settleEndedCalls(db: Kysely<DB>, now: Date): Promise<number> {
  const held = await db
    .selectFrom('desk_agents as a')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .select(['a.user_id as userId', 'c.id as callId', 'c.answered_at as answeredAt'])
    .where('a.state', '=', 'on_call')
    .where('c.ended_at', 'is not', null)
    .execute();
  for (const h of held) {
    await setAgentState(db, now, h.userId, h.answeredAt ? 'wrap_up' : 'available', {
      byChoice: false,
      callId: h.callId,
      reason: h.answeredAt ? 'call ended' : 'caller hung up before the answer',
      who: null,
    }).catch((error: unknown) => {
      // Another node settled them first.
      if (!(error instanceof AppError)) throw error;
    });
  }
  return held.length;
}

async function lockCall(trx: Transaction<DB>, callId: number) {
  const call = await trx
    .selectFrom('calls')
    .select(['id', 'state', 'agent_user_id', 'queue_id', 'offered_at', 'answered_at', 'ended_at'])
    .where('id', '=', callId)
    .forUpdate()
    .executeTakeFirst();
  if (!call) throw notFound('call', callId);
  return call;
}

/** Everything the desk does when it hears a queue change, or on its regular nudge. */
export async function deskTick(db: Kysely<DB>, now: Date) {
  await settleEndedCalls(db, now);
  await expireOffers(db, now);
  return routeWaitingCalls(db, now);
}
