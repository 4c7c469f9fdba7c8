// Ending a call at the desk and wrapping it up. The wrap-up is the call's outcome on the caller's
// history: a disposition code, the agent's notes, the grievances it produced, and the after-call work
// time (from the end of the conversation to the wrap-up saved), which the wallboard's handling time adds
// to the talk time.
import type { Kysely } from 'kysely';
import type { AuditWho } from '../access/audit.ts';
import { appendAudit } from '../access/audit.ts';
import { endCall } from '../calls/index.ts';
import type { DB, Disposition } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { setAgentState } from './agents.ts';

export const DISPOSITIONS: Disposition[] = [
  'registered',
  'enquiry_answered',
  'status_given',
  'wrong_number',
  'prank',
  'callback_needed',
];

async function agentsCall(db: Kysely<DB>, callId: number, userId: number) {
  const call = await db
    .selectFrom('calls')
    .select(['id', 'state', 'agent_user_id', 'interaction_id', 'ended_at', 'answered_at', 'wrapped_at'])
    .where('id', '=', callId)
    .forUpdate()
    .executeTakeFirst();
  if (!call) throw notFound('call', callId);
  if (call.agent_user_id !== userId || call.answered_at === null)
    throw new AppError('forbidden', 'this is not a call you answered', [
      { field: 'callId', message: 'not your call', code: 'call_not_yours' },
    ]);
  return call;
}

/** The agent ends the conversation: the call ends (the voice seam's endCall) and they go into wrap-up. */
export async function hangUp(db: Kysely<DB>, now: Date, callId: number, userId: number, who: AuditWho) {
  await inTransaction(db, async (trx) => {
    const call = await agentsCall(trx, callId, userId);
    if (call.ended_at === null) await endCall(trx, now, callId, { outcome: 'agent' });
    const agent = await trx
      .selectFrom('desk_agents')
      .select(['state', 'call_id'])
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (agent?.state === 'on_call' && agent.call_id === callId)
      await setAgentState(trx, now, userId, 'wrap_up', { byChoice: false, callId, reason: 'hung up', who });
  });
}

export interface WrapUpInput {
  disposition: Disposition;
  notes?: string;
  /** Grievances registered or discussed on the call, linked to it on the caller's history. */
  references?: string[];
  /** Where the agent goes next (default available). */
  next?: 'available' | 'break' | 'signed_out';
}

export async function wrapUp(
  db: Kysely<DB>,
  now: Date,
  callId: number,
  userId: number,
  input: WrapUpInput,
  who: AuditWho,
) {
  return inTransaction(db, async (trx) => {
    const call = await agentsCall(trx, callId, userId);
    if (call.wrapped_at !== null)
      throw new AppError('conflict', 'this call has been wrapped up already', [
        { field: 'callId', message: 'wrapped up already', code: 'call_wrapped_up' },
      ]);
    // Wrapping up a call still connected ends it: the agent is done with the caller.
    if (call.ended_at === null) await endCall(trx, now, callId, { outcome: 'agent' });
    const endedAt = call.ended_at ?? now;
    const afterCall = Math.max(0, Math.round((now.getTime() - endedAt.getTime()) / 1000));
    const grievances = input.references?.length
      ? await trx
          .selectFrom('grievances')
          .select(['id', 'reference'])
          .where('reference', 'in', input.references)
          .execute()
      : [];
    const missing = (input.references ?? []).filter((r) => !grievances.some((g) => g.reference === r));
    if (missing.length) throw invalid('references', `no grievance ${missing.join(', ')}`);
    await trx
      .updateTable('calls')
      .set({
        disposition: input.disposition,
        wrap_notes: input.notes ?? null,
        wrapped_at: now,
        after_call_seconds: afterCall,
      })
      .where('id', '=', callId)
      .execute();
    // The caller's history says how the call ended, in the agent's words.
    await trx
      .updateTable('interactions')
      .set({ summary: input.notes ? `${input.disposition}: ${input.notes}` : input.disposition })
      .where('id', '=', call.interaction_id)
      .execute();
    if (grievances.length)
      await trx
        .insertInto('interaction_grievances')
        .values(grievances.map((g) => ({ interaction_id: call.interaction_id, grievance_id: g.id })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    await appendAudit(trx, now, {
      ...who,
      action: 'desk.wrap_up',
      entity: 'call',
      entityId: String(callId),
      reason: input.notes ?? null,
      data: {
        disposition: input.disposition,
        afterCallSeconds: afterCall,
        references: input.references ?? [],
      },
    });
    const agent = await trx
      .selectFrom('desk_agents')
      .select(['state', 'call_id'])
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (agent && agent.call_id === callId) {
      if (agent.state === 'on_call')
        await setAgentState(trx, now, userId, 'wrap_up', { byChoice: false, callId, reason: 'hung up', who });
      await setAgentState(trx, now, userId, input.next ?? 'available', {
        byChoice: false,
        reason: `wrapped up: ${input.disposition}`,
        who,
      });
    }
    return { callId, disposition: input.disposition, afterCallSeconds: afterCall };
  });
}
