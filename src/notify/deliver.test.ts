// The delivery worker on a real database, with adapters standing in for the carriers (the carriers'
// own protocols are tested against real local servers in src/channels/).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { manualClock } from '../clock.ts';
import type { Database } from '../db/index.ts';
import type { ChannelAdapter, RenderedMessage, SendOutcome } from './adapter.ts';
import { applyReceipt, deliverDue } from './deliver.ts';
import { startDelivery } from './worker.ts';

function recordingAdapter(answer: (m: RenderedMessage, n: number) => Promise<SendOutcome> | SendOutcome) {
  const sent: RenderedMessage[] = [];
  const adapter: ChannelAdapter = {
    kind: 'sms',
    provider: 'test',
    async send(message) {
      sent.push(message);
      return answer(message, sent.length);
    },
  };
  return { adapter, sent };
}

describe.each(databases)('delivery worker on $name', ({ open }) => {
  let database: Database;
  let d: Deployment;
  const clock = manualClock('2026-03-02T04:30:00Z');

  beforeAll(async () => {
    database = await open();
    d = await buildDeployment({ db: database.db, clock });
  });
  afterAll(async () => {
    await database?.close();
  });

  const rowsOf = (grievanceId: number) =>
    database.db
      .selectFrom('notifications')
      .selectAll()
      .where('grievance_id', '=', grievanceId)
      .orderBy('id')
      .execute();

  it('sends the acknowledgement in the citizen language and the notice to the officer holding the position', async () => {
    const g = await buildGrievance({ db: database.db, clock }, d, {
      language: 'hi',
      citizen: { phone: '+919811100001' },
    });
    const { adapter, sent } = recordingAdapter((_, n) => ({ kind: 'sent', providerId: `ack-${g.id}-${n}` }));
    const result = await deliverDue(database.db, clock, { adapters: { sms: adapter } });
    expect(result.sent).toBeGreaterThanOrEqual(2);
    const toCitizen = sent.find((m) => m.to === '+919811100001');
    expect(toCitizen?.language).toBe('hi');
    expect(toCitizen?.text).toContain(g.reference);
    expect(toCitizen?.text).toContain('लोक स्वास्थ्य यांत्रिकी'); // the department, in Hindi
    expect(toCitizen?.text).toMatch(/2026/); // the due date, written out
    const toOfficer = sent.find((m) => m.to === '+91980000001'); // Officer 1 holds L1
    expect(toOfficer?.text).toContain(`Grievance ${g.reference} is assigned to you (L1 officer, Biaora)`);

    const rows = await rowsOf(g.id);
    expect(rows.map((r) => [r.status, r.attempts, r.provider])).toEqual([
      ['sent', 1, 'test'],
      ['sent', 1, 'test'],
    ]);
    expect(rows[1]?.channel).toBe('sms'); // the officer's 'default' resolved to the channel used
    // The citizen's history holds the message, linked to the grievance.
    const history = await database.db
      .selectFrom('interactions as i')
      .innerJoin('interaction_grievances as ig', 'ig.interaction_id', 'i.id')
      .select(['i.direction', 'i.channel', 'i.summary'])
      .where('ig.grievance_id', '=', g.id)
      .execute();
    expect(history).toEqual([{ direction: 'outbound', channel: 'sms', summary: toCitizen?.text }]);
  });

  it('retries a transient failure with backoff and fails a permanent one with the provider reason', async () => {
    const g = await buildGrievance({ db: database.db, clock }, d, { citizen: { phone: '+919811100002' } });
    const { adapter } = recordingAdapter((m) =>
      m.to === '+919811100002'
        ? { kind: 'retry', reason: 'ESME_RTHROTTLED: throttled' }
        : { kind: 'failed', reason: 'ESME_RINVDSTADR: invalid destination address' },
    );
    await deliverDue(database.db, clock, { adapters: { sms: adapter } });
    let [ack, notice] = await rowsOf(g.id);
    expect(ack).toMatchObject({ status: 'pending', attempts: 1, last_error: 'ESME_RTHROTTLED: throttled' });
    expect(ack?.next_attempt_at.getTime()).toBe(clock.now().getTime() + 30_000);
    expect(notice).toMatchObject({
      status: 'failed',
      last_error: 'ESME_RINVDSTADR: invalid destination address',
    });

    // Not due yet: nothing happens. Due: it goes, and the second retry would wait twice as long.
    expect((await deliverDue(database.db, clock, { adapters: { sms: adapter } })).claimed).toBe(0);
    clock.advance(30_000);
    await deliverDue(database.db, clock, { adapters: { sms: adapter } });
    [ack] = await rowsOf(g.id);
    expect(ack).toMatchObject({ status: 'pending', attempts: 2 });
    expect(ack?.next_attempt_at.getTime()).toBe(clock.now().getTime() + 60_000);

    const ok = recordingAdapter(() => ({ kind: 'sent', providerId: `late-${g.id}` }));
    clock.advance(60_000);
    await deliverDue(database.db, clock, { adapters: { sms: ok.adapter } });
    [ack] = await rowsOf(g.id);
    expect(ack).toMatchObject({ status: 'sent', attempts: 3, provider_id: `late-${g.id}`, last_error: null });
  });

  it('shows staff each message with its status and the provider reason for a failure', async () => {
    const g = await buildGrievance({ db: database.db, clock }, d, { citizen: { phone: '+919811100006' } });
    const { adapter } = recordingAdapter((m) =>
      m.to === '+919811100006'
        ? { kind: 'failed', reason: 'ESME_RINVDSTADR: invalid destination address' }
        : { kind: 'sent', providerId: `shown-${g.id}` },
    );
    await deliverDue(database.db, clock, { adapters: { sms: adapter } });
    const api = await startApi(database);
    try {
      const res = await api.app.inject({
        method: 'GET',
        url: `/api/grievances/${g.reference}/notifications`,
      });
      expect(res.statusCode).toBe(200);
      const list = res.json().notifications;
      expect(
        list.map((n: Record<string, unknown>) => [n.recipientKind, n.template, n.status, n.lastError]),
      ).toEqual([
        ['citizen', 'grievance_registered', 'failed', 'ESME_RINVDSTADR: invalid destination address'],
        ['position', 'grievance_assigned', 'sent', null],
      ]);
      // Nothing that names the citizen, nor the params (a sign-in code must never be read back).
      expect(JSON.stringify(list)).not.toMatch(/\+919811100006|citizenId|params/);
    } finally {
      await api.raw.close();
    }
  });

  it('still sends a message whose worker died between claim and send, once the lease has run out', async () => {
    const g = await buildGrievance({ db: database.db, clock }, d, { citizen: { phone: '+919811100003' } });
    // The first worker takes the rows and its carrier never answers: as good as dead.
    const answerLate: ((o: SendOutcome) => void)[] = [];
    const hung: ChannelAdapter = {
      kind: 'sms',
      provider: 'test',
      send: () => new Promise((resolve) => answerLate.push(resolve)),
    };
    const first = deliverDue(database.db, clock, { adapters: { sms: hung }, leaseSeconds: 120 });
    for (let i = 0; i < 100 && answerLate.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect((await rowsOf(g.id)).map((r) => r.status)).toEqual(['sending', 'sending']);

    // Another worker finds nothing to do while the lease holds...
    const { adapter, sent } = recordingAdapter((_, n) => ({
      kind: 'sent',
      providerId: `second-${g.id}-${n}`,
    }));
    expect((await deliverDue(database.db, clock, { adapters: { sms: adapter } })).claimed).toBe(0);
    // ...and sends both once it has run out.
    clock.advance(121_000);
    await deliverDue(database.db, clock, { adapters: { sms: adapter } });
    expect(sent.map((m) => m.to).sort()).toEqual(['+91980000001', '+919811100003']);
    const after = await rowsOf(g.id);
    expect(after.map((r) => [r.status, r.attempts])).toEqual([
      ['sent', 2],
      ['sent', 2],
    ]);

    // The first worker comes back late: what it says does not overwrite the newer attempt.
    for (const answer of answerLate) answer({ kind: 'failed', reason: 'too late to matter' });
    await first;
    expect((await rowsOf(g.id)).map((r) => [r.status, r.provider_id])).toEqual(
      after.map((r) => [r.status, r.provider_id]),
    );
  });

  it('marks a message delivered by its receipt, even a receipt that arrives before the send is recorded', async () => {
    const g = await buildGrievance({ db: database.db, clock }, d, { citizen: { phone: '+919811100004' } });
    const early = `early-${g.id}`;
    // A two-part message; the receipt for its second part arrives before we record the send.
    await applyReceipt(database.db, 'test', {
      providerId: `${early}-b`,
      state: 'delivered',
      at: clock.now(),
    });
    const { adapter } = recordingAdapter((m, n) =>
      m.to === '+919811100004'
        ? { kind: 'sent', providerId: `${early}-a`, partIds: [`${early}-a`, `${early}-b`] }
        : { kind: 'sent', providerId: `other-${g.id}-${n}` },
    );
    await deliverDue(database.db, clock, { adapters: { sms: adapter } });
    expect((await rowsOf(g.id))[0]?.status).toBe('sent'); // one part still unconfirmed
    const { matched } = await applyReceipt(database.db, 'test', {
      providerId: `${early}-a`,
      state: 'delivered',
      at: clock.now(),
    });
    expect(matched).toBe(true);
    expect((await rowsOf(g.id))[0]).toMatchObject({ status: 'delivered' });

    // A failed receipt fails the other row with the carrier's reason.
    await applyReceipt(database.db, 'test', {
      providerId: (await rowsOf(g.id))[1]?.provider_id as string,
      state: 'failed',
      reason: 'UNDELIV (err 001)',
      at: clock.now(),
    });
    expect((await rowsOf(g.id))[1]).toMatchObject({ status: 'failed', last_error: 'UNDELIV (err 001)' });
  });

  it('wakes on a new row without waiting for the minute tick', async () => {
    const { adapter, sent } = recordingAdapter((_, n) => ({
      kind: 'sent',
      providerId: `wake-${n}-${Math.random()}`,
    }));
    const worker = await startDelivery({ db: database.db, clock }, database.listen, {
      adapters: { sms: adapter },
    });
    try {
      const g = await buildGrievance({ db: database.db, clock }, d, { citizen: { phone: '+919811100005' } });
      for (let i = 0; i < 100 && !sent.some((m) => m.to === '+919811100005'); i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(sent.some((m) => m.text.includes(g.reference))).toBe(true);
    } finally {
      await worker.close();
    }
  });
});
