import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import { sameText } from '../access/secrets.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import type { createMetrics } from './metrics.ts';

export function opsRoutes(
  deps: Deps,
  metrics: ReturnType<typeof createMetrics>,
  options: { metricsToken?: string | null } = {},
): FastifyPluginAsyncTypebox {
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
    // Metrics say how busy each route is and how many grievances stand where: not for the public. They
    // are served only when METRICS_TOKEN is set, to a scraper that sends it as a bearer token.
    const token = options.metricsToken;
    if (token)
      app.get(
        '/metrics',
        {
          config: { ownCredentials: true },
          schema: {
            tags: ['ops'],
            summary: 'Prometheus metrics (Authorization: Bearer METRICS_TOKEN)',
            hide: true,
          },
        },
        async (request, reply) => {
          const given = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
          if (!sameText(given, token))
            throw new AppError('unauthenticated', 'send the metrics token as Authorization: Bearer <token>');
          reply.header('content-type', metrics.registry.contentType);
          return metrics.registry.metrics();
        },
      );
  };
}
