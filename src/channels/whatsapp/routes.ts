// The WhatsApp Cloud API webhook: Meta's subscription handshake (GET) and the notifications (POST) of
// citizens' messages and of our messages' statuses.
//
// The POST body is read as raw bytes by a content-type parser scoped to this plugin (Fastify's
// encapsulation keeps it from every other route), because X-Hub-Signature-256 is an HMAC of exactly
// those bytes. Nothing is parsed, logged as data or acted on before the signature checks out: a bad or
// missing one is answered 401 and logged with the sender's address. Messages are handled one after
// another, each in its own transaction with its dedup record; if one fails the answer is 500 and Meta
// retries the whole delivery, where the ones already handled are recognised and skipped.
//
// The settings (app secret, verify token, phone number id) are read for each request from `current`,
// which follows the admin area's channel settings as the adapters do (index.ts: liveWhatsAppChannel),
// so a rotated secret is in force on every node as soon as the change is announced, with no restart.
// While WhatsApp is not configured the webhook answers 404.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyBaseLogger } from 'fastify';
import { sameText } from '../../access/secrets.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { ErrorBody } from '../../http/schemas.ts';
import type { DeliveryReceipt } from '../../notify/adapter.ts';
import { applyReceipt } from '../../notify/deliver.ts';
import type { CloudClient } from './cloud.ts';
import type { WhatsAppConfig } from './config.ts';
import { type InboundMessage, readPayload, type StatusUpdate } from './payload.ts';
import { validSignature } from './signature.ts';

export interface WhatsAppChannel {
  config: WhatsAppConfig;
  client: CloudClient;
  /** Handles one verified, not-yet-seen message (the guided conversation). */
  onMessage(message: InboundMessage, log: FastifyBaseLogger): Promise<void>;
}

const PATH = '/api/channels/whatsapp/webhook';
const tags = ['channels'];

export function whatsappRoutes(deps: Deps, current: () => WhatsAppChannel | null): FastifyPluginAsyncTypebox {
  const configured = () => {
    const channel = current();
    if (!channel) throw new AppError('not_found', 'WhatsApp is not configured here');
    return channel;
  };
  return async (app) => {
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    );

    app.get(
      PATH,
      {
        schema: {
          tags,
          summary: "Meta's webhook verification handshake",
          querystring: Type.Object({
            'hub.mode': Type.String({ maxLength: 100 }),
            'hub.verify_token': Type.String({ maxLength: 1000 }),
            'hub.challenge': Type.String({ maxLength: 1000 }),
          }),
          response: { 200: Type.String(), 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
        },
        config: { access: 'public' },
      },
      async (request, reply) => {
        const { config } = configured();
        const q = request.query;
        if (q['hub.mode'] !== 'subscribe' || !sameText(q['hub.verify_token'], config.verifyToken)) {
          request.log.warn({ ip: request.ip }, 'whatsapp webhook: verification with a wrong token');
          throw new AppError('forbidden', 'the verify token does not match WHATSAPP_VERIFY_TOKEN');
        }
        return reply.type('text/plain').send(q['hub.challenge']);
      },
    );

    app.post(
      PATH,
      {
        schema: {
          tags,
          summary: 'Messages and message statuses from the WhatsApp Cloud API (signed)',
          description:
            'The body is checked against X-Hub-Signature-256 (HMAC-SHA256 with the app secret) over its raw bytes before it is read.',
          headers: Type.Object({ 'x-hub-signature-256': Type.Optional(Type.String({ maxLength: 200 })) }),
          response: {
            200: Type.Object({ ok: Type.Boolean() }),
            400: ErrorBody,
            401: ErrorBody,
            404: ErrorBody,
          },
        },
        // Meta posts from a handful of addresses, as fast as citizens write: the per-IP limit is for people.
        config: { access: 'public', auditedElsewhere: true, rateLimit: false },
      },
      async (request) => {
        const channel = configured();
        const { config } = channel;
        const raw = request.body;
        if (
          !(raw instanceof Buffer) ||
          !validSignature(raw, request.headers['x-hub-signature-256'], config.appSecret)
        ) {
          request.log.warn(
            { ip: request.ip, signature: request.headers['x-hub-signature-256'] ? 'wrong' : 'missing' },
            'whatsapp webhook: refused, bad or missing X-Hub-Signature-256',
          );
          throw new AppError('unauthenticated', 'missing or wrong X-Hub-Signature-256');
        }
        let json: unknown;
        try {
          json = JSON.parse(raw.toString('utf8'));
        } catch {
          throw new AppError('validation_failed', 'the body is not JSON');
        }
        const payload = readPayload(json, config.phoneNumberId);
        if (!payload) {
          request.log.warn({ ip: request.ip }, 'whatsapp webhook: a signed body we cannot read');
          throw new AppError('validation_failed', 'not a WhatsApp Business webhook payload we understand');
        }
        if (payload.foreign.length) {
          // Signed with our app's secret but for a number that is not ours (an app may serve several):
          // not ours to answer.
          request.log.warn(
            { phoneNumberIds: payload.foreign },
            'whatsapp webhook: ignored, not our phone number id',
          );
        }
        for (const message of payload.messages) await channel.onMessage(message, request.log);
        for (const status of payload.statuses) {
          const receipt = toReceipt(status);
          if (receipt) await applyReceipt(deps.db, 'whatsapp-cloud', receipt);
        }
        return { ok: true };
      },
    );
  };
}

/** WhatsApp's statuses as the seam's receipts: "read" is delivered (and more); others are not receipts. */
export function toReceipt(status: StatusUpdate): DeliveryReceipt | null {
  const state =
    status.status === 'sent'
      ? 'sent'
      : status.status === 'delivered' || status.status === 'read'
        ? 'delivered'
        : status.status === 'failed'
          ? 'failed'
          : null;
  if (!state) return null;
  return {
    providerId: status.providerId,
    state,
    at: status.at,
    ...(status.reason ? { reason: status.reason } : {}),
  };
}
