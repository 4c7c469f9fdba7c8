// Citizens are known by their mobile number (E.164). Every contact and grievance hangs off that.
import type { Kysely } from 'kysely';
import type { Principal } from '../access/principal.ts';
import type { DB } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import { readableBy, readsEverywhere } from '../grievances/policy.ts';
import { interactionReadableBy, notAnonymousContact } from './policy.ts';

export async function findOrCreateCitizen(
  db: Kysely<DB>,
  now: Date,
  input: { phone: string; name?: string; language?: string },
): Promise<number> {
  const created = await db
    .insertInto('citizens')
    .values({
      phone: input.phone,
      name: input.name ?? null,
      language: input.language ?? 'en',
      address: null,
      phone_verified_at: null,
      created_at: now,
    })
    .onConflict((oc) => oc.column('phone').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (created) return created.id;
  const existing = await db
    .selectFrom('citizens')
    .select(['id', 'name'])
    .where('phone', '=', input.phone)
    .executeTakeFirstOrThrow();
  // A name given now fills in one we did not have; it never overwrites what the citizen told us before.
  if (input.name && !existing.name) {
    await db.updateTable('citizens').set({ name: input.name }).where('id', '=', existing.id).execute();
  }
  return existing.id;
}

export async function getCitizenByPhone(db: Kysely<DB>, phone: string) {
  const citizen = await db
    .selectFrom('citizens')
    .select([
      'id',
      'phone',
      'name',
      'language',
      'phone_verified_at as phoneVerifiedAt',
      'created_at as createdAt',
    ])
    .where('phone', '=', phone)
    .executeTakeFirst();
  if (!citizen) throw notFound('citizen with phone', phone);
  return citizen;
}

/**
 * Everything the helpline has had from one citizen that `principal` may read, newest first: contacts and
 * grievances, each through the read policy (grievances by policy.ts, contacts by citizens/policy.ts). An
 * anonymous grievance, and a contact that produced one, never appear under the citizen: that would say
 * who raised it (only a supervisor's audited reveal does). The citizen's name is shown only to a reader
 * who may read something of theirs, or reads everywhere; never their internal id.
 */
export async function citizenHistory(db: Kysely<DB>, phone: string, principal: Principal) {
  const citizen = await getCitizenByPhone(db, phone);
  const [interactions, grievances] = await Promise.all([
    db
      .selectFrom('interactions as i')
      .select([
        'i.id',
        'i.channel',
        'i.direction',
        'i.summary',
        'i.started_at as startedAt',
        'i.ended_at as endedAt',
        (eb) =>
          eb
            .selectFrom('interaction_grievances as ig')
            .innerJoin('grievances as g', 'g.id', 'ig.grievance_id')
            .innerJoin('places as pl', 'pl.id', 'g.place_id')
            .select((e) => e.fn.agg<string[]>('array_agg', ['g.reference']).as('refs'))
            .whereRef('ig.interaction_id', '=', 'i.id')
            .where('g.anonymous', '=', false)
            // biome-ignore lint/suspicious/noExplicitAny: the grievance policy is written over g and pl only
            .where(readableBy(principal) as any)
            .as('references'),
      ])
      .where('i.citizen_id', '=', citizen.id)
      .where(interactionReadableBy(principal))
      .where(notAnonymousContact)
      .orderBy('i.started_at', 'desc')
      .limit(200)
      .execute(),
    db
      .selectFrom('grievances as g')
      .innerJoin('places as pl', 'pl.id', 'g.place_id')
      .select(['g.reference', 'g.status', 'g.subject', 'g.channel', 'g.created_at as createdAt'])
      .where('g.citizen_id', '=', citizen.id)
      .where('g.anonymous', '=', false)
      .where(readableBy(principal))
      .orderBy('g.created_at', 'desc')
      .limit(200)
      .execute(),
  ]);
  const seesSomething = interactions.length > 0 || grievances.length > 0 || readsEverywhere(principal);
  return {
    citizenId: citizen.id,
    citizen: {
      phone: citizen.phone,
      name: seesSomething ? citizen.name : null,
      language: citizen.language,
    },
    interactions: interactions.map((i) => ({ ...i, references: i.references ?? [] })),
    grievances,
  };
}
