// The live feed of one app node: it hears every grievance change announced on the database (by this
// node or any other; see grievances/announce.ts) and passes each viewer the changes they may read.
// Nodes behind a load balancer stay consistent because the database, not the node, is the source.
//
// Viewers get the reference, status and level and nothing else: their screen reads the grievance again
// through the API, where the usual rules (anonymity, audit of personal data) apply.
import type { FastifyBaseLogger } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { Principal } from '../access/principal.ts';
import type { Listen } from '../db/index.ts';
import type { DB, Status } from '../db/schema.ts';
import { canRead, changesChannel, SCOPE_COLUMNS } from '../grievances/index.ts';

export interface LiveChange {
  reference: string;
  status: Status;
  level: number | null;
  updatedAt: Date;
}

export interface Viewer {
  /** Replaced when the stream re-checks who is watching (a role granted or withdrawn meanwhile). */
  principal: Principal;
  send(changes: LiveChange[]): void;
  /** Changes may have been missed (the database connection dropped): read everything again. */
  resync(): void;
}

export interface LiveFeed {
  watch(viewer: Viewer): () => void;
  viewers(): number;
  close(): Promise<void>;
}

export async function startLiveFeed(
  db: Kysely<DB>,
  listen: Listen,
  log?: FastifyBaseLogger,
): Promise<LiveFeed> {
  const viewers = new Set<Viewer>();
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema ?? 'public';

  const deliver = async (payload: string) => {
    if (viewers.size === 0) return;
    const { ids, staffOnly } = parse(payload);
    if (ids.length === 0) return;
    const changed = await db
      .selectFrom('grievances as g')
      .innerJoin('places as pl', 'pl.id', 'g.place_id')
      .select(['g.reference', 'g.status', 'g.level', 'g.updated_at as updatedAt', ...SCOPE_COLUMNS])
      .where('g.id', 'in', ids)
      .execute();
    for (const viewer of viewers) {
      // A change only staff can see (an internal note) is not even mentioned to anyone else.
      if (staffOnly && viewer.principal.kind !== 'staff' && viewer.principal.kind !== 'api') continue;
      const visible = changed
        .filter((g) => canRead(viewer.principal, g))
        .map((g) => ({ reference: g.reference, status: g.status, level: g.level, updatedAt: g.updatedAt }));
      if (visible.length) viewer.send(visible);
    }
  };

  const stop = await listen(changesChannel(schema), {
    message: (payload) => {
      deliver(payload).catch((error) => log?.error({ err: error }, 'live feed could not deliver a change'));
    },
    reconnected: () => {
      log?.warn('live feed reconnected to the database; viewers are told to read again');
      for (const viewer of viewers) viewer.resync();
    },
  });

  return {
    watch(viewer) {
      viewers.add(viewer);
      return () => viewers.delete(viewer);
    },
    viewers: () => viewers.size,
    close: stop,
  };
}

/** The ids in an announcement and whether only staff may hear of it; anything else is ignored. */
function parse(payload: string): { ids: number[]; staffOnly: boolean } {
  try {
    const parsed = JSON.parse(payload) as { ids?: unknown; staffOnly?: unknown };
    return {
      ids: Array.isArray(parsed.ids) ? parsed.ids.filter((id): id is number => Number.isSafeInteger(id)) : [],
      staffOnly: parsed.staffOnly === true,
    };
  } catch {
    return { ids: [], staffOnly: false };
  }
}
