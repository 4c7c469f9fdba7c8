import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { audited, auditRead, auditWho } from '../access/audited.ts';
import { keepAddressOfEmailGrievance } from '../channels/email/index.ts';
import type { Deps } from '../deps.ts';
import { AppError, invalid } from '../errors.ts';
import { FORMATS, sendTable } from '../http/export.ts';
import {
  Channel,
  DateTime,
  errorResponses,
  I18nText,
  Id,
  Language,
  Latitude,
  Longitude,
  Nullable,
  oneOf,
  Paging,
  PhoneE164,
  pageOf,
} from '../http/schemas.ts';
import { actOnMany, BULK_ACTIONS, type BulkAction } from './bulk.ts';
import { countOpen } from './counts.ts';
import { exportGrievances } from './export.ts';
import type { Action, ActionType } from './lifecycle.ts';
import { TRANSITIONS } from './lifecycle.ts';
import {
  getGrievance,
  grievanceHistory,
  parseReference,
  readGrievance,
  revealIdentity,
  searchGrievances,
} from './queries.ts';
import { registerAs } from './register.ts';
import { actOn } from './transition.ts';

const STATUSES = [
  'registered',
  'assigned',
  'in_progress',
  'awaiting_info',
  'resolved',
  'closed',
  'rejected',
] as const;
const Status = oneOf(STATUSES);
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });
const Timestamp = Nullable(DateTime);
const ReferenceParams = Type.Object({ reference: Type.String({ minLength: 1, maxLength: 20 }) });

const RegisterBody = Type.Object(
  {
    categoryId: Id,
    placeId: Id,
    subject: Text(200),
    description: Text(5000),
    language: Language,
    channel: Channel,
    citizen: Type.Optional(
      Type.Union([
        Type.Object(
          { phone: PhoneE164, name: Type.Optional(Text(120)), language: Type.Optional(Language) },
          { additionalProperties: false },
        ),
        Type.Null(),
      ]),
    ),
    anonymous: Type.Optional(Type.Boolean({ description: 'Hide who raised it from the department' })),
    address: Type.Optional(Nullable(Text(500))),
    latitude: Type.Optional(Nullable(Latitude)),
    longitude: Type.Optional(Nullable(Longitude)),
    details: Type.Optional(
      Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$' }), Type.String({ maxLength: 1000 }), {
        maxProperties: 50,
        additionalProperties: false,
      }),
    ),
    interactionId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

const ACTION_TYPES_ALL = Object.keys(TRANSITIONS) as ActionType[];

const Named = Type.Object({ id: Type.Integer(), code: Type.String(), name: I18nText });

export const Grievance = Type.Object({
  reference: Type.String(),
  status: Status,
  channel: Channel,
  subject: Type.String(),
  description: Type.String(),
  language: Type.String(),
  address: Type.Union([Type.String(), Type.Null()]),
  location: Type.Union([Type.Object({ latitude: Type.Number(), longitude: Type.Number() }), Type.Null()]),
  details: Type.Record(Type.String(), Type.String()),
  anonymous: Type.Boolean(),
  citizen: Type.Union([
    Type.Object({ phone: Type.String(), name: Type.Union([Type.String(), Type.Null()]) }),
    Type.Null(),
  ]),
  category: Named,
  department: Named,
  place: Named,
  position: Type.Union([Type.Object({ id: Type.Integer(), title: I18nText }), Type.Null()]),
  level: Type.Union([Type.Integer(), Type.Null()]),
  priority: Type.String(),
  dueAt: Timestamp,
  slaPausedAt: Timestamp,
  commandCentreAt: Timestamp,
  reopenCount: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
  resolvedAt: Timestamp,
  closedAt: Timestamp,
  actions: Type.Optional(
    Type.Array(oneOf(ACTION_TYPES_ALL), {
      description:
        'What the caller may do to it now (its status, their role and its place on the routing chain allow): send one of these to POST .../actions. On reads and searches, not on registration.',
    }),
  ),
});

const Event = Type.Object({
  id: Type.Integer(),
  at: DateTime,
  kind: Type.String(),
  fromStatus: Type.Union([Status, Type.Null()]),
  toStatus: Type.Union([Status, Type.Null()]),
  actorKind: Type.String(),
  actorId: Type.Union([Type.Integer(), Type.Null()]),
  positionId: Type.Union([Type.Integer(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  data: Type.Record(Type.String(), Type.Unknown()),
  public: Type.Boolean(),
});

const ActionBody = Type.Object(
  {
    type: oneOf(ACTION_TYPES_ALL),
    note: Type.Optional(Text(5000)),
    positionId: Type.Optional(Id),
    reason: Type.Optional(oneOf(['citizen_satisfied', 'no_response', 'citizen_withdrew'] as const)),
    internal: Type.Optional(Type.Boolean()),
    rating: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 5,
        description:
          "close (citizen_satisfied) or reopen after a resolution: the citizen's rating of it, 1 (very poor) to 5 (very good); note is their reason",
      }),
    ),
    attachmentIds: Type.Optional(
      Type.Array(Id, {
        minItems: 1,
        maxItems: 10,
        uniqueItems: true,
        description:
          "resolve: proof uploaded beforehand (POST .../attachments?kind=proof); provide_info: the citizen's photos uploaded beforehand (kind=evidence); linked to the action's event",
      }),
    ),
  },
  { additionalProperties: false },
);

const SearchQuery = Type.Object(
  {
    reference: Type.Optional(Type.String({ maxLength: 20 })),
    phone: Type.Optional(PhoneE164),
    status: Type.Optional(Type.Array(Status, { maxItems: 7 })),
    departmentId: Type.Optional(Id),
    categoryId: Type.Optional(Id),
    placeId: Type.Optional(Id),
    positionId: Type.Optional(Id),
    channel: Type.Optional(Channel),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Created at or after (ISO 8601)' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'Created before (ISO 8601)' })),
    q: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description:
          'Words in the subject or description; a reference number typed here finds that grievance',
      }),
    ),
    unrouted: Type.Optional(
      Type.Boolean({ description: "Only grievances no rule routed (the supervisors' queue)" }),
    ),
    overdue: Type.Optional(Type.Boolean({ description: 'Only open grievances past their due time' })),
    commandCentre: Type.Optional(Type.Boolean({ description: 'Only grievances breached at the top level' })),
    sort: Type.Optional(
      oneOf(['newest', 'due'] as const, {
        description:
          'newest: newest first (the default). due: least time left first, the overdue leading; a case waiting for the citizen counts the time it had left when its clock paused; cases with no running clock last, newest first. The overdue list is in due order by default.',
      }),
    ),
    after: Type.Optional(
      Type.String({ maxLength: 200, description: 'The `next` of the previous page: the page after it' }),
    ),
    ...Paging,
  },
  { additionalProperties: false },
);

/** Turns the flat request body into a lifecycle action, saying which field is missing for the type. */
function toAction(body: typeof ActionBody.static): Action {
  const need = <K extends 'note' | 'positionId' | 'reason'>(key: K) => {
    const value = body[key];
    if (value === undefined) throw invalid(key, `required for "${body.type}"`, 'required');
    return value as NonNullable<(typeof body)[K]>;
  };
  if (body.rating !== undefined && body.type !== 'close' && body.type !== 'reopen')
    throw invalid(
      'rating',
      "only the citizen's feedback (close or reopen) carries a rating",
      'rating_not_allowed',
    );
  if (body.attachmentIds && body.type !== 'resolve' && body.type !== 'provide_info')
    throw invalid(
      'attachmentIds',
      'only a resolve (proof of the action taken) or a reply with information (photos) carries attachments',
      'attachments_not_allowed',
    );
  switch (body.type) {
    case 'assign':
      return { type: 'assign', positionId: need('positionId'), note: body.note };
    case 'transfer':
      return { type: 'transfer', positionId: need('positionId'), note: need('note') };
    case 'close':
      return { type: 'close', reason: need('reason'), note: body.note, rating: body.rating };
    case 'note':
      return { type: 'note', note: need('note'), internal: body.internal };
    case 'start':
    case 'withdraw':
      return { type: body.type, note: body.note };
    case 'resolve':
    case 'provide_info':
      return { type: body.type, note: need('note'), attachmentIds: body.attachmentIds };
    case 'reopen':
      return { type: 'reopen', note: need('note'), rating: body.rating };
    case 'request_info':
    case 'reject':
    case 'escalate':
    case 'deescalate':
      return { type: body.type, note: need('note') };
  }
}

const tags = ['grievances'];

/** The search query string as a filter: dates parsed, "overdue" meaning overdue now. */
function searchFilter<Q extends { from?: string; to?: string; overdue?: boolean }>(query: Q, now: Date) {
  const { from, to, overdue, ...rest } = query;
  return {
    ...rest,
    overdueAt: overdue ? now : undefined,
    from: from ? new Date(from) : undefined,
    to: to ? new Date(to) : undefined,
  };
}

export function grievanceRoutes(
  deps: Deps,
  options: { strictLimit: object | false },
): FastifyPluginAsyncTypebox {
  const { db, clock } = deps;
  const record = (
    request: FastifyRequest,
    action: string,
    entityId: string | null,
    data: Record<string, unknown> = {},
    reason?: string,
  ) => auditRead(deps, request, { action, entity: 'grievance', entityId, reason, data });
  /** Staff reading grievances read citizens' personal data: that is recorded. A citizen reading their own is not. */
  const isStaff = (request: FastifyRequest) =>
    request.principal.kind === 'staff' || request.principal.kind === 'api';

  return async (app) => {
    app.post(
      '/api/grievances',
      {
        config: { access: 'public', ...(options.strictLimit ? { rateLimit: options.strictLimit } : {}) },
        schema: {
          tags,
          summary: 'Register a grievance',
          description:
            'Registers a grievance, gives it a reference number and routes it to the L1 position. Send an Idempotency-Key header so that a retried request returns the first result instead of registering twice. ' +
            'Without sign-in a grievance can be registered only without a citizen (keep the reference shown); a citizen signed in by OTP registers as themselves; agents, supervisors and intake integrations may name the caller.',
          headers: Type.Object({
            'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          }),
          body: RegisterBody,
          response: {
            200: Grievance,
            201: Grievance,
            ...errorResponses,
            401: errorResponses[400],
            403: errorResponses[400],
            422: errorResponses[400],
          },
        },
      },
      async (request, reply) => {
        const key = request.headers['idempotency-key'];
        const result = await registerAs(
          deps,
          { ...request.body, idempotencyKey: key },
          request.principal,
          auditWho(request),
        );
        if (result.replayed) reply.header('idempotent-replayed', 'true');
        // Registered from an email for a citizen it created: they keep the address they wrote from
        // (verified by use). A citizen we knew does not: anyone can write a From line and a number.
        else if (
          request.body.channel === 'email' &&
          request.body.interactionId !== undefined &&
          result.citizenCreated
        )
          await keepAddressOfEmailGrievance(db, deps.clock.now(), result.id, request.body.interactionId);
        return reply
          .status(result.replayed ? 200 : 201)
          .send(result.view ?? (await getGrievance(db, result.reference, deps.reference)));
      },
    );

    app.get(
      '/api/grievances',
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary: 'Search grievances (only those the caller may see; totals count only those)',
          querystring: SearchQuery,
          response: { 200: pageOf(Grievance), ...errorResponses },
        },
      },
      async (request) => {
        const now = clock.now();
        const result = await searchGrievances(
          db,
          searchFilter(request.query, now),
          request.principal,
          now,
          deps.reference,
        );
        if (isStaff(request))
          await record(request, 'grievance.search', null, {
            query: request.query,
            returned: result.items.length,
          });
        return result;
      },
    );

    app.post(
      '/api/grievances/bulk-actions',
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary:
            'Act on up to 100 grievances at once (assign, transfer, start, escalate, deescalate, note); each is checked and done on its own, with one result per reference',
          description:
            'Resolve and reject are not offered in bulk: each needs its own account to the citizen. A refused grievance (out of scope, wrong state) is reported in its result and does not stop the others.',
          body: Type.Object(
            {
              references: Type.Array(Type.String({ minLength: 1, maxLength: 20 }), {
                minItems: 1,
                maxItems: 100,
                uniqueItems: true,
              }),
              type: oneOf(BULK_ACTIONS),
              note: Type.Optional(Text(5000)),
              positionId: Type.Optional(Id),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              results: Type.Array(
                Type.Object({
                  reference: Type.String(),
                  ok: Type.Boolean(),
                  status: Type.Optional(Status),
                  code: Type.Optional(Type.String()),
                  message: Type.Optional(Type.String()),
                  problem: Type.Optional(Type.String({ description: 'The detail code of a refusal' })),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const { references, ...body } = request.body;
        const action = toAction(body) as BulkAction;
        return {
          results: await actOnMany(
            db,
            clock,
            references,
            action,
            request.principal,
            auditWho(request),
            request.log,
          ),
        };
      },
    );

    app.get(
      '/api/grievances/counts',
      {
        config: { access: ['admin', 'auditor', 'supervisor', 'agent', 'nodal_officer', 'monitor'] },
        schema: {
          tags,
          summary:
            'Open grievances per department, or per place at one level of the tree (by=place&depth=3: per district), with how many are overdue, waiting for the citizen, unrouted and with the command centre; counting only what the caller may see',
          querystring: Type.Object(
            {
              by: oneOf(['department', 'place'] as const),
              depth: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Array(
              Type.Object({
                id: Nullable(Id),
                name: Nullable(I18nText),
                open: Type.Integer(),
                overdue: Type.Integer(),
                awaitingInfo: Type.Integer(),
                unrouted: Type.Integer(),
                commandCentre: Type.Integer(),
              }),
            ),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const { by, depth } = request.query;
        if (by === 'place' && depth === undefined)
          throw invalid(
            'depth',
            'say which level of the place tree to count by (e.g. 3 for districts)',
            'depth_required',
          );
        return countOpen(
          db,
          request.principal,
          clock.now(),
          by === 'department' ? { by } : { by, depth: depth as number },
        );
      },
    );

    for (const format of FORMATS)
      app.get(
        `/api/grievances/export.${format}`,
        {
          config: { access: ['admin', 'auditor', 'supervisor', 'nodal_officer', 'monitor'] },
          schema: {
            tags,
            summary: `Export the grievances matching a search as ${format.toUpperCase()}, streamed page by page (any length, in constant memory; recorded in the audit log; never who raised an anonymous grievance)`,
            querystring: Type.Omit(SearchQuery, ['limit', 'offset', 'after']),
          },
        },
        async (request, reply) => {
          const now = clock.now();
          const table = await exportGrievances(
            db,
            searchFilter(request.query, now),
            request.principal,
            now,
            deps.reference,
          );
          // An export is a bulk read of personal data: recorded durably before the first byte leaves.
          await auditRead(deps, request, {
            action: 'grievance.export',
            entity: 'grievance',
            entityId: null,
            data: { query: request.query, format },
          });
          return sendTable(reply, format, table, clock.now());
        },
      );

    app.get(
      '/api/grievances/:reference',
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary: 'Read a grievance',
          params: ReferenceParams,
          response: { 200: Grievance, ...errorResponses },
        },
      },
      async (request) => {
        const g = await readGrievance(db, request.params.reference, request.principal, deps.reference);
        if (isStaff(request) && g.citizen) await record(request, 'grievance.read_personal_data', g.reference);
        return g;
      },
    );

    app.get(
      '/api/grievances/:reference/history',
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary: 'The event history of a grievance, oldest first (citizens see the public events)',
          params: ReferenceParams,
          response: { 200: Type.Object({ events: Type.Array(Event) }), ...errorResponses },
        },
      },
      async (request) => ({
        events: await grievanceHistory(db, request.params.reference, request.principal),
      }),
    );

    app.post(
      '/api/grievances/:reference/actions',
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary:
            'Act on a grievance (assign, start, request_info, provide_info, transfer, resolve, reject, close, withdraw, reopen, escalate, deescalate, note)',
          description:
            "Answers with the grievance as it now is. When the action took it out of the caller's reach (a transfer to another office), the answer is only its reference, new status and `outOfReach: true`. Refused with 409 illegal_transition when the grievance is not in a state the action may start from, 403 when the caller's role may not take the action.",
          params: ReferenceParams,
          body: ActionBody,
          response: {
            200: Type.Union([
              Grievance,
              Type.Object({ reference: Type.String(), status: Status, outOfReach: Type.Literal(true) }),
            ]),
            ...errorResponses,
            403: errorResponses[400],
          },
        },
      },
      async (request) => {
        const action = toAction(request.body);
        if (action.type === 'note' && request.principal.kind === 'citizen') action.internal = false;
        const { reference } = request.params;
        const { status } = await actOn(db, clock, reference, action, request.principal, auditWho(request));
        try {
          return await readGrievance(db, reference, request.principal, deps.reference);
        } catch (error) {
          // Done, but no longer the caller's to see: say so, rather than a 404 that reads as failure.
          if (error instanceof AppError && error.code === 'not_found')
            return { reference: parseReference(reference), status, outOfReach: true as const };
          throw error;
        }
      },
    );

    app.post(
      '/api/grievances/:reference/notes',
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary: 'Add a note to a grievance (internal notes are never shown to the citizen)',
          params: ReferenceParams,
          body: Type.Object(
            { note: Text(5000), internal: Type.Optional(Type.Boolean()) },
            { additionalProperties: false },
          ),
          response: { 201: Event, ...errorResponses, 403: errorResponses[400] },
        },
      },
      async (request, reply) => {
        const { reference } = request.params;
        const internal = request.principal.kind === 'citizen' ? false : request.body.internal;
        const { eventId } = await actOn(
          db,
          clock,
          reference,
          { type: 'note', note: request.body.note, internal },
          request.principal,
          auditWho(request),
        );
        const event = (await grievanceHistory(db, reference, request.principal)).find(
          (e) => e.id === eventId,
        );
        return reply.status(201).send(event as NonNullable<typeof event>);
      },
    );

    app.post(
      '/api/grievances/:reference/reveal',
      {
        config: { access: ['supervisor'] },
        schema: {
          tags,
          summary:
            'Reveal who raised an anonymous grievance (supervisors only, with a reason; recorded in the audit log)',
          params: ReferenceParams,
          body: Type.Object({ reason: Text(1000) }, { additionalProperties: false }),
          response: {
            200: Type.Object({
              phone: Nullable(Type.String()),
              name: Nullable(Type.String()),
              address: Nullable(Type.String()),
            }),
            ...errorResponses,
            403: errorResponses[400],
          },
        },
      },
      async (request) => {
        // Revealed and recorded in one transaction, durably: a reveal is never answered unrecorded.
        const identity = await audited(
          deps,
          request,
          (trx) => revealIdentity(trx, request.params.reference, request.principal),
          (revealed) => ({
            action: 'grievance.reveal_identity',
            entity: 'grievance',
            entityId: revealed.reference,
            reason: request.body.reason,
            data: {},
          }),
        );
        return identity.citizen;
      },
    );
  };
}
