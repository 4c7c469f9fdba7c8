// Which channel a citizen's messages go on: the one they chose in the portal, else the one they used
// (WhatsApp for a grievance raised there), with SMS as the fallback, also when WhatsApp refuses a
// message for good. Sign-in codes stay on SMS, and a message no configured channel reaches waits
// without using up its attempts. Adapters stand in for the carriers here (their protocols are tested
// against local peers in src/channels/).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { citizenCaller } from '../../test/principals.ts';
import { requestOtp } from '../access/citizen-otp.ts';
import type { Database } from '../db/index.ts';
import type { ChannelAdapter, ChannelKind, RenderedMessage, SendOutcome } from './adapter.ts';
import { deliverDue } from './deliver.ts';

function carrier(
  kind: ChannelKind,
  answer: (m: RenderedMessage) => SendOutcome = () => ({
    kind: 'sent',
    providerId: `${kind}-${Math.random()}`,
  }),
) {
  const sent: RenderedMessage[] = [];
  const adapter: ChannelAdapter = {
    kind,
    provider: `test-${kind}`,
    async send(message) {
      sent.push(message);
      return answer(message);
    },
  };
  return { adapter, sent };
}

describe.each(databases)("a citizen's channel on $name", ({ open }) => {
  let database: Database;
  let d: Deployment;
  let api: Awaited<ReturnType<typeof startApi>>;

  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
    d = await buildDeployment(api.deps);
  }, 180_000);
  afterAll(async () => {
    await api?.app.close();
    await database?.close();
  });

  const ackOf = (grievanceId: number) =>
    database.db
      .selectFrom('notifications')
      .select(['status', 'channel', 'provider', 'attempts', 'last_error'])
      .where('grievance_id', '=', grievanceId)
      .where('template', '=', 'grievance_registered')
      .executeTakeFirstOrThrow();

  it('answers on WhatsApp who wrote on WhatsApp, on SMS who used the portal, and follows a choice made in the portal', async () => {
    const sms = carrier('sms');
    const whatsapp = carrier('whatsapp');
    const adapters = { sms: sms.adapter, whatsapp: whatsapp.adapter };
    const onWhatsApp = await buildGrievance(api.deps, d, {
      channel: 'whatsapp',
      citizen: { phone: '+919812388801' },
    });
    const onWeb = await buildGrievance(api.deps, d, { channel: 'web', citizen: { phone: '+919812388802' } });
    await deliverDue(database.db, api.clock, { adapters });
    expect(whatsapp.sent.map((m) => m.to)).toEqual(['+919812388801']);
    expect(whatsapp.sent[0]?.template?.name).toBe('grievance_registered'); // for outside the 24-hour window
    expect(sms.sent.filter((m) => m.to.startsWith('+9198123888')).map((m) => m.to)).toEqual([
      '+919812388802',
    ]);
    expect(await ackOf(onWhatsApp.id)).toMatchObject({ status: 'sent', channel: 'whatsapp' });
    expect(await ackOf(onWeb.id)).toMatchObject({ status: 'sent', channel: 'sms' });

    // The web citizen signs in and chooses WhatsApp; their next grievance's messages go there.
    const citizen = await citizenCaller(api.raw, database, 'web citizen', '+919812388802');
    const chosen = await api.raw.inject({
      method: 'PUT',
      url: '/api/me/channel-preference',
      headers: citizen.headers,
      payload: { channel: 'whatsapp' },
    });
    expect(chosen.statusCode, chosen.body).toBe(200);
    const read = await api.raw.inject({ url: '/api/me/channel-preference', headers: citizen.headers });
    expect(read.json()).toMatchObject({ channel: 'whatsapp' });
    const audit = await database.db
      .selectFrom('audit_log')
      .select('data')
      .where('action', '=', 'PUT /api/me/channel-preference')
      .executeTakeFirst();
    expect(audit?.data).toMatchObject({ preferredChannel: 'whatsapp' });
    const later = await buildGrievance(api.deps, d, { channel: 'web', citizen: { phone: '+919812388802' } });
    await deliverDue(database.db, api.clock, { adapters });
    expect(await ackOf(later.id)).toMatchObject({ status: 'sent', channel: 'whatsapp' });
    // The sign-in code went by SMS all the same, and still does.
    await requestOtp(database.db, api.clock, '+919812388802', 'en');
    await deliverDue(database.db, api.clock, { adapters });
    const codes = sms.sent.filter((m) => m.to === '+919812388802' && /\d{6}/.test(m.text));
    expect(codes.length).toBeGreaterThanOrEqual(2);
    expect(whatsapp.sent.some((m) => m.to === '+919812388802' && /\b\d{6}\b/.test(m.text))).toBe(false);
  });

  it('falls back to SMS when WhatsApp refuses a message for good', async () => {
    const sms = carrier('sms');
    const whatsapp = carrier('whatsapp', () => ({
      kind: 'failed',
      reason: 'WhatsApp API error 131026: not a WhatsApp number',
    }));
    const g = await buildGrievance(api.deps, d, { channel: 'whatsapp', citizen: { phone: '+919812388803' } });
    await deliverDue(database.db, api.clock, { adapters: { sms: sms.adapter, whatsapp: whatsapp.adapter } });
    expect(whatsapp.sent.map((m) => m.to)).toEqual(['+919812388803']);
    expect(sms.sent.map((m) => m.to)).toContain('+919812388803');
    expect(await ackOf(g.id)).toMatchObject({ status: 'sent', channel: 'sms', provider: 'test-sms' });
  });

  it('keeps what no configured channel reaches waiting, without using up its attempts', async () => {
    const whatsapp = carrier('whatsapp');
    await requestOtp(database.db, api.clock, '+919812388804', 'en');
    await deliverDue(database.db, api.clock, { adapters: { whatsapp: whatsapp.adapter } });
    const otp = await database.db
      .selectFrom('notifications as n')
      .innerJoin('citizens as c', 'c.id', 'n.citizen_id')
      .select(['n.status', 'n.attempts', 'n.last_error'])
      .where('c.phone', '=', '+919812388804')
      .where('n.template', '=', 'otp')
      .executeTakeFirstOrThrow();
    expect(otp).toEqual({ status: 'pending', attempts: 0, last_error: 'no sms channel is configured yet' });
    expect(whatsapp.sent.some((m) => m.to === '+919812388804')).toBe(false);
    // A WhatsApp-only helpline still reaches a portal citizen's grievance there.
    const g = await buildGrievance(api.deps, d, { channel: 'web', citizen: { phone: '+919812388805' } });
    await deliverDue(database.db, api.clock, { adapters: { whatsapp: whatsapp.adapter } });
    expect(await ackOf(g.id)).toMatchObject({ status: 'sent', channel: 'whatsapp' });
  });
});
