// Reading grievances: one by reference, its history, and search with filters.
import { type CompiledQuery, type Kysely, sql } from 'kysely';
import { type Principal, SYSTEM } from '../access/principal.ts';
import {
  type CategoryFacts,
  type DepartmentFacts,
  type Facts,
  type PlaceFacts,
  type PositionFacts,
  type ReferenceCache,
  referenceCache,
} from '../cache/reference.ts';
import { isSingleConnection, PLANNED_PER_CALL } from '../db/connection.ts';
import { escapeLike } from '../db/like.ts';
import type { Channel, DB, Status } from '../db/schema.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { keptOpenCounts, overdueCorrections } from './counts.ts';
import type { ActionType } from './lifecycle.ts';
import {
  allowedActions,
  canRead,
  mayReveal,
  readableBy,
  seesIdentity,
  seesInternalHistory,
} from './policy.ts';
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

// The citizen is joined as a lateral subquery, one probe of its key per grievance shown: as a plain join
// the planner hashed the whole citizens table to present fifty grievances once it held a few thousand
// (20,000 grievances, 6,667 citizens: 4-13 ms of a page's 5-14), until the table grew large enough for
// probing to win again. OFFSET 0 keeps the subquery from being flattened back into that join.
//
// The category, department, place and position are named from the reference cache (`named`), not
// joined: joining them for their codes and names (four jsonb texts a row) cost PostgreSQL a third of an
// officer's queue of 50 and the service 4-24% of it (bench/cost.ts at 100,000), for a few hundred rows
// that change a few times a day.
function grievanceView(db: Kysely<DB>) {
  return db
    .selectFrom('grievances as g')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('citizens as c0')
          .select(['c0.phone', 'c0.name'])
          .whereRef('c0.id', '=', 'g.citizen_id')
          .offset(sql.lit(0))
          .as('c'),
      (join) => join.onTrue(),
    )
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
      'g.category_id as categoryId',
      'g.department_id as departmentId',
      'g.place_id as placeId',
      'g.position_id as positionId',
      'c.phone as citizenPhone',
      'c.name as citizenName',
      'g.citizen_id as citizenId',
      // The top of its routing chain: whether there is a level above to escalate to.
      (eb) =>
        eb
          .selectFrom('routing_rule_steps as s')
          .select((s) => s.fn.max('s.level').as('top'))
          .whereRef('s.rule_id', '=', 'g.rule_id')
          .as('chainTop'),
    ]);
}

type IdRow = Awaited<ReturnType<ReturnType<typeof grievanceView>['executeTakeFirstOrThrow']>>;
/** A row with its reference data, as the policy and `present` read it. */
type ViewRow = IdRow & {
  category: CategoryFacts;
  department: DepartmentFacts;
  place: PlaceFacts;
  position: PositionFacts | null;
  placePath: string;
};

/**
 * `rows` with their category, department, place and position from `reference` (a cache of the
 * service's; without one, read for this call alone). Each row is completed in place: a page is
 * hundreds of rows of some thirty columns, not worth copying.
 */
async function named(db: Kysely<DB>, rows: IdRow[], reference = referenceCache()): Promise<ViewRow[]> {
  if (rows.length === 0) return [];
  const wanted = {
    categories: rows.map((r) => r.categoryId),
    departments: rows.map((r) => r.departmentId),
    places: rows.map((r) => r.placeId),
    positions: rows.flatMap((r) => (r.positionId === null ? [] : [r.positionId])),
  };
  const facts = await reference.facts(db, wanted);
  let names = rows.map((row) => namesOf(row, facts));
  // A node that has not yet heard of a new place or position (NOTIFY is on its way) may hold "no such
  // id" for it: read them afresh rather than fail the read.
  if (names.includes(null)) {
    const fresh = await referenceCache().facts(db, wanted);
    names = rows.map((row) => namesOf(row, fresh));
  }
  return rows.map((row, i) => {
    // Foreign keys hold them; a miss now is a fault to report, not a grievance to hide.
    if (!names[i]) throw new Error(`grievance ${row.reference}: its reference data is missing`);
    return Object.assign(row, names[i]);
  });
}

/** A row's category, department, place and position from `facts`, or null if one is not there. */
function namesOf(row: IdRow, facts: Facts) {
  const category = facts.categories.get(row.categoryId);
  const department = facts.departments.get(row.departmentId);
  const place = facts.places.get(row.placeId);
  const position = row.positionId === null ? null : facts.positions.get(row.positionId);
  if (!category || !department || !place || position === undefined) return null;
  return { category, department, place, position, placePath: place.path };
}

// One grievance by reference is the most frequent read there is (every call about a complaint starts
// with one), so it is made cheap twice over:
//   - its query is compiled once per database handle: Kysely took longer to build and compile
//     it than PostgreSQL took to answer it;
//   - lookups that arrive while others are on their way to the database go together in the next
//     statement (`reference = any(...)`), as registrations do (register-batch.ts). Each statement and
//     its answer cost a system call and a wake-up on each side, more than the lookup itself; under load
//     one statement answers many. A lookup that arrives alone goes at once, so nothing waits for a batch.
const compiledLookups = new WeakMap<Kysely<DB>, { one: CompiledQuery<IdRow>; many: CompiledQuery<IdRow> }>();
const lookupBatchers = new WeakMap<Kysely<DB>, (reference: string) => Promise<IdRow | undefined>>();

/** Statements of lookups in flight at once on a pool (PGlite: one connection, one statement). */
const LOOKUPS_IN_FLIGHT = 3;
const MAX_LOOKUPS_PER_STATEMENT = 200;
/**
 * Below this many, each lookup goes as its own statement. `reference = $1` gets a generic plan, made
 * once per connection; `reference = any($1)` never does (PostgreSQL judges a plan for an array of
 * unknown length worse than one for the array in hand), so it is planned on every execution (about a
 * millisecond when it joined six tables; it reads three now, not measured again): worth it for a batch
 * of many, not of two or three.
 */
const BATCH_FROM = 8;

function lookupQueries(db: Kysely<DB>) {
  let compiled = compiledLookups.get(db);
  if (!compiled) {
    compiled = {
      one: grievanceView(db).where('g.reference', '=', '').compile(),
      many: grievanceView(db)
        .where('g.reference', '=', sql<string>`any(${sql.val([] as string[])}::text[])`)
        .compile(),
    };
    compiledLookups.set(db, compiled);
  }
  return compiled;
}

async function lookupOne(db: Kysely<DB>, reference: string): Promise<IdRow | undefined> {
  const { rows } = await db.executeQuery<IdRow>({ ...lookupQueries(db).one, parameters: [reference] });
  return rows[0];
}

async function lookupMany(db: Kysely<DB>, references: string[]): Promise<IdRow[]> {
  if (references.length < BATCH_FROM)
    return (await Promise.all(references.map((r) => lookupOne(db, r)))).filter(
      (row): row is IdRow => row !== undefined,
    );
  const { rows } = await db.executeQuery<IdRow>({ ...lookupQueries(db).many, parameters: [references] });
  return rows;
}

function viewByReference(db: Kysely<DB>, reference: string): Promise<IdRow | undefined> {
  // Inside a transaction: on that transaction, alone (it must see the transaction's own writes).
  if (db.isTransaction) return lookupOne(db, reference);
  let batcher = lookupBatchers.get(db);
  if (!batcher) {
    batcher = lookupBatcher(db, isSingleConnection(db) ? 1 : LOOKUPS_IN_FLIGHT);
    lookupBatchers.set(db, batcher);
  }
  return batcher(reference);
}

function lookupBatcher(db: Kysely<DB>, inFlight: number) {
  const queue: { reference: string; resolve(row: IdRow | undefined): void; reject(e: unknown): void }[] = [];
  let running = 0;
  const pump = () => {
    while (running < inFlight && queue.length > 0) {
      const batch = queue.splice(0, MAX_LOOKUPS_PER_STATEMENT);
      running++;
      lookupMany(
        db,
        batch.map((b) => b.reference),
      )
        .then(
          (rows) => {
            const found = new Map(rows.map((r) => [r.reference, r]));
            for (const b of batch) b.resolve(found.get(b.reference));
          },
          (error) => {
            for (const b of batch) b.reject(error);
          },
        )
        .finally(() => {
          running--;
          pump();
        });
    }
  };
  return (reference: string) =>
    new Promise<IdRow | undefined>((resolve, reject) => {
      queue.push({ reference, resolve, reject });
      pump();
    });
}

/**
 * Shapes a row for the API as `principal` sees it: an anonymous grievance never carries who raised it,
 * and `actions` lists what this reader may do to it now.
 */
function present(row: ViewRow, principal: Principal) {
  const showIdentity = seesIdentity(principal, row);
  const actions = allowedActions(principal, {
    ...row,
    chainTop: row.chainTop === null ? null : Number(row.chainTop),
  });
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
    category: { id: row.category.id, code: row.category.code, name: row.category.name },
    department: { id: row.department.id, code: row.department.code, name: row.department.name },
    place: { id: row.place.id, code: row.place.code, name: row.place.name },
    position: row.position === null ? null : { id: row.position.id, title: row.position.title },
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
    actions,
  };
}

/** A grievance for the API; `actions` only where a reader is known (a read, a search), not on registration. */
export type GrievanceView = Omit<ReturnType<typeof present>, 'actions'> & { actions?: ActionType[] };

/** Trusted read, for the service itself (jobs, tests). Requests go through `readGrievance`. */
export async function getGrievance(
  db: Kysely<DB>,
  reference: string,
  cache?: ReferenceCache,
): Promise<GrievanceView> {
  return readGrievance(db, reference, SYSTEM, cache);
}

/** A grievance as `principal` may see it; one they may not read does not exist for them. */
export async function readGrievance(
  db: Kysely<DB>,
  reference: string,
  principal: Principal,
  cache?: ReferenceCache,
): Promise<GrievanceView> {
  const found = await viewByReference(db, parseReference(reference));
  const [row] = found ? await named(db, [found], cache) : [];
  if (!row || !canRead(principal, row)) throw notFound('grievance', reference);
  return present(row, principal);
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
  /** The order of the list (see SearchOrder); by default newest first, the overdue list by time left. */
  sort?: SearchOrder;
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

const STATUSES: readonly Status[] = [
  'registered',
  'assigned',
  'in_progress',
  'awaiting_info',
  'resolved',
  'closed',
  'rejected',
];

/**
 * `g.status in (...)` with the statuses written into the statement, not sent as parameters. Statements
 * are prepared once per connection and PostgreSQL then plans them once for any parameters (a generic
 * plan); a generic plan cannot know that `status in ($1, $2)` lies within a partial index's statuses,
 * so with parameters it either planned afresh on every request (2-9 ms of planning for a 0.5 ms query)
 * or fell back to a worse index. The list is one of a handful, so the statements stay few.
 */
export function statusIn(statuses: readonly Status[]) {
  const known = STATUSES.filter((s) => statuses.includes(s));
  return sql<boolean>`g.status in (${sql.join(known.map((s) => sql.lit(s)))})`;
}

/**
 * The grievances matching `filter` that `principal` may read, over `grievances as g` joined to `places
 * as pl`: what the policy says they may not read is never selected, so it cannot leak through a total.
 * Every grievance has its place, so the outer join is the inner one; but PostgreSQL drops an outer join
 * nothing refers to (an officer's queue, a reader of everything), and a count then reads the index
 * alone.
 */
function filtered(db: Kysely<DB>, filter: SearchFilter, principal: Principal) {
  let query = db
    .selectFrom('grievances as g')
    .leftJoin('places as pl', 'pl.id', 'g.place_id')
    .where(readableBy(principal) as never);
  // A reference typed in the search box finds that grievance whatever the other filters say (a resolved
  // case while the list shows the open ones): people search with what the citizen reads out to them.
  const asReference = filter.q ? normalizeReference(filter.q) : null;
  if (asReference) return query.where('g.reference', '=', asReference);
  if (filter.reference) query = query.where('g.reference', '=', parseReference(filter.reference));
  // Searching by phone never finds an anonymous grievance: that would say who raised it.
  if (filter.phone) {
    const phone = filter.phone;
    query = query
      .where('g.citizen_id', '=', (eb) => eb.selectFrom('citizens').select('id').where('phone', '=', phone))
      .where('g.anonymous', '=', false);
  }
  if (filter.status?.length) query = query.where(statusIn(filter.status));
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
  if (filter.unrouted) query = query.where(statusIn(['registered'])).where('g.position_id', 'is', null);
  if (filter.overdueAt) {
    // A grievance waiting for the citizen has its clock stopped: it is not overdue while it waits. The
    // status list is the one the partial index grievances_running_due is built on.
    query = query.where('g.due_at', '<=', filter.overdueAt).where(statusIn(['assigned', 'in_progress']));
  }
  if (filter.commandCentre) {
    query = query
      .where('g.command_centre_at', 'is not', null)
      .where(statusIn(['assigned', 'in_progress', 'awaiting_info']));
  }
  if (filter.q) query = query.where(hasWords(filter.q));
  return query;
}

/** `%words%` folded as the knowledge base folds (case, the nukta, joiners), for LIKE. */
const foldedLike = (q: string) =>
  // Folded once (a subquery), not once per row checked: a parameter is not folded when planning.
  sql<string>`(select knowledge_fold(${`%${escapeLike(q)}%`}))`;

/**
 * Words anywhere in the subject or description, any language, as folded into search_text when the
 * grievance was written. An EXISTS on grievance_words, whose trigram index finds them without a scan
 * (0143: the index lives there, off the grievances table its rows are rewritten in); PostgreSQL may
 * instead check each row it is walking anyway. `received` bounds the words read to a window of time,
 * so the index is asked about that window alone (see indexedOlder).
 */
function hasWords(q: string, received?: { lower: Date | null; upper: Date | null }) {
  const lower = received?.lower ? sql` and w.created_at >= ${received.lower}` : sql``;
  const upper = received?.upper ? sql` and w.created_at < ${received.upper}` : sql``;
  return sql<boolean>`exists (select 1 from grievance_words w where w.grievance_id = g.id
    and w.words like ${foldedLike(q)}${lower}${upper})`;
}

/** The same words on the row in hand: for a walk already reading each row, no second table. */
const rowHasWords = (q: string) => sql<boolean>`g.search_text like ${foldedLike(q)}`;

/** Words to search the text for: a `q` that is not a reference typed in the search box. */
const wordsOf = (filter: SearchFilter) => (filter.q && !normalizeReference(filter.q) ? filter.q : null);

/**
 * The orders a list is read in, each made total by the id:
 * - `newest`: by when it was raised, newest first.
 * - `due`: by the time left on the clock, least first, so the overdue lead. A running clock's time left
 *   is its due time less now. A paused one (waiting for the citizen) keeps what it had left when it
 *   paused, whatever its stale due time says: it sorts as if its clock ran from now (in calendar time;
 *   resuming recounts it in the category's working hours). Cases with no running clock (unrouted,
 *   resolved, closed, rejected) follow, newest first.
 * Each part is one walk of its own index (grievances_running_due, grievances_paused_left from 0095,
 * grievances_created), merged here: no sort of every open case to show fifty.
 */
export type SearchOrder = 'newest' | 'due';

const RUNNING: Status[] = ['assigned', 'in_progress'];

const orderOf = (filter: SearchFilter): SearchOrder => filter.sort ?? (filter.overdueAt ? 'due' : 'newest');

/** Where the previous page ended. `due` cursors carry the instant their page was computed at, so the
 * paused cases' keys on the next page are reckoned from the same now and nothing is skipped or repeated. */
type Cursor =
  | { order: 'newest'; at: Date; id: number }
  | { order: 'due'; now: Date; bucket: 0 | 1; at: Date; id: number };

const encode = (value: unknown[]) => Buffer.from(JSON.stringify(value)).toString('base64url');

function encodeCursor(cursor: Cursor) {
  return cursor.order === 'newest'
    ? encode([cursor.at.toISOString(), cursor.id])
    : encode(['due', cursor.now.toISOString(), cursor.bucket, cursor.at.toISOString(), cursor.id]);
}

function decodeCursor(order: SearchOrder, text: string): Cursor {
  const bad = () =>
    new AppError('validation_failed', 'after: not a cursor this list gave out', [
      { field: 'after', message: 'not a cursor this list gave out', code: 'cursor_invalid' },
    ]);
  let parts: unknown[];
  try {
    parts = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parts)) throw bad();
  const date = (v: unknown) => {
    const d = new Date(typeof v === 'string' ? v : Number.NaN);
    if (Number.isNaN(d.getTime())) throw bad();
    return d;
  };
  const id = (v: unknown) => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw bad();
    return v;
  };
  if (order === 'newest') {
    if (parts.length !== 2) throw bad();
    return { order, at: date(parts[0]), id: id(parts[1]) };
  }
  if (parts.length !== 5 || parts[0] !== 'due' || (parts[2] !== 0 && parts[2] !== 1)) throw bad();
  return { order, now: date(parts[1]), bucket: parts[2], at: date(parts[3]), id: id(parts[4]) };
}

type PageKey = { id: number; bucket: 0 | 1; at: Date };

/**
 * How many of the newest grievances (of those the reader may read and the other filters keep) a search
 * by words checks one by one before it asks the trigram index for older ones.
 */
export const WORD_WALK = 2_000;

/**
 * Matches in the walk from which the rest of the page is looked for by walking on (up to 20 times as far)
 * before the index: one in 400 rows or more, so the rest of a page of 50 is expected within 18,000 more
 * rows, where the index would read every match in the table (at ten million, 25,000 for a word as
 * common; "(42)", one in 200, read 51,625 heap pages through it, 0.35-4.4 s).
 */
export const WALK_ON = 5;

/**
 * The ids of one page of a search by words, newest first. Neither way of finding words is quick for
 * every word, so both are used, each where it is quick:
 * - a common word is in many recent grievances: walking the newest ones (grievances_created) fills a
 *   page after a few hundred rows, where the trigram index would have to read every one of its matches
 *   (a tenth of the table for "pump") to know which are newest;
 * - a rare word is in few: the walk would read far down the table (at ten million, 94,000 rows and 356
 *   ms for a word recent text lacked) where the index holds its few matches.
 * So the walk checks at most WORD_WALK rows, and what it leaves of the page comes from the index,
 * limited to rows older than the last one the walk checked: the two parts meet without a gap or an
 * overlap, in one order, and a cursor from either part pages on in the same way.
 */
async function wordPage(
  db: Kysely<DB>,
  filter: SearchFilter,
  principal: Principal,
  words: string,
  cursor: Cursor | null,
): Promise<PageKey[]> {
  const want = filter.limit + (cursor ? 0 : filter.offset);
  const from = cursor?.order === 'newest' ? olderThan(cursor) : null;
  let { keys, edge } = await walkWords(db, filter, principal, words, from, WORD_WALK, want);
  if (keys.length >= WALK_ON && keys.length < want && edge) {
    // Common enough that walking on finds the rest sooner than reading all its matches would.
    const on = await walkWords(
      db,
      filter,
      principal,
      words,
      below(edge.id),
      WORD_WALK * 20,
      want - keys.length,
    );
    keys = [...keys, ...on.keys];
    edge = on.edge;
  }
  if (keys.length < want && edge)
    keys = [...keys, ...(await indexedOlder(db, filter, principal, words, edge, want - keys.length))];
  return keys.slice(want - filter.limit);
}

/** Windows of time below the walk's edge the index is asked about, in hours, each four times the last
 * (an hour up to almost two years). */
const INDEX_WINDOWS = [1, 4, 16, 64, 256, 1024, 4096, 16384];

/**
 * Up to `want` matches older than the walk's last row, from the trigram index, newest first. Asked a
 * window of time at a time, nearest first and each four times as long, then all that is older: a word
 * common long ago but absent from the newest grievances (the walk found too few) has as many matches
 * in a window as it has there, not every one it has in the table (at ten million "पानी" read all its
 * matches, 12-13 s over HTTP, once a day's registrations lacked it); a word in no grievance costs a
 * few look-ups of the index that find nothing.
 *
 * Every window is in one statement, a UNION ALL of them nearest first under one LIMIT: PostgreSQL runs
 * the branches in turn (no parallel workers: connection.ts) and stops once the limit is met, so a window
 * is read only if the nearer ones fell short, as a loop of statements would, without a round trip per
 * window. Sent unprepared, so it is planned for its words and times: a plan made once for every word
 * walks the window by time and reads every row of it (0.7 s a word in no grievance at ten million,
 * against 8 ms).
 */
async function indexedOlder(
  db: Kysely<DB>,
  filter: SearchFilter,
  principal: Principal,
  words: string,
  edge: { id: number; at: Date },
  want: number,
): Promise<{ id: number; bucket: 1; at: Date }[]> {
  // The first window ends at the edge (a millisecond on, as the edge's Date has lost its microseconds;
  // `below` cuts exactly): open-ended, it read every row above the edge from the time index too, all a
  // department's newest 55,000 at ten million (20 ms) to check the hour below their 2,000.
  const hoursBack = (hours: number | undefined) =>
    hours === undefined ? null : new Date(edge.at.getTime() - hours * 3_600_000);
  const branch = (i: number) => {
    const upper = i === 0 ? new Date(edge.at.getTime() + 1) : (hoursBack(INDEX_WINDOWS[i - 1]) as Date);
    return db.selectFrom(matchesIn(hoursBack(INDEX_WINDOWS[i]), upper).as(`w${i}`)).select(['id', 'at']);
  };
  let all = branch(0);
  for (let i = 1; i <= INDEX_WINDOWS.length; i++) all = all.unionAll(branch(i));
  const page = db.selectFrom(all.as('w')).select(['w.id', 'w.at']).limit(want);
  const { rows } = await sql<{ id: number; at: Date }>`${sql.raw(PLANNED_PER_CALL)} ${page}`.execute(db);
  return rows.map((r) => ({ id: r.id, bucket: 1 as const, at: r.at }));

  /** The matches received in [lower, upper), newest first, up to `want`. */
  function matchesIn(lower: Date | null, upper: Date) {
    // Materialized, so PostgreSQL reads the window's matches from grievance_words (its trigram index and
    // its received-time index together) and sorts them, instead of walking grievances_created in the hope
    // of meeting them; the edge is applied after, or it reads that index's entries below the edge too.
    return db
      .with(
        (cte) => cte('matches').materialized(),
        () => {
          let matches = filtered(db, { ...filter, q: undefined }, principal)
            .where(hasWords(words, { lower, upper }))
            .where('g.created_at', '<', upper);
          if (lower) matches = matches.where('g.created_at', '>=', lower);
          return matches.select(['g.id', 'g.created_at']);
        },
      )
      .selectFrom('matches as g')
      .select(['g.id', 'g.created_at as at'])
      .where(below(edge.id))
      .orderBy('g.created_at', 'desc')
      .orderBy('g.id', 'desc')
      .limit(want);
  }
}

/** Older than the row `id`, as that row holds its time (a cursor's Date has lost its microseconds). */
const below = (id: number) =>
  sql<boolean>`(g.created_at, g.id) < (select e.created_at, e.id from grievances e where e.id = ${id})`;

/**
 * The received or due time of the row a cursor names, read from the row itself, where it lies within
 * the cursor's own millisecond; else the cursor's time. A cursor's time is a JavaScript Date, to the
 * millisecond, and rows loaded in bulk or by other writers carry microseconds: the page's last row would
 * come back on the next page, or one just beyond it in the same millisecond be skipped. Only within
 * that millisecond, so a cursor made up by hand learns nothing of a row it names.
 */
const ownTime = (column: 'created_at' | 'due_at', cursor: { at: Date; id: number }) => {
  const c = sql.ref(`e.${column}`);
  return sql`coalesce((select ${c} from grievances e where e.id = ${cursor.id} and ${c} >= ${cursor.at} and ${c} < ${cursor.at}::timestamptz + interval '1 millisecond'), ${cursor.at})`;
};

/** Older than where a `newest` page ended. */
const olderThan = (cursor: { at: Date; id: number }) =>
  sql<boolean>`(g.created_at, g.id) < (${ownTime('created_at', cursor)}, ${cursor.id})`;

/**
 * Up to `want` matches among the next `rows` grievances newest first (after `from`, when given), and the
 * last row checked if the walk checked all `rows` (where a further search goes on from).
 */
async function walkWords(
  db: Kysely<DB>,
  filter: SearchFilter,
  principal: Principal,
  words: string,
  from: ReturnType<typeof below> | null,
  rows: number,
  want: number,
) {
  let recent = filtered(db, { ...filter, q: undefined }, principal);
  if (from) recent = recent.where(from);
  // The walk's matches, and its last row checked (n = rows) whether it matched or not.
  const walked = await db
    .selectFrom(
      recent
        .select([
          'g.id',
          'g.created_at as at',
          rowHasWords(words).as('hit'),
          sql<number>`row_number() over (order by g.created_at desc, g.id desc)`.as('n'),
        ])
        .orderBy('g.created_at', 'desc')
        .orderBy('g.id', 'desc')
        .limit(rows)
        .as('w'),
    )
    .select(['w.id', 'w.at', 'w.hit', 'w.n'])
    .where((eb) => eb.or([eb('w.hit', '=', true), eb('w.n', '=', rows)]))
    .orderBy('w.at', 'desc')
    .orderBy('w.id', 'desc')
    .limit(want)
    .execute();
  return {
    keys: walked.filter((r) => r.hit).map((r) => ({ id: r.id, bucket: 1 as const, at: r.at })),
    edge: ((last) => (last ? { id: last.id, at: last.at } : null))(walked.find((r) => Number(r.n) === rows)),
  };
}

/** The ids of one page in the `due` order: running and paused clocks merged by time left, then the rest. */
async function duePage(
  db: Kysely<DB>,
  filter: SearchFilter,
  principal: Principal,
  now: Date,
  cursor: Extract<Cursor, { order: 'due' }> | null,
): Promise<PageKey[]> {
  const want = filter.limit + (cursor ? 0 : filter.offset);
  let keys: PageKey[] = [];
  if (!cursor || cursor.bucket === 0) {
    let running = filtered(db, filter, principal)
      .where('g.status', 'in', RUNNING)
      .where('g.due_at', 'is not', null);
    let paused = filtered(db, filter, principal)
      .where('g.status', '=', 'awaiting_info')
      .where('g.sla_paused_at', 'is not', null)
      .where('g.due_at', 'is not', null);
    if (cursor) {
      running = running.where(sql<boolean>`(g.due_at, g.id) > (${ownTime('due_at', cursor)}, ${cursor.id})`);
      // A paused row's time left was reckoned from two times to the millisecond: within one either side.
      const left = sql`(${cursor.at.getTime() - now.getTime()}::double precision * interval '1 millisecond')`;
      paused = paused.where(
        sql<boolean>`(g.due_at - g.sla_paused_at, g.id) > (coalesce((select e.due_at - e.sla_paused_at from grievances e where e.id = ${cursor.id} and e.due_at - e.sla_paused_at > ${left} - interval '1 millisecond' and e.due_at - e.sla_paused_at < ${left} + interval '1 millisecond'), ${left}), ${cursor.id})`,
      );
    }
    // Both walks in one statement (a round trip fewer), each still limited by its own index.
    const walked = await db
      .selectFrom(
        running
          .select(['g.id', 'g.due_at as dueAt', sql<Date | null>`null::timestamptz`.as('pausedAt')])
          .orderBy('g.due_at')
          .orderBy('g.id')
          .limit(want)
          .as('r'),
      )
      .selectAll()
      .unionAll(
        db
          .selectFrom(
            paused
              .select(['g.id', 'g.due_at as dueAt', 'g.sla_paused_at as pausedAt'])
              .orderBy(sql`g.due_at - g.sla_paused_at`)
              .orderBy('g.id')
              .limit(want)
              .as('p'),
          )
          .selectAll(),
      )
      .execute();
    keys = walked
      .map((r) => ({
        id: r.id,
        bucket: 0 as const,
        at:
          r.pausedAt === null
            ? (r.dueAt as Date)
            : new Date(now.getTime() + (r.dueAt as Date).getTime() - r.pausedAt.getTime()),
      }))
      .sort((x, y) => x.at.getTime() - y.at.getTime() || x.id - y.id)
      .slice(0, want);
  }
  if (keys.length < want) {
    let rest = filtered(db, filter, principal).where((eb) =>
      eb.not(
        eb.or([
          eb.and([eb('g.status', 'in', RUNNING), eb('g.due_at', 'is not', null)]),
          eb.and([
            eb('g.status', '=', 'awaiting_info'),
            eb('g.sla_paused_at', 'is not', null),
            eb('g.due_at', 'is not', null),
          ]),
        ]),
      ),
    );
    if (cursor?.bucket === 1) rest = rest.where(olderThan(cursor));
    const c = await rest
      .select(['g.id', 'g.created_at as at'])
      .orderBy('g.created_at', 'desc')
      .orderBy('g.id', 'desc')
      .limit(want - keys.length)
      .execute();
    keys.push(...c.map((r) => ({ id: r.id, bucket: 1 as const, at: r.at })));
  }
  return keys.slice(want - filter.limit);
}

/** The open-case rollup's states (0014) and the statuses each stands for. */
const OPEN_STATES = {
  registered: ['registered'],
  running: ['assigned', 'in_progress'],
  awaiting_info: ['awaiting_info'],
} as const satisfies Record<string, Status[]>;
/** The filters (and paging) the rollup can answer a total for. */
const ANSWERED = new Set([
  'status',
  'departmentId',
  'positionId',
  'placeId',
  'commandCentre',
  'overdueAt',
  'limit',
  'offset',
  'after',
  'sort',
]);

/**
 * The total of a list of open grievances from the open-case rollup (0014), when the rollup can answer
 * it: statuses that make up whole rollup states, the command centre's queue or the overdue list, and no
 * other filter but department, position and place (which its rows carry), for staff (whose read policy
 * is over those same columns). Otherwise null, and the list is counted. An officer's queue is such a
 * list, and counting it read every open case at the position from the table: at ten million grievances
 * 4,570 of them, 13 ms with the pages in memory and 90-310 ms without (a heap page each, as the rows are
 * spread over the table); the rollup holds a few rows per position. The overdue list and the command
 * centre's queue counted 10,001 of their 377,000 cases on every page view (8 ms of PostgreSQL, and
 * "10,000+"); from the rollup they are exact.
 */
function openTotal(db: Kysely<DB>, filter: SearchFilter, principal: Principal) {
  if (principal.kind !== 'staff' && principal.kind !== 'api') return null;
  const other = Object.entries(filter).some(([k, v]) => !ANSWERED.has(k) && v !== undefined && v !== false);
  if (other) return null;
  const rows = keptRows(db, filter);
  if (!rows) return null;
  const { departmentId, positionId, placeId } = filter;
  let query = db
    .selectFrom(rows.as('g'))
    .innerJoin('places as pl', 'pl.id', 'g.place_id')
    .where(readableBy(principal) as never);
  if (departmentId !== undefined) query = query.where('g.department_id', '=', departmentId);
  if (positionId !== undefined) query = query.where('g.position_id', '=', positionId);
  if (placeId !== undefined)
    query = query.where('pl.path', 'like', (eb) =>
      eb.selectFrom('places').select(sql<string>`path || '%'`.as('prefix')).where('id', '=', placeId),
    );
  return query.select(sql<number>`coalesce(sum(g.n), 0)`.as('n'));
}

/** The rollup's rows whose counts add up to the list's total (before the read policy and the
 * department, position and place filters), or null where the rollup cannot tell. */
function keptRows(db: Kysely<DB>, filter: SearchFilter) {
  const asked = (filter.status ?? []) as Status[];
  /** The rollup's rows of these states: at the command centre only, or wherever they are. */
  const kept = (states: (keyof typeof OPEN_STATES)[], atCommandCentre: boolean) => {
    const rows = db
      .selectFrom(keptOpenCounts(db).as('k'))
      .select(['k.department_id', 'k.place_id', 'k.position_id', 'k.n'])
      .where(sql<boolean>`k.state in (${sql.join(states.map((s) => sql.lit(s)))})`);
    return atCommandCentre ? rows.where(sql<boolean>`k.command_centre`) : rows;
  };
  if (filter.overdueAt) {
    if (asked.length || filter.commandCentre) return null;
    // The command centre's running cases are overdue, less and plus the counts' corrections.
    return kept(['running'], true).unionAll(
      db
        .selectFrom(overdueCorrections(db, filter.overdueAt).as('c'))
        .select(['c.department_id', 'c.place_id', 'c.position_id', 'c.d as n']),
    );
  }
  // The command centre's queue: assigned, in progress or waiting for the citizen there (see filtered).
  if (filter.commandCentre) return asked.length ? null : kept(['running', 'awaiting_info'], true);
  const states = Object.entries(OPEN_STATES)
    .filter(([, covered]) => covered.some((s) => asked.includes(s)))
    .map(([state, covered]) => ({ state, whole: covered.every((s) => asked.includes(s)) }));
  const names = states.map((s) => s.state as keyof typeof OPEN_STATES);
  const covered: Status[] = names.flatMap((state) => OPEN_STATES[state]);
  if (!states.length || states.some((s) => !s.whole) || asked.some((s) => !covered.includes(s))) return null;
  return kept(names, false);
}

/**
 * The list's total (a one-row, one-column query, `n`), or null where the list is not counted.
 *
 * Counting stops at the cap: an exact count of half a million open cases on every page view is a scan no
 * one needs ("10,000+" says it). Words are not counted at all: every match of a common word would have to
 * be read and checked (40 ms at 200,000 grievances, seconds at ten million), so a search by words says
 * how many it has shown and whether there are more.
 */
function totalQuery(db: Kysely<DB>, filter: SearchFilter, principal: Principal) {
  if (filter.q || filter.uncounted) return null;
  return (
    openTotal(db, filter, principal) ??
    db
      .selectFrom(
        filtered(db, filter, principal)
          .select('g.id')
          .limit(TOTAL_CAP + 1)
          .as('t'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
  );
}
type Total = NonNullable<ReturnType<typeof totalQuery>>;

/**
 * A page's rows, presented, each carrying the list's total as a column of its own when the list is
 * counted: the total rides in the page's statement (a subquery PostgreSQL runs once) rather than a
 * statement of its own, a round trip fewer. A page with no rows carries nothing, so then the total is
 * asked alone.
 */
async function withTotal(view: ReturnType<typeof grievanceView> | null, total: Total | null) {
  const rows = view ? await (total ? view.select(total.as('pageTotal')) : view).execute() : [];
  if (!total) return { rows, total: null };
  const first = rows[0] as { pageTotal?: number | string } | undefined;
  const n = first ? first.pageTotal : (await total.executeTakeFirstOrThrow()).n;
  return { rows, total: Number(n) };
}

/** The rows that present `keys` (a page's ids, in its order), with the total, by one statement. */
async function presented(db: Kysely<DB>, keys: PageKey[], total: Total | null) {
  const view = keys.length
    ? grievanceView(db).where(
        'g.id',
        'in',
        keys.map((k) => k.id),
      )
    : null;
  return { keys, ...(await withTotal(view, total)) };
}

/**
 * A page newest first, found and presented by one statement: the page's ids are a subquery (its LIMIT
 * keeps it from being merged into the joins, so it is still walked first, by its index), and each row
 * carries its own key (received time, id). A round trip fewer than asking for the ids first: each
 * statement costs the service a system call to send and a wake-up to read, more than this one's work.
 */
async function presentedNewest(
  db: Kysely<DB>,
  where: Where,
  filter: SearchFilter,
  cursor: Cursor | null,
  total: Total | null,
) {
  const page = (cursor?.order === 'newest' ? where.where(olderThan(cursor)) : where)
    .select('g.id')
    .orderBy('g.created_at', 'desc')
    .orderBy('g.id', 'desc')
    .limit(filter.limit)
    .offset(cursor ? 0 : filter.offset);
  // Ordered by PostgreSQL, to the microsecond: the cursor is the last row's, and within a millisecond
  // ids need not follow received times.
  const view = grievanceView(db)
    .where('g.id', 'in', page)
    .orderBy('g.created_at', 'desc')
    .orderBy('g.id', 'desc');
  const found = await withTotal(view, total);
  return { keys: found.rows.map((r): PageKey => ({ id: r.id, bucket: 1, at: r.createdAt })), ...found };
}

export async function searchGrievances(
  db: Kysely<DB>,
  filter: SearchFilter,
  principal: Principal,
  /** What "time left" is reckoned from (the service's clock); the overdue cut-off when not given. */
  now: Date = filter.overdueAt ?? new Date(),
  cache?: ReferenceCache,
) {
  const order = orderOf(filter);
  const cursor = filter.after ? decodeCursor(order, filter.after) : null;
  const pageNow = cursor?.order === 'due' ? cursor.now : now;
  const words = order === 'newest' ? wordsOf(filter) : null;
  // The page's ids first, each by an index in the order asked for; only then the joins that present
  // them. Joining first let the planner walk a million citizens to present fifty grievances. Newest
  // first, the ids are a subquery of the statement that presents them (see presentedNewest).
  const counting = totalQuery(db, filter, principal);
  const { keys, rows, total } =
    order === 'due'
      ? await presented(
          db,
          await duePage(db, filter, principal, pageNow, cursor as Extract<Cursor, { order: 'due' }> | null),
          counting,
        )
      : words
        ? await presented(db, await wordPage(db, filter, principal, words, cursor), counting)
        : await presentedNewest(db, filtered(db, filter, principal), filter, cursor, counting);
  const byId = new Map((await named(db, rows, cache)).map((row) => [row.id, row]));
  const last = keys.at(-1);
  const full = keys.length === filter.limit;
  // Uncounted (words): as many as shown up to this page, and more if the page is full.
  const shown = (cursor ? 0 : filter.offset) + keys.length;
  return {
    items: keys.flatMap((k) => {
      const row = byId.get(k.id);
      return row ? [present(row, principal)] : [];
    }),
    total: total === null ? shown : Math.min(total, TOTAL_CAP),
    totalIsLowerBound: total === null ? full : total > TOTAL_CAP,
    next:
      last && full
        ? encodeCursor(
            order === 'due'
              ? { order, now: pageNow, bucket: last.bucket, at: last.at, id: last.id }
              : { order, at: last.at, id: last.id },
          )
        : null,
  };
}

/** Who raised an anonymous grievance, for a supervisor who gives a reason (the route records it). */
export async function revealIdentity(db: Kysely<DB>, reference: string, principal: Principal) {
  const found = await grievanceView(db)
    .where('g.reference', '=', parseReference(reference))
    .executeTakeFirst();
  const [row] = found ? await named(db, [found]) : [];
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
