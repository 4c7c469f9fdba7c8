// Channel settings in the admin area: what each channel runs with, where each value comes from, and
// changes to it. Secrets are write-only (the answer says "set" or "not set" and where from). A change
// is checked by building the channel's configuration from it before anything is stored (a setting
// that would stop the channel is refused with the reason), audited with the names changed (never a
// secret's value), and picked up by every node's adapters through NOTIFY without a restart.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { audited, principalId } from '../../access/audited.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { DateTime, errorResponses, Nullable, oneOf } from '../../http/schemas.ts';
import { readEmailConfig } from '../email/config.ts';
import { readSmsConfig } from '../sms/config.ts';
import { readWhatsAppConfig } from '../whatsapp/config.ts';
import { FIELD_BY_NAME, SETTINGS_CHANNELS, type SettingsChannel } from './fields.ts';
import { describeSettings, effectiveSettings, saveSettings } from './store.ts';

const Setting = Type.Object({
  name: Type.String(),
  kind: Type.String({ description: 'text, number or choice' }),
  secret: Type.Boolean({ description: 'Write-only: its value is never returned' }),
  choices: Nullable(Type.Array(Type.String())),
  source: Type.String({ description: 'stored (set here), environment, or unset' }),
  value: Nullable(Type.String({ description: 'The value in use; null for a secret' })),
  updatedAt: Nullable(DateTime),
});

const Channel = Type.Object({
  channel: Type.String(),
  active: Type.Boolean({ description: 'This node has an adapter for the channel now' }),
  provider: Nullable(Type.String()),
  settings: Type.Array(Setting),
});

/** Builds the channel's configuration from these settings: throws with the reason when it cannot. */
function check(channel: SettingsChannel, env: NodeJS.ProcessEnv) {
  if (channel === 'sms') readSmsConfig(env);
  else if (channel === 'whatsapp') readWhatsAppConfig(env);
  else readEmailConfig(env);
}

export function channelSettingsRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  const base = () => deps.channels?.baseEnv ?? process.env;
  return async (app) => {
    app.get(
      '/api/channel-settings',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['channels'],
          summary: 'Each channel\'s settings and where they come from (secrets only as "set" or "not set")',
          response: { 200: Type.Object({ channels: Type.Array(Channel) }), ...errorResponses },
        },
      },
      async () => {
        const described = await describeSettings(deps.db, base());
        return {
          channels: SETTINGS_CHANNELS.map((channel) => {
            const adapter = deps.channels?.adapters[channel];
            return {
              channel,
              active: Boolean(adapter),
              provider: adapter?.provider ?? null,
              settings: described[channel],
            };
          }),
        };
      },
    );

    app.put(
      '/api/channel-settings/:channel',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['channels'],
          summary: "Change a channel's settings (a value sets it; null goes back to the environment's)",
          params: Type.Object({ channel: oneOf(SETTINGS_CHANNELS as [string, ...string[]]) }),
          body: Type.Object(
            {
              values: Type.Record(
                Type.String({ pattern: '^[A-Z][A-Z0-9_]{1,60}$' }),
                Nullable(Type.String({ maxLength: 2000 })),
              ),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ saved: Type.Array(Type.String()) }), ...errorResponses },
        },
      },
      async (request) => {
        const channel = request.params.channel as SettingsChannel;
        const changes: Record<string, string | null> = {};
        for (const [name, raw] of Object.entries(request.body.values)) {
          const field = FIELD_BY_NAME.get(name);
          if (!field || field.channel !== channel)
            throw new AppError('validation_failed', `${name} is not a ${channel} setting`, [
              { field: name, code: 'unknown_setting', message: `${name} is not a ${channel} setting` },
            ]);
          const value = raw === null ? null : raw.trim();
          if (value === '') {
            changes[name] = null;
            continue;
          }
          if (
            value !== null &&
            field.kind === 'number' &&
            !(Number.isFinite(Number(value)) && Number(value) >= 0)
          )
            throw new AppError('validation_failed', `${name} must be a number`, [
              { field: name, code: 'setting_not_a_number', message: `${name} must be a number of 0 or more` },
            ]);
          if (value !== null && field.choices && !field.choices.includes(value))
            throw new AppError('validation_failed', `${name} must be one of ${field.choices.join(', ')}`, [
              {
                field: name,
                code: 'setting_not_allowed',
                message: `${name} must be one of ${field.choices.join(', ')}`,
              },
            ]);
          changes[name] = value;
        }
        // The settings as they would be, checked the way the adapters will read them.
        const now = await effectiveSettings(deps.db, base());
        const next: NodeJS.ProcessEnv = { ...now };
        for (const [name, value] of Object.entries(changes)) {
          if (value === null) {
            if (base()[name] === undefined) delete next[name];
            else next[name] = base()[name];
          } else next[name] = value;
        }
        try {
          check(channel, next);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          throw new AppError('validation_failed', message, [{ code: 'channel_settings_invalid', message }]);
        }
        const names = Object.keys(changes);
        await audited(
          deps,
          request,
          (trx) => saveSettings(trx, channel, changes, deps.clock.now(), principalId(request.principal)),
          {
            entity: 'channel_settings',
            entityId: channel,
            // The names, and for what is not secret the new value; a secret only as set or cleared.
            data: {
              changed: Object.fromEntries(
                names.map((name) => [
                  name,
                  changes[name] === null
                    ? null
                    : FIELD_BY_NAME.get(name)?.secret
                      ? '(secret set)'
                      : changes[name],
                ]),
              ),
            },
          },
        );
        // This node at once; the others when they hear the announcement.
        await deps.channels?.reload();
        return { saved: names };
      },
    );
  };
}
