import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { audited } from '../access/audited.ts';
import type { Deps } from '../deps.ts';
import {
  Code,
  ErrorBody,
  errorResponses,
  I18nText,
  Id,
  IdParams,
  Latitude,
  Longitude,
  listOf,
  Nullable,
  NullableNumber,
  Paging,
} from '../http/schemas.ts';
import { nearestPlace } from './nearest.ts';
import {
  createPlace,
  getPlace,
  listPlaceLevels,
  listPlaces,
  placeLineage,
  setPlaceLevels,
  updatePlace,
} from './places.ts';

const Level = Type.Object({ depth: Type.Integer({ minimum: 1, maximum: 10 }), name: I18nText });
const Place = Type.Object({
  id: Type.Integer(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  depth: Type.Integer(),
  code: Type.String(),
  name: I18nText,
  path: Type.String(),
  active: Type.Boolean(),
  latitude: Nullable(Type.Number()),
  longitude: Nullable(Type.Number()),
});
const PlaceWithLineage = Type.Object({ place: Place, lineage: Type.Array(Place) });
/**
 * A representative point (headquarters, or the middle of a village or ward): both coordinates or
 * neither, checked in places.ts with a clear message. On a change, both null removes it.
 */
const point = {
  latitude: Type.Optional(
    NullableNumber({ minimum: -90, maximum: 90, description: 'Degrees north, WGS 84' }),
  ),
  longitude: Type.Optional(
    NullableNumber({ minimum: -180, maximum: 180, description: 'Degrees east, WGS 84' }),
  ),
};
const tags = ['places'];

export function placeRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/place-levels',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Names of the levels of the jurisdiction tree',
          response: { 200: Type.Array(Level) },
        },
      },
      async () => listPlaceLevels(deps.db),
    );
    app.put(
      '/api/place-levels',
      {
        config: { access: ['admin'] },
        schema: {
          tags,
          summary: 'Replace the level names (depth 1 is the root)',
          body: Type.Array(Level, { minItems: 1, maxItems: 10 }),
          response: { 200: Type.Array(Level), ...errorResponses },
        },
      },
      async (request) => audited(deps, request, (trx) => setPlaceLevels(trx, request.body)),
    );
    app.get(
      '/api/places',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'List places (children of a parent, at a depth, or matching text)',
          querystring: Type.Object(
            {
              parentId: Type.Optional(Id),
              depth: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
              q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
              ...Paging,
            },
            { additionalProperties: false },
          ),
          response: { 200: listOf(Place), ...errorResponses },
        },
      },
      async (request) => listPlaces(deps.db, request.query),
    );
    app.get(
      '/api/places/nearest',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'The place a point falls in: the nearest active place with a point, at the deepest level',
          description:
            "For placing a grievance from a phone's location or a tap on a map. Answers the nearest active " +
            'place at the deepest level with a point within 25 km (a village or ward where those have ' +
            'points), with its ancestors root first and the distance in metres; 404 when nothing is that ' +
            'close (the point is outside the area served).',
          querystring: Type.Object(
            { latitude: Latitude, longitude: Longitude },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ ...PlaceWithLineage.properties, distanceMetres: Type.Integer() }),
            400: ErrorBody,
            404: ErrorBody,
          },
        },
      },
      async (request) => nearestPlace(deps.db, request.query),
    );
    app.get(
      '/api/places/:id',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'A place with its ancestors (root first)',
          params: IdParams,
          response: { 200: PlaceWithLineage, ...errorResponses },
        },
      },
      async (request) => ({
        place: await getPlace(deps.db, request.params.id),
        lineage: await placeLineage(deps.db, request.params.id),
      }),
    );
    app.post(
      '/api/places',
      {
        config: { access: ['admin'] },
        schema: {
          tags,
          summary: 'Add a place under a parent (parentId null for the root)',
          body: Type.Object(
            {
              parentId: Nullable(Id),
              code: Code,
              name: I18nText,
              ...point,
            },
            { additionalProperties: false },
          ),
          response: { 201: Place, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await audited(
            deps,
            request,
            (trx) => createPlace(trx, request.body),
            (r) => ({ entityId: String(r.id) }),
          ),
        ),
    );
    app.patch(
      '/api/places/:id',
      {
        config: { access: ['admin'] },
        schema: {
          tags,
          summary: 'Rename, deactivate or move the point of a place',
          params: IdParams,
          body: Type.Object(
            {
              name: Type.Optional(I18nText),
              active: Type.Optional(Type.Boolean()),
              ...point,
            },
            { additionalProperties: false, minProperties: 1 },
          ),
          response: { 200: Place, ...errorResponses },
        },
      },
      async (request) => audited(deps, request, (trx) => updatePlace(trx, request.params.id, request.body)),
    );
  };
}
