// Reading grievances: one by reference, its history, and search with filters.
import { type Kysely, sql } from 'kysely';
import { type Principal, SYSTEM } from '../access/principal.ts';
import { escapeLike } from '../db/like.ts';
import type { Channel, DB, Status } from '../db/schema.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { canRead, mayReveal, readableBy, seesIdentity, seesInternalHistory } from './policy.ts';
import { normalizeReference } from './reference.ts';

export function parseReference(input: string): string {
  const reference = normalizeReference(input);
  if (!reference) {
    throw invalid(
      'reference',
      `"${input}" is not a valid reference number; it looks like K7M-4QX-9PR (check for a mistyped character)`,
      'reference_invalid',
    );
  }
  return reference;
}

function grievanceView(db: Kysely<DB>) {
  return db
    .selectFrom('grievances as g')
    .innerJoin('categories as cat', 'cat.id', 'g.category_id')
    .innerJoin('departments as d', 'd.id', 'g.department_id')
    .innerJoin('places as pl', 'pl.id', 'g.place_id')
    .leftJoin('positions as pos', 'pos.id', 'g.position_id')
    .leftJoin('citizens as c', 'c.id', 'g.citizen_id')
    .select([
      'g.id',
      'g.reference',
      'g.status',
      'g.channel',
      'g.subject',
      'g.description',
      'g.language',
      'g.address',
      'g.latitude',
      'g.longitude',
      'g.details',
      'g.anonymous',
      'g.level',
      'g.priority',
      'g.due_at as dueAt',
      'g.sla_paused_at as slaPausedAt',
      'g.command_centre_at as commandCentreAt',
      'g.reopen_count as reopenCount',
      'g.created_at as createdAt',
      'g.updated_at as updatedAt',
      'g.resolved_at as resolvedAt',
      'g.closed_at as closedAt',
      'cat.id as categoryId',
      'cat.code as categoryCode',
      'cat.name as categoryName',
      'd.id as departmentId',
      'd.code as departmentCode',
      'd.name as departmentName',
      'pl.id as placeId',
      'pl.code as placeCode',
      'pl.name as placeName',
      'pos.id as positionId',
      'pos.title as positionTitle',
      'c.phone as citizenPhone',
      'c.name as citizenName',
      'g.citizen_id as citizenId',
      'pl.path as placePath',
    ]);
}

type ViewRow = Awaited<ReturnType<ReturnType<typeof grievanceView>['executeTakeFirstOrThrow']>>;

/** Shapes a row for the API. An anonymous grievance never carries who raised it. */
function present(row: ViewRow, showIdentity = !row.anonymous) {
  return {
    reference: row.reference,
    status: row.status,
    channel: row.channel,
    subject: row.subject,
    description: row.description,
    language: row.language,
    address: row.address,
    location:
      row.latitude !== null && row.longitude !== null
        ? { latitude: row.latitude, longitude: row.longitude }
        : null,
    details: row.details,
    anonymous: row.anonymous,
    citizen:
      !showIdentity || row.anonymous || row.citizenPhone === null
        ? null
        : { phone: row.citizenPhone, name: row.citizenName },
    category: { id: row.categoryId, code: row.categoryCode, name: row.categoryName },
    department: { id: row.departmentId, code: row.departmentCode, name: row.departmentName },
    place: { id: row.placeId, code: row.placeCode, name: row.placeName },
    position: row.positionId === null ? null : { id: row.positionId, title: row.positionTitle ?? {} },
    level: row.level,
    priority: row.priority,
    dueAt: row.dueAt,
    slaPausedAt: row.slaPausedAt,
    commandCentreAt: row.commandCentreAt,
    reopenCount: row.reopenCount,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    resolvedAt: row.resolvedAt,
    closedAt: row.closedAt,
  };
}

export type GrievanceView = ReturnType<typeof present>;

/** Trusted read, for the service itself (jobs, tests). Requests go through `readGrievance`. */
export async function getGrievance(db: Kysely<DB>, reference: string): Promise<GrievanceView> {
  return readGrievance(db, reference, SYSTEM);
}

/** A grievance as `principal` may see it; one they may not read does not exist for them. */
export async function readGrievance(
  db: Kysely<DB>,
  reference: string,
  principal: Principal,
): Promise<GrievanceView> {
  const row = await grievanceView(db).where('g.reference', '=', parseReference(reference)).executeTakeFirst();
  if (!row || !canRead(principal, row)) throw notFound('grievance', reference);
  return present(row, seesIdentity(principal, row));
}

export async function getGrievanceId(db: Kysely<DB>, reference: string): Promise<number> {
  const row = await db
    .selectFrom('grievances')
    .select('id')
    .where('reference', '=', parseReference(reference))
    .executeTakeFirst();
  if (!row) throw notFound('grievance', reference);
  return row.id;
}

/** The event history as `principal` may see it: citizens see the public events only. */
export async function grievanceHistory(db: Kysely<DB>, reference: string, principal: Principal) {
  const scope = await grievanceScope(db, { reference: parseReference(reference) });
  if (!scope || !canRead(principal, scope)) throw notFound('grievance', reference);
  const id = scope.id;
  const options = { publicOnly: !seesInternalHistory(principal) };
  let query = db
    .selectFrom('grievance_events')
    .select([
      'id',
      'at',
      'kind',
      'from_status as fromStatus',
      'to_status as toStatus',
      'actor_kind as actorKind',
      'actor_id as actorId',
      'position_id as positionId',
      'note',
      'data',
      'public',
    ])
    .where('grievance_id', '=', id);
  if (options.publicOnly) query = query.where('public', '=', true);
  const events = await query.orderBy('id').execute();
  // Never a citizen's id (0020 cleared the old ones; this holds for any row that slips through).
  return events.map((e) => (e.actorKind === 'citizen' ? { ...e, actorId: null } : e));
}

export interface SearchFilter {
  reference?: string;
  phone?: string;
  status?: Status[];
  departmentId?: number;
  categoryId?: number;
  placeId?: number;
  positionId?: number;
  channel?: Channel;
  from?: Date;
  to?: Date;
  q?: string;
  /** Routed nowhere: waiting for a supervisor to assign it. */
  unrouted?: boolean;
  /** Open and past its due time at this instant. */
  overdueAt?: Date;
  /** Breached at the top level: the command centre's queue. */
  commandCentre?: boolean;
  limit: number;
  offset: number;
  /** The `next` of the page before: the page after it (keyset paging, as fast on page 1,000 as on page 1). */
  after?: string;
  /** Skip counting the matches (an export pages through them all; the count would be a scan per page). */
  uncounted?: boolean;
}

/** Totals are counted exactly up to this many; beyond it, the answer says "at least". */
export const TOTAL_CAP = 10_000;

type Where = ReturnType<typeof filtered>;

/**
 * The grievances matching `filter` that `principal` may read, over `grievances as g` joined to `places
 * as pl`: what the policy says they may not read is never selected, so it cannot leak through a total.
 */
function filtered(db: Kysely<DB>, filter: SearchFilter, principal: Principal) {
  let query = db
    .selectFrom('grievances as g')
    .innerJoin('places as pl', 'pl.id', 'g.place_id')
    .where(readableBy(principal));
  if (filter.reference) query = query.where('g.reference', '=', parseReference(filter.reference));
  // Searching by phone never finds an anonymous grievance: that would say who raised it.
  if (filter.phone) {
    const phone = filter.phone;
    query = query
      .where('g.citizen_id', '=', (eb) => eb.selectFrom('citizens').select('id').where('phone', '=', phone))
      .where('g.anonymous', '=', false);
  }
  if (filter.status?.length) query = query.where('g.status', 'in', filter.status);
  if (filter.departmentId !== undefined) query = query.where('g.department_id', '=', filter.departmentId);
  if (filter.categoryId !== undefined) query = query.where('g.category_id', '=', filter.categoryId);
  if (filter.positionId !== undefined) query = query.where('g.position_id', '=', filter.positionId);
  if (filter.channel) query = query.where('g.channel', '=', filter.channel);
  if (filter.from) query = query.where('g.created_at', '>=', filter.from);
  if (filter.to) query = query.where('g.created_at', '<', filter.to);
  if (filter.placeId !== undefined) {
    // The place and everything under it.
    const placeId = filter.placeId;
    query = query.where('pl.path', 'like', (eb) =>
      eb.selectFrom('places').select(sql<string>`path || '%'`.as('prefix')).where('id', '=', placeId),
    );
  }
  if (filter.unrouted) query = query.where('g.status', '=', 'registered').where('g.position_id', 'is', null);
  if (filter.overdueAt) {
    // A grievance waiting for the citizen has its clock stopped: it is not overdue while it waits. The
    // status list is the one the partial index grievances_running_due is built on.
    query = query
      .where('g.due_at', '<=', filter.overdueAt)
      .where('g.status', 'in', ['assigned', 'in_progress']);
  }
  if (filter.commandCentre) {
    query = query
      .where('g.command_centre_at', 'is not', null)
      .where('g.status', 'in', ['assigned', 'in_progress', 'awaiting_info']);
  }
  if (filter.q) {
    // Words anywhere in the subject or description, any language, folded as the knowledge base folds
    // (case, the nukta, joiners) into the stored column search_text when the grievance was written:
    // the trigram index grievances_text finds them without a scan.
    const like = `%${escapeLike(filter.q)}%`;
    query = query.where(sql<boolean>`g.search_text like knowledge_fold(${like})`);
  }
  return query;
}

/** Newest first; the overdue list most overdue first. Each with the id last, so the order is total. */
const orderOf = (filter: SearchFilter) => (filter.overdueAt ? ('due' as const) : ('newest' as const));

function cursorOf(order: 'due' | 'newest', row: { createdAt: Date; dueAt: Date | null; id: number }) {
  const at = order === 'due' ? row.dueAt : row.createdAt;
  return Buffer.from(JSON.stringify([at?.toISOString() ?? null, row.id])).toString('base64url');
}

function afterCursor(query: Where, order: 'due' | 'newest', cursor: string): Where {
  let at: Date;
  let id: number;
  try {
    const [iso, n] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, number];
    at = new Date(iso);
    id = n;
    if (Number.isNaN(at.getTime()) || !Number.isSafeInteger(id)) throw new Error('bad cursor');
  } catch {
    throw new AppError('validation_failed', 'after: not a cursor this list gave out', [
      { field: 'after', message: 'not a cursor this list gave out', code: 'cursor_invalid' },
    ]);
  }
  return order === 'due'
    ? query.where(sql<boolean>`(g.due_at, g.id) > (${at}, ${id})`)
    : query.where(sql<boolean>`(g.created_at, g.id) < (${at}, ${id})`);
}

export async function searchGrievances(db: Kysely<DB>, filter: SearchFilter, principal: Principal) {
  const order = orderOf(filter);
  let where = filtered(db, filter, principal);
  if (filter.after) where = afterCursor(where, order, filter.after);
  // The page's ids first, by an index in the order asked for; only then the joins that present them.
  // Joining first let the planner walk a million citizens to present fifty grievances.
  const pageIds = (
    order === 'due'
      ? where.orderBy('g.due_at').orderBy('g.id')
      : where.orderBy('g.created_at', 'desc').orderBy('g.id', 'desc')
  )
    .select('g.id')
    .limit(filter.limit)
    .offset(filter.after ? 0 : filter.offset);
  const [rows, counted] = await Promise.all([
    grievanceView(db)
      .where('g.id', 'in', pageIds)
      .orderBy(order === 'due' ? 'g.due_at' : 'g.created_at', order === 'due' ? 'asc' : 'desc')
      .orderBy('g.id', order === 'due' ? 'asc' : 'desc')
      .execute(),
    // Counting stops at the cap: an exact count of half a million open cases on every page view is a
    // scan no one needs ("10,000+" says it).
    filter.uncounted
      ? { n: 0 }
      : db
          .selectFrom(
            filtered(db, filter, principal)
              .select('g.id')
              .limit(TOTAL_CAP + 1)
              .as('t'),
          )
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
  ]);
  const total = Number(counted.n);
  const last = rows.at(-1);
  return {
    items: rows.map((row) => present(row, seesIdentity(principal, row))),
    total: Math.min(total, TOTAL_CAP),
    totalIsLowerBound: total > TOTAL_CAP,
    next: last && rows.length === filter.limit ? cursorOf(order, last) : null,
  };
}

/** Who raised an anonymous grievance, for a supervisor who gives a reason (the route records it). */
export async function revealIdentity(db: Kysely<DB>, reference: string, principal: Principal) {
  const row = await grievanceView(db).where('g.reference', '=', parseReference(reference)).executeTakeFirst();
  if (!row || !canRead(principal, row)) throw notFound('grievance', reference);
  if (!mayReveal(principal, row))
    throw new AppError('forbidden', 'only a supervisor may reveal who raised a grievance');
  const citizen =
    row.citizenId === null
      ? null
      : await db
          .selectFrom('citizens')
          .select(['phone', 'name', 'address'])
          .where('id', '=', row.citizenId)
          .executeTakeFirst();
  // The name given with this report, if any, else the one on the citizen's record.
  const { reporter_name: reporterName } = await db
    .selectFrom('grievances')
    .select('reporter_name')
    .where('reference', '=', row.reference)
    .executeTakeFirstOrThrow();
  return {
    reference: row.reference,
    citizen: citizen
      ? { ...citizen, name: reporterName ?? citizen.name }
      : { phone: null, name: reporterName, address: null },
  };
}

/**
 * The columns of `grievances as g` joined to `places as pl` that the policy decides on (a
 * ScopedGrievance): every reader that checks canRead or canAct selects these.
 */
export const SCOPE_COLUMNS = [
  'g.department_id as departmentId',
  'pl.path as placePath',
  'g.position_id as positionId',
  'g.citizen_id as citizenId',
] as const;

/** What the policy needs to decide about one grievance (its department, place, position, citizen). */
export async function grievanceScope(db: Kysely<DB>, where: { id: number } | { reference: string }) {
  const query = db
    .selectFrom('grievances as g')
    .innerJoin('places as pl', 'pl.id', 'g.place_id')
    .select(['g.id', ...SCOPE_COLUMNS]);
  return (
    'id' in where ? query.where('g.id', '=', where.id) : query.where('g.reference', '=', where.reference)
  ).executeTakeFirst();
}
