// Data protection: personal data in closed grievances is removed after the retention period (the
// statistics stay: category, place, department, dates, status), and a citizen can have everything the
// helpline holds about them.
import { type Kysely, sql } from 'kysely';
import { citizenUploads, purgeAnonymised } from '../attachments/index.ts';
import type { Clock } from '../clock.ts';
import type { DB } from '../db/schema.ts';

const REMOVED = '[removed after the retention period]';

/** Grievances anonymised per transaction: a backlog (the first run after years) goes in short steps. */
const RETENTION_BATCH = 5_000;

export async function anonymiseExpired(
  db: Kysely<DB>,
  clock: Clock,
  { batch = RETENTION_BATCH }: { batch?: number } = {},
): Promise<number> {
  const now = clock.now();
  const policy = await db.selectFrom('sla_policy').select('retention_years').executeTakeFirstOrThrow();
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - policy.retention_years);
  let anonymised = 0;
  for (;;) {
    // Found through grievances_retention (0145). The statuses are written out, not bound: a generic
    // plan for bound ones could not use that partial index.
    const count = await db.transaction().execute(async (trx) => {
      const rows = await trx
        .updateTable('grievances')
        .set({
          citizen_id: null,
          subject: REMOVED,
          description: REMOVED,
          address: null,
          reporter_name: null,
          latitude: null,
          longitude: null,
          details: '{}',
          anonymised_at: now,
        })
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('grievances')
            .select('id')
            .where(sql<boolean>`status in ('closed', 'rejected')`)
            .where('closed_at', '<', cutoff)
            .where('anonymised_at', 'is', null)
            .limit(batch),
        )
        .returning('id')
        .execute();
      // Their photos and documents go too, in the same transaction (the record that a file was given
      // stays).
      await purgeAnonymised(
        trx,
        now,
        rows.map((r) => r.id),
      );
      return rows.length;
    });
    anonymised += count;
    if (count < batch) break;
  }
  // Contacts older than the period lose their summaries too, in steps as the grievances do, found
  // through interactions_retention (0146): only those that still have one.
  for (;;) {
    const { numUpdatedRows } = await db
      .updateTable('interactions')
      .set({ summary: null })
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('interactions')
          .select('id')
          .where('started_at', '<', cutoff)
          .where('summary', 'is not', null)
          .limit(batch),
      )
      .executeTakeFirst();
    if (Number(numUpdatedRows) < batch) break;
  }
  return anonymised;
}

/** Everything held about one citizen, for a data-access request. */
export async function exportCitizenData(db: Kysely<DB>, citizenId: number) {
  const citizen = await db
    .selectFrom('citizens')
    .select([
      'phone',
      'name',
      'language',
      'address',
      'phone_verified_at as phoneVerifiedAt',
      'email',
      'email_verified_at as emailVerifiedAt',
      'created_at as createdAt',
    ])
    .where('id', '=', citizenId)
    .executeTakeFirstOrThrow();
  const grievances = await db
    .selectFrom('grievances')
    .select([
      'id',
      'reference',
      'status',
      'channel',
      'subject',
      'description',
      'address',
      'latitude',
      'longitude',
      'details',
      'anonymous',
      'created_at as createdAt',
      'closed_at as closedAt',
    ])
    .where('citizen_id', '=', citizenId)
    .orderBy('created_at')
    .execute();
  const events = grievances.length
    ? await db
        .selectFrom('grievance_events')
        .select(['grievance_id', 'at', 'kind', 'to_status as toStatus', 'note'])
        .where(
          'grievance_id',
          'in',
          grievances.map((g) => g.id),
        )
        .where('public', '=', true)
        .orderBy('id')
        .execute()
    : [];
  const attachments = await citizenUploads(
    db,
    grievances.map((g) => g.id),
  );
  const interactions = await db
    .selectFrom('interactions')
    .select(['channel', 'direction', 'summary', 'started_at as startedAt', 'ended_at as endedAt'])
    .where('citizen_id', '=', citizenId)
    .orderBy('started_at')
    .execute();
  return {
    citizen,
    grievances: grievances.map(({ id, ...g }) => ({
      ...g,
      history: events.filter((e) => e.grievance_id === id).map(({ grievance_id: _, ...e }) => e),
      attachments: attachments.filter((a) => a.grievance_id === id).map(({ grievance_id: _, ...a }) => a),
    })),
    interactions,
  };
}
