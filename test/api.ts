// An app on a test database, driven with `app.inject` (no sockets), with a clock the test controls.
// `app` calls as a super-user integration (every role, everywhere) so tests of features need not sign
// in; the access tests use `raw` and real sign-ins.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { createApiClient } from '../src/access/users.ts';
import { buildApp } from '../src/app.ts';
import type { UploadCap } from '../src/attachments/cap.ts';
import type { Open311Config } from '../src/channels/open311/index.ts';
import type { ChannelRegistry } from '../src/channels/registry.ts';
import { manualClock } from '../src/clock.ts';
import type { Database } from '../src/db/index.ts';
import type { Deps } from '../src/deps.ts';

export interface TestApp {
  inject(options: InjectOptions): Promise<Awaited<ReturnType<FastifyInstance['inject']>>>;
  close(): Promise<void>;
}

export async function startApi(
  database: Database,
  start = '2026-03-02T04:30:00Z',
  options: {
    rateLimit?: boolean;
    trustProxy?: string[] | false;
    metricsToken?: string;
    uploadCap?: UploadCap;
    /** The channel adapters the routes see (delivery reports, channel settings). */
    channels?: ChannelRegistry;
    /** The Open311 endpoint's jurisdiction and language. */
    open311?: Open311Config;
  } = {},
) {
  const clock = manualClock(start);
  const deps: Deps = {
    db: database.db,
    clock,
    uploadCap: options.uploadCap,
    ...(options.channels ? { channels: options.channels } : {}),
  };
  const raw = await buildApp(deps, {
    rateLimit: options.rateLimit ?? false,
    trustProxy: options.trustProxy,
    metricsToken: options.metricsToken,
    cookieSecure: false,
    listen: database.listen,
    ...(options.open311 ? { open311: options.open311 } : {}),
  });
  await raw.ready();
  const superUser = await createApiClient(database.db, clock, {
    dangerousScope: true,
    name: `test super-user ${Math.random()}`,
    grants: ['admin', 'auditor', 'supervisor', 'agent', 'nodal_officer', 'intake'].map((role) => ({
      role: role as 'admin',
    })),
  });
  const app: TestApp = {
    inject: (opts) =>
      raw.inject({ ...opts, headers: { authorization: `Bearer ${superUser.key}`, ...(opts.headers ?? {}) } }),
    close: () => raw.close(),
  };
  return { app, raw, deps, clock };
}
