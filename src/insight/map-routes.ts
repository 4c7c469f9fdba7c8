// The map of grievances by place, and the boundaries a deployment uploads for it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { audited } from '../access/audited.ts';
import type { Deps } from '../deps.ts';
import { errorResponses, I18nText, Id, Nullable } from '../http/schemas.ts';
import { boundaries, grievanceMap, saveBoundaries } from './map.ts';
import { Day, READERS } from './routes.ts';

const tags = ['insight'];
const Depth = Type.Integer({
  minimum: 1,
  maximum: 10,
  default: 3,
  description: 'The place level (3: districts)',
});

export function mapRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  const { db, clock } = deps;
  return async (app) => {
    app.get(
      '/api/insight/map',
      {
        config: { access: [...READERS] },
        schema: {
          tags,
          summary:
            'The map of grievances: per place at one level, received and resolved in the period, pending now, and a point to draw it at; and the grievances with coordinates (at most 2,000); only what the caller may read',
          querystring: Type.Object(
            {
              from: Day,
              to: Day,
              depth: Depth,
              departmentId: Type.Optional(Id),
              categoryId: Type.Optional(Id),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              places: Type.Array(
                Type.Object({
                  id: Id,
                  name: I18nText,
                  latitude: Nullable(Type.Number()),
                  longitude: Nullable(Type.Number()),
                  received: Type.Integer(),
                  resolved: Type.Integer(),
                  pending: Type.Integer(),
                  slaCompliance: Nullable(Type.Number()),
                }),
              ),
              points: Type.Array(
                Type.Object({
                  reference: Type.String(),
                  status: Type.String(),
                  latitude: Type.Number(),
                  longitude: Type.Number(),
                }),
              ),
              truncated: Type.Boolean(),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => grievanceMap(db, request.principal, clock.now(), request.query),
    );

    app.get(
      '/api/insight/boundaries',
      {
        config: { access: [...READERS] },
        schema: {
          tags,
          summary: 'The uploaded boundaries of the places at one level, as a GeoJSON FeatureCollection',
          querystring: Type.Object({ depth: Depth }, { additionalProperties: false }),
        },
      },
      async (request) => boundaries(db, request.query.depth),
    );

    app.put(
      '/api/insight/boundaries',
      {
        config: { access: ['admin'] },
        // District boundaries of a state run to megabytes.
        bodyLimit: 50 * 1024 * 1024,
        schema: {
          tags,
          summary:
            "Upload place boundaries as a GeoJSON FeatureCollection of Polygons or MultiPolygons, each feature's properties.code naming its place; the map then draws a choropleth",
          body: Type.Object({
            type: Type.Literal('FeatureCollection'),
            features: Type.Array(
              Type.Object({
                type: Type.Literal('Feature'),
                geometry: Nullable(Type.Object({ type: Type.String() }, { additionalProperties: true })),
                properties: Nullable(Type.Record(Type.String(), Type.Unknown())),
              }),
              { maxItems: 100_000 },
            ),
          }),
          response: {
            200: Type.Object({ matched: Type.Integer(), unmatched: Type.Array(Type.String()) }),
            ...errorResponses,
          },
        },
      },
      async (request) =>
        audited(
          deps,
          request,
          (trx) => saveBoundaries(trx, clock.now(), request.body as never),
          (r) => ({
            entity: 'insight_boundaries',
            data: { matched: r.matched, unmatched: r.unmatched.length },
          }),
        ),
    );
  };
}
