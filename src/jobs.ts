// Background work on pg-boss, in the same database as everything else: durable (a restart loses
// nothing), and on PostgreSQL shared by every app node without two running one job at once. Each job is
// a typed definition; every scheduled job is also run once at start so that whatever fell due while the
// service was down is done at once rather than at the next tick.

import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import PgBoss from 'pg-boss';
import { anonymiseExpired } from './access/data-protection.ts';
import { purgeExpiredSessions } from './access/sessions.ts';
import { pollConfiguredMailbox } from './channels/email/imap.ts';
import { purgeStaleParts } from './channels/sms/inbound.ts';
import type { Database } from './db/index.ts';
import type { Deps } from './deps.ts';
import { fillStandingLists } from './desk/outbound.ts';
import { closeUnconfirmed, foldOpenCounts } from './grievances/index.ts';
import { foldInsight, foldRatings, runDueReports } from './insight/index.ts';
import { sweep } from './sla/sweep.ts';

export interface JobDefinition {
  name: string;
  /** Cron expression (pg-boss evaluates it in UTC, once a minute at the finest). */
  cron: string;
  handler: (deps: Deps) => Promise<unknown>;
}

export const JOBS: JobDefinition[] = [
  {
    name: 'sla-sweep',
    cron: '* * * * *',
    handler: (deps) => sweep(deps.db, deps.clock, { reference: deps.reference }),
  },
  {
    name: 'close-unconfirmed',
    cron: '7 * * * *',
    handler: async (deps) => {
      const policy = await deps.db
        .selectFrom('sla_policy')
        .select('close_resolved_after_days')
        .executeTakeFirstOrThrow();
      return closeUnconfirmed(deps.db, deps.clock, policy.close_resolved_after_days);
    },
  },
  // The open-case counts' deltas folded into the counts (0014_open_counts.sql).
  { name: 'fold-open-counts', cron: '* * * * *', handler: (deps) => foldOpenCounts(deps.db) },
  // Insight's queued events and stock deltas folded into its rollups (0080_insight_rollups.sql).
  { name: 'fold-insight', cron: '* * * * *', handler: (deps) => foldInsight(deps.db) },
  // The citizens' ratings folded into their own rollups (0115_insight_ratings.sql).
  { name: 'fold-insight-ratings', cron: '* * * * *', handler: (deps) => foldRatings(deps.db) },
  // Scheduled reports that fell due, made and written to the outbox (src/insight/schedules.ts). The
  // link in the message starts with PUBLIC_URL, the address staff open the service at.
  {
    name: 'insight-reports',
    cron: '*/5 * * * *',
    handler: (deps) => runDueReports(deps.db, deps.clock, { baseUrl: process.env.PUBLIC_URL ?? '' }),
  },
  { name: 'retention', cron: '30 21 * * *', handler: (deps) => anonymiseExpired(deps.db, deps.clock) }, // 03:00 in India
  {
    name: 'purge-sessions',
    cron: '15 * * * *',
    handler: (deps) => purgeExpiredSessions(deps.db, deps.clock.now()),
  },
  // The desk's feedback calls on resolved grievances and callbacks asked for (src/desk/outbound.ts).
  {
    name: 'desk-outbound-fill',
    cron: '*/5 * * * *',
    handler: (deps) => fillStandingLists(deps.db, deps.clock.now()),
  },
  // The outbox's durable net: retries that fell due and claims whose lease ran out (src/notify/worker.ts;
  // new rows wake the worker at once by NOTIFY).
  {
    name: 'deliver-notifications',
    cron: '* * * * *',
    handler: async (deps) => (deps.delivery ? deps.delivery.run() : null),
  },
  // Inbound email read from a mailbox over IMAP, when EMAIL_IMAP_URL is set (src/channels/email/imap.ts);
  // a singleton, so two nodes never read the same mailbox at once.
  { name: 'poll-email', cron: '* * * * *', handler: (deps) => pollConfiguredMailbox(deps) },
  // Parts of long SMS whose other parts never came (src/channels/sms/inbound.ts).
  {
    name: 'purge-sms-parts',
    cron: '40 * * * *',
    handler: (deps) => purgeStaleParts(deps.db, deps.clock.now()),
  },
];

export interface JobRunner {
  /** Runs a job now (on whichever node's worker picks it up). */
  runNow(name: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startJobs(
  database: Database,
  deps: Deps,
  options: {
    schema?: string;
    log?: FastifyBaseLogger;
    jobs?: JobDefinition[];
    pollingIntervalSeconds?: number;
  } = {},
): Promise<JobRunner> {
  const jobs = options.jobs ?? JOBS;
  for (const job of jobs) {
    if (typeof job.handler !== 'function') throw new Error(`job ${job.name} has no handler`);
  }
  const boss = new PgBoss({
    db: { executeSql: (text, values) => database.executeSql(text, values) },
    schema: options.schema ?? 'pgboss',
    // Keep a fortnight of finished jobs for inspection; they are only timer ticks.
    deleteAfterDays: 14,
  });
  boss.on('error', (error) => options.log?.error({ err: error }, 'job queue error'));
  await boss.start();

  // Singleton: at most one run of each job is active across all nodes; ticks that arrive meanwhile
  // wait rather than run side by side. Two nodes starting together each attach the queues' partitions
  // to pg-boss's job table, and PostgreSQL found them deadlocked: they take turns.
  await oneNodeAtATime(database, async () => {
    for (const job of jobs) {
      await boss.createQueue(job.name, { name: job.name, policy: 'singleton' });
      await boss.schedule(job.name, job.cron);
    }
  });

  let inFlight = 0;
  for (const job of jobs) {
    await boss.work(job.name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async () => {
      const started = Date.now();
      inFlight++;
      try {
        const result = await job.handler(deps);
        // Every minute, for several jobs: at info it buried what a person should read. Debug shows it.
        options.log?.debug({ job: job.name, ms: Date.now() - started, result }, 'job done');
      } catch (error) {
        // pg-boss records the failure and retries at the next tick; the log is where a person sees it.
        options.log?.error({ err: error, job: job.name, ms: Date.now() - started }, 'job failed');
        throw error;
      } finally {
        inFlight--;
      }
    });
    await boss.send(job.name, {});
  }

  return {
    async runNow(name) {
      await boss.send(name, {});
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      // pg-boss can resolve before a handler that was mid-run has recorded its completion; let it, so
      // the database is not closed under it.
      for (let i = 0; i < 200 && inFlight > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      await new Promise((resolve) => setTimeout(resolve, 100));
    },
  };
}

const QUEUES_LOCK = 74_231_182; // arbitrary, constant: "CivicLine's nodes making pg-boss queues"

/** `work` on one node at a time (PostgreSQL); the embedded database has only one node. */
async function oneNodeAtATime(database: Database, work: () => Promise<void>) {
  if (database.kind !== 'postgres') return work();
  // A session lock, so taken and released on one pinned connection while pg-boss uses the others.
  await database.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${QUEUES_LOCK})`.execute(conn);
    try {
      await work();
    } finally {
      await sql`select pg_advisory_unlock(${QUEUES_LOCK})`.execute(conn);
    }
  });
}
