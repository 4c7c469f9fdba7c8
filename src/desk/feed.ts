// The desk on one app node: it hears every queue change on `call_queue_<schema>` (a call queued by the
// IVR or a PBX, offered, answered, ended; from this node or any other), routes waiting calls to free
// agents, and tells the open desk screens: an agent hears of the calls offered to them, supervisors of
// every change (their wallboard reads the figures again).
//
// Every node does this at once: routing takes calls and agents FOR UPDATE SKIP LOCKED (routing.ts), so
// the nodes share the work without offering a call twice. A nudge every few seconds catches offers that
// rang out and anything announced while a node's connection was down.
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Listen } from '../db/index.ts';
import { currentSchema } from '../db/index.ts';
import type { DB } from '../db/schema.ts';
import { deskTick } from './routing.ts';

export interface DeskViewer {
  userId: number;
  supervisor: boolean;
  send(event: 'call' | 'changed', data: unknown): void;
}

export interface DeskFeed {
  watch(viewer: DeskViewer): () => void;
  /** Route now (after an agent becomes free, say), and tell the screens. */
  nudge(): Promise<void>;
  close(): Promise<void>;
}

export async function startDeskFeed(
  db: Kysely<DB>,
  clock: Clock,
  listen: Listen,
  options: { log?: FastifyBaseLogger; nudgeMs?: number } = {},
): Promise<DeskFeed> {
  const viewers = new Set<DeskViewer>();
  const schema = await currentSchema(db);

  // One tick at a time on this node; requests for another while one runs fold into one more.
  let running: Promise<void> | null = null;
  let again = false;
  const tick = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await deskTick(db, clock.now());
      } while (again);
    })()
      .catch((error) => options.log?.error({ err: error }, 'the desk could not route calls'))
      .finally(() => {
        running = null;
      });
    return running;
  };

  const tell = async (payload: string) => {
    const callId = callIn(payload);
    if (callId === null || viewers.size === 0) return;
    const call = await db
      .selectFrom('calls')
      .select(['id', 'state', 'agent_user_id as agentUserId', 'queue_id as queueId'])
      .where('id', '=', callId)
      .executeTakeFirst();
    if (!call) return;
    for (const viewer of viewers) {
      if (viewer.supervisor) viewer.send('changed', { callId: call.id, queueId: call.queueId });
      if (call.agentUserId === viewer.userId) viewer.send('call', { callId: call.id, state: call.state });
    }
  };

  const stop = await listen(`call_queue_${schema}`, {
    message: (payload) => {
      tick()
        .then(() => tell(payload))
        .catch((error) => options.log?.error({ err: error }, 'the desk feed could not tell the screens'));
    },
    reconnected: () => {
      void tick();
    },
  });
  const timer = setInterval(() => void tick(), options.nudgeMs ?? 5_000);
  timer.unref();

  return {
    watch(viewer) {
      viewers.add(viewer);
      return () => viewers.delete(viewer);
    },
    nudge: tick,
    async close() {
      clearInterval(timer);
      await running;
      await stop();
    },
  };
}

function callIn(payload: string): number | null {
  try {
    const parsed = JSON.parse(payload) as { callId?: unknown };
    return Number.isSafeInteger(parsed.callId) ? (parsed.callId as number) : null;
  } catch {
    return null;
  }
}
