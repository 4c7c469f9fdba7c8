// Registering a grievance: one transaction writes the citizen (found or created by phone), the
// grievance with a fresh reference number, its first event, the acknowledgement to the citizen, the link
// to the contact it came from, and, when a routing rule covers it, the assignment to the L1 position.
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { type AuditWho, appendAudit } from '../access/audit.ts';
import { actorOf, type Principal } from '../access/principal.ts';
import { findOrCreateCitizen } from '../citizens/index.ts';
import type { Clock } from '../clock.ts';
import type { Channel, DB } from '../db/schema.ts';
import { AppError, invalid } from '../errors.ts';
import { enqueueNotification } from '../notify/index.ts';
import { findRoute } from '../routing/index.ts';
import { announceChanges } from './announce.ts';
import { type Actor, applyAction, LOCKED_COLUMNS, type LockedGrievance } from './lifecycle.ts';
import { mayRegister } from './policy.ts';
import { generateReference, type RandomIndex } from './reference.ts';

export interface RegisterInput {
  categoryId: number;
  placeId: number;
  subject: string;
  description: string;
  language: string;
  channel: Channel;
  citizen?: { phone: string; name?: string; language?: string } | null;
  anonymous?: boolean;
  address?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  details?: Record<string, string>;
  interactionId?: number;
  idempotencyKey?: string;
}

export interface RegisterDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** Source of randomness for reference numbers; tests pass a predictable one to force collisions. */
  random?: RandomIndex;
}

export interface Registered {
  id: number;
  reference: string;
  /** True when an earlier request with the same idempotency key already registered it. */
  replayed: boolean;
}

export async function registerGrievance(
  deps: RegisterDeps,
  input: RegisterInput,
  actor: Actor,
  who: AuditWho | null = null,
): Promise<Registered> {
  const requestHash = input.idempotencyKey ? hashRequest(input) : null;
  if (input.idempotencyKey) {
    const earlier = await findByIdempotencyKey(deps.db, input.idempotencyKey, requestHash as string);
    if (earlier) return earlier;
  }
  try {
    return await deps.db
      .transaction()
      .execute((trx) => insertGrievance(trx, deps, input, actor, requestHash, who));
  } catch (error) {
    // Two requests with one key raced past the check above; the loser's insert hit the unique index
    // after the winner committed. Answer with the winner's grievance.
    if (input.idempotencyKey && isUniqueViolation(error, 'idempotency_key')) {
      const earlier = await findByIdempotencyKey(deps.db, input.idempotencyKey, requestHash as string);
      if (earlier) return earlier;
    }
    throw error;
  }
}

/**
 * Registration by a request: the public may register without naming a citizen (the reference on screen
 * is their receipt); a citizen signed in by OTP registers as themselves whatever the body says; agents,
 * supervisors and intake integrations register for the caller they name.
 */
export async function registerAs(
  deps: RegisterDeps,
  input: RegisterInput,
  principal: Principal,
  who: AuditWho,
): Promise<Registered> {
  const decision = mayRegister(principal, Boolean(input.citizen));
  if (decision === 'verify-phone-first') {
    throw new AppError(
      'unauthenticated',
      'verify the mobile number with the code we send by SMS first, or register without one',
      [{ field: 'citizen', message: 'needs a verified number' }],
    );
  }
  if (decision === 'no') throw new AppError('forbidden', 'your role does not register grievances');
  const own =
    principal.kind === 'citizen'
      ? { ...input, citizen: { ...input.citizen, phone: principal.phone } }
      : input;
  return registerGrievance(deps, own, actorOf(principal), who);
}

async function insertGrievance(
  trx: Transaction<DB>,
  deps: RegisterDeps,
  input: RegisterInput,
  actor: Actor,
  requestHash: string | null,
  who: AuditWho | null,
): Promise<Registered> {
  const now = deps.clock.now();
  const category = await trx
    .selectFrom('categories')
    .select(['id', 'department_id', 'priority', 'fields', 'active'])
    .where('id', '=', input.categoryId)
    .executeTakeFirst();
  if (!category?.active)
    throw invalid(
      'categoryId',
      `category ${input.categoryId} does not exist or is closed for new grievances`,
    );
  const place = await trx
    .selectFrom('places')
    .select(['id', 'active'])
    .where('id', '=', input.placeId)
    .executeTakeFirst();
  if (!place?.active) throw invalid('placeId', `place ${input.placeId} does not exist`);
  const details = input.details ?? {};
  for (const field of category.fields) {
    if (field.required && !details[field.key]?.trim()) {
      throw invalid(`details.${field.key}`, `required for this category (${field.label.en ?? field.key})`);
    }
  }

  const citizenId = input.citizen ? await findOrCreateCitizen(trx, now, input.citizen) : null;

  let inserted: LockedGrievance | undefined;
  // A collision among 32^8 references is rare but certain over years; try again with another number.
  for (let attempt = 0; attempt < 10 && !inserted; attempt++) {
    inserted = await trx
      .insertInto('grievances')
      .values({
        reference: generateReference(deps.random),
        citizen_id: citizenId,
        anonymous: input.anonymous ?? false,
        channel: input.channel,
        category_id: category.id,
        department_id: category.department_id,
        place_id: place.id,
        subject: input.subject,
        description: input.description,
        language: input.language,
        address: input.address ?? null,
        latitude: input.latitude ?? null,
        longitude: input.longitude ?? null,
        details: JSON.stringify(details),
        status: 'registered',
        priority: category.priority,
        idempotency_key: input.idempotencyKey ?? null,
        request_hash: requestHash,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('reference').doNothing())
      .returning(LOCKED_COLUMNS)
      .executeTakeFirst();
  }
  if (!inserted) throw new AppError('internal', 'could not find a free reference number; try again');

  await trx
    .insertInto('grievance_events')
    .values({
      grievance_id: inserted.id,
      at: now,
      kind: 'registered',
      from_status: null,
      to_status: 'registered',
      actor_kind: actor.kind,
      actor_id: actor.id,
      position_id: null,
      note: null,
      data: JSON.stringify({ channel: input.channel }),
    })
    .execute();
  if (input.interactionId !== undefined) {
    const interaction = await trx
      .selectFrom('interactions')
      .select('id')
      .where('id', '=', input.interactionId)
      .executeTakeFirst();
    if (!interaction) throw invalid('interactionId', `interaction ${input.interactionId} does not exist`);
    await trx
      .insertInto('interaction_grievances')
      .values({ interaction_id: interaction.id, grievance_id: inserted.id })
      .execute();
  }
  if (citizenId !== null) {
    await enqueueNotification(trx, now, {
      to: { kind: 'citizen', citizenId },
      grievanceId: inserted.id,
      template: 'grievance_registered',
      language: input.language,
      params: { reference: inserted.reference },
    });
  }

  const route = await findRoute(trx, category.id, place.id);
  const l1 = route?.steps[0];
  if (l1) {
    // The row was inserted by this transaction, so no one else can hold it: no need to lock it again.
    // The assignment announces the new grievance, as every action does.
    await applyAction(
      trx,
      now,
      inserted,
      { type: 'assign', positionId: l1.positionId },
      { kind: 'system', id: null },
    );
  } else {
    // Unrouted: supervisors watching that queue hear of it from here.
    await announceChanges(trx, [inserted.id]);
  }
  if (who) {
    await appendAudit(trx, now, {
      ...who,
      action: 'grievance.register',
      entity: 'grievance',
      entityId: inserted.reference,
      data: {
        channel: input.channel,
        categoryId: category.id,
        placeId: place.id,
        anonymous: input.anonymous ?? false,
      },
    });
  }
  return { id: inserted.id, reference: inserted.reference, replayed: false };
}

async function findByIdempotencyKey(
  db: Kysely<DB>,
  key: string,
  requestHash: string,
): Promise<Registered | null> {
  const row = await db
    .selectFrom('grievances')
    .select(['id', 'reference', 'request_hash'])
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  if (!row) return null;
  if (row.request_hash !== requestHash) {
    throw new AppError(
      'idempotency_key_reused',
      'this Idempotency-Key was already used for a different grievance; use a new key for a new request',
      [{ field: 'Idempotency-Key', message: 'already used with a different body' }],
    );
  }
  return { id: row.id, reference: row.reference, replayed: true };
}

function hashRequest(input: RegisterInput): string {
  const { idempotencyKey: _, ...rest } = input;
  return createHash('sha256').update(stableJson(rest)).digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function isUniqueViolation(error: unknown, column: string): boolean {
  const e = error as { code?: string; constraint?: string; detail?: string; message?: string };
  return e?.code === '23505' && `${e.constraint ?? ''} ${e.detail ?? ''} ${e.message ?? ''}`.includes(column);
}
