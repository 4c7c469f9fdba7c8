// A deployment the size of a few districts, and grievances in bulk on top of it, for the benchmarks.
// The deployment goes through the domain functions (as an admin would set it up); the grievances are
// written by set-based SQL inside PostgreSQL (bench/bulk.ts), the only way to have millions of them in
// minutes.
import { sql } from 'kysely';
import { createApiClient } from '../src/access/users.ts';
import type { Clock } from '../src/clock.ts';
import type { Database } from '../src/db/index.ts';
import {
  createCategory,
  createDepartment,
  createOfficer,
  createPosition,
  postOfficer,
} from '../src/directory/index.ts';
import { createPlace } from '../src/places/index.ts';
import { saveRule } from '../src/routing/index.ts';

export interface BenchDeployment {
  /**
   * Where the registration benchmarks register: a village whose L1 is not the officer's below, so the
   * officer's queue measured at scale is the loaded one, not thousands of fresh benchmark grievances.
   */
  categoryId: number;
  departmentId: number;
  placeId: number;
  /** An officer's position (L1 of the busiest block) and an API key for that officer. */
  officerPositionId: number;
  officerKey: string;
  /** A desk integration's key: agent, supervisor and intake, everywhere. */
  deskKey: string;
  /** Every (category, village) pair a grievance can be about, with the routing chain that serves it. */
  combos: Combo[];
}

export interface Combo {
  categoryId: number;
  departmentId: number;
  placeId: number;
  /** The L1 position (the first step of the chain). */
  positionId: number;
  ruleId: number;
  /** The chain's positions at levels 1 to 4. */
  chain: [number, number, number, number];
  /** Which district and department (0-based), so a load can make some busier than others. */
  district: number;
  department: number;
}

const DISTRICTS = 5;
const BLOCKS = 5;
const VILLAGES = 4;
const DEPARTMENTS = 10;
const CATEGORIES = 4;

export async function buildBenchDeployment(database: Database, clock: Clock): Promise<BenchDeployment> {
  const db = database.db;
  const state = await createPlace(db, { parentId: null, code: 'BST', name: { en: 'Bench State' } });
  const blocks: { id: number; districtId: number; district: number; villages: number[] }[] = [];
  for (let d = 0; d < DISTRICTS; d++) {
    const district = await createPlace(db, {
      parentId: state.id,
      code: `BD${d}`,
      name: { en: `District ${d}` },
    });
    for (let b = 0; b < BLOCKS; b++) {
      const block = await createPlace(db, {
        parentId: district.id,
        code: `BB${d}${b}`,
        name: { en: `Block ${d}.${b}` },
      });
      const villages = [];
      for (let v = 0; v < VILLAGES; v++) {
        villages.push(
          (
            await createPlace(db, {
              parentId: block.id,
              code: `BV${d}${b}${v}`,
              name: { en: `Village ${d}.${b}.${v}` },
            })
          ).id,
        );
      }
      blocks.push({ id: block.id, districtId: district.id, district: d, villages });
    }
  }
  const combos: BenchDeployment['combos'] = [];
  let officerPositionId = 0;
  for (let p = 0; p < DEPARTMENTS; p++) {
    const department = await createDepartment(db, { code: `BDEP${p}`, name: { en: `Department ${p}` } });
    const top = [];
    for (const level of [4, 3]) {
      top.push(
        await createPosition(db, {
          departmentId: department.id,
          placeId: state.id,
          level,
          title: { en: `L${level}` },
        }),
      );
    }
    const l2ByDistrict = new Map<number, number>();
    for (const block of blocks) {
      if (!l2ByDistrict.has(block.districtId)) {
        const l2 = await createPosition(db, {
          departmentId: department.id,
          placeId: block.districtId,
          level: 2,
          title: { en: 'District officer' },
        });
        l2ByDistrict.set(block.districtId, l2.id);
      }
    }
    const l1ByBlock = new Map<number, number>();
    for (const block of blocks) {
      const l1 = await createPosition(db, {
        departmentId: department.id,
        placeId: block.id,
        level: 1,
        title: { en: 'Block officer' },
      });
      l1ByBlock.set(block.id, l1.id);
      if (!officerPositionId) officerPositionId = l1.id;
    }
    for (let c = 0; c < CATEGORIES; c++) {
      const category = await createCategory(db, {
        departmentId: department.id,
        code: `BCAT${p}-${c}`,
        name: { en: `Category ${p}.${c}` },
        resolutionValue: 7,
        resolutionUnit: 'calendar_days',
      });
      for (const block of blocks) {
        const chain: Combo['chain'] = [
          l1ByBlock.get(block.id) as number,
          l2ByDistrict.get(block.districtId) as number,
          top[1]?.id as number,
          top[0]?.id as number,
        ];
        const rule = await saveRule(db, {
          categoryId: category.id,
          placeId: block.id,
          steps: chain.map((positionId, i) => ({ level: i + 1, positionId })),
        });
        for (const village of block.villages) {
          combos.push({
            categoryId: category.id,
            departmentId: department.id,
            placeId: village,
            positionId: chain[0],
            ruleId: rule.id,
            chain,
            district: block.district,
            department: p,
          });
        }
      }
    }
  }
  const officer = await createOfficer(db, clock, { name: 'Bench officer' });
  await postOfficer(db, clock, officerPositionId, officer.id);
  const officerClient = await createApiClient(db, clock, {
    name: 'bench officer',
    grants: [{ role: 'intake' }],
  });
  await db
    .updateTable('users')
    .set({ officer_id: officer.id })
    .where('id', '=', officerClient.userId)
    .execute();
  const desk = await createApiClient(db, clock, {
    name: 'bench desk',
    dangerousScope: true,
    grants: [{ role: 'agent' }, { role: 'supervisor' }, { role: 'intake' }],
  });
  const target = combos.at(-1) as Combo;
  return {
    categoryId: target.categoryId,
    departmentId: target.departmentId,
    placeId: target.placeId,
    officerPositionId,
    officerKey: officerClient.key,
    deskKey: desk.key,
    combos,
  };
}

/** Keeps the deployment in its schema, for measuring a loaded schema again later (bench/load.ts). */
export async function keepDeployment(database: Database, d: BenchDeployment) {
  await sql`create table bench_deployment (deployment jsonb not null)`.execute(database.db);
  await sql`insert into bench_deployment values (${JSON.stringify(d)}::jsonb)`.execute(database.db);
}

/** The deployment bench/load.ts kept in a schema it loaded. */
export async function loadedDeployment(database: Database): Promise<BenchDeployment> {
  const { rows } = await sql<{
    deployment: BenchDeployment;
  }>`select deployment from bench_deployment`.execute(database.db);
  if (!rows[0]) throw new Error('no bench_deployment in this schema: was it loaded by bench/load.ts?');
  return rows[0].deployment;
}

/**
 * Words searched for, as people search: mostly words common in recent complaints (English and Hindi),
 * two words together, and rarer ones: a number written in some subjects (about 1 in 200 of the loaded
 * grievances), and words no loaded grievance has ("leopard", Hindi "flood", Swahili "water"), which the
 * walk of the newest grievances cannot find and the trigram index answers.
 */
export const SEARCH_WORDS = [
  'pump',
  'school',
  'पानी',
  'बिजली',
  'broken',
  'hand pump',
  '(42)',
  'leopard',
  'बाढ़',
  'maji',
];

export { bulkGrievances } from './bulk.ts';
