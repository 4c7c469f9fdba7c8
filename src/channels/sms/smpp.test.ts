// SMS over SMPP against a real SMSC (the `smpp` package's server on loopback).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../../test/factories.ts';
import { type Smsc, startSmsc } from '../../../test/smsc.ts';
import { manualClock } from '../../clock.ts';
import type { Database } from '../../db/index.ts';
import type { DeliveryReceipt, RenderedMessage } from '../../notify/adapter.ts';
import { applyReceipt, deliverDue } from '../../notify/deliver.ts';
import { saveOverride } from '../../notify/template-store.ts';
import { decodeMessage } from './encoding.ts';
import { createSmppAdapter, type InboundSms, type SmppAdapter } from './smpp.ts';

const config = (smsc: Smsc, extra: object = {}) => ({
  url: smsc.url,
  systemId: 'civicline',
  password: 'secret',
  source: 'CIVICL',
  rebindSeconds: 0.1,
  submitTimeoutSeconds: 5,
  dlt: { entityId: '1101000000000000001', telemarketerId: '1702000000000000009' },
  ...extra,
});
const message = (to: string, text: string): RenderedMessage => ({
  notificationId: 1,
  to,
  language: 'en',
  text,
});

describe('the SMPP adapter', () => {
  let smsc: Smsc;
  let adapter: SmppAdapter | null = null;
  beforeAll(async () => {
    smsc = await startSmsc();
  });
  afterEach(async () => {
    await adapter?.close();
    adapter = null;
    smsc.statuses = [];
    smsc.dropAfter = null;
    smsc.delayMs = 0;
  });
  afterAll(async () => smsc.close());

  it('sends a short English message in GSM-7 as one submit_sm with registered delivery and the DLT TLVs', async () => {
    adapter = createSmppAdapter(config(smsc));
    const before = smsc.submitted.length;
    const outcome = await adapter.send({
      ...message('+919811100001', 'Your grievance K7M-4QX-9PR is registered. Price: 10€ [ok]'),
      template: { id: '1107000000000000042' },
    });
    expect(outcome).toEqual({ kind: 'sent', providerId: smsc.submitted[before]?.messageId });
    const [sub] = smsc.submitted.slice(before);
    expect(sub?.text).toBe('Your grievance K7M-4QX-9PR is registered. Price: 10€ [ok]');
    expect(sub?.pdu).toMatchObject({
      data_coding: 0,
      esm_class: 0,
      registered_delivery: 1,
      destination_addr: '919811100001',
      source_addr: 'CIVICL',
      dlt_pe_id: '1101000000000000001',
      dlt_template_id: '1107000000000000042',
      dlt_telemarketer_id: '1702000000000000009',
    });
  });

  it('maps throttling to a retry, an invalid destination to a failure, and a cap on parts', async () => {
    adapter = createSmppAdapter(config(smsc, { maxParts: 2 }));
    smsc.statuses = [0x58, 0x0b];
    expect(await adapter.send(message('+919811100001', 'hello'))).toEqual({
      kind: 'retry',
      reason: 'ESME_RTHROTTLED',
      afterSeconds: 5,
    });
    expect(await adapter.send(message('+910000', 'hello'))).toEqual({
      kind: 'failed',
      reason: 'ESME_RINVDSTADR: invalid destination address',
    });
    expect(await adapter.send(message('+919811100001', 'x'.repeat(400)))).toMatchObject({
      kind: 'failed',
      reason: expect.stringContaining('needs 3 parts; at most 2'),
    });
  });

  it('retries what was in flight when the connection drops mid-send, binds again and sends', async () => {
    adapter = createSmppAdapter(config(smsc));
    await adapter.bound();
    const binds = smsc.binds;
    smsc.dropAfter = 2; // the second part of this long message is never answered
    const outcome = await adapter.send(message('+919811100001', 'a'.repeat(300)));
    expect(outcome).toEqual({ kind: 'retry', reason: 'the SMSC connection dropped before it answered' });
    await adapter.bound();
    expect(smsc.binds).toBe(binds + 1);
    const again = await adapter.send(message('+919811100001', 'a'.repeat(300)));
    expect(again).toMatchObject({ kind: 'sent', partIds: [expect.any(String), expect.any(String)] });
  });

  it('keeps to the throughput cap and the window of unacknowledged submits', async () => {
    adapter = createSmppAdapter(config(smsc, { tps: 20, window: 2 }));
    await adapter.bound();
    smsc.delayMs = 30;
    smsc.maxOutstanding = 0;
    const before = smsc.submitted.length;
    const started = Date.now();
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) => adapter?.send(message('+919811100001', `message ${i}`))),
    );
    expect(outcomes.every((o) => o?.kind === 'sent')).toBe(true);
    // 8 submits at 20 a second: the last goes no sooner than 350 ms after the first.
    const times = smsc.submitted.slice(before).map((s) => s.at);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(340);
    expect(Date.now() - started).toBeGreaterThanOrEqual(340);
    expect(smsc.maxOutstanding).toBeLessThanOrEqual(2);
  });

  it('reads receipts by the receipted_message_id TLV and by the id:... stat:... text, and messages from citizens', async () => {
    const receipts: DeliveryReceipt[] = [];
    const inbound: InboundSms[] = [];
    adapter = createSmppAdapter(config(smsc), {
      onReceipt: async (r) => {
        receipts.push(r);
      },
      onInbound: async (m) => {
        inbound.push(m);
      },
    });
    await adapter.bound();
    expect((await smsc.receipt('m100', 'tlv')).command_status).toBe(0);
    await smsc.receipt('m101', 'text', 'UNDELIV');
    await smsc.inbound('+919811100001', 'STATUS K7M4QX9PR');
    expect(receipts.map((r) => [r.providerId, r.state, r.reason])).toEqual([
      ['m100', 'delivered', undefined],
      ['m101', 'failed', 'UNDELIV (err 001)'],
    ]);
    expect(inbound).toMatchObject([{ from: '+919811100001', text: 'STATUS K7M4QX9PR', concatenation: null }]);
  });

  it('answers a deliver_sm it could not store with a temporary error, so the SMSC sends it again', async () => {
    adapter = createSmppAdapter(config(smsc), {
      onInbound: async () => {
        throw new Error('database down');
      },
    });
    await adapter.bound();
    expect((await smsc.inbound('+919811100001', 'hello')).command_status).toBe(0x64);
  });
});

describe.each(databases)('the acknowledgement by SMPP on $name', ({ open }) => {
  let database: Database;
  let d: Deployment;
  let smsc: Smsc;
  const clock = manualClock('2026-03-02T04:30:00Z');
  beforeAll(async () => {
    database = await open();
    d = await buildDeployment({ db: database.db, clock });
    smsc = await startSmsc();
  });
  afterAll(async () => {
    await smsc?.close();
    await database?.close();
  });

  it('reaches a Hindi-speaking citizen in UCS-2, in numbered parts with the DLT TLVs, and its receipts mark it delivered', async () => {
    await saveOverride(
      database.db,
      clock.now(),
      { event: 'grievance_registered', channel: 'sms', language: 'hi' },
      {
        body: null,
        subject: null,
        dltEntityId: '1101000000000000777',
        dltTemplateId: '1107000000000000123',
        sender: 'MPCMHL',
      },
      null,
    );
    const adapter = createSmppAdapter(config(smsc), {
      onReceipt: async (r) => {
        await applyReceipt(database.db, 'smpp', r);
      },
    });
    try {
      const g = await buildGrievance({ db: database.db, clock }, d, {
        language: 'hi',
        citizen: { phone: '+919811100099', language: 'hi' },
      });
      const before = smsc.submitted.length;
      await deliverDue(database.db, clock, { adapters: { sms: adapter } });
      const parts = smsc.submitted.slice(before).filter((s) => s.pdu.destination_addr === '919811100099');
      expect(parts.length).toBeGreaterThan(1);
      const ref = parts[0]?.udh?.[2];
      parts.forEach((p, i) => {
        expect(p.pdu).toMatchObject({
          data_coding: 8,
          esm_class: 0x40,
          registered_delivery: 1,
          source_addr: 'MPCMHL',
          dlt_pe_id: '1101000000000000777',
          dlt_template_id: '1107000000000000123',
        });
        expect([...(p.udh ?? [])]).toEqual([0x00, 0x03, ref, parts.length, i + 1]);
        expect(p.text.length).toBeLessThanOrEqual(67);
      });
      const whole = parts.map((p) => p.text).join('');
      expect(whole).toContain(`आपकी शिकायत ${g.reference} लोक स्वास्थ्य यांत्रिकी में दर्ज हो गई है`);
      // The raw bytes decode the same way a handset would.
      expect(decodeMessage(parts[0]?.pdu.short_message as never, 8, false).text).toBeTypeOf('string');

      // The SMSC reports each part delivered, one gateway style each; the row is delivered after the last.
      const row = () =>
        database.db
          .selectFrom('notifications')
          .select(['status', 'provider', 'delivered_at'])
          .where('grievance_id', '=', g.id)
          .where('recipient_kind', '=', 'citizen')
          .executeTakeFirstOrThrow();
      expect(await row()).toMatchObject({ status: 'sent', provider: 'smpp' });
      for (const [i, p] of parts.entries()) await smsc.receipt(p.messageId, i % 2 ? 'text' : 'tlv');
      expect(await row()).toMatchObject({ status: 'delivered' });
    } finally {
      await adapter.close();
    }
  });
});
