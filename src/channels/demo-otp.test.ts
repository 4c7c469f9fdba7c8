// The demo's on-screen sign-in code: shown only while no SMS channel is configured. Once an SMS
// gateway is set (here in the admin area's channel settings, taken up without a restart) the code goes
// by SMS alone, and clearing the gateway brings the demo's screen back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../../test/databases.ts';
import { type Gateway, startGateway } from '../../test/sms-gateway.ts';
import { createApiClient } from '../access/users.ts';
import { buildApp } from '../app.ts';
import { manualClock } from '../clock.ts';
import type { Database } from '../db/index.ts';
import { startChannels } from './registry.ts';
import { effectiveSettings } from './settings/store.ts';

describe.each(databases)('the demo sign-in code on $name', ({ open }) => {
  let database: Database;
  let gateway: Gateway;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let admin: string;

  beforeAll(async () => {
    database = await open();
    gateway = await startGateway();
    const clock = manualClock('2026-03-02T04:30:00Z');
    const channels = await startChannels(
      { db: database.db, clock },
      {},
      { settings: () => effectiveSettings(database.db, {}) },
    );
    app = await buildApp(
      { db: database.db, clock, channels },
      { rateLimit: false, cookieSecure: false, demoOtp: true, listen: database.listen },
    );
    await app.ready();
    admin = (
      await createApiClient(database.db, clock, {
        name: 'settings',
        dangerousScope: true,
        grants: [{ role: 'admin' }],
      })
    ).key;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await gateway?.close();
    await database?.close();
  });

  const askCode = (phone: string) =>
    app.inject({ method: 'POST', url: '/api/auth/citizen/otp', payload: { phone } });
  const settings = (values: Record<string, string | null>) =>
    app.inject({
      method: 'PUT',
      url: '/api/channel-settings/sms',
      headers: { authorization: `Bearer ${admin}` },
      payload: { values },
    });

  it('is on screen without an SMS channel, and only then', async () => {
    const before = await askCode('+255712300501');
    expect(before.statusCode).toBe(202);
    expect(before.json().demoCode).toMatch(/^\d{6}$/);

    const set = await settings({
      SMS_PROVIDER: 'africastalking',
      SMS_HTTP_URL: `${gateway.url}/version1/messaging`,
      SMS_HTTP_USERNAME: 'civicline',
      SMS_HTTP_API_KEY: gateway.apiKey,
      SMS_RECEIPT_TOKEN: 'token',
    });
    expect(set.statusCode, set.body).toBe(200);
    const during = await askCode('+255712300502');
    expect(during.statusCode).toBe(202);
    expect(during.json().demoCode).toBeUndefined();
    expect(during.body).not.toMatch(/\d{6}"/);

    expect((await settings({ SMS_PROVIDER: null })).statusCode).toBe(200);
    expect((await askCode('+255712300503')).json().demoCode).toMatch(/^\d{6}$/);
  });
});
