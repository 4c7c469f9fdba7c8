// The demo deployment: a state with its divisions, districts, blocks and villages; 19 departments with
// their categories and resolution times; an officer in every position L1..L4; routing rules for every
// block; the information desk's articles on schemes and services; citizens; and a few thousand
// grievances over the last four months in every state of the lifecycle, played through the same
// functions the API uses, so their histories are real.

import type { Kysely } from 'kysely';
import { SYSTEM } from '../access/principal.ts';
import { logInteraction } from '../citizens/index.ts';
import { type Clock, manualClock } from '../clock.ts';
import type { Channel, DB } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import {
  createCategory,
  createDepartment,
  createOfficer,
  createPosition,
  postOfficer,
  setEscalationLevels,
} from '../directory/index.ts';
import { type Action, type Actor, registerGrievance, transition } from '../grievances/index.ts';
import { createArticle } from '../knowledge/index.ts';
import { createPlace, type Place, setPlaceLevels } from '../places/index.ts';
import { saveRule } from '../routing/index.ts';
import {
  DEPARTMENTS,
  ESCALATION_LEVELS,
  FIRST_NAMES,
  LAST_NAMES,
  PLACE_LEVELS,
  type SeedPlace,
  STATE,
} from './data.ts';
import { ENQUIRY_TOPICS, KNOWLEDGE_ARTICLES } from './knowledge.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

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
  const { db } = deps;
  const now = deps.clock.now();
  // The deployment was set up 150 days ago; grievances arrive over the last 120.
  const setupClock = manualClock(new Date(now.getTime() - 150 * DAY));

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
  const personName = () => `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`;
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
        await saveRule(db, {
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
        await saveRule(db, {
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

  const citizens = Array.from(
    { length: Math.max(50, Math.floor((options.grievances ?? 3000) / 4)) },
    (_, i) => ({
      phone: `+91${pick(['98', '97', '94', '89', '79', '70'])}${String(10_000_000 + i * 7919).slice(-8)}`,
      name: personName(),
    }),
  );
  const channels: [Channel, number][] = [
    ['phone', 0.55],
    ['web', 0.15],
    ['whatsapp', 0.12],
    ['walk_in', 0.07],
    ['sms', 0.05],
    ['email', 0.03],
    ['app', 0.03],
  ];
  const channel = () => {
    let r = random();
    for (const [c, share] of channels) {
      r -= share;
      if (r <= 0) return c;
    }
    return 'phone';
  };

  const officer: Actor = { kind: 'officer', id: null };
  const citizenActor: Actor = { kind: 'citizen', id: null };
  const count = options.grievances ?? 3000;
  const counts: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const created = new Date(now.getTime() - random() * 120 * DAY);
    const clock = manualClock(created);
    const category = pick(categories);
    const language = random() < 0.6 ? 'hi' : 'en';
    const text = pick(category.samples[language]);
    const person = pick(citizens);
    const via = channel();
    const anonymous = random() < 0.05;
    const interaction =
      via === 'phone' || via === 'whatsapp'
        ? await logInteraction(db, clock, {
            channel: via,
            phone: person.phone,
            summary: text.slice(0, 120),
            externalId: `demo-${i}`,
          })
        : null;
    const { reference } = await registerGrievance(
      { db, clock },
      {
        categoryId: category.id,
        placeId: pick(villages.filter((v) => serves(category.serves, v))).id,
        subject: text.split(/[.;।]/)[0]?.slice(0, 120) || text.slice(0, 120),
        description: text,
        language,
        channel: via,
        citizen: { phone: person.phone, name: person.name, language },
        anonymous,
        interactionId: interaction?.id,
        details: Object.fromEntries(
          category.fields.map((f) => [f.key, String(1_000_000_000 + Math.floor(random() * 9e9))]),
        ),
      },
      via === 'phone' ? { kind: 'agent', id: null } : citizenActor,
    );
    if ((i + 1) % 500 === 0) options.progress?.(i + 1, count);
    const final = await playOut(clock, reference, (now.getTime() - created.getTime()) / DAY);
    counts[final] = (counts[final] ?? 0) + 1;
  }
  return {
    places: byDepth.flat().length,
    departments: DEPARTMENTS.length,
    categories: categories.length,
    articles: KNOWLEDGE_ARTICLES.length,
    officers: officerCount,
    grievances: count,
    byStatus: counts,
  };

  /** Moves a grievance along a likely path for its age; older ones are further along. */
  async function playOut(
    clock: Clock & { advance(ms: number): void },
    reference: string,
    ageDays: number,
  ): Promise<string> {
    const step = async (action: Action, actor: Actor, afterHours: number) => {
      if ((clock.now().getTime() - now.getTime()) / HOUR + afterHours > 0) return false; // would be in the future
      (clock as { advance(ms: number): void }).advance(afterHours * HOUR);
      try {
        await transition(db, clock, reference, action, actor);
        return true;
      } catch {
        return false; // e.g. unrouted: nothing to start
      }
    };
    const r = random();
    let status = 'assigned';
    if (ageDays < 1 && r < 0.5) return status;
    if (r < 0.03)
      return (await step(
        { type: 'reject', note: 'Duplicate of an earlier complaint by the same citizen' },
        officer,
        20,
      ))
        ? 'rejected'
        : status;
    if (!(await step({ type: 'start', note: 'Field staff informed' }, officer, 2 + random() * 30)))
      return status;
    status = 'in_progress';
    if (random() < 0.15) {
      if (
        !(await step(
          { type: 'request_info', note: 'Please share the exact location / landmark.' },
          officer,
          4 + random() * 24,
        ))
      )
        return status;
      status = 'awaiting_info';
      if (
        random() < 0.3 ||
        !(await step(
          { type: 'provide_info', note: 'Near the panchayat bhawan.' },
          citizenActor,
          2 + random() * 48,
        ))
      )
        return status;
      status = 'in_progress';
    }
    if (random() < 0.15 && ageDays < 20) return status;
    if (
      !(await step(
        { type: 'resolve', note: 'Inspected and fixed; photo attached in the field report.' },
        officer,
        12 + random() * 200,
      ))
    )
      return status;
    status = 'resolved';
    if (random() < 0.1) {
      // Ratings (1-5) follow from the age, not from random(), so the rest of the demo stays as it was.
      const rating = Math.floor(ageDays) % 2 === 0 ? 1 : 2;
      if (
        !(await step(
          { type: 'reopen', note: 'Problem has come back.', rating },
          citizenActor,
          24 + random() * 48,
        ))
      )
        return status;
      return 'assigned';
    }
    if (
      random() < 0.6 &&
      (await step(
        {
          type: 'close',
          reason: 'citizen_satisfied',
          rating: Math.floor(ageDays) % 3 === 0 ? 3 : 5 - (Math.floor(ageDays) % 2),
        },
        citizenActor,
        24 + random() * 72,
      ))
    )
      return 'closed';
    if (await step({ type: 'close', reason: 'no_response' }, { kind: 'system', id: null }, 7 * 24))
      return 'closed';
    return status;
  }
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
