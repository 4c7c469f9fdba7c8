// Outbound work lists: the desk calls citizens. Each list holds items (a citizen, and the grievance or
// call it is about); an agent takes the next item due (FOR UPDATE SKIP LOCKED: two agents never get
// one), calls, and records the attempt. Not reached: tried again after the list's retry interval until
// its attempts run out. Reached: the outcome, and for a feedback call the grievance's fate: satisfied
// closes it, not satisfied reopens it with the citizen's own words. A citizen who asks never to be
// called again goes on the do-not-call list, and off every list.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { AuditWho } from '../access/audit.ts';
import { appendAudit } from '../access/audit.ts';
import type { DB, OutboundKind } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { type Action, applyAction, LOCKED_COLUMNS } from '../grievances/lifecycle.ts';
import { addDoNotCall } from './do-not-call.ts';

export const NOT_REACHED = ['no_answer', 'busy', 'switched_off'] as const;
export const REACHED: Record<OutboundKind, string[]> = {
  feedback: ['satisfied', 'not_satisfied'],
  callback: ['called_back'],
  campaign: ['informed', 'interested', 'not_interested'],
};
export const RESULTS = [
  ...NOT_REACHED,
  'wrong_number',
  'do_not_call',
  ...new Set(Object.values(REACHED).flat()),
] as const;
export type AttemptResult = (typeof RESULTS)[number];

/** The list of `kind` the desk fills by itself (feedback, callbacks), made on first use. */
async function standingList(trx: Transaction<DB>, now: Date, kind: 'feedback' | 'callback') {
  const existing = await trx
    .selectFrom('outbound_lists')
    .select('id')
    .where('kind', '=', kind)
    .where('status', '=', 'running')
    .executeTakeFirst();
  if (existing) return existing.id;
  const name = kind === 'feedback' ? 'Feedback on resolved grievances' : 'Callbacks requested';
  const created = await trx
    .insertInto('outbound_lists')
    .values({ kind, name, article_id: null, created_by: null, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return created.id;
}

/**
 * Puts every resolved grievance not yet on the feedback list on it (anonymous ones only where agents may
 * know who raised them), and every call that asked for a callback on the callback list. Runs as a job.
 */
export async function fillStandingLists(db: Kysely<DB>, now: Date) {
  return inTransaction(db, async (trx) => {
    const settings = await trx
      .selectFrom('desk_settings')
      .select('anonymous_to_agents')
      .executeTakeFirstOrThrow();
    const feedback = await standingList(trx, now, 'feedback');
    const callbacks = await standingList(trx, now, 'callback');
    const fed = await sql`
      insert into outbound_items (list_id, citizen_id, grievance_id, next_attempt_at, updated_at)
      select ${feedback}, g.citizen_id, g.id, ${now}, ${now}
      from grievances g join citizens c on c.id = g.citizen_id
      where g.status = 'resolved'
        and (${settings.anonymous_to_agents} or not g.anonymous)
        and not exists (select 1 from do_not_call d where d.phone = c.phone)
        and not exists (select 1 from outbound_items i
          where i.list_id = ${feedback} and i.grievance_id = g.id and i.updated_at >= g.resolved_at)
      on conflict do nothing`.execute(trx);
    // A callback asked for in the IVR after hours is due when the queue opens again (the IVR kept that
    // time with the request); one asked for at the desk is due at once.
    const called = await sql`
      insert into outbound_items (list_id, citizen_id, call_id, next_attempt_at, updated_at)
      select ${callbacks}, k.citizen_id, k.id,
        greatest(${now}::timestamptz, coalesce((select b.due_from from ivr_callbacks b where b.call_id = k.id), ${now}::timestamptz)),
        ${now}
      from calls k join citizens c on c.id = k.citizen_id
      where (k.disposition = 'callback_needed' or k.outcome in ('callback_requested', 'after_hours'))
        and not exists (select 1 from do_not_call d where d.phone = c.phone)
        and not exists (select 1 from outbound_items i where i.list_id = ${callbacks} and i.call_id = k.id)
      on conflict do nothing`.execute(trx);
    return { feedback: Number(fed.numAffectedRows ?? 0), callbacks: Number(called.numAffectedRows ?? 0) };
  });
}

export interface CampaignInput {
  name: string;
  articleId?: number | null;
  segment: { placeId?: number; categoryId?: number; language?: string };
  maxAttempts?: number;
  retryMinutes?: number;
}

/**
 * A scheme-awareness campaign to a segment: citizens speaking `language`, who raised a grievance of
 * `categoryId` or in `placeId` (and everything under it). Everyone on the do-not-call list is left out.
 */
export async function createCampaign(
  db: Kysely<DB>,
  now: Date,
  input: CampaignInput,
  createdBy: number | null,
) {
  return inTransaction(db, async (trx) => {
    const { placeId, categoryId, language } = input.segment;
    const place = placeId
      ? await trx.selectFrom('places').select('path').where('id', '=', placeId).executeTakeFirst()
      : null;
    if (placeId && !place) throw invalid('segment.placeId', `place ${placeId} does not exist`);
    const list = await trx
      .insertInto('outbound_lists')
      .values({
        kind: 'campaign',
        name: input.name,
        article_id: input.articleId ?? null,
        segment: JSON.stringify(input.segment),
        max_attempts: input.maxAttempts ?? 3,
        retry_minutes: input.retryMinutes ?? 120,
        created_by: createdBy,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const byGrievance = categoryId !== undefined || place;
    await sql`
      insert into outbound_items (list_id, citizen_id, next_attempt_at, updated_at)
      select ${list.id}, c.id, ${now}, ${now}
      from citizens c
      where (${language ?? null}::text is null or c.language = ${language ?? null}::text)
        and not exists (select 1 from do_not_call d where d.phone = c.phone)
        and (${!byGrievance} or exists (
          select 1 from grievances g join places pl on pl.id = g.place_id
          where g.citizen_id = c.id and not g.anonymous
            and (${categoryId ?? null}::bigint is null or g.category_id = ${categoryId ?? null}::bigint)
            and (${place?.path ?? null}::text is null or pl.path like ${place?.path ?? ''} || '%')))
      on conflict do nothing`.execute(trx);
    return list.id;
  });
}

/** A list's progress: its items by state and by outcome, and the attempts made. */
export async function listProgress(db: Kysely<DB>, listId: number, now: Date) {
  const list = await db
    .selectFrom('outbound_lists')
    .select([
      'id',
      'kind',
      'name',
      'status',
      'max_attempts as maxAttempts',
      'retry_minutes as retryMinutes',
      'segment',
      'article_id as articleId',
      'created_at as createdAt',
    ])
    .where('id', '=', listId)
    .executeTakeFirst();
  if (!list) throw notFound('outbound list', listId);
  const [states, outcomes, attempts, due] = await Promise.all([
    db
      .selectFrom('outbound_items')
      .select(['state', sql<number>`count(*)::int`.as('n')])
      .where('list_id', '=', listId)
      .groupBy('state')
      .execute(),
    db
      .selectFrom('outbound_items')
      .select(['outcome', sql<number>`count(*)::int`.as('n')])
      .where('list_id', '=', listId)
      .where('outcome', 'is not', null)
      .groupBy('outcome')
      .execute(),
    db
      .selectFrom('outbound_attempts as a')
      .innerJoin('outbound_items as i', 'i.id', 'a.item_id')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('i.list_id', '=', listId)
      .executeTakeFirstOrThrow(),
    // Waiting items: due now, or held back by the retry interval until the next one falls due.
    db
      .selectFrom('outbound_items')
      .select([
        sql<number>`count(*) filter (where next_attempt_at <= ${now})::int`.as('dueNow'),
        sql<Date | null>`min(next_attempt_at) filter (where next_attempt_at > ${now})`.as('nextDueAt'),
      ])
      .where('list_id', '=', listId)
      .where('state', '=', 'pending')
      .executeTakeFirstOrThrow(),
  ]);
  const byState: Record<'pending' | 'in_progress' | 'done' | 'failed' | 'skipped', number> = {
    pending: 0,
    in_progress: 0,
    done: 0,
    failed: 0,
    skipped: 0,
  };
  for (const s of states) byState[s.state] = s.n;
  const total = Object.values(byState).reduce((a, b) => a + b, 0);
  return {
    ...list,
    total,
    states: byState,
    outcomes: Object.fromEntries(outcomes.map((o) => [o.outcome as string, o.n])),
    attempts: attempts.n,
    dueNow: due.dueNow,
    nextDueAt: due.nextDueAt,
    percentDone: total ? Math.round((100 * (byState.done + byState.failed + byState.skipped)) / total) : 0,
  };
}

/** The next item due on the list for this agent (the one they hold already, if any). */
export async function takeNext(db: Kysely<DB>, now: Date, listId: number, userId: number) {
  const id = await inTransaction(db, async (trx) => {
    const held = await trx
      .selectFrom('outbound_items')
      .select('id')
      .where('list_id', '=', listId)
      .where('state', '=', 'in_progress')
      .where('agent_user_id', '=', userId)
      .executeTakeFirst();
    if (held) return held.id;
    const next = await sql<{ id: number }>`
      update outbound_items set state = 'in_progress', agent_user_id = ${userId}, updated_at = ${now}
      where id = (select i.id from outbound_items i join outbound_lists l on l.id = i.list_id
        where i.list_id = ${listId} and i.state = 'pending' and i.next_attempt_at <= ${now} and l.status = 'running'
          and not exists (select 1 from citizens c join do_not_call d on d.phone = c.phone where c.id = i.citizen_id)
        order by i.next_attempt_at, i.id limit 1 for update of i skip locked)
      returning id`.execute(trx);
    return next.rows[0]?.id ?? null;
  });
  return id === null ? null : getItem(db, id);
}

export async function getItem(db: Kysely<DB>, id: number) {
  const item = await db
    .selectFrom('outbound_items as i')
    .innerJoin('outbound_lists as l', 'l.id', 'i.list_id')
    .innerJoin('citizens as c', 'c.id', 'i.citizen_id')
    .leftJoin('grievances as g', 'g.id', 'i.grievance_id')
    .leftJoin('knowledge_articles as k', 'k.id', 'l.article_id')
    .select([
      'i.id',
      'i.list_id as listId',
      'l.kind',
      'i.state',
      'i.attempts',
      'l.max_attempts as maxAttempts',
      'i.next_attempt_at as nextAttemptAt',
      'i.outcome',
      'c.phone',
      'c.name',
      'c.language',
      'g.reference',
      'g.subject',
      'g.status as grievanceStatus',
      'i.call_id as callId',
      'k.title as articleTitle',
      'k.short_answer as articleAnswer',
    ])
    .where('i.id', '=', id)
    .executeTakeFirst();
  if (!item) throw notFound('outbound item', id);
  return item;
}

/**
 * Records one attempt on an item the agent holds. For a feedback call that reached the citizen, the
 * grievance is closed (satisfied) or reopened with their words (not satisfied) in the same transaction.
 */
export async function recordAttempt(
  db: Kysely<DB>,
  now: Date,
  itemId: number,
  userId: number,
  /** `rating`: on a feedback call that reached the citizen, their 1-5 verdict, as the portal asks. */
  input: { result: AttemptResult; notes?: string; rating?: number },
  who: AuditWho,
) {
  await inTransaction(db, async (trx) => {
    const item = await trx
      .selectFrom('outbound_items as i')
      .innerJoin('outbound_lists as l', 'l.id', 'i.list_id')
      .innerJoin('citizens as c', 'c.id', 'i.citizen_id')
      .select([
        'i.id',
        'i.state',
        'i.attempts',
        'i.agent_user_id',
        'i.grievance_id',
        'l.kind',
        'l.max_attempts',
        'l.retry_minutes',
        'c.phone',
      ])
      .where('i.id', '=', itemId)
      .forUpdate()
      .executeTakeFirst();
    if (!item) throw notFound('outbound item', itemId);
    if (item.state !== 'in_progress' || item.agent_user_id !== userId)
      throw new AppError('illegal_transition', 'take this item from the list before recording a call on it', [
        { field: 'itemId', message: 'not yours to call now', code: 'item_not_taken' },
      ]);
    const { result } = input;
    const reached = REACHED[item.kind].includes(result);
    if (
      !reached &&
      !(NOT_REACHED as readonly string[]).includes(result) &&
      result !== 'wrong_number' &&
      result !== 'do_not_call'
    )
      throw invalid('result', `"${result}" is not an outcome of a ${item.kind} call`);
    const attempts = item.attempts + 1;
    let state: 'pending' | 'done' | 'failed' | 'skipped';
    let next = now;
    if (reached) state = 'done';
    else if (result === 'do_not_call') state = 'skipped';
    else if (result === 'wrong_number' || attempts >= item.max_attempts) state = 'failed';
    else {
      state = 'pending';
      next = new Date(now.getTime() + item.retry_minutes * 60_000);
    }

    if (input.rating !== undefined && !(item.kind === 'feedback' && reached))
      throw invalid(
        'rating',
        "a rating is the citizen's verdict, asked on a feedback call that reached them",
        'rating_not_allowed',
      );
    if (item.kind === 'feedback' && reached && item.grievance_id !== null) {
      if (result === 'not_satisfied' && !input.notes?.trim())
        throw invalid(
          'notes',
          "write down the citizen's words: the officer reads them with the reopened grievance",
        );
      // The rating is kept with the close or reopen event, where the portal's goes (citizen_feedback).
      const rating = input.rating !== undefined ? { rating: input.rating } : {};
      const action: Action =
        result === 'satisfied'
          ? { type: 'close', reason: 'citizen_satisfied', note: input.notes, ...rating }
          : { type: 'reopen', note: input.notes as string, ...rating };
      const g = await trx
        .selectFrom('grievances')
        .select(LOCKED_COLUMNS)
        .where('id', '=', item.grievance_id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      await applyAction(trx, now, g, action, { kind: 'agent', id: userId });
      await appendAudit(trx, now, {
        ...who,
        action: `grievance.${action.type}`,
        entity: 'grievance',
        entityId: g.reference,
        reason: input.notes ?? null,
        data: { from: g.status, via: 'feedback_call', itemId, ...rating },
      });
    }
    if (result === 'do_not_call')
      await addDoNotCall(trx, now, item.phone, input.notes ?? 'asked on an outbound call', userId);
    await trx
      .updateTable('outbound_items')
      .set({
        state,
        attempts,
        next_attempt_at: next,
        outcome: result,
        notes: input.notes ?? null,
        agent_user_id: state === 'pending' ? null : userId,
        updated_at: now,
      })
      .where('id', '=', itemId)
      .execute();
    await trx
      .insertInto('outbound_attempts')
      .values({ item_id: itemId, agent_user_id: userId, at: now, result, notes: input.notes ?? null })
      .execute();
    await appendAudit(trx, now, {
      ...who,
      action: 'desk.outbound_attempt',
      entity: 'outbound_item',
      entityId: String(itemId),
      reason: input.notes ?? null,
      data: { result, attempts, state },
    });
  });
  return getItem(db, itemId);
}

/** Pauses, resumes or finishes a list: a paused list hands no one to agents, and keeps its place. */
export async function setListStatus(db: Kysely<DB>, listId: number, status: 'running' | 'paused' | 'done') {
  const list = await db
    .selectFrom('outbound_lists')
    .select(['kind', 'status'])
    .where('id', '=', listId)
    .executeTakeFirst();
  if (!list) throw notFound('outbound list', listId);
  // The desk fills its feedback and callback lists by itself: they always run.
  if (list.kind !== 'campaign' && status !== 'running')
    throw invalid(
      'status',
      'the feedback and callback lists always run; pause a campaign',
      'not_allowed_value',
    );
  if (list.status === 'done' && status !== 'done')
    throw new AppError('illegal_transition', 'a finished campaign stays finished; start a new one', [
      { field: 'status', message: 'finished', code: 'not_in_this_state' },
    ]);
  await db.updateTable('outbound_lists').set({ status }).where('id', '=', listId).execute();
}

/** The latest attempts on a list, newest first: what the supervisor watches as the campaign runs. */
export async function recentAttempts(db: Kysely<DB>, listId: number, limit = 20) {
  return db
    .selectFrom('outbound_attempts as a')
    .innerJoin('outbound_items as i', 'i.id', 'a.item_id')
    .innerJoin('citizens as c', 'c.id', 'i.citizen_id')
    .leftJoin('users as u', 'u.id', 'a.agent_user_id')
    .select(['a.id', 'a.at', 'a.result', 'a.notes', 'c.phone', 'c.name', 'u.name as agent', 'i.attempts'])
    .where('i.list_id', '=', listId)
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
}
