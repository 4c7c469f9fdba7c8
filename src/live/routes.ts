// GET /api/live: Server-Sent Events for the workbench, the supervisor's queues and the citizen's page.
// One stream per open screen; the feed decides what each may hear. Every heartbeat re-checks the
// caller, so a signed-out session, a revoked key or a withdrawn role stops (or narrows) the stream
// within one beat instead of listening on for hours.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { currentPrincipal } from '../access/plugin.ts';
import type { Deps } from '../deps.ts';
import type { LiveChange, LiveFeed, Viewer } from './feed.ts';

export function liveRoutes(
  deps: Deps,
  feed: LiveFeed,
  options: { heartbeatMs?: number } = {},
): FastifyPluginAsyncTypebox {
  // Under the 30-60 s idle timeouts of common proxies and load balancers.
  const heartbeatMs = options.heartbeatMs ?? 25_000;
  const open = new Set<() => void>();

  return async (app) => {
    // Streams never finish by themselves: end them first, or closing the server waits for them.
    app.addHook('preClose', async () => {
      for (const end of open) end();
    });

    app.get(
      '/api/live',
      {
        config: { access: 'signed-in' },
        schema: {
          tags: ['live'],
          summary:
            'Changes to the grievances the caller may see, as they happen (Server-Sent Events: `changes` with [{reference, status, level, updatedAt}]; `resync` when the caller should read everything again; `ended` when the session is over)',
        },
      },
      (request, reply) => {
        reply.hijack();
        const res = reply.raw;
        // The security headers already set for this request, then the stream's own.
        for (const [name, value] of Object.entries(reply.getHeaders()))
          if (value !== undefined) res.setHeader(name, value);
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-accel-buffering': 'no', // nginx: pass events on at once rather than buffer them
        });
        // A browser whose stream breaks reconnects by itself after this long.
        res.write('retry: 5000\n\n');
        const write = (event: string, data: unknown) =>
          res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

        const viewer: Viewer = {
          principal: request.principal,
          send: (changes: LiveChange[]) => write('changes', changes),
          resync: () => write('resync', {}),
        };
        const unwatch = feed.watch(viewer);
        const end = () => {
          clearInterval(beat);
          unwatch();
          open.delete(end);
          res.end();
        };
        const beat = setInterval(async () => {
          const principal = await currentPrincipal(deps, request).catch(() => viewer.principal);
          if (!principal) {
            write('ended', { message: 'your session has ended; sign in again' });
            end();
            return;
          }
          viewer.principal = principal;
          res.write(': keep-alive\n\n');
        }, heartbeatMs);
        open.add(end);
        request.raw.on('close', end);
      },
    );
  };
}
