// Citizens writing in by SMS, through a real SMSC: a long Hindi message in parts out of order becomes
// one draft; STATUS answers only the sender's own grievance; 2 reopens a resolved grievance and 1
// closes one; STOP silences us; each message is on the citizen's history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../../test/factories.ts';
import { type Smsc, startSmsc } from '../../../test/smsc.ts';
import { manualClock } from '../../clock.ts';
import type { Database } from '../../db/index.ts';
import { getGrievance, transition } from '../../grievances/index.ts';
import type { RenderedMessage } from '../../notify/adapter.ts';
import { deliverDue } from '../../notify/deliver.ts';
import { encodeMessage } from './encoding.ts';
import { receiveSms } from './inbound.ts';
import { createSmppAdapter, type SmppAdapter } from './smpp.ts';

const officer = { kind: 'officer' as const, id: 1 };

describe.each(databases)('SMS from citizens on $name', ({ open }) => {
  let database: Database;
  let d: Deployment;
  let smsc: Smsc;
  let adapter: SmppAdapter;
  const clock = manualClock('2026-03-02T04:30:00Z');
  const deps = () => ({ db: database.db, clock });

  beforeAll(async () => {
    database = await open();
    d = await buildDeployment(deps());
    smsc = await startSmsc();
    adapter = createSmppAdapter(
      { url: smsc.url, systemId: 'civicline', password: 'secret', source: 'CIVICL' },
      {
        onInbound: async (m) => {
          await receiveSms(deps(), m);
        },
      },
    );
    await adapter.bound();
  }, 180_000);
  afterAll(async () => {
    await adapter?.close();
    await smsc?.close();
    await database?.close();
  });

  /** What we answer: the outbox's replies to `phone`, rendered. */
  const replies = async (phone: string) => {
    const sent: RenderedMessage[] = [];
    await deliverDue(database.db, clock, {
      adapters: {
        sms: {
          kind: 'sms',
          provider: 'test',
          send: async (m) => {
            sent.push(m);
            return { kind: 'sent', providerId: `r-${m.notificationId}` };
          },
        },
      },
    });
    return sent.filter((m) => m.to === phone).map((m) => m.text);
  };

  it('puts a long Hindi message back together from parts out of order and opens a draft for an agent', async () => {
    const text = `हमारे गाँव में पिछले दस दिनों से बिजली नहीं है। ट्रांसफार्मर जल गया है और कई बार शिकायत करने पर भी कोई नहीं आया।`;
    const { parts } = encodeMessage(text, 77);
    expect(parts.length).toBe(2);
    // The SMSC hands over part 2 first.
    for (const i of [1, 0]) {
      const raw = parts[i] as Buffer;
      expect(
        (await smsc.inbound('+919811100301', raw.subarray(6), { udh: raw.subarray(0, 6), dataCoding: 8 }))
          .command_status,
      ).toBe(0);
    }
    const drafts = await database.db
      .selectFrom('intake_drafts as dr')
      .innerJoin('citizens as c', 'c.id', 'dr.citizen_id')
      .select(['dr.text', 'dr.language', 'dr.channel', 'dr.interaction_id'])
      .where('c.phone', '=', '+919811100301')
      .execute();
    expect(drafts).toEqual([{ text, language: 'hi', channel: 'sms', interaction_id: expect.any(Number) }]);
    expect(await replies('+919811100301')).toEqual([
      'आपका संदेश मिल गया। एक एजेंट इसे दर्ज करके आपको शिकायत संख्या भेजेगा।',
    ]);
  });

  it("answers STATUS for the sender's own grievance only, and links the exchange to it", async () => {
    const mine = await buildGrievance(deps(), d, { citizen: { phone: '+919811100302' } });
    const theirs = await buildGrievance(deps(), d, { citizen: { phone: '+919811100399' } });
    await replies('+919811100302'); // the acknowledgement goes first
    await smsc.inbound('+919811100302', `status ${mine.reference.toLowerCase()}`);
    await smsc.inbound('+919811100302', `STATUS ${theirs.reference}`);
    const answers = await replies('+919811100302');
    // (The outbox sends a batch in no particular order.)
    expect(answers).toHaveLength(2);
    expect(
      answers.find((a) => a.startsWith(`Grievance ${mine.reference}: assigned to an officer. Due by `)),
    ).toBeTruthy();
    expect(answers).toContain(
      `We could not find grievance ${theirs.reference}. Check the number and try again.`,
    );
    const linked = await database.db
      .selectFrom('interaction_grievances as ig')
      .innerJoin('interactions as i', 'i.id', 'ig.interaction_id')
      .select(['i.direction', 'i.summary'])
      .where('ig.grievance_id', '=', mine.id)
      .orderBy('i.id')
      .execute();
    expect(linked.map((l) => l.direction)).toEqual(['outbound', 'inbound', 'outbound']);
  });

  it('reopens a resolved grievance on 2 with the citizen words, and closes one on 1', async () => {
    const phone = '+919811100303';
    const g = await buildGrievance(deps(), d, { citizen: { phone } });
    await transition(database.db, clock, g.reference, { type: 'resolve', note: 'Pump repaired' }, officer);
    await smsc.inbound(phone, '2 still no water');
    let after = await getGrievance(database.db, g.reference);
    expect(after.status).not.toBe('resolved');
    expect(after.reopenCount).toBe(1);
    await transition(database.db, clock, g.reference, { type: 'resolve', note: 'Pump replaced' }, officer);
    await smsc.inbound(phone, '1');
    after = await getGrievance(database.db, g.reference);
    expect(after.status).toBe('closed');
    const answers = await replies(phone);
    expect(answers).toContain(
      `We are sorry. Grievance ${g.reference} is reopened and will be looked at again.`,
    );
    expect(answers).toContain(`Thank you for your feedback on grievance ${g.reference}.`);
    // Both answers are in the audit log as the citizen's.
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['actor_kind'])
      .where('entity_id', '=', g.reference)
      .execute();
    expect(audit.filter((a) => a.actor_kind === 'citizen').length).toBeGreaterThanOrEqual(2);
  });

  it('stops sending after STOP (but for the confirmation) and starts again after START', async () => {
    const phone = '+919811100304';
    await smsc.inbound(phone, 'STOP');
    expect(await replies(phone)).toEqual([
      'You will get no more messages from us. Send START to receive them again.',
    ]);
    const g = await buildGrievance(deps(), d, { citizen: { phone } });
    expect(await replies(phone)).toEqual([]);
    const ack = await database.db
      .selectFrom('notifications')
      .select(['status', 'last_error'])
      .where('grievance_id', '=', g.id)
      .where('recipient_kind', '=', 'citizen')
      .executeTakeFirstOrThrow();
    expect(ack).toEqual({ status: 'failed', last_error: 'the citizen asked for no more SMS (STOP)' });
    await smsc.inbound(phone, 'START');
    expect(await replies(phone)).toEqual(['You will receive messages about your grievances again.']);
  });
});
