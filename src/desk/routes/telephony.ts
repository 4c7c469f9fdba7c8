// POST /api/telephony/{source}/events: the generic webhook for any PBX or provider (telephony.ts says
// how requests are signed). And the admin's side: registering a source and getting its secret once.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { appendAudit } from '../../access/audit.ts';
import { audited } from '../../access/audited.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import {
  Code,
  DateTime,
  ErrorBody,
  errorResponses,
  Id,
  Language,
  Nullable,
  oneOf,
  PhoneE164,
} from '../../http/schemas.ts';
import type { DeskFeed } from '../feed.ts';
import { createTelephonySource, handleTelephonyEvent, verifyTelephony } from '../telephony.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body as it came, for checking a webhook's signature. */
    rawBody?: string;
  }
}

type Source = Awaited<ReturnType<typeof verifyTelephony>>;
/** The source whose signature a request carried, found once in preValidation. */
const signedBy = new WeakMap<object, Source>();

const tags = ['desk'];

export function telephonyRoutes(deps: Deps, feed: DeskFeed): FastifyPluginAsyncTypebox {
  const { db, clock } = deps;
  return async (app) => {
    // The signature covers the bytes sent, so keep them (this parser applies to this plugin's routes only).
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      request.rawBody = body as string;
      try {
        done(null, body === '' ? {} : JSON.parse(body as string));
      } catch {
        done(new AppError('validation_failed', 'the body is not valid JSON'), undefined);
      }
    });

    app.post(
      '/api/telephony/:source/events',
      {
        // Signed with the source's shared secret rather than signed in: checked first thing in the handler.
        config: { access: 'public', auditedElsewhere: true },
        schema: {
          tags,
          summary: 'A call event from a PBX or telephony provider: new (it joins a queue), answered, hangup',
          description:
            'Headers: X-CivicLine-Timestamp (unix seconds, within 5 minutes) and X-CivicLine-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with the source\'s secret>. Repeats are harmless: (source, callId) names one call.',
          params: Type.Object({ source: Code }),
          body: Type.Object(
            {
              event: oneOf(['new', 'answered', 'hangup'] as const),
              callId: Type.String({ minLength: 1, maxLength: 200 }),
              caller: Type.Optional(Nullable(PhoneE164)),
              called: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
              queue: Type.Optional(Code),
              language: Type.Optional(Language),
              district: Type.Optional(Code),
              digits: Type.Optional(Type.String({ maxLength: 100, pattern: '^[0-9*# ]*$' })),
              agent: Type.Optional(Type.String({ pattern: '^[0-9A-Za-z*#+]{1,20}$' })),
              recordingUrl: Type.Optional(
                Type.String({
                  pattern: '^https?://[^\\s]+$',
                  maxLength: 1000,
                  description:
                    "Where the PBX keeps the call's recording, on answered or hangup (a repeat of hangup may bring it later); quality reviewers' browsers play it from there",
                }),
              ),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              callId: Type.Integer(),
              state: Type.String({
                description:
                  "queued, connected, ended, abandoned; closed: out of the queue's hours (see opensAt)",
              }),
              opensAt: Type.Optional(Nullable(DateTime)),
            }),
            401: ErrorBody,
            ...errorResponses,
          },
        },
        // The signature is checked before the body's schema, so an unsigned request learns nothing.
        preValidation: async (request) => {
          const { source } = request.params as { source: string };
          signedBy.set(
            request,
            await verifyTelephony(db, clock.now(), source, request.headers, request.rawBody ?? ''),
          );
        },
      },
      async (request) => {
        const now = clock.now();
        const result = await inTransaction(db, async (trx) => {
          const source = signedBy.get(request) as Source;
          const done = await handleTelephonyEvent(trx, now, source, request.body);
          await appendAudit(trx, now, {
            actorKind: 'telephony',
            actorId: null,
            ip: request.ip,
            action: `telephony.${request.body.event}`,
            entity: 'call',
            entityId: String(done.callId),
            data: { source: source.code, providerCallId: request.body.callId },
          });
          return done;
        });
        request.auditHandled = true;
        await feed.nudge();
        return result;
      },
    );

    app.post(
      '/api/desk/telephony-sources',
      {
        config: { access: ['admin'] },
        schema: {
          tags,
          summary: 'Register a PBX or provider that posts to the telephony webhook; its secret is shown once',
          body: Type.Object(
            {
              code: Code,
              name: Type.String({ minLength: 1, maxLength: 120 }),
              defaultQueueId: Type.Optional(Nullable(Id)),
            },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Object({
              id: Type.Integer(),
              code: Type.String(),
              name: Type.String(),
              secret: Type.String(),
            }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const source = await audited(
          deps,
          request,
          (trx) => createTelephonySource(trx, clock.now(), request.body),
          (s) => ({ entity: 'telephony_source', entityId: String(s.id) }),
        );
        return reply.status(201).send(source);
      },
    );
  };
}
