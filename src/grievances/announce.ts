// Tells every app node that grievances changed, so the people looking at them see it at once (the live
// feed, src/live/). A NOTIFY sent inside the business transaction is delivered only if that
// transaction commits, and only after it does, so nobody hears of a change that did not happen or
// reads before it is visible.
//
// The message carries ids only. Each node looks the grievances up and decides per viewer what they may
// see, so no personal data travels on the channel and the access rules stay in one place.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

/** The channel is named for the schema: deployments (and test runs) sharing one server stay apart. */
export const changesChannel = (schema: string) => `grievance_changes_${schema}`;

// A NOTIFY payload must stay under 8000 bytes: 500 ids of up to 12 digits is about 6.5 kB.
const IDS_PER_MESSAGE = 500;

/**
 * `staffOnly` marks a change only staff can see (an internal note): the feed passes it to staff alone,
 * so a citizen watching their grievance cannot even tell from the timing that staff wrote something.
 */
export async function announceChanges(
  trx: Kysely<DB>,
  ids: number[],
  options: { staffOnly?: boolean } = {},
): Promise<void> {
  for (let i = 0; i < ids.length; i += IDS_PER_MESSAGE) {
    const payload = JSON.stringify({
      ids: ids.slice(i, i + IDS_PER_MESSAGE),
      ...(options.staffOnly ? { staffOnly: true } : {}),
    });
    await sql`select pg_notify('grievance_changes_' || current_schema(), ${payload})`.execute(trx);
  }
}
