// Admins read every message template as it is sent (the catalogue's words or their override), change
// the words of one (event, channel, language), set an SMS template's DLT registration, or go back to
// the catalogue. Every change is audited.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { audited, principalId } from '../access/audited.ts';
import { segmentInfo } from '../channels/sms/encoding.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { DateTime, errorResponses, Nullable, oneOf } from '../http/schemas.ts';
import { fill, sampleVariables } from './fill.ts';
import { deleteOverride, effectiveText, listOverrides, saveOverride } from './template-store.ts';
import { CHANNELS, EVENTS, LANGUAGES, unknownVariables, VARIABLES } from './templates.ts';

const Key = Type.Object({
  event: oneOf(EVENTS as unknown as readonly [string, ...string[]]),
  channel: oneOf(CHANNELS),
  language: oneOf(LANGUAGES),
});

const Template = Type.Object({
  event: Type.String(),
  channel: Type.String(),
  language: Type.String(),
  text: Type.String(),
  subject: Nullable(Type.String()),
  overridden: Type.Boolean({ description: 'The words are an admin override, not the catalogue' }),
  dltEntityId: Nullable(Type.String()),
  dltTemplateId: Nullable(Type.String()),
  sender: Nullable(Type.String()),
  updatedAt: Nullable(DateTime),
  sms: Nullable(
    Type.Object({
      encoding: Type.String({ description: 'gsm7 or ucs2' }),
      characters: Type.Integer(),
      parts: Type.Integer({ description: 'With sample values in the variables' }),
    }),
  ),
});

const DltId = Type.String({ pattern: '^[0-9]{1,30}$', description: 'Digits, as the DLT platform issued it' });

export function templateRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/message-templates',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['messages'],
          summary: 'Every message template as it is sent, with variables and SMS part counts',
          response: {
            200: Type.Object({ templates: Type.Array(Template), variables: Type.Array(Type.String()) }),
            ...errorResponses,
          },
        },
      },
      async () => {
        const overrides = new Map(
          (await listOverrides(deps.db)).map((o) => [`${o.event}:${o.channel}:${o.language}`, o]),
        );
        const templates = EVENTS.flatMap((event) =>
          CHANNELS.flatMap((channel) =>
            LANGUAGES.map((language) => {
              const o = overrides.get(`${event}:${channel}:${language}`);
              const words = effectiveText({ event, channel, language }, o);
              const info =
                channel === 'sms' ? segmentInfo(fill(words.text, sampleVariables(language))) : null;
              return {
                event,
                channel,
                language,
                ...words,
                dltEntityId: o?.dltEntityId ?? null,
                dltTemplateId: o?.dltTemplateId ?? null,
                sender: o?.sender ?? null,
                updatedAt: o?.updatedAt ?? null,
                sms: info
                  ? { encoding: info.encoding, characters: info.characters, parts: info.parts }
                  : null,
              };
            }),
          ),
        );
        return { templates, variables: [...VARIABLES] };
      },
    );

    app.put(
      '/api/message-templates/:event/:channel/:language',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['messages'],
          summary: "Override a template's words and set its DLT registration (null: the catalogue's words)",
          params: Key,
          body: Type.Object(
            {
              body: Nullable(Type.String({ minLength: 1, maxLength: 2000 })),
              subject: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200 }))),
              dltEntityId: Type.Optional(Nullable(DltId)),
              dltTemplateId: Type.Optional(Nullable(DltId)),
              sender: Type.Optional(
                Nullable(
                  Type.String({ pattern: '^[A-Za-z0-9]{3,11}$', description: 'The DLT sender header' }),
                ),
              ),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ saved: Type.Boolean() }), ...errorResponses },
        },
      },
      async (request) => {
        const { body } = request;
        const unknown = [body.body, body.subject].flatMap((t) => (t ? unknownVariables(t) : []));
        if (unknown.length) {
          throw new AppError(
            'validation_failed',
            `unknown variables: ${unknown.join(', ')}; use ${VARIABLES.map((v) => `{{${v}}}`).join(' ')}`,
            [
              {
                field: 'body',
                message: `unknown variables ${unknown.join(', ')}`,
                code: 'template_variable_unknown',
              },
            ],
          );
        }
        await audited(
          deps,
          request,
          (trx) =>
            saveOverride(
              trx,
              deps.clock.now(),
              request.params,
              {
                body: body.body,
                subject: body.subject ?? null,
                dltEntityId: body.dltEntityId ?? null,
                dltTemplateId: body.dltTemplateId ?? null,
                sender: body.sender ?? null,
              },
              principalId(request.principal),
            ),
          {
            entity: 'message_template',
            entityId: `${request.params.event}:${request.params.channel}:${request.params.language}`,
            data: { body: body.body, dltTemplateId: body.dltTemplateId ?? null },
          },
        );
        return { saved: true };
      },
    );

    app.delete(
      '/api/message-templates/:event/:channel/:language',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['messages'],
          summary: "Go back to the catalogue's words (and drop the DLT registration)",
          params: Key,
          response: { 200: Type.Object({ removed: Type.Boolean() }), ...errorResponses },
        },
      },
      async (request) => {
        const removed = await audited(deps, request, (trx) => deleteOverride(trx, request.params), {
          entity: 'message_template',
          entityId: `${request.params.event}:${request.params.channel}:${request.params.language}`,
        });
        return { removed };
      },
    );
  };
}
