import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { audited } from '../access/audited.ts';
import { STAFF } from '../access/roles.ts';
import type { Deps } from '../deps.ts';
import {
  Code,
  DateTime,
  errorResponses,
  I18nText,
  Id,
  IdParams,
  listOf,
  Nullable,
  oneOf,
  Paging,
  PhoneE164,
} from '../http/schemas.ts';
import { createCategory, getCategory, updateCategory } from './categories.ts';
import { searchCategories } from './category-search.ts';
import { createDepartment, getDepartment, listDepartments, updateDepartment } from './departments.ts';
import { listEscalationLevels, setEscalationLevels } from './levels.ts';
import {
  createOfficer,
  getOfficer,
  listOfficers,
  postOfficer,
  updateOfficer,
  vacatePosition,
} from './officers.ts';
import { createPosition, getPosition, listPositions, updatePosition } from './positions.ts';

const Level = Type.Object({ level: Type.Integer({ minimum: 1, maximum: 10 }), name: I18nText });
const Department = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: I18nText,
  active: Type.Boolean(),
  calendarId: Nullable(
    Type.Integer({ description: 'Working calendar of its positions; null: by place, else the default' }),
  ),
});
const Field = Type.Object(
  { key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$' }), label: I18nText, required: Type.Boolean() },
  { additionalProperties: false },
);
const categoryFields = {
  name: I18nText,
  kind: oneOf(['complaint', 'information', 'service'] as const),
  resolutionValue: Type.Integer({
    minimum: 1,
    maximum: 10_000,
    description: 'How long the department has, in resolutionUnit',
  }),
  resolutionUnit: oneOf(['working_hours', 'calendar_days'] as const),
  priority: oneOf(['low', 'normal', 'high', 'urgent'] as const),
  fields: Type.Array(Field, { maxItems: 30, description: 'Extra form fields this category asks for' }),
  keywords: Type.Record(
    Type.String({ pattern: '^[a-z]{2,3}$' }),
    Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 40 }),
    {
      additionalProperties: false,
      maxProperties: 20,
      description:
        'Other words people use for it, per language, synonyms and Latin spellings: {"hi": ["नल", "handpump"]}',
    },
  ),
};
const Category = Type.Object({
  id: Type.Integer(),
  departmentId: Type.Integer(),
  code: Type.String(),
  ...categoryFields,
  active: Type.Boolean(),
});

const Position = Type.Object({
  id: Type.Integer(),
  departmentId: Type.Integer(),
  placeId: Type.Integer(),
  level: Type.Integer(),
  title: I18nText,
  isNodal: Type.Boolean(),
  active: Type.Boolean(),
  officerId: Nullable(Type.Integer()),
  officerName: Nullable(Type.String()),
});
const Officer = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  active: Type.Boolean(),
  createdAt: DateTime,
  positions: Type.Array(
    Type.Object({ positionId: Type.Integer(), startedAt: DateTime, endedAt: Nullable(DateTime) }),
  ),
});
const Email = Type.String({ format: 'email', maxLength: 200 });
const strict = { additionalProperties: false } as const;
const patch = { additionalProperties: false, minProperties: 1 } as const;

export function directoryRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { db, clock } = deps;

    app.get(
      '/api/escalation-levels',
      {
        config: { access: 'public' },
        schema: {
          tags: ['directory'],
          summary: 'Escalation levels L1..Ln',
          response: { 200: Type.Array(Level) },
        },
      },
      async () => listEscalationLevels(db),
    );
    app.put(
      '/api/escalation-levels',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['directory'],
          summary: 'Replace the escalation levels',
          body: Type.Array(Level, { minItems: 1, maxItems: 10 }),
          response: { 200: Type.Array(Level), ...errorResponses },
        },
      },
      async (request) => audited(deps, request, (trx) => setEscalationLevels(trx, request.body)),
    );

    // Departments
    app.get(
      '/api/departments',
      {
        config: { access: 'public' },
        schema: { tags: ['directory'], summary: 'Departments', response: { 200: Type.Array(Department) } },
      },
      async () => listDepartments(db),
    );
    app.get(
      '/api/departments/:id',
      {
        config: { access: 'public' },
        schema: {
          tags: ['directory'],
          summary: 'A department',
          params: IdParams,
          response: { 200: Department, ...errorResponses },
        },
      },
      async (request) => getDepartment(db, request.params.id),
    );
    app.post(
      '/api/departments',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['directory'],
          summary: 'Add a department',
          body: Type.Object({ code: Code, name: I18nText }, strict),
          response: { 201: Department, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await audited(
            deps,
            request,
            (trx) => createDepartment(trx, request.body),
            (r) => ({ entityId: String(r.id) }),
          ),
        ),
    );
    app.patch(
      '/api/departments/:id',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['directory'],
          summary: 'Rename or deactivate a department',
          params: IdParams,
          body: Type.Object({ name: Type.Optional(I18nText), active: Type.Optional(Type.Boolean()) }, patch),
          response: { 200: Department, ...errorResponses },
        },
      },
      async (request) =>
        audited(deps, request, (trx) => updateDepartment(trx, request.params.id, request.body)),
    );

    // Categories
    app.get(
      '/api/categories',
      {
        config: { access: 'public' },
        schema: {
          tags: ['directory'],
          summary:
            'Categories (complaint types, information topics, services), found by what people call them',
          description:
            'q: words typed in any language, each matching the start of a word of the name or keywords (synonyms, Latin spellings like "bijli") in any language, or of the department; names rank first. ' +
            'placeId: each category says whether a routing rule covers that place (`routed`), and those that do come first; with applicable=true only those are listed (all of them where no rule covers the place at all, as its grievances then wait for a supervisor). ' +
            'Reference data: the ETag names the version of the reference data, so a client revalidates with If-None-Match and gets 304 until an administrator changes something.',
          querystring: Type.Object(
            {
              q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
              kind: Type.Optional(categoryFields.kind),
              placeId: Type.Optional(Id),
              applicable: Type.Optional(
                Type.Boolean({ description: 'With placeId: only the categories that apply at the place' }),
              ),
              departmentId: Type.Optional(Id),
              activeOnly: Type.Optional(Type.Boolean()),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
            },
            strict,
          ),
          response: {
            200: Type.Array(
              Type.Object({
                ...Category.properties,
                department: Type.Object({ id: Type.Integer(), code: Type.String(), name: I18nText }),
                routed: Type.Optional(
                  Type.Boolean({ description: 'With placeId: a routing rule covers it there' }),
                ),
              }),
            ),
            304: Type.Unsafe<undefined>({ type: 'null', description: 'Not modified (If-None-Match)' }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        // The same for everyone and changed a few times a day: revalidated, never fetched again while the
        // reference data's version is the same (a phone on a slow line gets a 304 of a few bytes).
        const etag = deps.reference ? `W/"reference-${await deps.reference.version(db)}"` : null;
        if (etag) {
          reply.header('etag', etag).header('cache-control', 'public, no-cache');
          if (request.headers['if-none-match'] === etag) return reply.status(304).send();
        }
        return searchCategories(db, request.query, deps.reference);
      },
    );
    app.get(
      '/api/categories/:id',
      {
        config: { access: 'public' },
        schema: {
          tags: ['directory'],
          summary: 'A category',
          params: IdParams,
          response: { 200: Category, ...errorResponses },
        },
      },
      async (request) => getCategory(db, request.params.id),
    );
    app.post(
      '/api/categories',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['directory'],
          summary: 'Add a category with its resolution time',
          body: Type.Object(
            {
              departmentId: Id,
              code: Code,
              name: I18nText,
              kind: Type.Optional(categoryFields.kind),
              resolutionValue: categoryFields.resolutionValue,
              resolutionUnit: categoryFields.resolutionUnit,
              priority: Type.Optional(categoryFields.priority),
              fields: Type.Optional(categoryFields.fields),
              keywords: Type.Optional(categoryFields.keywords),
            },
            strict,
          ),
          response: { 201: Category, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await audited(
            deps,
            request,
            (trx) => createCategory(trx, request.body),
            (r) => ({ entityId: String(r.id) }),
          ),
        ),
    );
    app.patch(
      '/api/categories/:id',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['directory'],
          summary: 'Change a category (new grievances use the new resolution time)',
          params: IdParams,
          body: Type.Partial(Type.Object({ ...categoryFields, active: Type.Boolean() }), patch),
          response: { 200: Category, ...errorResponses },
        },
      },
      async (request) =>
        audited(deps, request, (trx) => updateCategory(trx, request.params.id, request.body)),
    );

    // Positions
    app.get(
      '/api/positions',
      {
        config: { access: STAFF },
        schema: {
          tags: ['directory'],
          summary: 'Positions with their current holder',
          querystring: Type.Object(
            {
              departmentId: Type.Optional(Id),
              placeId: Type.Optional(Id),
              within: Type.Optional({ ...Id, description: 'at this place or anywhere under it' }),
              near: Type.Optional({
                ...Id,
                description:
                  'nearest this place first: the seats over it from its own up the tree, then the others by the closest place they share with it',
              }),
              level: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
              q: Type.Optional(
                Type.String({
                  minLength: 1,
                  maxLength: 100,
                  description: 'words of the title, any language',
                }),
              ),
              activeOnly: Type.Optional(Type.Boolean()),
              ...Paging,
            },
            strict,
          ),
          response: { 200: listOf(Position), ...errorResponses },
        },
      },
      async (request) => listPositions(db, request.query),
    );
    app.get(
      '/api/positions/:id',
      {
        config: { access: STAFF },
        schema: {
          tags: ['directory'],
          summary: 'A position',
          params: IdParams,
          response: { 200: Position, ...errorResponses },
        },
      },
      async (request) => getPosition(db, request.params.id),
    );
    app.post(
      '/api/positions',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['directory'],
          summary: 'Add a position (a seat at a level, for a department and a place)',
          body: Type.Object(
            {
              departmentId: Id,
              placeId: Id,
              level: Type.Integer({ minimum: 1, maximum: 10 }),
              title: I18nText,
              isNodal: Type.Optional(Type.Boolean()),
            },
            strict,
          ),
          response: { 201: Position, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await audited(
            deps,
            request,
            (trx) => createPosition(trx, request.body),
            (r) => ({ entityId: String(r.id) }),
          ),
        ),
    );
    app.patch(
      '/api/positions/:id',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['directory'],
          summary: 'Retitle, mark nodal or deactivate a position',
          params: IdParams,
          body: Type.Object(
            {
              title: Type.Optional(I18nText),
              isNodal: Type.Optional(Type.Boolean()),
              active: Type.Optional(Type.Boolean()),
            },
            patch,
          ),
          response: { 200: Position, ...errorResponses },
        },
      },
      async (request) =>
        audited(deps, request, (trx) => updatePosition(trx, request.params.id, request.body)),
    );
    app.put(
      '/api/positions/:id/holder',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['directory'],
          summary:
            'Post an officer to a position (the previous holder is relieved; grievances stay with the position)',
          params: IdParams,
          body: Type.Object({ officerId: Id }, strict),
          response: { 200: Position, ...errorResponses },
        },
      },
      async (request) => {
        return audited(deps, request, async (trx) => {
          await postOfficer(trx, clock, request.params.id, request.body.officerId);
          return getPosition(trx, request.params.id);
        });
      },
    );
    app.delete(
      '/api/positions/:id/holder',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['directory'],
          summary: 'Relieve the holder; the position stays, vacant',
          params: IdParams,
          response: { 200: Position, ...errorResponses },
        },
      },
      async (request) => {
        return audited(deps, request, async (trx) => {
          await vacatePosition(trx, clock, request.params.id);
          return getPosition(trx, request.params.id);
        });
      },
    );

    // Officers
    app.get(
      '/api/officers',
      {
        config: { access: STAFF },
        schema: {
          tags: ['directory'],
          summary: 'Officers',
          querystring: Type.Object(
            { q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), ...Paging },
            strict,
          ),
          response: { 200: listOf(Type.Omit(Officer, ['positions'])), ...errorResponses },
        },
      },
      async (request) => listOfficers(db, request.query),
    );
    app.get(
      '/api/officers/:id',
      {
        config: { access: STAFF },
        schema: {
          tags: ['directory'],
          summary: 'An officer and the positions they hold and held',
          params: IdParams,
          response: { 200: Officer, ...errorResponses },
        },
      },
      async (request) => getOfficer(db, request.params.id),
    );
    app.post(
      '/api/officers',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['directory'],
          summary: 'Add an officer',
          body: Type.Object(
            {
              name: Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' }),
              phone: Type.Optional(Nullable(PhoneE164)),
              email: Type.Optional(Nullable(Email)),
            },
            strict,
          ),
          response: { 201: Officer, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await audited(
            deps,
            request,
            (trx) => createOfficer(trx, clock, request.body),
            (r) => ({ entityId: String(r.id) }),
          ),
        ),
    );
    app.patch(
      '/api/officers/:id',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['directory'],
          summary: 'Change an officer',
          params: IdParams,
          body: Type.Object(
            {
              name: Type.Optional(Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' })),
              phone: Type.Optional(Nullable(PhoneE164)),
              email: Type.Optional(Nullable(Email)),
              active: Type.Optional(Type.Boolean()),
            },
            patch,
          ),
          response: { 200: Officer, ...errorResponses },
        },
      },
      async (request) => audited(deps, request, (trx) => updateOfficer(trx, request.params.id, request.body)),
    );
  };
}
