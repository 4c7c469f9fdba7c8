// Citizens are known by their mobile number (E.164). Every contact and grievance hangs off that.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { notFound } from '../errors.ts';

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

/** Everything the helpline has had from one citizen, newest first: contacts and grievances. */
export async function citizenHistory(db: Kysely<DB>, phone: string) {
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
            .select((e) => e.fn.agg<string[]>('array_agg', ['g.reference']).as('refs'))
            .whereRef('ig.interaction_id', '=', 'i.id')
            .as('references'),
      ])
      .where('i.citizen_id', '=', citizen.id)
      .orderBy('i.started_at', 'desc')
      .limit(200)
      .execute(),
    db
      .selectFrom('grievances')
      .select(['reference', 'status', 'subject', 'channel', 'created_at as createdAt'])
      .where('citizen_id', '=', citizen.id)
      .orderBy('created_at', 'desc')
      .limit(200)
      .execute(),
  ]);
  return {
    citizen,
    interactions: interactions.map((i) => ({ ...i, references: i.references ?? [] })),
    grievances,
  };
}
