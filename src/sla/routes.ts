import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { audited } from '../access/audited.ts';
import { STAFF } from '../access/roles.ts';
import type { Deps } from '../deps.ts';
import { errorResponses, I18nText, Id, IdParams, Nullable, oneOf } from '../http/schemas.ts';
import {
  addHoliday,
  assignCalendar,
  deleteHoliday,
  getCalendar,
  listCalendars,
  listHolidays,
  saveCalendar,
} from './calendars.ts';
import { getPolicy, listLevelTimes, setLevelTimes, setPolicy } from './policy.ts';

const Time = Type.String({
  pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$',
  description: 'HH:MM, local time',
});
const Hours = Type.Object(
  {
    weekday: Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' }),
    opens: Time,
    closes: Time,
  },
  { additionalProperties: false },
);
const CalendarBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
    timeZone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Asia/Kolkata' }),
    isDefault: Type.Optional(Type.Boolean()),
    hours: Type.Array(Hours, { minItems: 1, maxItems: 70 }),
  },
  { additionalProperties: false },
);
const Calendar = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  timeZone: Type.String(),
  isDefault: Type.Boolean(),
  hours: Type.Array(Hours),
});
const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Holiday = Type.Object({
  id: Type.Integer(),
  placeId: Type.Integer(),
  day: Type.String(),
  name: I18nText,
});
const Policy = Type.Object(
  {
    reminderPercents: Type.Array(Type.Integer({ minimum: 1, maximum: 99 }), {
      maxItems: 5,
      description: 'Remind the holder at these shares of the time',
    }),
    closeResolvedAfterDays: Type.Integer({
      minimum: 1,
      maximum: 90,
      description: 'Close a resolved grievance the citizen did not answer after this many days',
    }),
    retentionYears: Type.Integer({
      minimum: 1,
      maximum: 100,
      description: 'Remove personal data from grievances closed more than this many years ago',
    }),
  },
  { additionalProperties: false },
);
// Retention is optional on a change, so callers that predate it keep the current period.
const PolicyChange = Type.Object(
  { ...Policy.properties, retentionYears: Type.Optional(Policy.properties.retentionYears) },
  { additionalProperties: false },
);
const LevelTime = Type.Object(
  {
    level: Type.Integer({ minimum: 1, maximum: 10 }),
    resolutionValue: Type.Integer({ minimum: 1, maximum: 10_000 }),
    resolutionUnit: oneOf(['working_hours', 'calendar_days'] as const),
  },
  { additionalProperties: false },
);
const tags = ['sla'];

export function slaRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { db } = deps;
    app.get(
      '/api/calendars',
      {
        config: { access: STAFF },
        schema: { tags, summary: 'Working-hour calendars', response: { 200: Type.Array(Calendar) } },
      },
      async () => listCalendars(db),
    );
    app.get(
      '/api/calendars/:id',
      {
        config: { access: STAFF },
        schema: {
          tags,
          summary: 'A calendar',
          params: IdParams,
          response: { 200: Calendar, ...errorResponses },
        },
      },
      async (request) => getCalendar(db, request.params.id),
    );
    app.post(
      '/api/calendars',
      {
        config: { access: ['admin'] },
        schema: {
          tags,
          summary: 'Add a calendar (office hours per weekday; a weekday without hours is a weekly off)',
          body: CalendarBody,
          response: { 201: Calendar, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await audited(
            deps,
            request,
            (trx) => saveCalendar(trx, request.body),
            (r) => ({ entityId: String(r.id) }),
          ),
        ),
    );
    app.put(
      '/api/calendars/:id',
      {
        config: { access: ['admin'] },
        schema: {
          tags,
          summary: 'Replace a calendar',
          params: IdParams,
          body: CalendarBody,
          response: { 200: Calendar, ...errorResponses },
        },
      },
      async (request) => audited(deps, request, (trx) => saveCalendar(trx, request.body, request.params.id)),
    );
    for (const target of ['department', 'place'] as const) {
      app.put(
        `/api/${target === 'department' ? 'departments' : 'places'}/:id/calendar`,
        {
          config: { access: ['admin'] },
          schema: {
            tags,
            summary: `Set the calendar a ${target} works by (null to inherit)`,
            params: IdParams,
            body: Type.Object({ calendarId: Nullable(Id) }, { additionalProperties: false }),
            response: { 204: Type.Null(), ...errorResponses },
          },
        },
        async (request, reply) => {
          await audited(deps, request, (trx) =>
            assignCalendar(trx, target, request.params.id, request.body.calendarId),
          );
          return reply.status(204).send(null);
        },
      );
    }

    app.get(
      '/api/holidays',
      {
        config: { access: STAFF },
        schema: {
          tags,
          summary: 'Public holidays (each applies to its place and every place under it)',
          querystring: Type.Object(
            { placeId: Type.Optional(Id), from: Type.Optional(Day), to: Type.Optional(Day) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Array(Holiday), ...errorResponses },
        },
      },
      async (request) => listHolidays(db, request.query),
    );
    app.post(
      '/api/holidays',
      {
        config: { access: ['admin'] },
        schema: {
          tags,
          summary: 'Declare a holiday for a place (the root for a national holiday)',
          body: Type.Object({ placeId: Id, day: Day, name: I18nText }, { additionalProperties: false }),
          response: { 201: Holiday, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await audited(
            deps,
            request,
            (trx) => addHoliday(trx, request.body),
            (r) => ({ entityId: String(r.id) }),
          ),
        ),
    );
    app.delete(
      '/api/holidays/:id',
      {
        config: { access: ['admin'] },
        schema: {
          tags,
          summary: 'Remove a holiday',
          params: IdParams,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await audited(deps, request, (trx) => deleteHoliday(trx, request.params.id));
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/sla-policy',
      {
        config: { access: STAFF },
        schema: { tags, summary: 'Reminder, closure and retention policy', response: { 200: Policy } },
      },
      async () => getPolicy(db),
    );
    app.put(
      '/api/sla-policy',
      {
        config: { access: ['admin'] },
        schema: {
          tags,
          summary: 'Change the reminder, closure and retention policy',
          body: PolicyChange,
          response: { 200: Policy, ...errorResponses },
        },
      },
      async (request) => audited(deps, request, (trx) => setPolicy(trx, request.body)),
    );
    app.get(
      '/api/categories/:id/level-times',
      {
        config: { access: STAFF },
        schema: {
          tags,
          summary: 'Per-level resolution times of a category',
          params: IdParams,
          response: { 200: Type.Array(LevelTime), ...errorResponses },
        },
      },
      async (request) => listLevelTimes(db, request.params.id),
    );
    app.put(
      '/api/categories/:id/level-times',
      {
        config: { access: ['admin'] },
        schema: {
          tags,
          summary: 'Replace the per-level resolution times (levels not listed use the category time)',
          params: IdParams,
          body: Type.Array(LevelTime, { maxItems: 10 }),
          response: { 200: Type.Array(LevelTime), ...errorResponses },
        },
      },
      async (request) => audited(deps, request, (trx) => setLevelTimes(trx, request.params.id, request.body)),
    );
  };
}
