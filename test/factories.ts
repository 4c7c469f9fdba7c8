// Small builders for tests: a deployment with one branch of the tree, a department, a category, an
// L1..L4 chain and a routing rule; and grievances on top of it.
import type { Deps } from '../src/deps.ts';
import {
  createCategory,
  createDepartment,
  createOfficer,
  createPosition,
  postOfficer,
} from '../src/directory/index.ts';
import type { Actor, RegisterDeps, RegisterInput } from '../src/grievances/index.ts';
import { registerGrievance } from '../src/grievances/index.ts';
import { createPlace } from '../src/places/index.ts';
import { saveRule } from '../src/routing/index.ts';

let counter = 0;
const unique = (prefix: string) => `${prefix}${++counter}`;

export async function buildDeployment(deps: Deps) {
  const { db, clock } = deps;
  const state = await createPlace(db, {
    parentId: null,
    code: unique('ST'),
    name: { en: 'Test State', hi: 'परीक्षण राज्य' },
  });
  const division = await createPlace(db, {
    parentId: state.id,
    code: unique('DV'),
    name: { en: 'North Division' },
  });
  const district = await createPlace(db, {
    parentId: division.id,
    code: unique('DS'),
    name: { en: 'Rajgarh' },
  });
  const block = await createPlace(db, { parentId: district.id, code: unique('BL'), name: { en: 'Biaora' } });
  const village = await createPlace(db, {
    parentId: block.id,
    code: unique('VL'),
    name: { en: 'Kachnariya' },
  });
  const otherDistrict = await createPlace(db, {
    parentId: division.id,
    code: unique('DS'),
    name: { en: 'Sehore' },
  });

  const department = await createDepartment(db, {
    code: unique('PHE'),
    name: { en: 'Public Health Engineering', hi: 'लोक स्वास्थ्य यांत्रिकी' },
  });
  const otherDepartment = await createDepartment(db, { code: unique('ENERGY'), name: { en: 'Energy' } });
  const category = await createCategory(db, {
    departmentId: department.id,
    code: unique('PHE-HANDPUMP'),
    name: { en: 'Hand pump not working', hi: 'हैंडपंप खराब' },
    resolutionValue: 3,
    resolutionUnit: 'calendar_days',
  });
  const places = [block, district, division, state];
  const chain = [];
  for (const [i, place] of places.entries()) {
    const position = await createPosition(db, {
      departmentId: department.id,
      placeId: place.id,
      level: i + 1,
      title: { en: `L${i + 1} officer, ${place.name.en}` },
    });
    const officer = await createOfficer(db, clock, {
      name: `Officer ${i + 1}`,
      phone: `+9198000000${i + 1}`,
    });
    await postOfficer(db, clock, position.id, officer.id);
    chain.push(position);
  }
  const otherL1 = await createPosition(db, {
    departmentId: otherDepartment.id,
    placeId: district.id,
    level: 1,
    title: { en: 'Junior Engineer' },
  });
  const rule = await saveRule(db, {
    categoryId: category.id,
    placeId: district.id,
    steps: chain.map((p, i) => ({ level: i + 1, positionId: p.id })),
  });
  return {
    state,
    division,
    district,
    block,
    village,
    otherDistrict,
    department,
    otherDepartment,
    category,
    chain,
    otherL1,
    rule,
  };
}

export type Deployment = Awaited<ReturnType<typeof buildDeployment>>;

export const citizenActor: Actor = { kind: 'citizen', id: null };

export async function buildGrievance(
  deps: RegisterDeps,
  d: Deployment,
  overrides: Partial<RegisterInput> = {},
) {
  return registerGrievance(
    deps,
    {
      categoryId: d.category.id,
      placeId: d.village.id,
      subject: 'Hand pump broken',
      description: 'The hand pump near the school has not worked for a week.',
      language: 'en',
      channel: 'web',
      citizen: { phone: '+919812345678', name: 'Sunita Devi' },
      ...overrides,
    },
    citizenActor,
  );
}
