// SMS over HTTP against a local stand-in for the gateways (test/sms-gateway.ts): Africa's Talking and
// an Indian DLT gateway. Each sends what its API expects; throttling, an outage and a gateway that is
// down are retried; an invalid number fails with the gateway's words; delivery reports come back to
// our webhook with the shared token (refused without it) and mark the outbox row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../../../test/api.ts';
import { databases } from '../../../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../../../test/factories.ts';
import { type Gateway, startGateway } from '../../../../test/sms-gateway.ts';
import { manualClock } from '../../../clock.ts';
import type { Database } from '../../../db/index.ts';
import type { RenderedMessage } from '../../../notify/adapter.ts';
import { deliverDue } from '../../../notify/deliver.ts';
import { startChannels } from '../../registry.ts';
import { readSmsConfig } from '../config.ts';
import { createHttpSmsAdapter } from './adapter.ts';

const hindi: RenderedMessage = {
  notificationId: 77,
  to: '+919812300077',
  language: 'hi',
  text: 'आपकी शिकायत K7M-4QX-9PR दर्ज हो गई है।',
  template: { id: '1707161234567890123', entityId: '1201160000000000001', sender: 'MPCMHL' },
};

describe("SMS over HTTP: Africa's Talking and a DLT gateway", () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(() => gateway?.close());

  const at = (env: Record<string, string> = {}) => {
    const config = readSmsConfig({
      SMS_PROVIDER: 'africastalking',
      SMS_HTTP_URL: `${gateway.url}/version1/messaging`,
      SMS_HTTP_USERNAME: 'civicline',
      SMS_HTTP_API_KEY: gateway.apiKey,
      SMS_SENDER: 'CIVICLINE',
      SMS_RECEIPT_TOKEN: 'dlr-token',
      SMS_HTTP_TPS: '0',
      ...env,
    });
    if (!config.http) throw new Error('no HTTP config');
    return createHttpSmsAdapter(config.http, config.maxParts);
  };
  const dlt = (env: Record<string, string> = {}) => {
    const config = readSmsConfig({
      SMS_PROVIDER: 'dlt-http',
      SMS_HTTP_URL: `${gateway.url}/v4/`,
      SMS_HTTP_API_KEY: gateway.apiKey,
      SMS_SENDER: 'CIVICL',
      SMS_DLT_ENTITY_ID: '1201160000000000009',
      SMS_RECEIPT_TOKEN: 'dlr-token',
      SMS_RECEIPT_URL: 'https://helpline.example.org/api/channels/sms/receipts',
      SMS_HTTP_PERMANENT_ERRORS: 'E104',
      SMS_HTTP_TPS: '0',
      ...env,
    });
    if (!config.http) throw new Error('no HTTP config');
    return createHttpSmsAdapter(config.http, config.maxParts);
  };

  it("sends to Africa's Talking as its API expects and records its message id", async () => {
    const outcome = await at().send({ ...hindi, to: '+255712345678', template: undefined });
    const request = gateway.requests.at(-1);
    expect(request?.method).toBe('POST');
    expect(request?.headers.apikey).toBe(gateway.apiKey);
    expect(request?.form).toEqual({
      username: 'civicline',
      to: '+255712345678',
      message: hindi.text,
      from: 'CIVICLINE',
    });
    expect(outcome).toEqual({ kind: 'sent', providerId: request?.id });
  });

  it("sorts Africa's Talking's answers: an invalid number fails, throttling and its outages retry", async () => {
    const recipient = (statusCode: number, status: string) => ({
      status: 201,
      body: {
        SMSMessageData: { Message: 'Sent to 0/1', Recipients: [{ statusCode, status, number: '+255' }] },
      },
    });
    gateway.next.push(recipient(403, 'InvalidPhoneNumber'));
    expect(await at().send(hindi)).toEqual({
      kind: 'failed',
      reason: "Africa's Talking: InvalidPhoneNumber (403)",
    });
    gateway.next.push(recipient(406, 'UserInBlacklist'));
    expect((await at().send(hindi)).kind).toBe('failed');
    gateway.next.push(recipient(500, 'InternalServerError'));
    expect((await at().send(hindi)).kind).toBe('retry');
    gateway.next.push(recipient(405, 'InsufficientBalance'));
    expect(await at().send(hindi)).toMatchObject({ kind: 'retry', afterSeconds: 900 });
    gateway.next.push({ status: 429, body: 'Too Many Requests', headers: { 'retry-after': '7' } });
    expect(await at().send(hindi)).toMatchObject({ kind: 'retry', afterSeconds: 7 });
    gateway.next.push({ status: 503, body: 'Service Unavailable' });
    expect((await at().send(hindi)).kind).toBe('retry');
    // A wrong key keeps the messages (retried slowly) and says what to fix.
    const wrongKey = await at({ SMS_HTTP_API_KEY: 'old-key' }).send(hindi);
    expect(wrongKey).toMatchObject({ kind: 'retry', afterSeconds: 600 });
    expect((wrongKey as { reason: string }).reason).toMatch(/credentials.*API key/);
  });

  it('sends to a DLT gateway with the entity id, template id, sender, Unicode flag and our report URL', async () => {
    const outcome = await dlt().send(hindi);
    const request = gateway.requests.at(-1);
    expect(request?.method).toBe('GET');
    expect(request?.query).toEqual({
      api_key: gateway.apiKey,
      method: 'sms',
      to: '919812300077',
      sender: 'MPCMHL',
      message: hindi.text,
      entity_id: '1201160000000000001',
      template_id: '1707161234567890123',
      unicode: '1',
      custom: '77',
      dlrurl: 'https://helpline.example.org/api/channels/sms/receipts?token=dlr-token',
    });
    expect(outcome).toEqual({ kind: 'sent', providerId: request?.id });
    // Without a template: the deployment's entity id and sender, no template_id at all, GSM text.
    await dlt().send({ ...hindi, text: 'Your code is 123456', template: undefined });
    expect(gateway.requests.at(-1)?.query).toMatchObject({
      sender: 'CIVICL',
      entity_id: '1201160000000000009',
      unicode: '0',
    });
    expect(gateway.requests.at(-1)?.query.template_id).toBeUndefined();
  });

  it("a DLT gateway's own parameter names and text answers are configuration", async () => {
    gateway.next.push({ status: 200, body: 'success | 919812300077 | 3745923623423-234234' });
    const outcome = await dlt({
      SMS_HTTP_METHOD: 'POST',
      SMS_HTTP_PARAMS:
        'method=SendMessage&send_to={to}&msg={text}&userid={username}&password={apiKey}&principalEntityId={entityId}&dltTemplateId={templateId}&mask={sender}',
      SMS_HTTP_USERNAME: '2000123456',
      SMS_HTTP_ID_PATH: 're:^success \\| \\d+ \\| (\\S+)',
    }).send(hindi);
    expect(outcome).toEqual({ kind: 'sent', providerId: '3745923623423-234234' });
    expect(gateway.requests.at(-1)?.form).toMatchObject({
      method: 'SendMessage',
      send_to: '919812300077',
      userid: '2000123456',
      principalEntityId: '1201160000000000001',
      dltTemplateId: '1707161234567890123',
      mask: 'MPCMHL',
    });
  });

  it("sorts a DLT gateway's errors: permanent codes and 4xx fail, the rest retry, down retries", async () => {
    gateway.next.push({
      status: 200,
      body: { status: 'E104', message: 'Invalid mobile number', error: { code: 'E104' } },
    });
    expect(await dlt().send(hindi)).toMatchObject({
      kind: 'failed',
      reason: expect.stringContaining('E104'),
    });
    gateway.next.push({
      status: 200,
      body: { status: 'E999', message: 'Try later', error: { code: 'E999' } },
    });
    expect((await dlt().send(hindi)).kind).toBe('retry');
    gateway.next.push({ status: 400, body: { message: 'template_id does not match the content' } });
    expect(await dlt().send(hindi)).toMatchObject({
      kind: 'failed',
      reason: expect.stringContaining('template_id'),
    });
    gateway.next.push({ status: 429, body: 'slow down' });
    expect((await dlt().send(hindi)).kind).toBe('retry');
    // A text longer than the cap on parts is never sent.
    expect(await dlt({ SMS_MAX_PARTS: '1' }).send({ ...hindi, text: 'अ'.repeat(71) })).toMatchObject({
      kind: 'failed',
    });
  });

  it('retries when the gateway does not answer at all', async () => {
    const nowhere = await startGateway();
    const adapter = at({ SMS_HTTP_URL: `${nowhere.url}/version1/messaging` });
    await nowhere.down();
    expect(await adapter.send(hindi)).toMatchObject({
      kind: 'retry',
      reason: expect.stringContaining('could not reach'),
    });
  });
});

describe.each(databases)('SMS over HTTP from the outbox to the delivery report on $name', ({ open }) => {
  let database: Database;
  let gateway: Gateway;
  let d: Deployment;
  let api: Awaited<ReturnType<typeof startApi>>;

  beforeAll(async () => {
    database = await open();
    gateway = await startGateway();
    const channels = await startChannels(
      { db: database.db, clock: manualClock('2026-03-02T04:30:00Z') },
      {
        SMS_PROVIDER: 'africastalking',
        SMS_HTTP_URL: `${gateway.url}/version1/messaging`,
        SMS_HTTP_USERNAME: 'civicline',
        SMS_HTTP_API_KEY: gateway.apiKey,
        SMS_RECEIPT_TOKEN: 'dlr-token-2',
      },
    );
    api = await startApi(database, undefined, { channels });
    d = await buildDeployment(api.deps);
  }, 180_000);
  afterAll(async () => {
    await api?.app.close();
    await gateway?.close();
    await database?.close();
  });

  it('delivers the acknowledgement through the gateway and applies its reports, token checked', async () => {
    const channels = api.deps.channels;
    if (!channels) throw new Error('no channels');
    const g = await buildGrievance(api.deps, d, { language: 'hi', citizen: { phone: '+255712300001' } });
    await deliverDue(database.db, api.clock, { adapters: channels.adapters });
    const sent = gateway.requests.find((r) => r.form.to === '+255712300001');
    expect(sent?.form.message).toContain(g.reference);
    const row = () =>
      database.db
        .selectFrom('notifications')
        .select(['status', 'provider', 'provider_id', 'last_error'])
        .where('grievance_id', '=', g.id)
        .where('template', '=', 'grievance_registered')
        .executeTakeFirstOrThrow();
    expect(await row()).toMatchObject({ status: 'sent', provider: 'africastalking', provider_id: sent?.id });

    const report = (token: string | null, status = 'Success') =>
      api.raw.inject({
        method: 'POST',
        url: `/api/channels/sms/receipts${token ? `?token=${token}` : ''}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          id: sent?.id ?? '',
          status,
          phoneNumber: '+255712300001',
          networkCode: '64002',
          ...(status === 'Failed' ? { failureReason: 'UserDoesNotExist' } : {}),
        }).toString(),
      });
    expect((await report(null)).statusCode).toBe(401);
    expect((await report('wrong-token')).statusCode).toBe(401);
    expect((await row()).status).toBe('sent');
    const good = await report('dlr-token-2');
    expect(good.statusCode, good.body).toBe(200);
    expect((await row()).status).toBe('delivered');

    // A failure report on another message fails its row with the carrier's reason, visible to staff.
    const other = await buildGrievance(api.deps, d, { citizen: { phone: '+255712300002' } });
    await deliverDue(database.db, api.clock, { adapters: channels.adapters });
    const id = gateway.requests.find((r) => r.form.to === '+255712300002')?.id ?? '';
    const failed = await api.raw.inject({
      method: 'POST',
      url: '/api/channels/sms/receipts?token=dlr-token-2',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `id=${id}&status=Failed&failureReason=UserDoesNotExist`,
    });
    expect(failed.statusCode).toBe(200);
    const otherRow = await database.db
      .selectFrom('notifications')
      .select(['status', 'last_error'])
      .where('grievance_id', '=', other.id)
      .where('template', '=', 'grievance_registered')
      .executeTakeFirstOrThrow();
    expect(otherRow).toEqual({ status: 'failed', last_error: "Africa's Talking: Failed (UserDoesNotExist)" });
  });
});
