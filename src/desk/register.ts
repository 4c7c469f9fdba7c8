// Registering at the desk: on a call, or for a citizen who walked into a service centre. The grievance is
// registered as any agent's registration is (grievances/register.ts: for the caller, no OTP), then the
// desk records it: which agent, which call or centre, whether the citizen's monthly cap was overridden
// and why (audited), and whether it falls in the share of this agent's registrations sampled for
// quality review.
//
// The sample is exact rather than random: with a share of s per cent, an agent's n-th registration is
// sampled when floor(n·s/100) grows, so every agent has exactly their share reviewed and nobody can
// guess which ones (the reviewer does not tell them the count).
import { type Kysely, sql } from 'kysely';
import type { AuditWho } from '../access/audit.ts';
import { appendAudit } from '../access/audit.ts';
import type { Principal } from '../access/principal.ts';
import { logInteraction } from '../citizens/index.ts';
import type { DB } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Deps } from '../deps.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import type { RegisterInput } from '../grievances/index.ts';
import { registerAs } from '../grievances/register.ts';
import { deploymentZone } from '../sla/calendars.ts';

export interface DeskRegistration
  extends Omit<RegisterInput, 'channel' | 'interactionId' | 'idempotencyKey'> {
  /** The call it was registered on (the agent's own). */
  callId?: number;
  /** The walk-in centre (a place) where the citizen came in person. */
  centrePlaceId?: number;
  /** Registering past the citizen's monthly cap: why. */
  capOverride?: string;
}

/** The start of this calendar month in the deployment's time zone. */
async function monthStart(db: Kysely<DB>, now: Date) {
  const tz = await deploymentZone(db);
  const { rows } = await sql<{ start: Date }>`
    select (date_trunc('month', ${now}::timestamptz at time zone ${tz}) at time zone ${tz}) as start`.execute(
    db,
  );
  return rows[0]?.start as Date;
}

/** How many grievances the citizen with `phone` registered this month, against the cap. */
export async function capUsage(db: Kysely<DB>, now: Date, citizenId: number | null) {
  const settings = await db.selectFrom('desk_settings').select('monthly_cap').executeTakeFirstOrThrow();
  if (citizenId === null) return { cap: settings.monthly_cap, used: 0 };
  const start = await monthStart(db, now);
  const used = await db
    .selectFrom('grievances')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('citizen_id', '=', citizenId)
    .where('created_at', '>=', start)
    .executeTakeFirstOrThrow();
  return { cap: settings.monthly_cap, used: used.n };
}

export async function registerAtDesk(
  deps: Deps,
  input: DeskRegistration,
  principal: Principal,
  who: AuditWho,
) {
  const { db, clock } = deps;
  const agentId = who.actorId;
  if (agentId === null) throw new AppError('forbidden', 'only a staff account registers at the desk');
  if ((input.callId === undefined) === (input.centrePlaceId === undefined))
    throw invalid(
      'callId',
      'give the call it was registered on, or the walk-in centre (centrePlaceId), not both',
    );

  // The monthly cap: refused with a code the desk shows, unless the agent gives a reason to go past it.
  // Checked before the visit is logged, so a refusal and the retry with a reason log one visit, not two.
  const citizen = input.citizen?.phone
    ? await db.selectFrom('citizens').select('id').where('phone', '=', input.citizen.phone).executeTakeFirst()
    : undefined;
  const usage = await capUsage(db, clock.now(), citizen?.id ?? null);
  const overCap = usage.cap !== null && usage.used >= usage.cap;
  if (overCap && !input.capOverride?.trim())
    throw new AppError(
      'conflict',
      `this citizen has registered ${usage.used} grievances this month, the limit is ${usage.cap}; register past it only with a reason`,
      [{ field: 'capOverride', message: 'monthly limit reached', code: 'monthly_cap_reached' }],
    );

  let interactionId: number;
  if (input.callId !== undefined) {
    const call = await db
      .selectFrom('calls')
      .select(['interaction_id', 'agent_user_id'])
      .where('id', '=', input.callId)
      .executeTakeFirst();
    if (!call || call.agent_user_id !== agentId) throw notFound('call of yours', input.callId);
    interactionId = call.interaction_id;
  } else {
    const centre = await db
      .selectFrom('places')
      .select('id')
      .where('id', '=', input.centrePlaceId as number)
      .executeTakeFirst();
    if (!centre) throw invalid('centrePlaceId', `place ${input.centrePlaceId} does not exist`);
    // The visit is the contact on the citizen's history.
    interactionId = (
      await logInteraction(db, clock, {
        channel: 'walk_in',
        phone: input.citizen?.phone,
        createdBy: agentId,
        endedAt: clock.now(),
      })
    ).id;
  }

  const { callId, centrePlaceId, capOverride, ...rest } = input;
  const registered = await registerAs(
    deps,
    { ...rest, channel: centrePlaceId !== undefined ? 'walk_in' : 'phone', interactionId },
    principal,
    who,
  );

  // The desk's record, written right after: a crash between the two loses this record, never the grievance.
  const sampled = await inTransaction(db, async (trx) => {
    const now = clock.now();
    const row = await trx
      .insertInto('desk_registrations')
      .values({
        grievance_id: registered.id,
        agent_user_id: agentId,
        call_id: callId ?? null,
        centre_place_id: centrePlaceId ?? null,
        cap_override_reason: overCap ? (capOverride as string) : null,
        at: now,
      })
      .onConflict((oc) => oc.column('grievance_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) return false; // a replay of the same registration
    if (overCap)
      await appendAudit(trx, now, {
        ...who,
        action: 'desk.cap_override',
        entity: 'grievance',
        entityId: registered.reference,
        reason: capOverride ?? null,
        data: { used: usage.used, cap: usage.cap },
      });
    const [settings, count] = await Promise.all([
      trx.selectFrom('desk_settings').select('quality_share_percent').executeTakeFirstOrThrow(),
      trx
        .selectFrom('desk_registrations')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('agent_user_id', '=', agentId)
        .executeTakeFirstOrThrow(),
    ]);
    const share = settings.quality_share_percent;
    const n = count.n;
    if (Math.floor((n * share) / 100) <= Math.floor(((n - 1) * share) / 100)) return false;
    await trx
      .insertInto('quality_reviews')
      .values({
        registration_id: row.id,
        agent_user_id: agentId,
        score: null,
        comments: null,
        reviewer_id: null,
        sampled_at: now,
        reviewed_at: null,
      })
      .execute();
    return true;
  });
  return { ...registered, sampled };
}

/** The acknowledgement slip for a citizen without a phone: what to keep, where it went, by when, how to track. */
export async function acknowledgementSlip(db: Kysely<DB>, reference: string) {
  const slip = await db
    .selectFrom('grievances as g')
    .innerJoin('categories as c', 'c.id', 'g.category_id')
    .innerJoin('departments as d', 'd.id', 'g.department_id')
    .innerJoin('places as pl', 'pl.id', 'g.place_id')
    .leftJoin('positions as p', 'p.id', 'g.position_id')
    .leftJoin('desk_registrations as r', 'r.grievance_id', 'g.id')
    .leftJoin('places as centre', 'centre.id', 'r.centre_place_id')
    .select([
      'g.reference',
      'g.subject',
      'g.status',
      'g.created_at as registeredAt',
      'g.due_at as promisedBy',
      'g.language',
      'g.channel',
      'c.name as category',
      'd.name as department',
      'pl.name as place',
      'p.title as office',
      'centre.name as centre',
    ])
    .where('g.reference', '=', reference)
    .executeTakeFirst();
  if (!slip) throw notFound('grievance', reference);
  return slip;
}
