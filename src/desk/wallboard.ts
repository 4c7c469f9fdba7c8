// The supervisor's wallboard: the desk now and today, read from the calls and agents themselves.
//
//   waiting per queue     calls in state 'queued' now, and how long the oldest has waited
//   agents by state       how many agents are available, on a call, in wrap-up, on break, signed out
//   today                 calls that joined a queue since midnight (the deployment's time zone):
//     offered             every one of them
//     answered            picked up by an agent
//     within service      answered within desk_settings.service_level_seconds of joining the queue
//     service level       within service / (answered + abandoned), in per cent (null with no calls)
//     abandoned           the caller hung up while waiting or ringing
//     average handling    talk (answer to end) plus after-call work, over the calls wrapped up
//   per agent today       calls answered, wrapped up, registered, and their average handling time
//   on which call         each agent's call now: the caller, the queue, since when, and whether the
//                         telephony lets a supervisor listen in or barge (monitoring.ts)
//   hours per queue       open now, or when it opens (hours.ts)
//
// A few hundred calls a day per centre: aggregate queries over the day's calls (index calls_queued_at)
// are cheap, so nothing is kept in step by hand.
import { type Kysely, sql } from 'kysely';
import type { AgentState, DB, I18nText } from '../db/schema.ts';
import { deploymentZone } from '../sla/calendars.ts';
import { AGENT_STATES } from './agents.ts';
import { type QueueHours, queueHours } from './hours.ts';
import { type MonitorMode, monitorModes } from './monitoring.ts';

export interface Wallboard {
  at: Date;
  dayStart: Date;
  serviceLevelSeconds: number;
  queues: {
    id: number;
    code: string;
    name: I18nText;
    waiting: number;
    longestWaitSeconds: number | null;
    calendarId: number | null;
    open: boolean;
    opensAt: Date | null;
  }[];
  agents: Record<AgentState, number>;
  today: {
    offered: number;
    answered: number;
    answeredWithin: number;
    serviceLevelPercent: number | null;
    abandoned: number;
    averageHandlingSeconds: number | null;
  };
  perAgent: {
    userId: number;
    name: string;
    state: AgentState;
    callId: number | null;
    answered: number;
    wrapped: number;
    registered: number;
    averageHandlingSeconds: number | null;
    call: {
      id: number;
      caller: string | null;
      state: string;
      queue: I18nText | null;
      answeredAt: Date | null;
      monitor: MonitorMode[];
    } | null;
  }[];
}

export async function wallboard(db: Kysely<DB>, now: Date): Promise<Wallboard> {
  const [settings, tz] = await Promise.all([
    db.selectFrom('desk_settings').select('service_level_seconds').executeTakeFirstOrThrow(),
    deploymentZone(db),
  ]);
  const sl = settings.service_level_seconds;
  const dayStart = (
    await sql<{
      start: Date;
    }>`select (date_trunc('day', ${now}::timestamptz at time zone ${tz}) at time zone ${tz}) as start`.execute(
      db,
    )
  ).rows[0]?.start as Date;
  const handle = sql<number>`extract(epoch from (c.ended_at - c.answered_at)) + c.after_call_seconds`;

  const [queues, agents, today, perAgent] = await Promise.all([
    db
      .selectFrom('call_queues as q')
      .leftJoin('calls as c', (join) => join.onRef('c.queue_id', '=', 'q.id').on('c.state', '=', 'queued'))
      .select([
        'q.id',
        'q.code',
        'q.name',
        'q.calendar_id',
        'q.place_id',
        sql<number>`count(c.id)::int`.as('waiting'),
        sql<number | null>`floor(extract(epoch from (${now}::timestamptz - min(c.queued_at))))::int`.as(
          'longestWaitSeconds',
        ),
      ])
      .where('q.active', '=', true)
      .groupBy(['q.id', 'q.code', 'q.name', 'q.calendar_id', 'q.place_id'])
      .orderBy('q.code')
      .execute(),
    db
      .selectFrom('desk_agents')
      .select(['state', sql<number>`count(*)::int`.as('n')])
      .groupBy('state')
      .execute(),
    db
      .selectFrom('calls as c')
      .select([
        sql<number>`count(*)::int`.as('offered'),
        sql<number>`count(c.answered_at)::int`.as('answered'),
        sql<number>`count(*) filter (where c.answered_at - c.queued_at <= make_interval(secs => ${sl}))::int`.as(
          'answeredWithin',
        ),
        sql<number>`count(*) filter (where c.state = 'abandoned')::int`.as('abandoned'),
        sql<number | null>`round(avg(${handle}) filter (where c.wrapped_at is not null))::int`.as(
          'averageHandlingSeconds',
        ),
      ])
      .where('c.queued_at', '>=', dayStart)
      .where('c.queued_at', '<=', now)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('desk_agents as a')
      .innerJoin('users as u', 'u.id', 'a.user_id')
      .leftJoin('calls as c', (join) =>
        join
          .onRef('c.agent_user_id', '=', 'a.user_id')
          .on('c.answered_at', '>=', dayStart)
          .on('c.answered_at', '<=', now),
      )
      .select([
        'a.user_id as userId',
        'u.name',
        'a.state',
        'a.call_id as callId',
        sql<number>`count(c.id)::int`.as('answered'),
        sql<number>`count(c.wrapped_at)::int`.as('wrapped'),
        sql<number>`count(*) filter (where c.disposition = 'registered')::int`.as('registered'),
        sql<number | null>`round(avg(${handle}) filter (where c.wrapped_at is not null))::int`.as(
          'averageHandlingSeconds',
        ),
      ])
      .groupBy(['a.user_id', 'u.name', 'a.state', 'a.call_id'])
      .orderBy('u.name')
      .execute(),
  ]);

  const callIds = perAgent.flatMap((a) => (a.callId === null ? [] : [a.callId]));
  const [calls, hours] = await Promise.all([
    callIds.length
      ? db
          .selectFrom('calls as c')
          .leftJoin('call_queues as q', 'q.id', 'c.queue_id')
          .select([
            'c.id',
            'c.caller',
            'c.state',
            'c.provider',
            'c.answered_at as answeredAt',
            'q.name as queue',
          ])
          .where('c.id', 'in', callIds)
          .execute()
      : [],
    Promise.all(queues.map((q) => queueHours(db, now, q))),
  ]);
  const byId = new Map(calls.map((c) => [c.id, c]));

  const byState = Object.fromEntries(AGENT_STATES.map((s) => [s, 0])) as Record<AgentState, number>;
  for (const row of agents) byState[row.state] = row.n;
  const counted = today.answered + today.abandoned;
  return {
    at: now,
    dayStart,
    serviceLevelSeconds: sl,
    queues: queues.map(({ calendar_id, place_id, ...q }, i) => ({ ...q, ...(hours[i] as QueueHours) })),
    agents: byState,
    today: {
      ...today,
      serviceLevelPercent: counted ? Math.round((1000 * today.answeredWithin) / counted) / 10 : null,
    },
    perAgent: perAgent.map((a) => {
      const c = a.callId === null ? undefined : byId.get(a.callId);
      return {
        ...a,
        call: c
          ? {
              id: c.id,
              caller: c.caller,
              state: c.state,
              queue: c.queue,
              answeredAt: c.answeredAt,
              monitor: [...monitorModes(c.provider)],
            }
          : null,
      };
    }),
  };
}
