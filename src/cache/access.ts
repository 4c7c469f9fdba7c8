// Who a request's credentials name, cached in the process. Resolving an API key or a session cookie
// took four round trips (the key or session, the account, its grants, its postings) on every request.
// Accounts, grants, postings, keys and sessions announce their changes on `access_changed_<schema>`
// (0009_reference_version.sql); each node drops this cache when it hears one, so a revoked key, an
// ended session or a withdrawn role stops working everywhere within the time a notification takes.
//
// Only the lookup is cached. Expiry is checked on every use, and "last used" is still written at most
// once a minute per key or session, in the background: a request never waits for that write.
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Principal } from '../access/principal.ts';
import { sha256 } from '../access/secrets.ts';
import {
  lookupApiKey,
  lookupSession,
  type SessionLookup,
  touchApiKey,
  touchSession,
} from '../access/sessions.ts';
import type { Listen } from '../db/index.ts';
import type { DB } from '../db/schema.ts';
import { memo } from './memo.ts';

const TOUCH_EVERY_MS = 60_000;

export interface AccessCache {
  apiKey(db: Kysely<DB>, now: Date, key: string): Promise<Principal | null>;
  session(db: Kysely<DB>, now: Date, token: string): Promise<SessionLookup | null>;
  clear(): void;
  close(): Promise<void>;
}

export async function startAccessCache(
  listen: Listen,
  schema: string,
  log?: FastifyBaseLogger,
): Promise<AccessCache> {
  const keys = memo<Awaited<ReturnType<typeof lookupApiKey>>>(10_000);
  const sessions = memo<SessionLookup | null>(100_000);
  // When each key or session was last marked used, as far as this node knows.
  const touched = new Map<string, number>();
  const clear = () => {
    keys.clear();
    sessions.clear();
  };
  const stop = await listen(`access_changed_${schema}`, { message: clear, reconnected: clear });
  const touchLater = (id: string, lastUsed: Date | null, now: Date, write: () => Promise<unknown>) => {
    const last = Math.max(touched.get(id) ?? 0, lastUsed?.getTime() ?? 0);
    if (now.getTime() - last <= TOUCH_EVERY_MS) return;
    touched.set(id, now.getTime());
    if (touched.size > 200_000) touched.clear();
    write().catch((error) => log?.warn({ err: error }, 'could not record that a credential was used'));
  };

  return {
    async apiKey(db, now, key) {
      const hash = sha256(key);
      const found = await keys.get(hash, () => lookupApiKey(db, hash));
      if (!found) return null;
      touchLater(`k${found.keyId}`, found.lastUsedAt, now, () => touchApiKey(db, found.keyId, now));
      return found.principal;
    },
    async session(db, now, token) {
      const hash = sha256(token);
      const found = await sessions.get(hash, () => lookupSession(db, hash));
      if (!found || found.expiresAt <= now) return null;
      touchLater(`s${hash}`, found.lastSeenAt, now, () => touchSession(db, hash, now));
      return found;
    },
    clear,
    close: stop,
  };
}
