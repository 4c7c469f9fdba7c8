import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { manualClock } from '../clock.ts';
import type { Database } from '../db/index.ts';
import { createCategory, createPosition } from '../directory/index.ts';
import { getGrievance, transition } from '../grievances/index.ts';
import { createPlace } from '../places/index.ts';
import { findRoute, routingCoverage, saveRule } from './rules.ts';

describe.each(databases)('routing rules on $name', ({ open }) => {
  let database: Database;
  let d: Deployment;
  const clock = manualClock('2026-03-02T04:30:00Z');

  beforeAll(async () => {
    database = await open();
    d = await buildDeployment({ db: database.db, clock });
  });
  afterAll(() => database?.close());

  it('uses the rule on the deepest place that contains the grievance, falling back up the tree', async () => {
    const { db } = database;
    // The factory's rule is on the district. Add a state-wide rule led by the department's nodal
    // position, and a block rule led by a second block officer.
    const nodal = await createPosition(db, {
      departmentId: d.department.id,
      placeId: d.state.id,
      level: 4,
      title: { en: 'Nodal officer' },
      isNodal: true,
    });
    const stateRule = await saveRule(db, {
      categoryId: d.category.id,
      placeId: d.state.id,
      steps: [{ level: 1, positionId: nodal.id }],
    });
    const blockOfficer = await createPosition(db, {
      departmentId: d.department.id,
      placeId: d.block.id,
      level: 1,
      title: { en: 'Sub-engineer' },
    });
    const blockRule = await saveRule(db, {
      categoryId: d.category.id,
      placeId: d.block.id,
      steps: [
        { level: 1, positionId: blockOfficer.id },
        ...d.chain.slice(1).map((p, i) => ({ level: i + 2, positionId: p.id })),
      ],
    });

    expect((await findRoute(db, d.category.id, d.village.id))?.ruleId).toBe(blockRule.id); // village < block
    expect((await findRoute(db, d.category.id, d.block.id))?.ruleId).toBe(blockRule.id);
    expect((await findRoute(db, d.category.id, d.district.id))?.ruleId).toBe(d.rule.id);
    const sibling = await createPlace(db, {
      parentId: d.district.id,
      code: 'BL-OTHER',
      name: { en: 'Narsinghgarh' },
    });
    expect((await findRoute(db, d.category.id, sibling.id))?.ruleId).toBe(d.rule.id); // block without a rule: district's
    expect((await findRoute(db, d.category.id, d.otherDistrict.id))?.ruleId).toBe(stateRule.id); // no district rule: state's

    // The nodal position stands in at L1 where no local officer exists.
    const { reference } = await buildGrievance({ db, clock }, d, { placeId: d.otherDistrict.id });
    const g = await getGrievance(db, reference);
    expect(g).toMatchObject({ status: 'assigned', position: { id: nodal.id }, level: 1 });
    // ... and with a one-step chain there is nowhere to escalate by hand.
    await expect(
      transition(db, clock, reference, { type: 'escalate', note: 'x' }, { kind: 'supervisor', id: 1 }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('counts the rules of each category, so one with none can be flagged', async () => {
    const lonely = await createCategory(database.db, {
      departmentId: d.department.id,
      code: `LONELY-${Date.now()}`,
      name: { en: 'No rule yet' },
      resolutionValue: 1,
      resolutionUnit: 'calendar_days',
    });
    const coverage = await routingCoverage(database.db);
    expect(coverage.find((c) => c.categoryId === lonely.id)).toEqual({ categoryId: lonely.id, rules: 0 });
    expect(coverage.find((c) => c.categoryId === d.category.id)?.rules).toBeGreaterThanOrEqual(1);
  });
});
