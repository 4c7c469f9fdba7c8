// Stored channel settings: read (secrets opened) to build the adapters, described for the admin area
// (secrets as "set" or "not set", never their value), and changed. Secrets are sealed like sign-in
// codes (src/access/otp-sealing.ts): AES-256-GCM under a key derived from the deployment secret, here
// with the setting's name as additional data so a sealed value cannot be moved to another setting.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { deploymentKey } from '../../access/secrets.ts';
import type { DB } from '../../db/schema.ts';
import { FIELD_BY_NAME, SETTING_FIELDS, type SettingsChannel } from './fields.ts';

const PURPOSE = 'channel-settings-v1';
const VERSION = 'v1';

export function sealSetting(name: string, value: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deploymentKey(PURPOSE), iv);
  cipher.setAAD(Buffer.from(`${PURPOSE}:${name}`));
  const sealed = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return [
    VERSION,
    iv.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    sealed.toString('base64url'),
  ].join('.');
}

/** The value, or null when this deployment's secret did not seal it (a changed SECRET_KEY). */
export function openSetting(name: string, sealed: string): string | null {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || data === undefined) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', deploymentKey(PURPOSE), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(`${PURPOSE}:${name}`));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    return null;
  }
}

/** The stored settings as environment variables, secrets opened (for building adapters only). */
export async function storedSettings(
  db: Kysely<DB>,
  onUnreadable?: (name: string) => void,
): Promise<Record<string, string>> {
  const rows = await db.selectFrom('channel_settings').select(['name', 'value', 'secret']).execute();
  const out: Record<string, string> = {};
  for (const row of rows) {
    const value = row.secret ? openSetting(row.name, row.value) : row.value;
    if (value === null) onUnreadable?.(row.name);
    else out[row.name] = value;
  }
  return out;
}

/** The environment with the stored settings over it. */
export async function effectiveSettings(
  db: Kysely<DB>,
  base: NodeJS.ProcessEnv,
  onUnreadable?: (name: string) => void,
): Promise<NodeJS.ProcessEnv> {
  return { ...base, ...(await storedSettings(db, onUnreadable)) };
}

export interface DescribedSetting {
  name: string;
  kind: string;
  secret: boolean;
  choices: string[] | null;
  /** Where the value in use comes from. */
  source: 'stored' | 'environment' | 'unset';
  /** The value in use; always null for a secret. */
  value: string | null;
  updatedAt: Date | null;
}

export async function describeSettings(
  db: Kysely<DB>,
  base: NodeJS.ProcessEnv,
): Promise<Record<SettingsChannel, DescribedSetting[]>> {
  const rows = new Map(
    (await db.selectFrom('channel_settings').select(['name', 'value', 'secret', 'updated_at']).execute()).map(
      (r) => [r.name, r],
    ),
  );
  const out: Record<SettingsChannel, DescribedSetting[]> = { sms: [], whatsapp: [], email: [] };
  for (const field of SETTING_FIELDS) {
    const row = rows.get(field.name);
    const fromEnv = base[field.name];
    const source = row ? 'stored' : fromEnv ? 'environment' : 'unset';
    out[field.channel].push({
      name: field.name,
      kind: field.kind,
      secret: Boolean(field.secret),
      choices: field.choices ?? null,
      source,
      value: field.secret ? null : (row?.value ?? fromEnv ?? null),
      updatedAt: row?.updated_at ?? null,
    });
  }
  return out;
}

/** Applies changes (a value sets it, null removes the stored one: the environment's applies again). */
export async function saveSettings(
  trx: Transaction<DB>,
  channel: SettingsChannel,
  changes: Record<string, string | null>,
  now: Date,
  by: number | null,
) {
  for (const [name, value] of Object.entries(changes)) {
    const field = FIELD_BY_NAME.get(name);
    if (!field || field.channel !== channel) throw new Error(`${name} is not a ${channel} setting`);
    if (value === null) {
      await trx.deleteFrom('channel_settings').where('name', '=', name).execute();
      continue;
    }
    const stored = field.secret ? sealSetting(name, value) : value;
    await trx
      .insertInto('channel_settings')
      .values({
        name,
        channel,
        value: stored,
        secret: Boolean(field.secret),
        updated_at: now,
        updated_by: by,
      })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet({ value: stored, secret: Boolean(field.secret), updated_at: now, updated_by: by }),
      )
      .execute();
  }
}
