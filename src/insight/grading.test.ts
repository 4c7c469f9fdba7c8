// Grades worked out by hand for two departments over February and March 2026, with both presets.
//
// March. PHE (district A, L1 three calendar days): four grievances by four citizens, each resolved in a
// day; three closed satisfied, one refused by the citizen (reopened). A fifth, a repeat by the first
// citizen, resolved and refused too, is counted once: not at all, since its first is already counted.
// (Both refused ones are then withdrawn.)
// Energy (L1 24 working hours, no chain above): two grievances; one resolved in time and closed for no
// response; one left until its time ran out (a breach, to the command centre), then resolved and
// closed satisfied. February: one Energy grievance, resolved and closed satisfied.
//
// CM Helpline 181, PHE March:  satisfied closure 3/3 x 60 = 60; over 50 days none: 20; low quality
//   1 refused / 4 resolved: 10 x 0.75 = 7.5; not attended 0/4: 10. = 97.5. Penalties: refused 0.25
//   above 0.2: 5 x 0.05 / 0.8 = 0.3125; without proof 4/4 above 0.5: 5 x 0.5 / 0.5 = 5. = 92.1875, A.
// Energy March: 1/2 x 60 = 30; 20; 0/2 refused: 10; 1 breach / 2 assigned: 5. = 65; no proof: -5 = 60, B.
// Energy February: 60 + 20 + 10 + 10 - 5 = 95, A; so March moves -35, from A to B.
//
// GRAI, Energy March (dimension points 40/30/20/10): efficiency: in time 1/2, disposal 2/2 -> 40 x 0.75
//   = 30; feedback: satisfied 1/1 (weight 2), not refused 1 (weight 1) -> 30; domain: proof 0/2, old
//   cases none (full) -> 20 x 0.5 = 10; commitment: attended 1 - 1/2, transfers none (full) -> 10 x 0.75
//   = 7.5. = 77.5, B. PHE March: efficiency: in time 4/4, disposal 4/4 -> 40; feedback: satisfied 3/4
//   (weight 2), not refused 0.75 -> 30 x 0.75 = 22.5; domain 10; commitment 10. = 82.5, A.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { apiCaller, type Caller } from '../../test/principals.ts';
import type { Database } from '../db/index.ts';
import { createCategory } from '../directory/index.ts';
import { type Actor, transition } from '../grievances/index.ts';
import { saveRule } from '../routing/index.ts';
import { sweep } from '../sla/sweep.ts';
import type { GradeRow } from './grading.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const system: Actor = { kind: 'system', id: null };
const citizen: Actor = { kind: 'citizen', id: null };

describe.each(databases)('grading on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  let d: Deployment;
  let supervisor: Caller;
  const refused: string[] = [];

  beforeAll(async () => {
    database = await open();
    api = await startApi(database, '2026-02-10T04:30:00Z');
    d = await buildDeployment(api.deps);
    supervisor = await apiCaller(database, api.clock, 'supervisor', [{ role: 'supervisor' }]);
    const energy = await createCategory(database.db, {
      departmentId: d.otherDepartment.id,
      code: 'ENERGY-GRADING',
      name: { en: 'No power' },
      resolutionValue: 24,
      resolutionUnit: 'working_hours',
    });
    await saveRule(database.db, {
      categoryId: energy.id,
      placeId: d.district.id,
      steps: [{ level: 1, positionId: d.otherL1.id }],
    });
    const act = (ref: string, action: Parameters<typeof transition>[3], actor = system) =>
      transition(database.db, api.clock, ref, action, actor);
    const phone = (n: number) => ({ phone: `+9197000000${n}` });

    // February: one Energy grievance, resolved the next day and confirmed.
    const feb = await buildGrievance(api.deps, d, { categoryId: energy.id, citizen: phone(10) });
    api.clock.advance(DAY);
    await act(feb.reference, { type: 'resolve', note: 'Line restored' });
    await act(feb.reference, { type: 'close', reason: 'citizen_satisfied' }, citizen);

    // March.
    api.clock.set('2026-03-02T04:30:00Z');
    const phe = [];
    for (const n of [1, 2, 3, 4]) phe.push(await buildGrievance(api.deps, d, { citizen: phone(n) }));
    const repeat = await buildGrievance(api.deps, d, { citizen: phone(1) });
    const e1 = await buildGrievance(api.deps, d, { categoryId: energy.id, citizen: phone(11) });
    const e2 = await buildGrievance(api.deps, d, { categoryId: energy.id, citizen: phone(12) });
    api.clock.advance(DAY);
    for (const g of [...phe, repeat, e1]) await act(g.reference, { type: 'resolve', note: 'Done' });
    api.clock.advance(HOUR);
    for (const g of phe.slice(0, 3))
      await act(g.reference, { type: 'close', reason: 'citizen_satisfied' }, citizen);
    for (const g of [phe[3], repeat]) {
      await act(g?.reference as string, { type: 'reopen', note: 'Not repaired' }, citizen);
      // And gives up on it, so no clock runs out on it later.
      await act(g?.reference as string, { type: 'withdraw', note: 'Repaired it ourselves' }, citizen);
      refused.push(g?.reference as string);
    }
    // A week on: e1 closes for want of an answer; e2's time has long run out.
    api.clock.set('2026-03-09T04:30:00Z');
    await act(e1.reference, { type: 'close', reason: 'no_response' });
    await sweep(database.db, api.clock);
    api.clock.advance(HOUR);
    await act(e2.reference, { type: 'resolve', note: 'Done late' });
    await act(e2.reference, { type: 'close', reason: 'citizen_satisfied' }, citizen);
    // Graded on 20 April, as CM Helpline publishes.
    api.clock.set('2026-04-20T04:30:00Z');
  }, 300_000);
  afterAll(async () => {
    await api?.app.close();
    await database?.close();
  });

  const grades = async (query: string) => {
    const res = await api.raw.inject({ url: `/api/insight/grades?${query}`, headers: supervisor.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as GradeRow[];
  };
  const unit = (rows: GradeRow[], id: number) => rows.find((r) => r.key === String(id)) as GradeRow;

  it('grades departments by the CM Helpline 181 formula, line by line, with movement', async () => {
    const rows = await grades('formula=cmh181&month=2026-03&unit=department');
    const phe = unit(rows, d.department.id);
    const energy = unit(rows, d.otherDepartment.id);
    expect(phe.score).toBeCloseTo(92.1875, 9);
    expect(phe.grade).toBe('A');
    expect(phe.rank).toBe(1);
    expect(energy.score).toBeCloseTo(60, 9);
    expect(energy.grade).toBe('B');
    expect(energy.rank).toBe(2);
    const line = (r: GradeRow, key: string) => r.lines.find((l) => l.key === key);
    expect(line(phe, 'satisfied_closure')).toMatchObject({ numerator: 3, denominator: 3, points: 60 });
    expect(line(phe, 'satisfied_over50')).toMatchObject({ numerator: 0, denominator: 0, points: 20 });
    expect(line(phe, 'low_quality_closure')).toMatchObject({ numerator: 1, denominator: 4, points: 7.5 });
    expect(line(phe, 'refused_closures')?.points).toBeCloseTo(-0.3125, 9);
    expect(line(phe, 'no_proof')).toMatchObject({ numerator: 4, denominator: 4, points: -5 });
    expect(line(energy, 'not_attended')).toMatchObject({ numerator: 1, denominator: 2, points: 5 });
    // The repeat complaint counted once: PHE received four, not five.
    expect(phe.received).toBe(4);
    // February: Energy only, 95 and A; March moved down 35.
    expect(energy.previous).toEqual({ score: 95, grade: 'A', rank: 1 });
    expect(energy.movement).toBeCloseTo(-35, 9);
    expect(phe.previous).toBeNull();
  });

  it('explains a penalty with the grievances that caused it', async () => {
    const rows = await grades('formula=cmh181&month=2026-03&unit=department');
    const line = unit(rows, d.department.id).lines.find((l) => l.key === 'refused_closures');
    const res = await api.raw.inject({
      url: `/api/insight/grievances?figure=${line?.drill}&from=2026-03-01&to=2026-03-31&departmentId=${d.department.id}&repeatsExcluded=true`,
      headers: supervisor.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((i: { reference: string }) => i.reference)).toEqual([refused[0]]);
  });

  it('grades by the GRAI-style index, with volume groups', async () => {
    const rows = await grades('formula=grai&month=2026-03&unit=department');
    const phe = unit(rows, d.department.id);
    const energy = unit(rows, d.otherDepartment.id);
    expect(energy.score).toBeCloseTo(77.5, 9);
    expect(energy.grade).toBe('B');
    expect(phe.score).toBeCloseTo(82.5, 9);
    expect(phe.grade).toBe('A');
    // Both handled under 2,000 a year: ranked together in the small group.
    expect([phe.group, energy.group, phe.rank, energy.rank, phe.of]).toEqual(['small', 'small', 1, 2, 2]);
    expect(energy.yearlyReceived).toBe(3);
  });

  it('grades districts and officer positions, and takes a deployment’s own formula', async () => {
    const byDistrict = await grades(`formula=cmh181&month=2026-03&unit=place&depth=${d.district.depth}`);
    expect(byDistrict.map((r) => r.key)).toEqual([String(d.district.id)]);
    const byPosition = await grades('formula=cmh181&month=2026-03&unit=position');
    expect(unit(byPosition, d.chain[0]?.id as number).score).toBeCloseTo(92.1875, 9);
    const admin = await apiCaller(database, api.clock, 'admin', [{ role: 'admin' }]);
    const put = (body: object) =>
      api.raw.inject({
        method: 'PUT',
        url: '/api/insight/formulas/simple',
        headers: admin.headers,
        payload: body,
      });
    const formula = {
      name: { en: 'Satisfaction only' },
      indicators: [
        {
          key: 'satisfied',
          label: { en: 'Satisfied' },
          weight: 100,
          numerator: ['closed_satisfied'],
          denominator: ['closed'],
        },
      ],
      penalties: [],
      grades: [{ grade: 'A', min: 90 }],
      lowestGrade: 'B',
      uniqueOnly: false,
    };
    // What the shape cannot say is refused by a stable code per problem, at the field it concerns.
    const refused = async (body: object) => {
      const res = await put(body);
      expect(res.statusCode).toBe(400);
      return res.json().details.map((p: { field: string; code: string }) => [p.field, p.code]);
    };
    const [indicator] = formula.indicators as [(typeof formula.indicators)[0]];
    expect(await refused({ ...formula, indicators: [{ ...indicator, weight: 90 }] })).toEqual([
      ['indicators', 'formula_points_total'],
    ]);
    expect(
      await refused({
        ...formula,
        dimensions: [
          { key: 'feedback', label: { en: 'Feedback' }, weight: 100 },
          { key: 'speed', label: { en: 'Speed' }, weight: 0 },
        ],
        indicators: [indicator, { ...indicator, dimension: 'domain' }],
        grades: [...formula.grades, { grade: 'B', min: 50 }],
      }),
    ).toEqual([
      ['indicators[0].dimension', 'formula_dimension_missing'],
      ['indicators[1].dimension', 'formula_dimension_unknown'],
      ['dimensions[0]', 'formula_dimension_empty'],
      ['dimensions[1]', 'formula_dimension_empty'],
      ['indicators[1].key', 'formula_key_duplicate'],
      ['grades[1].grade', 'formula_grade_duplicate'],
    ]);
    // A line the schema refuses is named at its field by a code the screen can say: a key not written
    // as keys are (its own code, not the generic "not in the expected form"), nothing counted, a measure
    // that does not exist, a penalty naming no grievances to explain it. Never a 500.
    const line = { ...indicator, key: 'closed', weight: 0 };
    const { weight: _, ...asPenalty } = { ...line, threshold: 0.1, points: 5 };
    expect(
      await refused({
        ...formula,
        indicators: [indicator, { ...line, key: 'Closed-1' }, { ...line, key: 'none', numerator: [] }],
      }),
    ).toEqual([
      ['indicators.1.key', 'key_invalid'],
      ['indicators.2.numerator', 'too_few'],
    ]);
    // (Said once, not once for each measure it is not.)
    const unknown = await refused({
      ...formula,
      indicators: [indicator, { ...line, denominator: ['complaints'] }],
    });
    expect(unknown).toEqual([['indicators.1.denominator.0', 'not_allowed_value']]);
    expect(await refused({ ...formula, penalties: [asPenalty] })).toEqual([
      ['penalties.0.drill', 'required'],
    ]);
    expect((await put(formula)).statusCode).toBe(200);
    const simple = await grades('formula=simple&month=2026-03&unit=department');
    expect(unit(simple, d.otherDepartment.id)).toMatchObject({ score: 50, grade: 'B' });
    expect(unit(simple, d.department.id)).toMatchObject({ score: 100, grade: 'A' });
  });
});
