// Calls at the desk: the screen-pop of the call offered, answering, declining, hanging up, the
// wrap-up, and the live stream that tells a desk screen of its calls. (Queues: queues.ts.)
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { auditRead, auditWho } from '../../access/audited.ts';
import { hasRole } from '../../access/principal.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { DateTime, errorResponses, I18nText, IdParams, Nullable, oneOf } from '../../http/schemas.ts';
import type { DeskFeed, DeskViewer } from '../feed.ts';
import { findPlaces } from '../places.ts';
import { answerCall, returnOffer } from '../routing.ts';
import { screenPop } from '../screen-pop.ts';
import { DISPOSITIONS, hangUp, wrapUp } from '../wrap-up.ts';
import { agentId } from './agents.ts';

const tags = ['desk'];
const Step = Type.Object({ node: Type.String(), input: Type.Optional(Type.String()), at: Type.String() });
const Named = Type.Object({ id: Type.Integer(), name: I18nText });
const ScreenPop = Type.Object({
  call: Type.Object({
    id: Type.Integer(),
    interactionId: Type.Integer(),
    caller: Nullable(Type.String()),
    state: Type.String(),
    language: Nullable(Type.String()),
    district: Nullable(Named),
    queue: Nullable(Type.Object({ id: Type.Integer(), code: Type.String(), name: I18nText })),
    path: Type.Array(Step),
    queuedAt: Nullable(DateTime),
    offeredAt: Nullable(DateTime),
    answeredAt: Nullable(DateTime),
    endedAt: Nullable(DateTime),
    disposition: Nullable(Type.String()),
  }),
  known: Type.Boolean(),
  citizen: Nullable(
    Type.Object({
      id: Type.Integer(),
      phone: Type.String(),
      name: Nullable(Type.String()),
      language: Type.String(),
    }),
  ),
  flags: Type.Array(Type.Object({ id: Type.Integer(), reason: Type.String(), flaggedAt: DateTime })),
  cap: Type.Object({ limit: Nullable(Type.Integer()), used: Type.Integer() }),
  grievances: Type.Array(
    Type.Object({
      reference: Type.String(),
      status: Type.String(),
      subject: Type.String(),
      anonymous: Type.Boolean(),
      category: Named,
      place: Named,
      position: Nullable(Type.Object({ title: I18nText, officer: Nullable(Type.String()) })),
      level: Nullable(Type.Integer()),
      dueAt: Nullable(DateTime),
      createdAt: DateTime,
    }),
  ),
  contacts: Type.Array(
    Type.Object({
      id: Type.Integer(),
      channel: Type.String(),
      direction: Type.String(),
      summary: Nullable(Type.String()),
      startedAt: DateTime,
      references: Type.Array(Type.String()),
      disposition: Nullable(Type.String()),
      path: Nullable(Type.Array(Step)),
    }),
  ),
});
const Done = Type.Object({ ok: Type.Boolean() });

export function callRoutes(
  deps: Deps,
  feed: DeskFeed,
  options: { heartbeatMs?: number } = {},
): FastifyPluginAsyncTypebox {
  const { db, clock } = deps;
  const heartbeatMs = options.heartbeatMs ?? 25_000;
  const open = new Set<() => void>();

  /** An agent works on the calls offered to them; a supervisor may look at any. */
  const mayLookAt = async (request: Parameters<typeof agentId>[0], callId: number) => {
    if (hasRole(request.principal, 'supervisor')) return;
    const call = await db
      .selectFrom('calls')
      .select('agent_user_id')
      .where('id', '=', callId)
      .executeTakeFirst();
    if (!call || call.agent_user_id !== agentId(request))
      throw new AppError('not_found', `call ${callId} is not one of yours`);
  };

  return async (app) => {
    app.addHook('preClose', async () => {
      for (const end of open) end();
    });

    app.get(
      '/api/desk/places',
      {
        config: { access: ['agent', 'supervisor'] },
        schema: {
          tags,
          summary:
            'Villages, wards and blocks by name, deepest first, each with the block and district above it',
          querystring: Type.Object(
            {
              q: Type.String({ minLength: 1, maxLength: 100 }),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Array(
              Type.Object({
                id: Type.Integer(),
                name: I18nText,
                depth: Type.Integer(),
                within: Type.Array(I18nText),
              }),
            ),
            ...errorResponses,
          },
        },
      },
      async (request) => findPlaces(db, request.query.q, request.query.limit),
    );

    app.get(
      '/api/desk/calls/:id/screen-pop',
      {
        config: { access: ['agent', 'supervisor'] },
        schema: {
          tags,
          summary:
            'The caller at once: the call, what they pressed in the IVR, their grievances and every earlier contact',
          params: IdParams,
          response: { 200: ScreenPop, ...errorResponses },
        },
      },
      async (request) => {
        await mayLookAt(request, request.params.id);
        const pop = await screenPop(db, request.params.id, clock.now());
        if (pop.citizen)
          await auditRead(deps, request, {
            action: 'citizen.screen_pop',
            entity: 'citizen',
            entityId: String(pop.citizen.id),
            data: { callId: pop.call.id },
          });
        return pop;
      },
    );

    const callAction = (
      path: string,
      summary: string,
      work: (callId: number, userId: number, who: ReturnType<typeof auditWho>) => Promise<unknown>,
    ) =>
      app.post(
        `/api/desk/calls/:id/${path}`,
        {
          config: { access: ['agent', 'supervisor'] },
          schema: {
            tags,
            summary,
            params: IdParams,
            response: { 200: Done, ...errorResponses, 403: errorResponses[400] },
          },
        },
        async (request) => {
          await work(request.params.id, agentId(request), auditWho(request));
          await feed.nudge();
          return { ok: true };
        },
      );
    callAction('answer', 'Answer the call offered to you', (callId, userId, who) =>
      answerCall(db, clock.now(), callId, userId, who),
    );
    callAction(
      'decline',
      'Turn down the call offered to you (it goes to the next agent)',
      async (callId, userId, who) => {
        const call = await db
          .selectFrom('calls')
          .select('agent_user_id')
          .where('id', '=', callId)
          .executeTakeFirst();
        if (call?.agent_user_id !== userId)
          throw new AppError('not_found', `call ${callId} is not offered to you`);
        await returnOffer(db, clock.now(), callId, 'declined', who);
      },
    );
    callAction('hang-up', 'End the conversation; you go into wrap-up', (callId, userId, who) =>
      hangUp(db, clock.now(), callId, userId, who),
    );

    app.post(
      '/api/desk/calls/:id/wrap-up',
      {
        config: { access: ['agent', 'supervisor'] },
        schema: {
          tags,
          summary:
            "Wrap up a call: its disposition, notes and the grievances it produced (on the caller's history)",
          params: IdParams,
          body: Type.Object(
            {
              disposition: oneOf(DISPOSITIONS),
              notes: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
              references: Type.Optional(
                Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 20, uniqueItems: true }),
              ),
              next: Type.Optional(oneOf(['available', 'break', 'signed_out'] as const)),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              callId: Type.Integer(),
              disposition: Type.String(),
              afterCallSeconds: Type.Integer(),
            }),
            ...errorResponses,
            403: errorResponses[400],
          },
        },
      },
      async (request) => {
        const result = await wrapUp(
          db,
          clock.now(),
          request.params.id,
          agentId(request),
          request.body,
          auditWho(request),
        );
        await feed.nudge();
        return result;
      },
    );

    app.get(
      '/api/desk/live',
      {
        config: { access: ['agent', 'supervisor'] },
        schema: {
          tags,
          summary:
            'Server-Sent Events for a desk screen: `call` {callId, state} when a call offered to you changes; `changed` for supervisors on any queue change',
        },
      },
      (request, reply) => {
        reply.hijack();
        const res = reply.raw;
        for (const [name, value] of Object.entries(reply.getHeaders()))
          if (value !== undefined) res.setHeader(name, value);
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        res.write('retry: 3000\n\n');
        const viewer: DeskViewer = {
          userId: agentId(request),
          supervisor: hasRole(request.principal, 'supervisor'),
          send: (event, data) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
        };
        const unwatch = feed.watch(viewer);
        const beat = setInterval(() => res.write(': keep-alive\n\n'), heartbeatMs);
        const end = () => {
          clearInterval(beat);
          unwatch();
          open.delete(end);
          res.end();
        };
        open.add(end);
        request.raw.on('close', end);
      },
    );
  };
}
