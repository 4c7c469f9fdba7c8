// Reference data for the hot paths, cached in the process: categories, departments, places, positions,
// routing chains and SLA contexts (calendar, holidays, resolution time, reminder policy). It changes a
// few times a day and is read on every registration, so reading it from the database each time was
// most of a registration's round trips.
//
// Correctness across nodes (see 0009_reference_version.sql): every change to a reference table bumps
// one version number in its own transaction and announces it; each node drops its cache when it hears
// a new number. A write that relies on cached data asserts, inside its own statement, that the
// version is the one the data was loaded at (`version()`), and is retried with fresh data if not, so
// a change is never missed even in the milliseconds before the announcement arrives.
//
// Loads take the caller's `db`: inside a transaction they must use that transaction (PGlite is one
// connection and would wait on itself).
import { type Kysely, sql } from 'kysely';
import type { Listen } from '../db/index.ts';
import type { CategoryField, CategoryKind, DB, I18nText, Priority } from '../db/schema.ts';
import { type CategoryCatalogue, loadCatalogue, routedAt } from '../directory/index.ts';
import { findRoute } from '../routing/index.ts';
import { loadSlaContext, type SlaContext } from '../sla/index.ts';
import { type Memo, memo } from './memo.ts';

export interface CategoryFacts {
  id: number;
  departmentId: number;
  code: string;
  name: I18nText;
  kind: CategoryKind;
  priority: Priority;
  fields: CategoryField[];
  active: boolean;
}
export interface DepartmentFacts {
  id: number;
  code: string;
  name: I18nText;
}
export interface PlaceFacts {
  id: number;
  code: string;
  name: I18nText;
  path: string;
  depth: number;
  active: boolean;
}
export interface PositionFacts {
  id: number;
  departmentId: number;
  level: number;
  title: I18nText;
  active: boolean;
}
export interface Wanted {
  categories: number[];
  departments: number[];
  places: number[];
  positions: number[];
}
export interface Facts {
  categories: Map<number, CategoryFacts>;
  departments: Map<number, DepartmentFacts>;
  places: Map<number, PlaceFacts>;
  positions: Map<number, PositionFacts>;
}
export type Route = Awaited<ReturnType<typeof findRoute>>;

export interface ReferenceCache {
  /** The version of the reference data this cache holds (read again after every change). */
  version(db: Kysely<DB>): Promise<number>;
  category(db: Kysely<DB>, id: number): Promise<CategoryFacts | undefined>;
  department(db: Kysely<DB>, id: number): Promise<DepartmentFacts | undefined>;
  place(db: Kysely<DB>, id: number): Promise<PlaceFacts | undefined>;
  position(db: Kysely<DB>, id: number): Promise<PositionFacts | undefined>;
  /** Many at once, by id (a page of grievances' names): what is not held is read by one statement a table. */
  facts(db: Kysely<DB>, wanted: Wanted): Promise<Facts>;
  route(db: Kysely<DB>, categoryId: number, placeId: number): Promise<Route>;
  slaContext(db: Kysely<DB>, positionId: number, categoryId: number, level: number): Promise<SlaContext>;
  /** Every category with its department: what the category search reads (GET /api/categories). */
  catalogue(db: Kysely<DB>): Promise<CategoryCatalogue>;
  /** The categories a routing rule covers at a place. */
  routedAt(db: Kysely<DB>, placeId: number): Promise<Set<number>>;
  /** Forgets everything: a change was announced, or a write found the version had moved. */
  clear(): void;
  close(): Promise<void>;
}

const CATEGORY = [
  'id',
  'department_id as departmentId',
  'code',
  'name',
  'kind',
  'priority',
  'fields',
  'active',
] as const;
const DEPARTMENT = ['id', 'code', 'name'] as const;
const PLACE = ['id', 'code', 'name', 'path', 'depth', 'active'] as const;
const POSITION = ['id', 'department_id as departmentId', 'level', 'title', 'active'] as const;

/** Rows by id, keyed as the memo keys them. */
const byId = <T extends { id: number }>(rows: T[]) => new Map(rows.map((row) => [String(row.id), row]));
const ids = (keys: string[]) => keys.map(Number);
/** `= any(ids)`: one statement whatever the number of ids (`in (...)` is a new one for each count). */
const anyOf = (ids: number[]) => sql<number>`any(${ids}::bigint[])`;

/** The values of `keys` from `m`, loading the missing by `load`, as a map by id (unknown ids left out). */
async function many<V extends { id: number }>(
  m: Memo<V | undefined>,
  wanted: number[],
  load: (ids: number[]) => Promise<V[]>,
): Promise<Map<number, V>> {
  const found = await m.getMany([...new Set(wanted)].map(String), async (missing) =>
    byId(await load(ids(missing))),
  );
  const out = new Map<number, V>();
  for (const value of found) if (value) out.set(value.id, value);
  return out;
}

/** A cache that listens for changes on `listen`. */
export async function startReferenceCache(listen: Listen, schema: string): Promise<ReferenceCache> {
  const cache = referenceCache();
  const stop = await listen(`reference_changed_${schema}`, {
    message: () => cache.clear(),
    // Changes announced while the connection was down were missed: start again from the database.
    reconnected: () => cache.clear(),
  });
  return { ...cache, close: stop };
}

/** The cache itself, with nothing listening: for a caller that clears it itself, or a single request. */
export function referenceCache(): ReferenceCache {
  const versions = memo<number>(1);
  const categories = memo<CategoryFacts | undefined>(10_000);
  const departments = memo<DepartmentFacts | undefined>(1_000);
  const places = memo<PlaceFacts | undefined>(200_000);
  const positions = memo<PositionFacts | undefined>(100_000);
  const routes = memo<Route>(100_000);
  const contexts = memo<SlaContext>(50_000);
  const catalogues = memo<CategoryCatalogue>(1);
  const routedByPlace = memo<Set<number>>(200_000);
  const all = [
    versions,
    categories,
    departments,
    places,
    positions,
    routes,
    contexts,
    catalogues,
    routedByPlace,
  ];

  return {
    version: (db) =>
      versions.get('v', async () => {
        const { rows } = await sql<{ n: number }>`select n from reference_version`.execute(db);
        return Number(rows[0]?.n);
      }),
    category: (db, id) =>
      categories.get(String(id), () =>
        db.selectFrom('categories').select(CATEGORY).where('id', '=', id).executeTakeFirst(),
      ),
    department: (db, id) =>
      departments.get(String(id), () =>
        db.selectFrom('departments').select(DEPARTMENT).where('id', '=', id).executeTakeFirst(),
      ),
    place: (db, id) =>
      places.get(String(id), () =>
        db.selectFrom('places').select(PLACE).where('id', '=', id).executeTakeFirst(),
      ),
    position: (db, id) =>
      positions.get(String(id), () =>
        db.selectFrom('positions').select(POSITION).where('id', '=', id).executeTakeFirst(),
      ),
    // One table after another: a transaction is one connection, which takes one statement at a time.
    facts: async (db, wanted) => ({
      categories: await many(categories, wanted.categories, (ids) =>
        db.selectFrom('categories').select(CATEGORY).where('id', '=', anyOf(ids)).execute(),
      ),
      departments: await many(departments, wanted.departments, (ids) =>
        db.selectFrom('departments').select(DEPARTMENT).where('id', '=', anyOf(ids)).execute(),
      ),
      places: await many(places, wanted.places, (ids) =>
        db.selectFrom('places').select(PLACE).where('id', '=', anyOf(ids)).execute(),
      ),
      positions: await many(positions, wanted.positions, (ids) =>
        db.selectFrom('positions').select(POSITION).where('id', '=', anyOf(ids)).execute(),
      ),
    }),
    route: (db, categoryId, placeId) =>
      routes.get(`${categoryId}:${placeId}`, () => findRoute(db, categoryId, placeId)),
    slaContext: (db, positionId, categoryId, level) =>
      contexts.get(`${positionId}:${categoryId}:${level}`, () =>
        loadSlaContext(db, positionId, categoryId, level),
      ),
    catalogue: (db) => catalogues.get('all', () => loadCatalogue(db)),
    routedAt: (db, placeId) => routedByPlace.get(String(placeId), () => routedAt(db, placeId)),
    clear() {
      for (const m of all) m.clear();
    },
    close: async () => undefined,
  };
}
