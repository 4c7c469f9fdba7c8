// Escalation levels L1..Ln. How many there are is a deployment decision, so it is data.

import type { Kysely } from 'kysely';
import type { DB, I18nText } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { invalid, refusal } from '../errors.ts';

export async function listEscalationLevels(db: Kysely<DB>) {
  return db.selectFrom('escalation_levels').select(['level', 'name']).orderBy('level').execute();
}

/** Replaces the levels. They run 1..n; a level that positions still use cannot be removed. */
export async function setEscalationLevels(db: Kysely<DB>, levels: { level: number; name: I18nText }[]) {
  levels.forEach((l, i) => {
    if (l.level !== i + 1)
      throw invalid(
        `levels[${i}].level`,
        `expected ${i + 1}: levels run 1, 2, 3... in order`,
        'out_of_order',
      );
  });
  return inTransaction(db, async (trx) => {
    const highest = await trx
      .selectFrom('positions')
      .select(trx.fn.max('level').as('max'))
      .executeTakeFirst();
    if ((highest?.max ?? 0) > levels.length) {
      throw refusal(
        'conflict',
        'levels_in_use',
        `positions exist at level ${highest?.max}; keep at least that many levels`,
      );
    }
    await trx.deleteFrom('escalation_levels').where('level', '>', levels.length).execute();
    for (const l of levels) {
      await trx
        .insertInto('escalation_levels')
        .values({ level: l.level, name: JSON.stringify(l.name) })
        .onConflict((oc) => oc.column('level').doUpdateSet({ name: JSON.stringify(l.name) }))
        .execute();
    }
    return listEscalationLevels(trx);
  });
}
