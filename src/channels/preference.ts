// The channel a signed-in citizen wants messages about their grievances on (the portal's setting):
// SMS, WhatsApp, email, or automatic (null: the channel they used, SMS as the fallback). Email can be
// chosen only with a verified address (src/channels/email/address.ts). The delivery worker reads it
// when it sends (src/notify/render.ts); sign-in codes and answers to an SMS stay on SMS.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { audited } from '../access/audited.ts';
import type { Deps } from '../deps.ts';
import { refusal } from '../errors.ts';
import { errorResponses, Nullable } from '../http/schemas.ts';

const Preference = Type.Object({
  channel: Nullable(
    Type.Union([Type.Literal('sms'), Type.Literal('whatsapp'), Type.Literal('email')], {
      description: 'null: the channel the citizen used for each grievance, with SMS as the fallback',
    }),
  ),
  /** Which channels the helpline can send on now, so the portal offers only those. */
  available: Type.Array(Type.String()),
});

export function preferenceRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  const citizenOf = (principal: { kind: string; citizenId?: number }) => {
    if (principal.kind !== 'citizen' || !principal.citizenId)
      throw refusal('forbidden', 'citizen_only', 'only a citizen has a channel preference');
    return principal.citizenId;
  };
  const available = () =>
    (['sms', 'whatsapp', 'email'] as const).filter((c) => Boolean(deps.channels?.adapters[c]));
  return async (app) => {
    app.get(
      '/api/me/channel-preference',
      {
        config: { access: 'signed-in' },
        schema: {
          tags: ['channels'],
          summary: 'The channel the signed-in citizen gets messages about their grievances on',
          response: { 200: Preference, ...errorResponses },
        },
      },
      async (request) => {
        const citizenId = citizenOf(request.principal as { kind: string; citizenId?: number });
        const row = await deps.db
          .selectFrom('citizens')
          .select('preferred_channel')
          .where('id', '=', citizenId)
          .executeTakeFirst();
        return { channel: row?.preferred_channel ?? null, available: available() };
      },
    );
    app.put(
      '/api/me/channel-preference',
      {
        config: { access: 'signed-in' },
        schema: {
          tags: ['channels'],
          summary: 'Choose SMS, WhatsApp or email for messages about your grievances (null: automatic)',
          body: Type.Object({ channel: Preference.properties.channel }, { additionalProperties: false }),
          response: { 200: Preference, ...errorResponses },
        },
      },
      async (request) => {
        const citizenId = citizenOf(request.principal as { kind: string; citizenId?: number });
        const channel = request.body.channel;
        if (channel === 'email') {
          const citizen = await deps.db
            .selectFrom('citizens')
            .select('email')
            .where('id', '=', citizenId)
            .executeTakeFirst();
          if (!citizen?.email)
            throw refusal(
              'conflict',
              'email_not_verified',
              'give an email address and confirm it with the code sent to it first',
            );
        }
        await audited(
          deps,
          request,
          (trx) =>
            trx
              .updateTable('citizens')
              .set({ preferred_channel: channel })
              .where('id', '=', citizenId)
              .execute(),
          { entity: 'citizen', entityId: String(citizenId), data: { preferredChannel: channel } },
        );
        return { channel, available: available() };
      },
    );
  };
}
