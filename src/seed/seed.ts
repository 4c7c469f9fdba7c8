// The demo deployment: a state with its divisions, districts, blocks and villages; 19 departments with
// their categories and resolution times; an officer in every position L1..L4; routing rules for every
// block; the information desk's articles on schemes and services; citizens; and a few thousand
// grievances over the last four months in every state of the lifecycle (grievances.ts), registered
// through the same function as the API's and their histories written by the lifecycle's rules.

import { type Kysely, sql } from 'kysely';
import { SYSTEM } from '../access/principal.ts';
import { referenceCache } from '../cache/reference.ts';
import { type Clock, manualClock } from '../clock.ts';
import type { DB } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import {
  createCategory,
  createDepartment,
  createOfficer,
  createPosition,
  postOfficer,
  setEscalationLevels,
} from '../directory/index.ts';
import { createArticle } from '../knowledge/index.ts';
import { createPlace, type Place, setPlaceLevels } from '../places/index.ts';
import {
  DEPARTMENTS,
  ESCALATION_LEVELS,
  FIRST_NAMES,
  LAST_NAMES,
  PLACE_LEVELS,
  type SeedPlace,
  STATE,
} from './data.ts';
import { seedGrievances } from './grievances.ts';
import { ENQUIRY_TOPICS, KNOWLEDGE_ARTICLES } from './knowledge.ts';

const DAY = 86_400_000;

export async function isEmpty(db: Kysely<DB>): Promise<boolean> {
  return !(await db.selectFrom('places').select('id').limit(1).executeTakeFirst());
}

export interface SeedOptions {
  grievances?: number;
  /** Told how far along the grievances are, every few hundred. */
  progress?: (done: number, total: number) => void;
  /** Same seed, same deployment. */
  seed?: number;
}

export async function seedDemo(deps: Deps, options: SeedOptions) {
  const random = mulberry32(options.seed ?? 181);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const personName = () => `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`;
  const now = deps.clock.now();
  // The deployment was set up 150 days ago; grievances arrive over the last 120. The directory is
  // written in one transaction: thousands of small writes, one commit.
  const setupClock = manualClock(new Date(now.getTime() - 150 * DAY));
  const { byDepth, villages, categories, serves, officerCount } = await deps.db
    .transaction()
    .execute((trx) => seedDirectory(trx, setupClock, personName));
  const count = options.grievances ?? 3000;
  // The directory is in place: the cache reads it afresh for the registrations.
  const reference = deps.reference ?? referenceCache();
  reference.clear();
  const byStatus = await seedGrievances(deps.db, reference, {
    now,
    count,
    random,
    personName,
    progress: options.progress,
    categories: categories.map((c) => ({
      ...c,
      villages: villages.filter((v) => serves(c.serves, v)),
    })),
  });
  return {
    places: byDepth.flat().length,
    departments: DEPARTMENTS.length,
    categories: categories.length,
    articles: KNOWLEDGE_ARTICLES.length,
    officers: officerCount,
    grievances: count,
    byStatus,
  };
}

/** Places, departments, categories, positions and their officers, routing rules and the articles. */
async function seedDirectory(db: Kysely<DB>, setupClock: Clock, personName: () => string) {
  await setPlaceLevels(
    db,
    PLACE_LEVELS.map((name, i) => ({ depth: i + 1, name })),
  );
  await setEscalationLevels(
    db,
    ESCALATION_LEVELS.map((name, i) => ({ level: i + 1, name })),
  );

  const byDepth: Place[][] = [[], [], [], [], []];
  const parentOf = new Map<number, Place>();
  const urban = new Set<number>(); // urban bodies and their wards
  async function addPlace(seed: SeedPlace, parent: Place | null) {
    const [latitude, longitude] = seed.at;
    const place = await createPlace(db, {
      parentId: parent?.id ?? null,
      code: seed.code,
      name: seed.name,
      latitude,
      longitude,
    });
    byDepth[place.depth - 1]?.push(place);
    if (parent) parentOf.set(place.id, parent);
    if (seed.urban || (parent && urban.has(parent.id))) urban.add(place.id);
    for (const child of seed.children ?? []) await addPlace(child, place);
  }
  await addPlace(STATE, null);
  const [states = [], divisions = [], districts = [], blocks = [], villages = []] = byDepth;
  const state = states[0] as Place;

  let officerCount = 0;
  const rules: { categoryId: number; placeId: number; steps: { level: number; positionId: number }[] }[] = [];
  const categories: {
    id: number;
    fields: { key: string }[];
    samples: { en: string[]; hi: string[] };
    serves?: 'urban' | 'rural';
  }[] = [];
  // Municipal services are routed only in urban bodies and panchayat ones only in rural blocks, so the
  // portal offers a ward's residents the first and a village's the second (what applies where).
  const serves = (kind: 'urban' | 'rural' | undefined, place: Place) =>
    kind === undefined || (kind === 'urban') === urban.has(place.id);
  const departmentIds = new Map<string, number>();
  for (const dept of DEPARTMENTS) {
    const department = await createDepartment(db, { code: dept.code, name: dept.name });
    // One position per level per place of that level: L1 in each block, L2 in each district, L3 in each
    // division, L4 (the department's nodal head) for the state.
    const seat = new Map<number, number>();
    const levelPlaces: [number, Place[]][] = [
      [1, blocks],
      [2, districts],
      [3, divisions],
      [4, [state]],
    ];
    for (const [level, places] of levelPlaces) {
      for (const place of places) {
        const title = dept.officerTitles[level - 1] as Record<string, string>;
        const position = await createPosition(db, {
          departmentId: department.id,
          placeId: place.id,
          level,
          isNodal: level === 4,
          title: Object.fromEntries(
            Object.entries(title).map(([lang, t]) => [lang, `${t}, ${place.name[lang] ?? place.name.en}`]),
          ),
        });
        const officer = await createOfficer(db, setupClock, {
          name: personName(),
          phone: `+9194${String(2000_0000 + ++officerCount).padStart(8, '0')}`,
        });
        await postOfficer(db, setupClock, position.id, officer.id);
        seat.set(place.id, position.id);
      }
    }
    // The information topics of the enquiry form join the department's own categories.
    for (const cat of [...dept.categories, ...(ENQUIRY_TOPICS[dept.code] ?? [])]) {
      const category = await createCategory(db, {
        departmentId: department.id,
        code: cat.code,
        name: cat.name,
        kind: cat.kind,
        resolutionValue: cat.resolutionValue,
        resolutionUnit: cat.resolutionUnit,
        priority: cat.priority,
        fields: cat.fields ?? [],
        keywords: cat.keywords ?? {},
      });
      categories.push({
        id: category.id,
        fields: cat.fields ?? [],
        samples: cat.samples,
        serves: dept.serves,
      });
      for (const [i, block] of blocks.entries()) {
        // One block in every department is left without a rule, so the unrouted queue has something in it.
        if (i === blocks.length - 1) continue;
        if (!serves(dept.serves, block)) continue;
        const district = parentOf.get(block.id) as Place;
        const division = parentOf.get(district.id) as Place;
        rules.push({
          categoryId: category.id,
          placeId: block.id,
          steps: [block, district, division, state].map((p, level) => ({
            level: level + 1,
            positionId: seat.get(p.id) as number,
          })),
        });
      }
      // A question asked for a whole district or the state (the enquiry form's district is optional)
      // goes to the department's state nodal desk, which answers it or passes it down.
      if (cat.kind === 'information')
        rules.push({
          categoryId: category.id,
          placeId: state.id,
          steps: [{ level: 1, positionId: seat.get(state.id) as number }],
        });
    }
    departmentIds.set(dept.code, department.id);
  }

  for (const { department, ...article } of KNOWLEDGE_ARTICLES) {
    const departmentId = department === null ? null : departmentIds.get(department);
    if (departmentId === undefined) throw new Error(`article ${article.code}: no department ${department}`);
    await createArticle(db, setupClock, { ...article, departmentId }, SYSTEM);
  }

  await addRules(db, rules);
  return { byDepth, villages, categories, serves, officerCount };
}

/**
 * The routing rules, about two thousand, in one statement: `saveRule` checks and writes one rule in
 * eight, which was most of the directory's time. These chains are built above from the positions just
 * made, one per level, so they are what `saveRule` would accept.
 */
async function addRules(
  db: Kysely<DB>,
  rules: { categoryId: number; placeId: number; steps: { level: number; positionId: number }[] }[],
) {
  await sql`
    with input as (
      select * from unnest(
        ${rules.map((r) => r.categoryId)}::bigint[],
        ${rules.map((r) => r.placeId)}::bigint[],
        ${rules.map((r) => JSON.stringify(r.steps))}::jsonb[]
      ) with ordinality as t(category_id, place_id, steps, n)
    ),
    added as (
      insert into routing_rules (category_id, place_id)
      select category_id, place_id from input order by n
      returning id, category_id, place_id
    )
    insert into routing_rule_steps (rule_id, level, position_id)
    select a.id, (s ->> 'level')::int, (s ->> 'positionId')::bigint
    from added a
    join input i on i.category_id = a.category_id and i.place_id = a.place_id
    cross join jsonb_array_elements(i.steps) s`.execute(db);
}

/** A small seeded PRNG so the demo data is the same on every machine. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
