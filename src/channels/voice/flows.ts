// Stored flows: versions of one flow per name; the active version is what new calls walk. A version is
// never changed once saved: a call walks the version it started on.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { defaultFlow } from './default-flow.ts';
import { type FlowDefinition, type FlowProblem, validateFlow } from './flow.ts';
import { LOOKUP_OUTCOMES } from './lookups.ts';
import { PROMPT_KEYS } from './prompts/catalogue.ts';

export const MAIN_FLOW = 'main';

export function checkFlow(flow: FlowDefinition): FlowProblem[] {
  return validateFlow(flow, { lookups: LOOKUP_OUTCOMES, prompts: PROMPT_KEYS });
}

/** The active version of a flow; the default flow is saved as version 1 the first time it is needed. */
export async function activeFlow(db: Kysely<DB>, now: Date, name = MAIN_FLOW) {
  const row = await savedActiveFlow(db, name);
  if (row) return row;
  const definition = defaultFlow();
  const inserted = await db
    .insertInto('ivr_flows')
    .values({
      name,
      version: 1,
      definition: JSON.stringify(definition),
      active: true,
      note: 'the default flow',
      created_by: null,
      created_at: now,
    })
    // Two first calls at once: the other one saved it.
    .onConflict((oc) => oc.doNothing())
    .returning(['id', 'version', 'definition'])
    .executeTakeFirst();
  if (inserted) return inserted;
  return db
    .selectFrom('ivr_flows')
    .select(['id', 'version', 'definition'])
    .where('name', '=', name)
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
}

/**
 * The active flow as saved, or null before the first one is: a read only, so what a cache shared by
 * every turn keeps is always committed (activeFlow's first default flow is written in the turn's own
 * transaction, which another turn cannot see until it commits, and which may still roll back).
 */
export async function savedActiveFlow(db: Kysely<DB>, name = MAIN_FLOW) {
  return (
    (await db
      .selectFrom('ivr_flows')
      .select(['id', 'version', 'definition'])
      .where('name', '=', name)
      .where('active', '=', true)
      .executeTakeFirst()) ?? null
  );
}

/** Saves a new version and makes it the active one, after validation; refuses a flow with problems. */
export async function saveFlow(
  db: Kysely<DB>,
  now: Date,
  input: { name?: string; definition: FlowDefinition; note?: string | null; createdBy?: number | null },
) {
  const problems = checkFlow(input.definition);
  if (problems.length)
    throw new AppError(
      'validation_failed',
      `the flow has ${problems.length} problem(s): ${problems[0]?.message}`,
      problems.map((p) => ({ field: p.node ? `nodes.${p.node}` : 'flow', message: p.message, code: p.code })),
    );
  const name = input.name ?? MAIN_FLOW;
  return inTransaction(db, async (trx) => {
    await activeFlow(trx, now, name);
    const last = await trx
      .selectFrom('ivr_flows')
      .select((eb) => eb.fn.max('version').as('version'))
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('ivr_flows')
      .set({ active: false })
      .where('name', '=', name)
      .where('active', '=', true)
      .execute();
    return trx
      .insertInto('ivr_flows')
      .values({
        name,
        version: Number(last.version ?? 0) + 1,
        definition: JSON.stringify(input.definition),
        active: true,
        note: input.note ?? null,
        created_by: input.createdBy ?? null,
        created_at: now,
      })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
  });
}

/** Every version of a flow, newest first, with who saved it. */
export async function flowVersions(db: Kysely<DB>, name = MAIN_FLOW) {
  const rows = await db
    .selectFrom('ivr_flows as f')
    .leftJoin('users as u', 'u.id', 'f.created_by')
    .select(['f.id', 'f.version', 'f.active', 'f.note', 'f.created_at', 'u.name as createdBy'])
    .where('f.name', '=', name)
    .orderBy('f.version', 'desc')
    .limit(100)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    active: r.active,
    note: r.note,
    createdBy: r.createdBy ?? null,
    createdAt: r.created_at.toISOString(),
  }));
}
