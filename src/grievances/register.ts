// Registering a grievance: the citizen (found or created by phone), the grievance with a fresh reference
// number, already assigned to its L1 position with the SLA clock running when a routing rule covers it,
// its events, the acknowledgement to the citizen and the notice to the position, the link to the contact
// it came from, the audit entry and the live announcement: one SQL statement, atomic as a whole, shared
// with the other registrations arriving at the same moment (register-batch.ts: one commit for many).
//
// Everything the statement needs to decide (the category, the place, the routing chain, the position,
// its calendar and holidays) comes from the reference cache (src/cache/reference.ts), and the statement
// checks that the reference data has not changed since the cache read it. If it has, or the reference
// number drawn is taken, the statement writes nothing and we go round again.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditWho } from '../access/audit.ts';
import { actorOf, type Principal } from '../access/principal.ts';
import { type ReferenceCache, referenceCache } from '../cache/reference.ts';
import type { Clock } from '../clock.ts';
import type { Channel, DB } from '../db/schema.ts';
import { AppError, invalid } from '../errors.ts';
import { type ClockState, startClock } from '../sla/index.ts';
import type { Actor } from './lifecycle.ts';
import { mayRegister } from './policy.ts';
import type { GrievanceView } from './queries.ts';
import { generateReference, type RandomIndex } from './reference.ts';
import { type RegistrationRow, registrationWriter } from './register-batch.ts';

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
  /** The process's reference cache; without one, reference data is read from the database each time. */
  reference?: ReferenceCache;
  /** Source of randomness for reference numbers; tests pass a predictable one to force collisions. */
  random?: RandomIndex;
}

export interface Registered {
  id: number;
  reference: string;
  /** True when an earlier request with the same idempotency key already registered it. */
  replayed: boolean;
  /** The grievance as registered (absent on a replay: read it back). */
  view?: GrievanceView;
  /** This registration created its citizen (a number we did not know); false on a replay. */
  citizenCreated?: boolean;
}

const ATTEMPTS = 10;

export async function registerGrievance(
  deps: RegisterDeps,
  input: RegisterInput,
  actor: Actor,
  who: AuditWho | null = null,
): Promise<Registered> {
  const { db } = deps;
  // A registration that came with no request (a channel adapter's, the demo's) is audited all the same,
  // under the actor it was registered as: no grievance comes into being without its entry.
  const auditedAs: AuditWho = who ?? { actorKind: actor.kind, actorId: actor.id, ip: null };
  const reference = deps.reference ?? referenceCache();
  const requestHash = input.idempotencyKey ? hashRequest(input) : null;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const plan = await planRegistration(db, reference, input);
    const now = deps.clock.now();
    const clock = plan.assigned && plan.sla ? startClock(plan.sla, now) : null;
    const row = await registrationWriter(db).write(
      registrationRow(plan, clock, {
        input,
        actor,
        who: auditedAs,
        now,
        requestHash,
        reference: generateReference(deps.random),
      }),
    );
    if (!row.current) {
      // The reference data changed since the cache read it: read it again and retry.
      reference.clear();
      continue;
    }
    if (row.id !== null && row.reference !== null) {
      return {
        id: row.id,
        reference: row.reference,
        replayed: false,
        view: present(plan, clock, input, row.reference, now, row.citizenName),
        citizenCreated: row.citizenCreated,
      };
    }
    // Nothing inserted: the idempotency key was used before (answer with that grievance), or the
    // reference number drawn was taken (rare among 32^8, but certain over years): draw another.
    if (input.idempotencyKey) {
      const earlier = await findByIdempotencyKey(db, input.idempotencyKey, requestHash as string);
      if (earlier) return earlier;
    }
  }
  throw new AppError('internal', 'could not register the grievance just now; try again');
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
      [{ field: 'citizen', message: 'needs a verified number', code: 'phone_not_verified' }],
    );
  }
  if (decision === 'no') throw new AppError('forbidden', 'your role does not register grievances');
  if (input.interactionId !== undefined) await assertMayLink(deps.db, principal, input.interactionId);
  const own =
    principal.kind === 'citizen'
      ? { ...input, citizen: { ...input.citizen, phone: principal.phone } }
      : input;
  return registerGrievance(deps, own, actorOf(principal), who);
}

/**
 * A contact (a call, a message) is linked to the grievance it produced only by those who handled it:
 * agents and supervisors at the desk, or the integration that logged it. Anyone else naming one would
 * put their grievance in a stranger's history.
 */
async function assertMayLink(db: Kysely<DB>, principal: Principal, interactionId: number) {
  const refuse = () =>
    new AppError('forbidden', 'only the desk that took this contact may link a grievance to it', [
      { field: 'interactionId', message: 'not a contact you handled', code: 'interaction_not_yours' },
    ]);
  if (principal.kind !== 'staff' && principal.kind !== 'api') throw refuse();
  const interaction = await db
    .selectFrom('interactions')
    .select(['id', 'created_by'])
    .where('id', '=', interactionId)
    .executeTakeFirst();
  if (!interaction)
    throw invalid('interactionId', `interaction ${interactionId} does not exist`, 'does_not_exist');
  const atTheDesk =
    principal.kind === 'staff' && principal.grants.some((g) => g.role === 'agent' || g.role === 'supervisor');
  if (!atTheDesk && interaction.created_by !== principal.userId) throw refuse();
}

/** What the reference data says about this registration, checked, with the version it was read at. */
async function planRegistration(db: Kysely<DB>, reference: ReferenceCache, input: RegisterInput) {
  const version = await reference.version(db);
  const [category, place] = await Promise.all([
    reference.category(db, input.categoryId),
    reference.place(db, input.placeId),
  ]);
  if (!category?.active)
    throw invalid(
      'categoryId',
      `category ${input.categoryId} does not exist or is closed for new grievances`,
      'category_closed',
    );
  if (!place?.active) throw invalid('placeId', `place ${input.placeId} does not exist`, 'does_not_exist');
  const details = input.details ?? {};
  for (const field of category.fields) {
    if (field.required && !details[field.key]?.trim()) {
      throw new AppError(
        'validation_failed',
        `details.${field.key}: required for this category (${field.label.en ?? field.key})`,
        [{ field: `details.${field.key}`, message: 'required for this category', code: 'required' }],
      );
    }
  }
  const route = await reference.route(db, category.id, place.id);
  const l1 = route?.steps[0];
  // A chain whose first position was since deactivated routes nowhere: the grievance waits for a
  // supervisor rather than being refused.
  const position = l1 ? await reference.position(db, l1.positionId) : undefined;
  const assigned = l1 && position?.active ? { step: l1, position, ruleId: route?.ruleId ?? null } : null;
  const [department, sla] = await Promise.all([
    reference.department(db, assigned ? assigned.position.departmentId : category.departmentId),
    assigned
      ? reference.slaContext(db, assigned.position.id, category.id, assigned.step.level)
      : Promise.resolve(null),
  ]);
  if (!department) throw new AppError('internal', `department of category ${category.id} is missing`);
  return { version, category, place, assigned, department, sla, details };
}

type Plan = Awaited<ReturnType<typeof planRegistration>>;

/** The row the batch writer writes for this registration. */
function registrationRow(
  plan: Plan,
  clock: ClockState | null,
  w: {
    input: RegisterInput;
    actor: Actor;
    who: AuditWho | null;
    now: Date;
    requestHash: string | null;
    reference: string;
  },
): RegistrationRow {
  const { input, now } = w;
  const { category, place, assigned, department } = plan;
  const citizen = input.citizen ?? null;
  const anonymous = input.anonymous ?? false;
  return {
    version: plan.version,
    reference: w.reference,
    phone: citizen?.phone ?? null,
    // A name given on an anonymous report is not written to the citizen's record: it would then show on
    // their named grievances, and link the two. It stays with the report (`reporter_name`).
    citizenName: citizen && !anonymous ? (citizen.name ?? null) : null,
    citizenLanguage: citizen ? (citizen.language ?? input.language) : null,
    reporterName: citizen && anonymous ? (citizen.name ?? null) : null,
    anonymous,
    channel: input.channel,
    categoryId: category.id,
    departmentId: department.id,
    placeId: place.id,
    subject: input.subject,
    description: input.description,
    language: input.language,
    address: input.address ?? null,
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    details: JSON.stringify(plan.details),
    status: assigned ? 'assigned' : 'registered',
    priority: category.priority,
    idempotencyKey: input.idempotencyKey ?? null,
    requestHash: w.requestHash,
    positionId: assigned?.position.id ?? null,
    level: assigned?.step.level ?? null,
    ruleId: assigned?.ruleId ?? null,
    clock,
    actor: w.actor,
    interactionId: input.interactionId ?? null,
    who: w.who,
    auditData: JSON.stringify({
      channel: input.channel,
      categoryId: category.id,
      placeId: place.id,
      anonymous,
    }),
    now,
  };
}

/** The grievance as registered, built from what was written: no read back. */
function present(
  plan: Plan,
  clock: ClockState | null,
  input: RegisterInput,
  reference: string,
  now: Date,
  citizenName: string | null,
): GrievanceView {
  const { category, place, department, assigned } = plan;
  const anonymous = input.anonymous ?? false;
  return {
    reference,
    status: assigned ? 'assigned' : 'registered',
    channel: input.channel,
    subject: input.subject,
    description: input.description,
    language: input.language,
    address: input.address ?? null,
    location:
      input.latitude != null && input.longitude != null
        ? { latitude: input.latitude, longitude: input.longitude }
        : null,
    details: plan.details,
    anonymous,
    citizen: input.citizen && !anonymous ? { phone: input.citizen.phone, name: citizenName } : null,
    category: { id: category.id, code: category.code, name: category.name },
    department: { id: department.id, code: department.code, name: department.name },
    place: { id: place.id, code: place.code, name: place.name },
    position: assigned ? { id: assigned.position.id, title: assigned.position.title } : null,
    level: assigned?.step.level ?? null,
    priority: category.priority,
    dueAt: clock?.due_at ?? null,
    slaPausedAt: null,
    commandCentreAt: null,
    reopenCount: 0,
    createdAt: now,
    updatedAt: now,
    resolvedAt: null,
    closedAt: null,
  };
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
      [
        {
          field: 'Idempotency-Key',
          message: 'already used with a different body',
          code: 'idempotency_key_reused',
        },
      ],
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
