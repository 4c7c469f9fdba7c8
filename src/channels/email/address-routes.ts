// The signed-in citizen's email address on the portal: see it, give a new one (a code goes to it, and it
// is kept only once the code comes back), or remove it. An address is offered only where the helpline
// sends email. Every change is audited; the audit entry names the citizen, never the address.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { audited } from '../../access/audited.ts';
import type { Deps } from '../../deps.ts';
import { refusal } from '../../errors.ts';
import { DateTime, errorResponses, Nullable } from '../../http/schemas.ts';
import { confirmEmailCode, requestEmailCode, wrongEmailCode } from './address.ts';

const EmailState = Type.Object({
  /** The kept (verified) address, the only one messages go to. */
  email: Nullable(Type.String()),
  verifiedBy: Nullable(Type.Union([Type.Literal('used'), Type.Literal('code')])),
  /** An address waiting for its code, and until when the code holds. */
  pending: Nullable(Type.Object({ email: Type.String(), expiresAt: DateTime })),
  /** Whether the helpline sends email at all (else the portal does not offer it). */
  available: Type.Boolean(),
});

export function emailAddressRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  const citizenOf = (principal: { kind: string; citizenId?: number }) => {
    if (principal.kind !== 'citizen' || !principal.citizenId)
      throw refusal('forbidden', 'citizen_only', 'only a citizen has an email address here');
    return principal.citizenId;
  };
  const available = () => Boolean(deps.channels?.adapters.email);
  const state = async (citizenId: number) => {
    const [citizen, pending] = await Promise.all([
      deps.db
        .selectFrom('citizens')
        .select(['email', 'email_verified_by'])
        .where('id', '=', citizenId)
        .executeTakeFirstOrThrow(),
      deps.db
        .selectFrom('citizen_email_codes')
        .select(['email', 'expires_at', 'consumed_at'])
        .where('citizen_id', '=', citizenId)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst(),
    ]);
    const waiting = pending && !pending.consumed_at && pending.expires_at > deps.clock.now() ? pending : null;
    return {
      email: citizen.email,
      verifiedBy: citizen.email_verified_by,
      pending: waiting ? { email: waiting.email, expiresAt: waiting.expires_at } : null,
      available: available(),
    };
  };
  const tags = ['channels'];
  return async (app) => {
    app.get(
      '/api/me/email',
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary: "The signed-in citizen's email address for messages, and one waiting for its code",
          response: { 200: EmailState, ...errorResponses },
        },
      },
      async (request) => state(citizenOf(request.principal as { kind: string; citizenId?: number })),
    );

    app.put(
      '/api/me/email',
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary: 'Give an email address: a code is sent to it, and it is used once the code comes back',
          body: Type.Object(
            { email: Type.String({ minLength: 3, maxLength: 254 }) },
            { additionalProperties: false },
          ),
          response: { 200: EmailState, ...errorResponses },
        },
      },
      async (request) => {
        const citizenId = citizenOf(request.principal as { kind: string; citizenId?: number });
        if (!available())
          throw refusal('conflict', 'email_not_available', 'the helpline does not send email here');
        await audited(
          deps,
          request,
          (trx) => requestEmailCode(trx, deps.clock, citizenId, request.body.email),
          {
            entity: 'citizen',
            entityId: String(citizenId),
            data: { emailCodeSent: true },
          },
        );
        return state(citizenId);
      },
    );

    app.post(
      '/api/me/email/confirm',
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary: 'Confirm the address with the code sent to it; it is kept for messages from then on',
          body: Type.Object(
            { code: Type.String({ pattern: '^[0-9]{6}$' }) },
            { additionalProperties: false },
          ),
          response: { 200: EmailState, ...errorResponses },
        },
      },
      async (request) => {
        const citizenId = citizenOf(request.principal as { kind: string; citizenId?: number });
        const kept = await audited(
          deps,
          request,
          (trx) => confirmEmailCode(trx, deps.clock, citizenId, request.body.code),
          (email) => ({
            entity: 'citizen',
            entityId: String(citizenId),
            data: { emailConfirmed: email !== null },
          }),
        );
        if (kept === null) throw wrongEmailCode();
        return state(citizenId);
      },
    );

    app.delete(
      '/api/me/email',
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary: 'Remove the email address; messages go by SMS or WhatsApp again',
          response: { 200: EmailState, ...errorResponses },
        },
      },
      async (request) => {
        const citizenId = citizenOf(request.principal as { kind: string; citizenId?: number });
        await audited(
          deps,
          request,
          async (trx) => {
            await trx
              .updateTable('citizens')
              .set({ email: null, email_verified_at: null, email_verified_by: null })
              .where('id', '=', citizenId)
              .execute();
            // Email was their choice: automatic again (the channel they used, SMS as the fallback).
            await trx
              .updateTable('citizens')
              .set({ preferred_channel: null })
              .where('id', '=', citizenId)
              .where('preferred_channel', '=', 'email')
              .execute();
          },
          { entity: 'citizen', entityId: String(citizenId), data: { emailRemoved: true } },
        );
        return state(citizenId);
      },
    );
  };
}
