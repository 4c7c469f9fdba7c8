import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../deps.ts';
import { Code, errorResponses, I18nText, Id, IdParams, listOf, Paging } from '../http/schemas.ts';
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
});
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
      async (request) => setPlaceLevels(deps.db, request.body),
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
      '/api/places/:id',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'A place with its ancestors (root first)',
          params: IdParams,
          response: { 200: Type.Object({ place: Place, lineage: Type.Array(Place) }), ...errorResponses },
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
            { parentId: Type.Union([Id, Type.Null()]), code: Code, name: I18nText },
            { additionalProperties: false },
          ),
          response: { 201: Place, ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await createPlace(deps.db, request.body)),
    );
    app.patch(
      '/api/places/:id',
      {
        config: { access: ['admin'] },
        schema: {
          tags,
          summary: 'Rename or deactivate a place',
          params: IdParams,
          body: Type.Object(
            { name: Type.Optional(I18nText), active: Type.Optional(Type.Boolean()) },
            { additionalProperties: false, minProperties: 1 },
          ),
          response: { 200: Place, ...errorResponses },
        },
      },
      async (request) => updatePlace(deps.db, request.params.id, request.body),
    );
  };
}
