// Public settings the web app needs before anyone signs in: today, the map a citizen places a
// grievance on (where its tiles come from, whom to credit, and the area the deployment covers).
// Nothing secret belongs here: anyone may read it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { MapConfig } from '../config.ts';
import type { Deps } from '../deps.ts';
import { Nullable } from '../http/schemas.ts';
import { placeBounds } from '../places/index.ts';

const Settings = Type.Object({
  map: Type.Object({
    tileUrl: Type.String({ description: 'Leaflet tile URL template, e.g. https://.../{z}/{x}/{y}.png' }),
    attribution: Type.String({ description: 'Credit for the tiles, as HTML with links' }),
    bounds: Nullable(
      Type.Object(
        { south: Type.Number(), west: Type.Number(), north: Type.Number(), east: Type.Number() },
        { description: 'The box around every place with a point: where the map opens' },
      ),
    ),
  }),
});

export function settingsRoutes(deps: Deps, map: MapConfig): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/settings',
      {
        config: { access: 'public' },
        schema: {
          tags: ['settings'],
          summary: 'Public settings for the web app (the map: tiles, credit, the area served)',
          response: { 200: Settings },
        },
      },
      async (_request, reply) => {
        // The same for everyone and rarely changed: a cheap phone on a slow network need not ask again.
        reply.header('cache-control', 'public, max-age=300');
        return { map: { ...map, bounds: await placeBounds(deps.db) } };
      },
    );
  };
}
