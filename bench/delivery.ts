// Messages to citizens under load, against a local SMSC (the `smpp` package's server, test/smsc.ts):
//
//   1. Outbox throughput: BENCH_DELIVERY_MESSAGES one-part SMS waiting in the outbox, delivered by the
//      delivery worker (claims with SKIP LOCKED, renders, submit_sm, records the SMSC's message id, one
//      transaction per row) through one bind with the throughput cap off (SMPP_TPS=0) and a window of
//      64 unanswered submits: messages per second from the first claim until every row is recorded as
//      sent.
//   2. Registration to acknowledgement: the service as its own process on PostgreSQL, bound to the same
//      SMSC, takes BENCH_DELIVERY_RATE registrations a second over HTTP for BENCH_SECONDS; for each, the
//      time from sending the registration to the acknowledgement's submit_sm (naming its reference)
//      reaching the SMSC, p50 and p99. The outbox row is written in the registration's transaction and
//      the worker is woken by NOTIFY, so this is the whole path a citizen waits on.
//
//   BENCH_ONLY=delivery npm run bench     (BENCH_DELIVERY_MESSAGES: default 5,000; BENCH_DELIVERY_RATE: 20)
import { randomUUID } from 'node:crypto';
import { createApiClient } from '../src/access/users.ts';
import { createSmppAdapter } from '../src/channels/sms/smpp.ts';
import { systemClock } from '../src/clock.ts';
import { deliverDue } from '../src/notify/deliver.ts';
import { buildDeployment } from '../test/factories.ts';
import { startSmsc } from '../test/smsc.ts';
import { type Figure, RUNS, repeat, SECONDS, schemaUrl, startServer, withPostgres } from './lib.ts';

const MESSAGES = Number(process.env.BENCH_DELIVERY_MESSAGES ?? 5000);
const RATE = Number(process.env.BENCH_DELIVERY_RATE ?? 20);
const CREDENTIALS = { systemId: 'civicline', password: 'secret' };

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;

export async function deliveryFigures(log: (line: string) => void): Promise<Figure[]> {
  const smsc = await startSmsc(CREDENTIALS);
  try {
    const throughput = await outboxThroughput(smsc, log);
    const latency = await registrationToSmsc(smsc, log);
    return [
      {
        what: `outbox to the local SMSC, ${MESSAGES.toLocaleString('en')} one-part SMS, one bind, no throughput cap`,
        unit: 'msg/s',
        runs: throughput,
      },
      {
        what: `registration to acknowledgement at the SMSC, ${RATE} registrations/s: p50`,
        unit: 'ms',
        runs: latency.map((l) => l.p50),
        lowerIsBetter: true,
      },
      { what: '... p99', unit: 'ms', runs: latency.map((l) => l.p99), lowerIsBetter: true },
    ];
  } finally {
    await smsc.close();
  }
}

async function outboxThroughput(smsc: Awaited<ReturnType<typeof startSmsc>>, log: (line: string) => void) {
  return withPostgres(async (database) => {
    const db = database.db;
    const adapter = createSmppAdapter({
      url: smsc.url,
      ...CREDENTIALS,
      source: 'CIVICL',
      tps: 0,
      window: 64,
    });
    await adapter.bound();
    try {
      return await repeat(RUNS, async (run) => {
        const now = new Date();
        // Citizens and their waiting messages, written straight into the outbox.
        const citizens = await db
          .insertInto('citizens')
          .values(
            Array.from({ length: MESSAGES }, (_, i) => ({
              phone: `+9197${String(run).padStart(2, '0')}${String(i).padStart(6, '0')}`,
              language: 'en',
              created_at: now,
            })),
          )
          .returning('id')
          .execute();
        await db
          .insertInto('notifications')
          .values(
            citizens.map((c, i) => ({
              recipient_kind: 'citizen',
              citizen_id: c.id,
              position_id: null,
              officer_id: null,
              grievance_id: null,
              channel: 'sms',
              template: 'reply',
              language: 'en',
              params: JSON.stringify({
                text: `Complaint K7M-4QX-${String(i).padStart(3, '0')} is with the officer.`,
              }),
              next_attempt_at: now,
              created_at: now,
            })),
          )
          .execute();
        const before = smsc.submitted.length;
        const started = performance.now();
        const result = await deliverDue(db, systemClock, { adapters: { sms: adapter }, batch: 200 });
        const seconds = (performance.now() - started) / 1000;
        const perSecond = result.sent / seconds;
        log(
          `delivery throughput run ${run + 1}: ${result.sent} sent (${smsc.submitted.length - before} submits) in ${seconds.toFixed(1)} s = ${perSecond.toFixed(0)}/s; failed ${result.failed}, retried ${result.retried}`,
        );
        return perSecond;
      });
    } finally {
      await adapter.close();
    }
  });
}

async function registrationToSmsc(smsc: Awaited<ReturnType<typeof startSmsc>>, log: (line: string) => void) {
  return withPostgres(async (database, schema) => {
    const d = await buildDeployment({ db: database.db, clock: systemClock });
    const key = (
      await createApiClient(database.db, systemClock, { name: 'bench intake', grants: [{ role: 'intake' }] })
    ).key;
    const server = await startServer({
      DATABASE_URL: schemaUrl(schema),
      SMPP_URL: smsc.url,
      SMPP_SYSTEM_ID: CREDENTIALS.systemId,
      SMPP_PASSWORD: CREDENTIALS.password,
      SMS_SENDER: 'CIVICL',
      SMPP_TPS: '0',
      SMPP_WINDOW: '64',
    });
    try {
      return await repeat(RUNS, async (run) => {
        const sentAt = new Map<string, number>();
        const registrations: Promise<void>[] = [];
        let errors = 0;
        const startedRun = Date.now();
        const from = smsc.submitted.length;
        for (let i = 0; Date.now() - startedRun < SECONDS * 1000; i++) {
          const due = startedRun + (i * 1000) / RATE;
          if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
          const phone = `+9196${String(run).padStart(2, '0')}${String(i).padStart(6, '0')}`;
          const t0 = Date.now();
          registrations.push(
            fetch(`${server.base}/api/grievances`, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                authorization: `Bearer ${key}`,
                'idempotency-key': randomUUID(),
              },
              body: JSON.stringify({
                categoryId: d.category.id,
                placeId: d.village.id,
                subject: 'No water for three days',
                description: 'The hand pump near the primary school has been broken since Monday.',
                language: 'en',
                channel: 'phone',
                citizen: { phone },
              }),
            }).then(async (res) => {
              if (res.status !== 201) {
                errors++;
                return;
              }
              sentAt.set((await res.json()).reference, t0);
            }),
          );
        }
        await Promise.all(registrations);
        // Wait for the last acknowledgements (at most 30 s).
        const arrived = new Map<string, number>();
        const deadline = Date.now() + 30_000;
        while (Date.now() < deadline) {
          for (const s of smsc.submitted.slice(from)) {
            const reference = /[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}/.exec(s.text)?.[0];
            if (reference && sentAt.has(reference) && !arrived.has(reference)) arrived.set(reference, s.at);
          }
          if (arrived.size >= sentAt.size) break;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        const latencies = [...arrived].map(([reference, at]) => at - (sentAt.get(reference) as number));
        latencies.sort((a, b) => a - b);
        const figure = { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
        log(
          `registration to SMSC run ${run + 1}: ${sentAt.size} registered (${errors} errors), ${arrived.size} acknowledged at the SMSC; p50 ${figure.p50} ms, p99 ${figure.p99} ms`,
        );
        return figure;
      });
    } finally {
      await server.stop();
    }
  });
}
