// The command-and-control wall's one read: today's intake, overdue by department, hotspots, the oldest
// open cases; the screen reads it again when the live feed reports a change it may see.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../deps.ts';
import { DateTime, errorResponses, I18nText, Id, Nullable } from '../http/schemas.ts';
import { READERS } from './routes.ts';
import { HOTSPOT_DEFAULTS, wall } from './wall.ts';

const ByChannel = Type.Array(Type.Object({ channel: Type.String(), n: Type.Integer() }));

export function wallRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  const { db, clock } = deps;
  return async (app) => {
    app.get(
      '/api/insight/wall',
      {
        config: { access: [...READERS] },
        schema: {
          tags: ['insight'],
          summary:
            "The command-and-control wall: today's registrations and contacts by channel, overdue by department, hotspots (a place's sudden rise in one category against its own baseline), the oldest open cases; only what the caller may read, and never a grievance's text or who raised it",
          querystring: Type.Object(
            {
              depth: Type.Integer({ minimum: 1, maximum: 10, default: HOTSPOT_DEFAULTS.depth }),
              days: Type.Integer({ minimum: 1, maximum: 31, default: HOTSPOT_DEFAULTS.days }),
              baselineDays: Type.Integer({
                minimum: 7,
                maximum: 365,
                default: HOTSPOT_DEFAULTS.baselineDays,
              }),
              minCount: Type.Integer({ minimum: 1, maximum: 10_000, default: HOTSPOT_DEFAULTS.minCount }),
              ratio: Type.Number({ minimum: 1, maximum: 100, default: HOTSPOT_DEFAULTS.ratio }),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              today: Type.String(),
              registered: ByChannel,
              contacts: ByChannel,
              overdue: Type.Array(
                Type.Object({
                  departmentId: Nullable(Id),
                  name: Nullable(I18nText),
                  open: Type.Integer(),
                  overdue: Type.Integer(),
                }),
              ),
              hotspots: Type.Array(
                Type.Object({
                  placeId: Id,
                  place: I18nText,
                  categoryId: Id,
                  category: I18nText,
                  recent: Type.Integer(),
                  expected: Type.Number(),
                }),
              ),
              oldest: Type.Array(
                Type.Object({
                  reference: Type.String(),
                  status: Type.String(),
                  createdAt: DateTime,
                  department: I18nText,
                  category: I18nText,
                  place: I18nText,
                  level: Nullable(Type.Integer()),
                  ageDays: Type.Integer(),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => wall(db, request.principal, clock.now(), request.query),
    );
  };
}
