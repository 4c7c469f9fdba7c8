// The map of grievances by place, and the boundaries a deployment uploads for it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { audited } from '../access/audited.ts';
import type { Deps } from '../deps.ts';
import { errorResponses, I18nText, Id, Nullable } from '../http/schemas.ts';
import { boundaries, grievanceMap, mapPoints, saveBoundaries } from './map.ts';
import { Day, READERS } from './routes.ts';

const tags = ['insight'];
const Point = Type.Object({
  reference: Type.String(),
  status: Type.String(),
  latitude: Type.Number(),
  longitude: Type.Number(),
});
const Cluster = Type.Object({
  latitude: Type.Number(),
  longitude: Type.Number(),
  count: Type.Integer(),
  south: Type.Number(),
  west: Type.Number(),
  north: Type.Number(),
  east: Type.Number(),
});
const PointFields = {
  from: Day,
  to: Day,
  departmentId: Type.Optional(Id),
  categoryId: Type.Optional(Id),
  zoom: Type.Integer({
    minimum: 0,
    maximum: 22,
    default: 6,
    description: "The map's zoom: past 2,000 points, they are clustered in cells of 1/8 of a tile",
  }),
  south: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
  west: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
  north: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
  east: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
};
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
            'The map of grievances: per place at one level, received and resolved in the period, pending now, and a point to draw it at; and the grievances with coordinates (one by one up to 2,000, else clustered by zoom); only what the caller may read',
          querystring: Type.Object({ ...PointFields, depth: Depth }, { additionalProperties: false }),
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
              points: Type.Array(Point),
              clusters: Type.Array(Cluster),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => grievanceMap(db, request.principal, clock.now(), request.query),
    );

    app.get(
      '/api/insight/map/points',
      {
        config: { access: [...READERS] },
        schema: {
          tags,
          summary:
            'The grievances with coordinates in a view of the map: one by one up to 2,000, else clustered in a grid by the zoom; only what the caller may read',
          querystring: Type.Object(PointFields, { additionalProperties: false }),
          response: {
            200: Type.Object({ points: Type.Array(Point), clusters: Type.Array(Cluster) }),
            ...errorResponses,
          },
        },
      },
      async (request) => mapPoints(db, request.principal, request.query),
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
          querystring: Type.Object(
            {
              depth: Type.Optional(
                Type.Integer({
                  minimum: 1,
                  maximum: 10,
                  description: 'Only places at this level match (3: districts); any level when absent',
                }),
              ),
            },
            { additionalProperties: false },
          ),
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
          (trx) => saveBoundaries(trx, clock.now(), request.body as never, request.query.depth),
          (r) => ({
            entity: 'insight_boundaries',
            data: { matched: r.matched, unmatched: r.unmatched.length },
          }),
        ),
    );
  };
}
