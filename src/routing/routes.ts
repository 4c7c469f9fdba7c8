import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { audited } from '../access/audited.ts';
import { STAFF } from '../access/roles.ts';
import type { Deps } from '../deps.ts';
import { errorResponses, Id, IdParams } from '../http/schemas.ts';
import { deleteRule, findRoute, getRule, listRules, routingCoverage, saveRule } from './rules.ts';

const Step = Type.Object({ level: Type.Integer({ minimum: 1, maximum: 10 }), positionId: Id });
const Rule = Type.Object({
  id: Type.Integer(),
  categoryId: Type.Integer(),
  placeId: Type.Integer(),
  steps: Type.Array(Step),
});
const tags = ['routing'];

export function routingRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/routing-rules',
      {
        config: { access: STAFF },
        schema: {
          tags,
          summary: 'List routing rules',
          querystring: Type.Object(
            { categoryId: Type.Optional(Id), placeId: Type.Optional(Id) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Array(Rule), ...errorResponses },
        },
      },
      async (request) => listRules(deps.db, request.query),
    );
    app.get(
      '/api/routing-rules/coverage',
      {
        config: { access: STAFF },
        schema: {
          tags,
          summary:
            'How many routing rules each category has (a category with none leaves its grievances unrouted)',
          response: {
            200: Type.Array(Type.Object({ categoryId: Type.Integer(), rules: Type.Integer() })),
            ...errorResponses,
          },
        },
      },
      async () => routingCoverage(deps.db),
    );
    app.get(
      '/api/routing-rules/resolve',
      {
        config: { access: STAFF },
        schema: {
          tags,
          summary: 'Which chain would handle a grievance of this category at this place',
          querystring: Type.Object({ categoryId: Id, placeId: Id }, { additionalProperties: false }),
          response: {
            200: Type.Union([
              Type.Object({ ruleId: Type.Integer(), placeId: Type.Integer(), steps: Type.Array(Step) }),
              Type.Null(),
            ]),
            ...errorResponses,
          },
        },
      },
      async (request) => findRoute(deps.db, request.query.categoryId, request.query.placeId),
    );
    app.get(
      '/api/routing-rules/:id',
      {
        config: { access: STAFF },
        schema: {
          tags,
          summary: 'A routing rule',
          params: IdParams,
          response: { 200: Rule, ...errorResponses },
        },
      },
      async (request) => getRule(deps.db, request.params.id),
    );
    app.put(
      '/api/routing-rules',
      {
        config: { access: ['admin'] },
        schema: {
          tags,
          summary: 'Create the rule for (category, place) or replace its chain',
          description:
            "The chain starts at L1 and climbs one level at a time; each position once, active, of the category's department, at its own level.",
          body: Type.Object(
            { categoryId: Id, placeId: Id, steps: Type.Array(Step, { minItems: 1, maxItems: 10 }) },
            { additionalProperties: false },
          ),
          response: { 200: Rule, ...errorResponses },
        },
      },
      async (request) => audited(deps, request, (trx) => saveRule(trx, request.body)),
    );
    app.delete(
      '/api/routing-rules/:id',
      {
        config: { access: ['admin'] },
        schema: {
          tags,
          summary: 'Delete a routing rule',
          params: IdParams,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await audited(deps, request, (trx) => deleteRule(trx, request.params.id));
        return reply.status(204).send(null);
      },
    );
  };
}
