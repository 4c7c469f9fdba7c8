// Routing rules: (category, place) -> the chain of positions L1..Ln that handle it. A grievance is
// routed by the rule on the most specific place among its place and that place's ancestors.

import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { AppError, invalid, notFound } from '../errors.ts';

export interface RouteStep {
  level: number;
  positionId: number;
}

export interface RuleInput {
  categoryId: number;
  placeId: number;
  steps: RouteStep[];
}

/** The chain for a grievance of `categoryId` raised at `placeId`, or null when no rule covers it. */
export async function findRoute(db: Kysely<DB>, categoryId: number, placeId: number) {
  // The rule whose place contains the grievance's place (by path prefix) and is deepest in the tree.
  const { rows } = await sql<{ ruleId: number; placeId: number; level: number; positionId: number }>`
    with rule as (
      select r.id, r.place_id
      from routing_rules r
      join places rule_place on rule_place.id = r.place_id
      join places here on here.id = ${placeId}
      where r.category_id = ${categoryId}
        and here.path like rule_place.path || '%'
      order by rule_place.depth desc
      limit 1
    )
    select rule.id as "ruleId", rule.place_id as "placeId", s.level, s.position_id as "positionId"
    from rule
    join routing_rule_steps s on s.rule_id = rule.id
    order by s.level`.execute(db);
  const first = rows[0];
  if (!first) return null;
  return {
    ruleId: first.ruleId,
    placeId: first.placeId,
    steps: rows.map((r): RouteStep => ({ level: r.level, positionId: r.positionId })),
  };
}

async function ruleSteps(db: Kysely<DB>, ruleId: number): Promise<RouteStep[]> {
  return db
    .selectFrom('routing_rule_steps')
    .select(['level', 'position_id as positionId'])
    .where('rule_id', '=', ruleId)
    .orderBy('level')
    .execute();
}

/**
 * How many routing rules each category has. A category with none sends every grievance to the unrouted
 * queue, where it waits for a supervisor: the admin screen warns about those.
 */
export async function routingCoverage(db: Kysely<DB>) {
  const rows = await db
    .selectFrom('categories as c')
    .leftJoin('routing_rules as r', 'r.category_id', 'c.id')
    .select(['c.id as categoryId', (eb) => eb.fn.count<string>('r.id').as('rules')])
    .groupBy('c.id')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({ categoryId: r.categoryId, rules: Number(r.rules) }));
}

export async function listRules(db: Kysely<DB>, filter: { categoryId?: number; placeId?: number }) {
  let query = db
    .selectFrom('routing_rules')
    .select(['id', 'category_id as categoryId', 'place_id as placeId']);
  if (filter.categoryId !== undefined) query = query.where('category_id', '=', filter.categoryId);
  if (filter.placeId !== undefined) query = query.where('place_id', '=', filter.placeId);
  const rules = await query.orderBy('id').limit(1000).execute();
  const steps = rules.length
    ? await db
        .selectFrom('routing_rule_steps')
        .select(['rule_id', 'level', 'position_id as positionId'])
        .where(
          'rule_id',
          'in',
          rules.map((r) => r.id),
        )
        .orderBy('level')
        .execute()
    : [];
  return rules.map((r) => ({
    ...r,
    steps: steps.filter((s) => s.rule_id === r.id).map(({ level, positionId }) => ({ level, positionId })),
  }));
}

export async function getRule(db: Kysely<DB>, id: number) {
  const rule = await db
    .selectFrom('routing_rules')
    .select(['id', 'category_id as categoryId', 'place_id as placeId'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!rule) throw notFound('routing rule', id);
  return { ...rule, steps: await ruleSteps(db, id) };
}

/** Creates the rule for (category, place), or replaces its chain if one exists. */
export async function saveRule(db: Kysely<DB>, input: RuleInput) {
  return inTransaction(db, async (trx) => {
    await validateRule(trx, input);
    const existing = await trx
      .selectFrom('routing_rules')
      .select('id')
      .where('category_id', '=', input.categoryId)
      .where('place_id', '=', input.placeId)
      .forUpdate()
      .executeTakeFirst();
    const id =
      existing?.id ??
      (
        await trx
          .insertInto('routing_rules')
          .values({ category_id: input.categoryId, place_id: input.placeId })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    await trx.deleteFrom('routing_rule_steps').where('rule_id', '=', id).execute();
    await trx
      .insertInto('routing_rule_steps')
      .values(input.steps.map((s) => ({ rule_id: id, level: s.level, position_id: s.positionId })))
      .execute();
    return getRule(trx, id);
  });
}

export async function deleteRule(db: Kysely<DB>, id: number) {
  await getRule(db, id);
  await db.deleteFrom('routing_rules').where('id', '=', id).execute();
}

/**
 * A chain must start at L1, climb one level at a time, name each position once (no cycles), and use
 * active positions of the category's department at the level they stand for.
 */
async function validateRule(db: Kysely<DB>, input: RuleInput) {
  const [category, place] = await Promise.all([
    db
      .selectFrom('categories')
      .select(['id', 'department_id'])
      .where('id', '=', input.categoryId)
      .executeTakeFirst(),
    db.selectFrom('places').select('id').where('id', '=', input.placeId).executeTakeFirst(),
  ]);
  if (!category) throw invalid('categoryId', `category ${input.categoryId} does not exist`, 'does_not_exist');
  if (!place) throw invalid('placeId', `place ${input.placeId} does not exist`, 'does_not_exist');
  if (input.steps.length === 0) throw invalid('steps', 'give at least the L1 position', 'too_few');
  const seen = new Set<number>();
  input.steps.forEach((step, i) => {
    if (step.level !== i + 1)
      throw invalid(
        `steps[${i}].level`,
        `expected level ${i + 1}: levels start at 1 and ascend by one`,
        'out_of_order',
      );
    if (seen.has(step.positionId))
      throw invalid(
        `steps[${i}].positionId`,
        `position ${step.positionId} appears twice in the chain`,
        'duplicate',
      );
    seen.add(step.positionId);
  });
  const positions = await db
    .selectFrom('positions')
    .select(['id', 'level', 'department_id', 'active', 'is_nodal'])
    .where('id', 'in', [...seen])
    .execute();
  input.steps.forEach((step, i) => {
    const position = positions.find((p) => p.id === step.positionId);
    const field = `steps[${i}].positionId`;
    if (!position) throw invalid(field, `position ${step.positionId} does not exist`, 'does_not_exist');
    if (!position.active) throw invalid(field, `position ${step.positionId} is inactive`, 'inactive');
    // A department's nodal position may stand in at any step where no local position exists.
    if (position.level !== step.level && !position.is_nodal)
      throw invalid(
        field,
        `position ${step.positionId} is an L${position.level} position, not L${step.level} (only a nodal position may stand in at another level)`,
        'position_wrong_level',
      );
    if (position.department_id !== category.department_id) {
      throw new AppError(
        'validation_failed',
        `position ${step.positionId} belongs to another department than the category`,
        [{ field, message: "must belong to the category's department", code: 'position_other_department' }],
      );
    }
  });
}
