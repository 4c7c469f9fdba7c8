// The webhook follows the admin area's channel settings with no restart: an administrator rotates the
// app secret and the verify token on one node, the change is announced through NOTIFY, and another
// node's webhook accepts bodies signed with the new secret and refuses the old one (and the handshake
// with the old verify token), as that node's adapters switch to the new settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../../test/api.ts';
import { databases } from '../../../test/databases.ts';
import { type Graph, signedHeaders, startGraph, waMessage, webhookBody } from '../../../test/graph.ts';
import { manualClock } from '../../clock.ts';
import { currentSchema, type Database } from '../../db/index.ts';
import { startChannels } from '../registry.ts';
import { effectiveSettings } from '../settings/store.ts';

describe.each(databases)('WhatsApp webhook settings on $name', ({ open }) => {
  let database: Database;
  let graph: Graph;
  let admin: Awaited<ReturnType<typeof startApi>>;
  let other: Awaited<ReturnType<typeof startApi>>;

  beforeAll(async () => {
    database = await open();
    graph = await startGraph();
    const base = {
      WHATSAPP_PHONE_NUMBER_ID: graph.config.phoneNumberId,
      WHATSAPP_TOKEN: graph.config.token,
      WHATSAPP_APP_SECRET: graph.config.appSecret,
      WHATSAPP_VERIFY_TOKEN: graph.config.verifyToken,
      WHATSAPP_API_URL: graph.config.apiUrl,
    };
    const channel = `channel_settings_${await currentSchema(database.db)}`;
    const node = async () =>
      startApi(database, undefined, {
        channels: await startChannels({ db: database.db, clock: manualClock('2026-03-02T04:30:00Z') }, base, {
          settings: () => effectiveSettings(database.db, base),
          listen: database.listen,
          channel,
        }),
      });
    admin = await node();
    other = await node();
  }, 180_000);
  afterAll(async () => {
    await admin?.deps.channels?.close();
    await other?.deps.channels?.close();
    await admin?.app.close();
    await other?.app.close();
    await graph?.close();
    await database?.close();
  });

  let n = 0;
  const post = (secret: string) => {
    const body = webhookBody(graph.config.phoneNumberId, {
      messages: [waMessage('919812300077', 'text', { body: `message ${++n}` })],
    });
    return other.raw.inject({
      method: 'POST',
      url: '/api/channels/whatsapp/webhook',
      payload: body,
      headers: signedHeaders(body, secret),
    });
  };
  const handshake = (token: string) =>
    other.raw.inject({
      method: 'GET',
      url: `/api/channels/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=42`,
    });

  it('takes a new app secret and verify token saved in the admin area, without a restart', async () => {
    const oldSecret = graph.config.appSecret;
    expect((await post(oldSecret)).statusCode).toBe(200);
    expect((await handshake(graph.config.verifyToken)).statusCode).toBe(200);

    const saved = await admin.app.inject({
      method: 'PUT',
      url: '/api/channel-settings/whatsapp',
      payload: {
        values: { WHATSAPP_APP_SECRET: 'rotated-app-secret', WHATSAPP_VERIFY_TOKEN: 'rotated-verify' },
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);

    // The other node hears of it through NOTIFY and switches.
    await expect
      .poll(async () => (await post('rotated-app-secret')).statusCode, { timeout: 20_000 })
      .toBe(200);
    const refused = await post(oldSecret);
    expect(refused.statusCode).toBe(401);
    expect((await handshake(graph.config.verifyToken)).statusCode).toBe(403);
    const verified = await handshake('rotated-verify');
    expect(verified.statusCode).toBe(200);
    expect(verified.body).toBe('42');

    // Removing the stored values brings the environment's back, the same way.
    await admin.app.inject({
      method: 'PUT',
      url: '/api/channel-settings/whatsapp',
      payload: { values: { WHATSAPP_APP_SECRET: null, WHATSAPP_VERIFY_TOKEN: null } },
    });
    await expect.poll(async () => (await post(oldSecret)).statusCode, { timeout: 20_000 }).toBe(200);
    expect((await post('rotated-app-secret')).statusCode).toBe(401);
  });
});
