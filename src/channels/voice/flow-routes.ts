// Administrators read, check and save the call flow. Saving makes a new version (calls in progress keep
// theirs); a flow with a dead end, a dangling branch, an unknown prompt or lookup is refused with each
// problem named by node and a stable code (the admin area's catalogues say them in each language).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type TSchema, Type } from '@sinclair/typebox';
import { audited } from '../../access/audited.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { errorResponses } from '../../http/schemas.ts';
import { type FlowDefinition, flowNotes } from './flow.ts';
import { activeFlow, checkFlow, flowVersions, saveFlow } from './flows.ts';
import { baseUrl } from './providers/common.ts';
import { type SimulatorState, simulateTurn } from './simulate.ts';

const tags = ['voice'];
const NodeRef = Type.String({ minLength: 1, maxLength: 64 });
const Prompt = Type.Object(
  {
    key: Type.String({ minLength: 1, maxLength: 64 }),
    params: Type.Optional(
      Type.Record(
        Type.String({ maxLength: 32 }),
        Type.Union([Type.String({ maxLength: 500 }), Type.Number()]),
        {
          maxProperties: 10,
        },
      ),
    ),
  },
  { additionalProperties: false },
);
const Prompts = Type.Array(Prompt, { maxItems: 20 });
const node = (kind: string, fields: Record<string, TSchema>) =>
  Type.Object({ kind: Type.Literal(kind), ...fields }, { additionalProperties: false });
const Retries = Type.Integer({ minimum: 0, maximum: 5 });

const FlowNode = Type.Union([
  node('say', { prompts: Prompts, next: NodeRef }),
  node('set', {
    vars: Type.Record(Type.String({ maxLength: 32 }), Type.String({ maxLength: 100 }), { maxProperties: 10 }),
    next: NodeRef,
  }),
  node('gather', {
    prompts: Prompts,
    input: Type.Optional(Type.Union([Type.Literal('digits'), Type.Literal('speech'), Type.Literal('both')])),
    // Per key, per language, the phrases that choose it by voice.
    phrases: Type.Optional(
      Type.Record(
        Type.String({ maxLength: 32 }),
        Type.Record(
          Type.String({ pattern: '^[a-z]{2,3}$' }),
          Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 }),
          { maxProperties: 9 },
        ),
        { maxProperties: 13 },
      ),
    ),
    maxDigits: Type.Integer({ minimum: 1, maximum: 32 }),
    timeoutSeconds: Type.Integer({ minimum: 1, maximum: 60 }),
    finishOnKey: Type.Optional(Type.String({ maxLength: 1 })),
    choices: Type.Optional(Type.Record(Type.String({ maxLength: 32 }), NodeRef, { maxProperties: 12 })),
    store: Type.Optional(Type.String({ pattern: '^[a-z_]{1,32}$' })),
    next: Type.Optional(NodeRef),
    retries: Retries,
    retryPrompts: Prompts,
    fail: NodeRef,
  }),
  node('lookup', {
    lookup: Type.String({ maxLength: 64 }),
    outcomes: Type.Record(Type.String({ maxLength: 32 }), NodeRef, { maxProperties: 12 }),
    retry: Type.Optional(
      Type.Object(
        { to: NodeRef, times: Type.Integer({ minimum: 0, maximum: 5 }), prompts: Prompts, fail: NodeRef },
        { additionalProperties: false },
      ),
    ),
  }),
  node('redirect', { next: NodeRef }),
  node('record', {
    prompts: Prompts,
    maxSeconds: Type.Integer({ minimum: 5, maximum: 600 }),
    finishOnKey: Type.String({ maxLength: 1 }),
    purpose: Type.String({ pattern: '^[a-z_]{1,32}$' }),
    next: NodeRef,
    retries: Retries,
    retryPrompts: Prompts,
    fail: NodeRef,
  }),
  node('enqueue', {
    prompts: Prompts,
    skill: Type.String({ minLength: 1, maxLength: 64 }),
    holdPrompts: Prompts,
    closed: NodeRef,
    outcome: Type.Optional(Type.String({ pattern: '^[a-z_]{1,32}$' })),
  }),
  node('dial', { prompts: Prompts, number: Type.String({ maxLength: 16 }) }),
  node('hangup', { prompts: Prompts, outcome: Type.String({ pattern: '^[a-z_]{1,32}$' }) }),
]);

export const FlowSchema = Type.Object(
  {
    start: NodeRef,
    languages: Type.Array(
      Type.Object(
        { code: Type.String({ pattern: '^[a-z]{2,3}$' }), digit: Type.String({ pattern: '^[0-9]$' }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 9 },
    ),
    agentKey: Type.Optional(Type.String({ maxLength: 1 })),
    agentNode: Type.Optional(NodeRef),
    nodes: Type.Record(NodeRef, FlowNode, { maxProperties: 200 }),
  },
  { additionalProperties: false },
);

const Problem = Type.Object({
  node: Type.Union([Type.String(), Type.Null()]),
  code: Type.String(),
  message: Type.String(),
});
const Stored = Type.Object({
  id: Type.Integer(),
  version: Type.Integer(),
  definition: FlowSchema,
  problems: Type.Array(Problem),
});

export function flowRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/voice/flow',
      {
        schema: { tags, summary: 'The active call flow', response: { 200: Stored, ...errorResponses } },
        config: { access: ['admin'] },
      },
      async () => {
        const flow = await activeFlow(deps.db, deps.clock.now());
        return {
          id: flow.id,
          version: flow.version,
          definition: flow.definition,
          problems: checkFlow(flow.definition),
        };
      },
    );

    app.post(
      '/api/voice/flow/check',
      {
        schema: {
          tags,
          summary: 'Check a call flow without saving it: every problem, by node',
          body: FlowSchema,
          response: {
            200: Type.Object({ problems: Type.Array(Problem), notes: Type.Array(Problem) }),
            ...errorResponses,
          },
        },
        config: { access: ['admin'] },
      },
      // Notes do not stop a save: which questions listen for speech only where the provider can.
      async (request) => ({
        problems: checkFlow(request.body as FlowDefinition),
        notes: flowNotes(request.body as FlowDefinition),
      }),
    );

    app.put(
      '/api/voice/flow',
      {
        schema: {
          tags,
          summary:
            'Save a new version of the call flow and make it the active one (refused with its problems)',
          body: Type.Object({ definition: FlowSchema, note: Type.Optional(Type.String({ maxLength: 500 })) }),
          response: { 200: Type.Object({ id: Type.Integer(), version: Type.Integer() }), ...errorResponses },
        },
        config: { access: ['admin'] },
      },
      async (request) =>
        audited(
          deps,
          request,
          (trx) =>
            saveFlow(trx, deps.clock.now(), {
              definition: request.body.definition as FlowDefinition,
              note: request.body.note ?? null,
              createdBy:
                request.principal.kind === 'staff' || request.principal.kind === 'api'
                  ? request.principal.userId
                  : null,
            }),
          (r) => ({ entity: 'ivr_flow', entityId: String(r.id), data: { version: r.version } }),
        ),
    );

    app.get(
      '/api/voice/flow/versions',
      {
        schema: {
          tags,
          summary: 'Every saved version of the call flow, newest first',
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  id: Type.Integer(),
                  version: Type.Integer(),
                  active: Type.Boolean(),
                  note: Type.Union([Type.String(), Type.Null()]),
                  createdBy: Type.Union([Type.String(), Type.Null()]),
                  createdAt: Type.String({ format: 'date-time' }),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
        config: { access: ['admin'] },
      },
      async () => ({ items: await flowVersions(deps.db) }),
    );

    // The test-call simulator: one keypad turn of a flow (saved or not) walked by the real engine, in a
    // transaction rolled back (simulate.ts): nothing of the call is kept.
    app.post(
      '/api/voice/flow/simulate',
      {
        schema: {
          tags,
          summary: 'Walk one turn of a test call through a flow; nothing is kept',
          body: Type.Object(
            {
              definition: FlowSchema,
              state: Type.Optional(
                Type.Object(
                  {
                    node: NodeRef,
                    vars: Type.Record(Type.String(), Type.Unknown()),
                    attempts: Type.Record(Type.String(), Type.Integer()),
                  },
                  { additionalProperties: false },
                ),
              ),
              digits: Type.Optional(Type.String({ pattern: '^[0-9*#]{1,32}$' })),
              // What a recogniser would have written, for a question that listens for speech.
              speech: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
              timeout: Type.Optional(Type.Boolean()),
              hangup: Type.Optional(Type.Boolean()),
              phone: Type.Optional(Type.String({ maxLength: 20 })),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              instruction: Type.Unknown(),
              prompts: Type.Array(Type.Unknown()),
              holdPrompts: Type.Array(Type.Unknown()),
              state: Type.Unknown(),
              ended: Type.Boolean(),
              outcome: Type.Union([Type.String(), Type.Null()]),
              queue: Type.Unknown(),
            }),
            ...errorResponses,
          },
        },
        config: { access: ['admin'] },
      },
      async (request) => {
        const body = request.body;
        const definition = body.definition as FlowDefinition;
        const problems = checkFlow(definition);
        if (problems.length)
          throw new AppError(
            'validation_failed',
            `the flow has ${problems.length} problem(s): ${problems[0]?.message}`,
            problems.map((p) => ({
              field: p.node ? `nodes.${p.node}` : 'flow',
              message: p.message,
              code: p.code,
            })),
          );
        return simulateTurn(deps, {
          definition,
          state: (body.state as SimulatorState | undefined) ?? null,
          turn: body.hangup
            ? { hangup: true }
            : body.digits
              ? { digits: body.digits }
              : body.speech
                ? { speech: body.speech }
                : { timeout: true },
          caller: body.phone ?? null,
          base: baseUrl(request, null),
        });
      },
    );
  };
}
