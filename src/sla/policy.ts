// The deployment's reminder, closure and retention policy, and per-level resolution times of categories.

import type { Kysely } from 'kysely';
import type { DB, ResolutionUnit } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { invalid, notFound } from '../errors.ts';

export async function getPolicy(db: Kysely<DB>) {
  const row = await db
    .selectFrom('sla_policy')
    .select([
      'reminder_percents as reminderPercents',
      'close_resolved_after_days as closeResolvedAfterDays',
      'retention_years as retentionYears',
    ])
    .executeTakeFirstOrThrow();
  return row;
}

export async function setPolicy(
  db: Kysely<DB>,
  policy: { reminderPercents: number[]; closeResolvedAfterDays: number; retentionYears?: number },
) {
  const sorted = [...new Set(policy.reminderPercents)].sort((a, b) => a - b);
  if (sorted.length !== policy.reminderPercents.length)
    throw invalid('reminderPercents', 'each share may appear once', 'duplicate');
  await db
    .updateTable('sla_policy')
    .set({
      reminder_percents: sorted,
      close_resolved_after_days: policy.closeResolvedAfterDays,
      // Optional so that callers written before retention was configurable keep the current period.
      ...(policy.retentionYears !== undefined ? { retention_years: policy.retentionYears } : {}),
    })
    .execute();
  return getPolicy(db);
}

export async function listLevelTimes(db: Kysely<DB>, categoryId: number) {
  const category = await db
    .selectFrom('categories')
    .select('id')
    .where('id', '=', categoryId)
    .executeTakeFirst();
  if (!category) throw notFound('category', categoryId);
  return db
    .selectFrom('category_level_times')
    .select(['level', 'resolution_value as resolutionValue', 'resolution_unit as resolutionUnit'])
    .where('category_id', '=', categoryId)
    .orderBy('level')
    .execute();
}

/** Replaces a category's per-level times; levels without a row use the category's own time. */
export async function setLevelTimes(
  db: Kysely<DB>,
  categoryId: number,
  times: { level: number; resolutionValue: number; resolutionUnit: ResolutionUnit }[],
) {
  await listLevelTimes(db, categoryId);
  const levels = new Set(
    (await db.selectFrom('escalation_levels').select('level').execute()).map((l) => l.level),
  );
  const seen = new Set<number>();
  times.forEach((t, i) => {
    if (!levels.has(t.level))
      throw invalid(
        `[${i}].level`,
        `L${t.level} is not a configured escalation level`,
        'level_not_configured',
      );
    if (seen.has(t.level)) throw invalid(`[${i}].level`, `L${t.level} appears twice`, 'duplicate');
    seen.add(t.level);
  });
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('category_level_times').where('category_id', '=', categoryId).execute();
    if (times.length) {
      await trx
        .insertInto('category_level_times')
        .values(
          times.map((t) => ({
            category_id: categoryId,
            level: t.level,
            resolution_value: t.resolutionValue,
            resolution_unit: t.resolutionUnit,
          })),
        )
        .execute();
    }
  });
  return listLevelTimes(db, categoryId);
}
