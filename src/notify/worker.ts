// Runs the delivery worker in this process. Three things start a pass (deliver.ts does the work):
//   - a NOTIFY from the trigger on notifications (0030_delivery.sql): a new row goes out within
//     milliseconds of its commit, on whichever nodes hear it first (SKIP LOCKED shares the rows);
//   - the pg-boss job `deliver-notifications` every minute (src/jobs.ts), the durable net: rows due
//     for a retry and rows whose lease ran out are claimed by it even if no wake-up was heard or this
//     process restarted meanwhile;
//   - a timer for the earliest retry due before the next tick, only to keep retries on time; losing
//     it (a restart) delays a retry to the next tick, never loses it.
// Passes never overlap in one process; a wake-up during a pass runs another after it.
import type { Listen } from '../db/index.ts';
import { currentSchema } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { claimableChannels, type DeliveryOptions, deliverDue, type PassResult } from './deliver.ts';

export interface DeliveryWorker {
  /** Starts a pass now (or right after the one running); resolves when the passes are done. */
  run(): Promise<PassResult | null>;
  close(): Promise<void>;
}

export async function startDelivery(
  deps: Pick<Deps, 'db' | 'clock'>,
  listen: Listen | null,
  options: DeliveryOptions,
): Promise<DeliveryWorker> {
  // Computed when used: the adapters may change while we run (src/channels/registry.ts).
  const channels = () => claimableChannels(options.adapters);
  let running: Promise<PassResult | null> | null = null;
  let again = false;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;

  const pass = async (): Promise<PassResult | null> => {
    let last: PassResult | null = null;
    do {
      again = false;
      try {
        last = await deliverDue(deps.db, deps.clock, options);
      } catch (error) {
        options.log?.error({ err: error }, 'delivery pass failed');
      }
    } while (again && !closed);
    await scheduleNextRetry();
    return last;
  };

  const run = () => {
    if (closed) return Promise.resolve(null);
    if (running) {
      again = true;
      return running;
    }
    running = pass().finally(() => {
      running = null;
    });
    return running;
  };

  const scheduleNextRetry = async () => {
    // No channel to deliver on: nothing is ever due here, and asking after every registration batch
    // was one statement in three on the embedded database.
    if (closed || channels.length === 0) return;
    const next = await deps.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.min('next_attempt_at').as('at'))
      .where('status', '=', 'pending')
      .where('channel', 'in', channels().length ? channels() : [''])
      .where('next_attempt_at', '>', deps.clock.now())
      .executeTakeFirst()
      .catch(() => undefined);
    const at = next?.at ? new Date(next.at) : null;
    if (timer) clearTimeout(timer);
    timer = null;
    if (!at) return;
    const wait = at.getTime() - deps.clock.now().getTime();
    if (wait > 60_000) return; // the minute tick will take it
    timer = setTimeout(() => void run(), Math.max(wait, 50));
    timer.unref();
  };

  let unlisten: (() => Promise<void>) | null = null;
  if (listen) {
    const schema = await currentSchema(deps.db);
    unlisten = await listen(`outbox_${schema}`, {
      message: () => void run(),
      // Anything written while the connection was down is picked up now.
      reconnected: () => void run(),
    });
  }

  return {
    run,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await unlisten?.();
      await running;
      for (const adapter of Object.values(options.adapters)) await adapter?.close?.();
    },
  };
}
