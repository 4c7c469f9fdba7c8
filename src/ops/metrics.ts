// Prometheus metrics: HTTP traffic per route, the open grievances by state (read at scrape time from the
// open-case rollup, so every node reports the same truth from the database), and Node's own process
// metrics.
import type { FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { DB } from '../db/schema.ts';

export function createMetrics(db: Kysely<DB>) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: 'civicline_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'civicline_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'civicline_grievances_open',
    help: 'Open grievances by state: registered (waiting to be routed), running (clock running), awaiting_info',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      // From the open-case rollup and its unfolded deltas (0014_open_counts.sql), never a count of the
      // grievances: a scrape every 15 s must not scan ten million rows.
      const { rows } = await sql<{ state: string; n: string }>`
        select state, sum(n) as n from (
          select state, n from grievance_open_counts
          union all
          select state, delta from grievance_open_count_deltas
        ) c group by state`.execute(db);
      this.reset();
      for (const state of ['registered', 'running', 'awaiting_info']) this.set({ state }, 0);
      for (const row of rows) this.set({ state: row.state }, Number(row.n));
    },
  });
  new Gauge({
    name: 'civicline_notifications_pending',
    help: 'Notifications waiting in the outbox',
    registers: [registry],
    async collect() {
      const row = await db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow();
      this.set(Number(row.n));
    },
  });

  return {
    registry,
    /** Records every response under its route pattern (never the raw URL, which would explode label counts). */
    install(app: FastifyInstance) {
      app.addHook('onResponse', async (request, reply) => {
        const route = request.routeOptions.url ?? 'unmatched';
        requests.inc({ method: request.method, route, status: String(reply.statusCode) });
        duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
      });
    },
  };
}
