// The screen-pop: everything the agent needs the moment a call is offered, in one read. The call (who,
// in which language and district, what they pressed in the IVR, how long they waited), and for a known
// caller every grievance (status, the office and officer holding it, the due time) and every earlier
// contact on every channel with how it ended. An unknown caller (nothing on record but this call) gets
// `known: false`, and the desk shows a new-contact form with the number filled in.
//
// Anonymous grievances: the citizen raised them asking that the department not know who they are. The
// desk shows them on the caller's own screen-pop only when the deployment allows it
// (desk_settings.anonymous_to_agents); department-facing roles never reach this read at all (agents and
// supervisors only), and a grievance's own routes never show the identity (grievances/policy.ts).
//
// Flags and the monthly cap are on it too: a flagged caller's flags with their reasons (the agent still
// registers what they say), and how many grievances they registered this month against the cap, so the
// agent knows before typing that an override (with a reason, audited) will be needed.
import { type Kysely, sql } from 'kysely';
import type { CallStep, DB, I18nText } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import { openFlags } from './flags.ts';
import { capUsage } from './register.ts';

export interface ScreenPop {
  call: {
    id: number;
    interactionId: number;
    caller: string | null;
    state: string;
    language: string | null;
    district: { id: number; name: I18nText } | null;
    queue: { id: number; code: string; name: I18nText } | null;
    path: CallStep[];
    queuedAt: Date | null;
    offeredAt: Date | null;
    answeredAt: Date | null;
    endedAt: Date | null;
    disposition: string | null;
  };
  known: boolean;
  citizen: { id: number; phone: string; name: string | null; language: string } | null;
  flags: { id: number; reason: string; flaggedAt: Date }[];
  /** This calendar month's registrations against the cap (null: no cap). */
  cap: { limit: number | null; used: number };
  grievances: {
    reference: string;
    status: string;
    subject: string;
    anonymous: boolean;
    category: { id: number; name: I18nText };
    place: { id: number; name: I18nText };
    position: { title: I18nText; officer: string | null } | null;
    level: number | null;
    dueAt: Date | null;
    createdAt: Date;
  }[];
  contacts: {
    id: number;
    channel: string;
    direction: string;
    summary: string | null;
    startedAt: Date;
    references: string[];
    disposition: string | null;
    path: CallStep[] | null;
  }[];
}

export async function screenPop(db: Kysely<DB>, callId: number, now: Date): Promise<ScreenPop> {
  const call = await db
    .selectFrom('calls as c')
    .leftJoin('places as d', 'd.id', 'c.district_id')
    .leftJoin('call_queues as q', 'q.id', 'c.queue_id')
    .leftJoin('citizens as z', 'z.id', 'c.citizen_id')
    .select([
      'c.id',
      'c.interaction_id as interactionId',
      'c.caller',
      'c.state',
      'c.language',
      'c.district_id as districtId',
      'd.name as districtName',
      'c.queue_id as queueId',
      'q.code as queueCode',
      'q.name as queueName',
      'c.path',
      'c.queued_at as queuedAt',
      'c.offered_at as offeredAt',
      'c.answered_at as answeredAt',
      'c.ended_at as endedAt',
      'c.disposition',
      'z.id as citizenId',
      'z.phone',
      'z.name as citizenName',
      'z.language as citizenLanguage',
    ])
    .where('c.id', '=', callId)
    .executeTakeFirst();
  if (!call) throw notFound('call', callId);
  const settings = await db
    .selectFrom('desk_settings')
    .select('anonymous_to_agents')
    .executeTakeFirstOrThrow();

  const citizenId = call.citizenId;
  const [flags, usage] = await Promise.all([
    citizenId === null ? [] : openFlags(db, citizenId),
    capUsage(db, now, citizenId),
  ]);
  const [grievances, contacts] =
    citizenId === null
      ? [[], []]
      : await Promise.all([
          db
            .selectFrom('grievances as g')
            .innerJoin('categories as cat', 'cat.id', 'g.category_id')
            .innerJoin('places as pl', 'pl.id', 'g.place_id')
            .leftJoin('positions as p', 'p.id', 'g.position_id')
            .select([
              'g.reference',
              'g.status',
              'g.subject',
              'g.anonymous',
              'g.category_id as categoryId',
              'cat.name as categoryName',
              'g.place_id as placeId',
              'pl.name as placeName',
              'p.title as positionTitle',
              (eb) =>
                eb
                  .selectFrom('position_holders as h')
                  .innerJoin('officers as o', 'o.id', 'h.officer_id')
                  .select('o.name')
                  .whereRef('h.position_id', '=', 'g.position_id')
                  .where('h.ended_at', 'is', null)
                  .limit(1)
                  .as('officer'),
              'g.level',
              'g.due_at as dueAt',
              'g.created_at as createdAt',
            ])
            .where('g.citizen_id', '=', citizenId)
            .$if(!settings.anonymous_to_agents, (q) => q.where('g.anonymous', '=', false))
            .orderBy('g.created_at', 'desc')
            .limit(200)
            .execute(),
          db
            .selectFrom('interactions as i')
            .leftJoin('calls as c', 'c.interaction_id', 'i.id')
            .select([
              'i.id',
              'i.channel',
              'i.direction',
              'i.summary',
              'i.started_at as startedAt',
              'c.disposition',
              'c.path',
              // Only what the agent may see: an anonymous grievance's reference stays off unless allowed.
              sql<string[] | null>`(select array_agg(g.reference order by g.id)
                from interaction_grievances ig join grievances g on g.id = ig.grievance_id
                where ig.interaction_id = i.id
                  and (${settings.anonymous_to_agents} or not g.anonymous))`.as('references'),
            ])
            .where('i.citizen_id', '=', citizenId)
            .where('i.id', '<>', call.interactionId)
            .orderBy('i.started_at', 'desc')
            .limit(200)
            .execute(),
        ]);

  return {
    call: {
      id: call.id,
      interactionId: call.interactionId,
      caller: call.caller,
      state: call.state,
      language: call.language,
      district:
        call.districtId !== null && call.districtName
          ? { id: call.districtId, name: call.districtName }
          : null,
      queue:
        call.queueId !== null && call.queueCode && call.queueName
          ? { id: call.queueId, code: call.queueCode, name: call.queueName }
          : null,
      path: call.path,
      queuedAt: call.queuedAt,
      offeredAt: call.offeredAt,
      answeredAt: call.answeredAt,
      endedAt: call.endedAt,
      disposition: call.disposition,
    },
    known: citizenId !== null && (Boolean(call.citizenName) || grievances.length > 0 || contacts.length > 0),
    citizen:
      citizenId !== null && call.phone
        ? {
            id: citizenId,
            phone: call.phone,
            name: call.citizenName ?? null,
            language: call.citizenLanguage ?? 'en',
          }
        : null,
    flags,
    cap: { limit: usage.cap, used: usage.used },
    grievances: grievances.map((g) => ({
      reference: g.reference,
      status: g.status,
      subject: g.subject,
      anonymous: g.anonymous,
      category: { id: g.categoryId, name: g.categoryName },
      place: { id: g.placeId, name: g.placeName },
      position: g.positionTitle ? { title: g.positionTitle, officer: g.officer ?? null } : null,
      level: g.level,
      dueAt: g.dueAt,
      createdAt: g.createdAt,
    })),
    contacts: contacts.map((c) => ({ ...c, references: c.references ?? [], path: c.path ?? null })),
  };
}
