import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import type { Deps } from '../deps.ts';
import type { createMetrics } from './metrics.ts';

export function opsRoutes(deps: Deps, metrics: ReturnType<typeof createMetrics>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/health',
      {
        schema: {
          tags: ['ops'],
          summary: 'Liveness and database reachability',
          response: {
            200: Type.Object({ status: Type.Literal('ok'), database: Type.Literal('ok') }),
            503: Type.Object({ status: Type.String(), database: Type.String() }),
          },
        },
      },
      async (_request, reply) => {
        try {
          await sql`select 1`.execute(deps.db);
          return { status: 'ok' as const, database: 'ok' as const };
        } catch {
          return reply.status(503).send({ status: 'unavailable', database: 'unreachable' });
        }
      },
    );
    app.get(
      '/metrics',
      { schema: { tags: ['ops'], summary: 'Prometheus metrics', hide: true } },
      async (_request, reply) => {
        reply.header('content-type', metrics.registry.contentType);
        return metrics.registry.metrics();
      },
    );
  };
}
