// The webhook against signed requests as Meta sends them: the verification handshake, the signature
// over the raw bytes (bad or missing: 401 and logged, nothing stored), only our phone number id,
// retried deliveries ignored, text cleaned at the edge, status callbacks updating the outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../../../test/databases.ts';
import { buildDeployment, buildGrievance } from '../../../test/factories.ts';
import {
  type Graph,
  signedHeaders,
  startGraph,
  startWhatsAppApp,
  waMessage,
  webhookBody,
} from '../../../test/graph.ts';
import type { Database } from '../../db/index.ts';
import { windowOpen } from './inbound.ts';
import { signBody } from './signature.ts';

describe.each(databases)('WhatsApp webhook on $name', ({ open }) => {
  let database: Database;
  let graph: Graph;
  let wa: Awaited<ReturnType<typeof startWhatsAppApp>>;
  beforeAll(async () => {
    database = await open();
    graph = await startGraph();
    wa = await startWhatsAppApp(database, graph);
  });
  afterAll(async () => {
    await wa?.app.close();
    await graph?.close();
    await database?.close();
  });
  const interactions = (externalId: string) =>
    database.db.selectFrom('interactions').selectAll().where('external_id', '=', externalId).execute();

  it('answers the verification handshake with the challenge only for our verify token', async () => {
    const ok = await wa.app.inject({
      method: 'GET',
      url: '/api/channels/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('1158201444');
    const wrong = await wa.app.inject({
      method: 'GET',
      url: '/api/channels/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444',
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.body).not.toContain('1158201444');
  });

  it('logs a signed message once as an interaction, however often Meta retries it', async () => {
    const message = waMessage('919812300001', 'text', { body: 'नल खराब है' });
    const body = webhookBody(graph.config.phoneNumberId, { messages: [message] });
    const first = await wa.deliver(body);
    expect(first.statusCode).toBe(200);
    const again = await wa.deliver(body);
    expect(again.statusCode).toBe(200);
    const rows = await interactions(message.id as string);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'whatsapp', direction: 'inbound', summary: 'नल खराब है' });
    const conversation = await database.db
      .selectFrom('whatsapp_conversations')
      .selectAll()
      .where('phone', '=', '+919812300001')
      .executeTakeFirstOrThrow();
    expect(conversation.last_inbound_at?.toISOString()).toBe(
      new Date(Number(message.timestamp) * 1000).toISOString(),
    );
    // The 24-hour customer-service window runs from that message.
    wa.clock.set(new Date(Number(message.timestamp) * 1000 + 23 * 3600_000));
    expect(await windowOpen(database.db, wa.clock, '+919812300001')).toBe(true);
    wa.clock.advance(2 * 3600_000);
    expect(await windowOpen(database.db, wa.clock, '+919812300001')).toBe(false);
    expect(await windowOpen(database.db, wa.clock, '+919800000000')).toBe(false);
  });

  it('refuses a wrong or missing signature with 401, logs it and stores nothing', async () => {
    const message = waMessage('919812300002', 'text', { body: 'hello' });
    const body = webhookBody(graph.config.phoneNumberId, { messages: [message] });
    const forged = await wa.deliver(body, signedHeaders(body, 'not-the-app-secret'));
    expect(forged.statusCode).toBe(401);
    expect(forged.json().code).toBe('unauthenticated');
    const missing = await wa.deliver(body, { 'content-type': 'application/json' });
    expect(missing.statusCode).toBe(401);
    // Signed over other bytes: the same JSON with different spacing is not what was signed.
    const respaced = await wa.deliver(
      body.replace('"object":', '"object": '),
      signedHeaders(body, graph.config.appSecret),
    );
    expect(respaced.statusCode).toBe(401);
    const truncated = await wa.deliver(body, {
      'content-type': 'application/json',
      'x-hub-signature-256': signBody(body, graph.config.appSecret).slice(0, 40),
    });
    expect(truncated.statusCode).toBe(401);
    expect(await interactions(message.id as string)).toHaveLength(0);
    const refusals = wa.logs.filter((l) => String(l.msg).includes('X-Hub-Signature-256'));
    expect(refusals.length).toBe(4);
    expect(refusals.map((l) => l.signature)).toEqual(['wrong', 'missing', 'wrong', 'wrong']);
  });

  it('ignores messages for a phone number id that is not ours, even when signed', async () => {
    const message = waMessage('919812300003', 'text', { body: 'hello' });
    const response = await wa.deliver(webhookBody('999999999', { messages: [message] }));
    expect(response.statusCode).toBe(200);
    expect(await interactions(message.id as string)).toHaveLength(0);
    expect(wa.logs.some((l) => String(l.msg).includes('not our phone number id'))).toBe(true);
  });

  it('cleans text at the edge: a NUL or a broken surrogate is stored as U+FFFD, never a failed write', async () => {
    const message = waMessage('919812300004', 'text', { body: 'pump\u0000 broken \ud800' });
    const response = await wa.deliver(webhookBody(graph.config.phoneNumberId, { messages: [message] }));
    expect(response.statusCode).toBe(200);
    expect((await interactions(message.id as string))[0]?.summary).toBe('pump\uFFFD broken \uFFFD');
  });

  it('refuses a signed body that is not a WhatsApp payload with 400', async () => {
    const body = JSON.stringify({ object: 'whatsapp_business_account', entry: 'nope' });
    expect((await wa.deliver(body)).statusCode).toBe(400);
    expect((await wa.deliver('{not json')).statusCode).toBe(400);
  });

  it('moves the outbox row a status callback names, forward only', async () => {
    const d = await buildDeployment(wa.deps);
    const { id } = await buildGrievance(wa.deps, d, { citizen: { phone: '+919812300005' } });
    const row = await database.db
      .selectFrom('notifications')
      .select('id')
      .where('grievance_id', '=', id)
      .where('recipient_kind', '=', 'citizen')
      .executeTakeFirstOrThrow();
    await database.db
      .updateTable('notifications')
      .set({ channel: 'whatsapp', status: 'sending', provider_id: 'wamid.out.1' })
      .where('id', '=', row.id)
      .execute();
    const status = (s: string, at: number, errors?: unknown[]) =>
      webhookBody(graph.config.phoneNumberId, {
        statuses: [
          {
            id: 'wamid.out.1',
            status: s,
            timestamp: String(at),
            recipient_id: '919812300005',
            ...(errors ? { errors } : {}),
          },
        ],
      });
    const read = async () =>
      database.db.selectFrom('notifications').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    expect((await wa.deliver(status('delivered', 1772426000))).statusCode).toBe(200);
    expect((await read()).status).toBe('delivered');
    expect((await read()).delivered_at?.toISOString()).toBe(new Date(1772426000 * 1000).toISOString());
    // A late "sent" does not move it back.
    await wa.deliver(status('sent', 1772425990));
    expect((await read()).status).toBe('delivered');

    await database.db.updateTable('notifications').set({ status: 'sent' }).where('id', '=', row.id).execute();
    await wa.deliver(
      status('failed', 1772426100, [
        {
          code: 131026,
          title: 'Message undeliverable',
          error_data: { details: 'Receiver is incapable of receiving this message' },
        },
      ]),
    );
    const failed = await read();
    expect(failed.status).toBe('failed');
    expect(failed.last_error).toBe(
      '131026: Message undeliverable: Receiver is incapable of receiving this message',
    );
  });
});
