// The desk's settings, quality review of sampled registrations (the checklist, scores, the agent's
// correction, scores per agent). Flags on citizens: flags.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { audited, auditRead, auditWho } from '../../access/audited.ts';
import { hasRole } from '../../access/principal.ts';
import type { Deps } from '../../deps.ts';
import { DateTime, errorResponses, I18nText, IdParams, Nullable, oneOf } from '../../http/schemas.ts';
import {
  checklist,
  correctRegistration,
  listReviews,
  reviewRegistration,
  saveChecklist,
  scoresByAgent,
} from '../quality.ts';
import { agentId } from './agents.ts';

const tags = ['desk'];
const ChecklistItem = Type.Object({ code: Type.String(), label: I18nText, active: Type.Boolean() });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });

export function qualityRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  const { db, clock } = deps;
  return async (app) => {
    app.get(
      '/api/desk/settings',
      {
        config: { access: ['agent', 'supervisor', 'admin'] },
        schema: {
          tags,
          summary: "The desk's settings",
          response: {
            200: Type.Object({
              serviceLevelSeconds: Type.Integer(),
              offerTimeoutSeconds: Type.Integer(),
              anonymousToAgents: Type.Boolean(),
              qualitySharePercent: Type.Integer(),
              monthlyCap: Nullable(Type.Integer()),
            }),
          },
        },
      },
      async () =>
        db
          .selectFrom('desk_settings')
          .select([
            'service_level_seconds as serviceLevelSeconds',
            'offer_timeout_seconds as offerTimeoutSeconds',
            'anonymous_to_agents as anonymousToAgents',
            'quality_share_percent as qualitySharePercent',
            'monthly_cap as monthlyCap',
          ])
          .executeTakeFirstOrThrow(),
    );
    app.patch(
      '/api/desk/settings',
      {
        config: { access: ['admin'] },
        schema: {
          tags,
          summary:
            "Change the desk's settings (service level, offer timeout, anonymity at the desk, quality share, monthly cap)",
          body: Type.Object(
            {
              serviceLevelSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 3600 })),
              offerTimeoutSeconds: Type.Optional(Type.Integer({ minimum: 5, maximum: 600 })),
              anonymousToAgents: Type.Optional(Type.Boolean()),
              qualitySharePercent: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
              monthlyCap: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1000 }))),
            },
            { additionalProperties: false, minProperties: 1 },
          ),
          response: { 200: Type.Object({ ok: Type.Boolean() }), ...errorResponses },
        },
      },
      async (request) => {
        const b = request.body;
        await audited(
          deps,
          request,
          (trx) =>
            trx
              .updateTable('desk_settings')
              .set({
                ...(b.serviceLevelSeconds !== undefined
                  ? { service_level_seconds: b.serviceLevelSeconds }
                  : {}),
                ...(b.offerTimeoutSeconds !== undefined
                  ? { offer_timeout_seconds: b.offerTimeoutSeconds }
                  : {}),
                ...(b.anonymousToAgents !== undefined ? { anonymous_to_agents: b.anonymousToAgents } : {}),
                ...(b.qualitySharePercent !== undefined
                  ? { quality_share_percent: b.qualitySharePercent }
                  : {}),
                ...(b.monthlyCap !== undefined ? { monthly_cap: b.monthlyCap } : {}),
              })
              .execute(),
          { entity: 'desk_settings', data: b },
        );
        return { ok: true };
      },
    );
    app.get(
      '/api/desk/quality/reviews',
      {
        config: { access: ['agent', 'supervisor'] },
        schema: {
          tags,
          summary: 'Registrations sampled for quality review (an agent sees their own, with what to correct)',
          querystring: Type.Object(
            {
              status: Type.Optional(
                oneOf(['open', 'pending', 'passed', 'returned', 'corrected'] as const, {
                  description: 'open: waiting for the reviewer (sampled, or corrected by the agent)',
                }),
              ),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Array(
              Type.Object({
                id: Type.Integer(),
                status: Type.String(),
                score: Nullable(Type.Integer()),
                scores: Nullable(Type.Record(Type.String(), Type.Integer())),
                comments: Nullable(Type.String()),
                sampledAt: DateTime,
                reviewedAt: Nullable(DateTime),
                agentUserId: Type.Integer(),
                agent: Type.String(),
                correction: Nullable(Type.String()),
                correctedAt: Nullable(DateTime),
                reference: Type.String(),
                subject: Type.String(),
                description: Type.String(),
                language: Type.String(),
                channel: Type.String(),
                anonymous: Type.Boolean(),
                category: I18nText,
                place: I18nText,
                callId: Nullable(Type.Integer()),
                recordingUrl: Nullable(Type.String()),
                wrapNotes: Nullable(Type.String()),
                centrePlaceId: Nullable(Type.Integer()),
              }),
            ),
          },
        },
      },
      async (request) => {
        const mine = !hasRole(request.principal, 'supervisor');
        const reviews = await listReviews(db, {
          status: request.query.status,
          ...(mine ? { agentUserId: agentId(request) } : {}),
        });
        await auditRead(deps, request, { action: 'desk.quality_read', data: { returned: reviews.length } });
        return reviews;
      },
    );
    app.post(
      '/api/desk/quality/reviews/:id',
      {
        config: { access: ['supervisor'] },
        schema: {
          tags,
          summary:
            'Score a sampled (or corrected) registration on the checklist (GET /api/desk/quality/checklist: 0, 1 or 2 each), and pass it or return it for correction',
          params: IdParams,
          body: Type.Object(
            {
              scores: Type.Record(
                Type.String({ pattern: '^[a-z_]{1,40}$' }),
                Type.Integer({ minimum: 0, maximum: 2 }),
                {
                  maxProperties: 20,
                },
              ),
              outcome: oneOf(['passed', 'returned'] as const),
              comments: Type.Optional(Text(2000)),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ id: Type.Integer(), status: Type.String(), score: Type.Integer() }),
            ...errorResponses,
          },
        },
      },
      async (request) =>
        reviewRegistration(db, clock.now(), request.params.id, request.body, auditWho(request)),
    );
    app.post(
      '/api/desk/quality/reviews/:id/correction',
      {
        config: { access: ['agent', 'supervisor'] },
        schema: {
          tags,
          summary:
            "Correct a registration returned to you: what you corrected goes on the grievance's history for the officer, and back to the reviewer",
          params: IdParams,
          body: Type.Object({ correction: Text(2000) }, { additionalProperties: false }),
          response: {
            200: Type.Object({ id: Type.Integer(), status: Type.String() }),
            ...errorResponses,
          },
        },
      },
      async (request) =>
        correctRegistration(
          db,
          clock.now(),
          request.params.id,
          agentId(request),
          request.body.correction,
          auditWho(request),
        ),
    );
    app.get(
      '/api/desk/quality/checklist',
      {
        config: { access: ['agent', 'supervisor', 'admin'] },
        schema: {
          tags,
          summary: 'The quality checklist reviewers score on (retired items too with all=true)',
          querystring: Type.Object({ all: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
          response: { 200: Type.Array(ChecklistItem) },
        },
      },
      async (request) => checklist(db, request.query.all ?? false),
    );
    app.put(
      '/api/desk/quality/checklist',
      {
        config: { access: ['admin'] },
        schema: {
          tags,
          summary:
            'Set the quality checklist: these items in this order; items left out are retired (earlier reviews keep their scores)',
          body: Type.Object(
            {
              items: Type.Array(
                Type.Object(
                  { code: Type.String({ pattern: '^[a-z_]{1,40}$' }), label: I18nText },
                  { additionalProperties: false },
                ),
                { minItems: 1, maxItems: 20 },
              ),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Array(ChecklistItem), ...errorResponses },
        },
      },
      async (request) =>
        audited(deps, request, (trx) => saveChecklist(trx, request.body.items), {
          entity: 'quality_checklist',
          data: { codes: request.body.items.map((i) => i.code) },
        }),
    );
    app.get(
      '/api/desk/quality/agents',
      {
        config: { access: ['supervisor'] },
        schema: {
          tags,
          summary: "Each agent's quality scores per month",
          response: {
            200: Type.Array(
              Type.Object({
                agentUserId: Type.Integer(),
                agent: Type.String(),
                month: Type.String(),
                reviewed: Type.Integer(),
                returned: Type.Integer(),
                averageScore: Type.Integer(),
              }),
            ),
          },
        },
      },
      async () => scoresByAgent(db),
    );
  };
}
