// Channel settings through the API: secrets are stored sealed and never returned, a change is checked
// before it is kept, audited without the secret, and taken up by the adapters of every node (here a
// second registry listening as another node would) with no restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../../test/api.ts';
import { databases } from '../../../test/databases.ts';
import { type Gateway, startGateway } from '../../../test/sms-gateway.ts';
import { manualClock } from '../../clock.ts';
import { currentSchema, type Database } from '../../db/index.ts';
import { startChannels } from '../registry.ts';
import { effectiveSettings } from './store.ts';

describe.each(databases)('channel settings on $name', ({ open }) => {
  let database: Database;
  let gateway: Gateway;
  let api: Awaited<ReturnType<typeof startApi>>;
  const base = { SMPP_PASSWORD: 'from-the-environment', SMS_SENDER: 'ENVSND' };

  beforeAll(async () => {
    database = await open();
    gateway = await startGateway('key-set-in-admin');
    const settings = () => effectiveSettings(database.db, base);
    const channels = await startChannels(
      { db: database.db, clock: manualClock('2026-03-02T04:30:00Z') },
      base,
      {
        settings,
      },
    );
    api = await startApi(database, undefined, { channels });
  }, 60_000);
  afterAll(async () => {
    await api?.app.close();
    await gateway?.close();
    await database?.close();
  });

  const put = (channel: string, values: Record<string, string | null>) =>
    api.app.inject({ method: 'PUT', url: `/api/channel-settings/${channel}`, payload: { values } });

  it('sets a gateway, keeps its secrets sealed and unreturned, and every node switches to it', async () => {
    const settings = () => effectiveSettings(database.db, base);
    const channels = api.deps.channels;
    if (!channels) throw new Error('no channels');
    // Another node: hears the change through NOTIFY.
    const other = await startChannels(api.deps, base, {
      settings,
      listen: database.listen,
      channel: `channel_settings_${await currentSchema(database.db)}`,
    });
    expect(channels.adapters.sms).toBeUndefined();

    const saved = await put('sms', {
      SMS_PROVIDER: 'africastalking',
      SMS_HTTP_URL: `${gateway.url}/version1/messaging`,
      SMS_HTTP_USERNAME: 'civicline',
      SMS_HTTP_API_KEY: 'key-set-in-admin',
      SMS_RECEIPT_TOKEN: 'receipt-secret',
      SMS_HTTP_TPS: '5',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(channels.adapters.sms?.provider).toBe('africastalking');
    await expect.poll(() => other.adapters.sms?.provider, { timeout: 5000 }).toBe('africastalking');

    // The new adapter sends with the key just set.
    const outcome = await other.adapters.sms?.send({
      notificationId: 1,
      to: '+255712300099',
      language: 'sw',
      text: 'Malalamiko yako yamepokelewa',
    });
    expect(outcome?.kind).toBe('sent');
    expect(gateway.requests.at(-1)?.headers.apikey).toBe('key-set-in-admin');

    // Never returned, never stored as it is, never audited.
    const read = await api.app.inject({ url: '/api/channel-settings' });
    expect(read.statusCode).toBe(200);
    expect(read.body).not.toContain('key-set-in-admin');
    expect(read.body).not.toContain('receipt-secret');
    expect(read.body).not.toContain('from-the-environment');
    const sms = read.json().channels.find((c: { channel: string }) => c.channel === 'sms');
    expect(sms).toMatchObject({ active: true, provider: 'africastalking' });
    const byName = Object.fromEntries(sms.settings.map((s: { name: string }) => [s.name, s]));
    expect(byName.SMS_HTTP_API_KEY).toMatchObject({ secret: true, source: 'stored', value: null });
    expect(byName.SMPP_PASSWORD).toMatchObject({ secret: true, source: 'environment', value: null });
    expect(byName.SMS_SENDER).toMatchObject({ source: 'environment', value: 'ENVSND' });
    expect(byName.SMS_HTTP_TPS).toMatchObject({ source: 'stored', value: '5' });
    expect(byName.WHATSAPP_TOKEN).toBeUndefined();
    const rows = await database.db
      .selectFrom('channel_settings')
      .select(['name', 'value', 'secret'])
      .execute();
    const key = rows.find((r) => r.name === 'SMS_HTTP_API_KEY');
    expect(key?.secret).toBe(true);
    expect(key?.value).toMatch(/^v1\./);
    expect(JSON.stringify(rows)).not.toContain('key-set-in-admin');
    const audit = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'channel_settings')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('key-set-in-admin');
    expect(JSON.stringify(audit)).toContain('SMS_HTTP_API_KEY');

    // Settings the channel cannot run with are refused, with the reason, and nothing changes.
    const broken = await put('sms', { SMS_HTTP_USERNAME: null });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().details[0]).toMatchObject({ code: 'channel_settings_invalid' });
    expect(broken.json().details[0].message).toContain('SMS_HTTP_USERNAME');
    expect((await put('sms', { WHATSAPP_TOKEN: 'x' })).json().details[0].code).toBe('unknown_setting');
    expect((await put('sms', { SMS_HTTP_TPS: 'fast' })).json().details[0].code).toBe('setting_not_a_number');
    expect((await put('sms', { SMS_PROVIDER: 'carrier-pigeon' })).json().details[0].code).toBe(
      'setting_not_allowed',
    );
    expect(channels.adapters.sms?.provider).toBe('africastalking');

    // Back to the environment: no SMS provider there, so SMS stops on every node (rows wait).
    expect((await put('sms', { SMS_PROVIDER: null })).statusCode).toBe(200);
    expect(channels.adapters.sms).toBeUndefined();
    await expect.poll(() => other.adapters.sms, { timeout: 5000 }).toBeUndefined();
    await other.close();
  });
});
