// The phone line under load: IVR webhook latency with 200 calls in progress at once, driven over HTTP as
// Twilio drives it (signed form posts following the action URLs of our TwiML), against the service as
// its own process on PostgreSQL. Each simulated caller picks a language, the agent option and a district
// code, waits in the queue, hangs up, and calls again; every webhook's latency is recorded.
//
//   BENCH_ONLY=ivr npm run bench          (BENCH_IVR_CALLS: calls at once, default 200)
import { createHmac } from 'node:crypto';
import { systemClock } from '../src/clock.ts';
import { buildDeployment } from '../test/factories.ts';
import { type Figure, RUNS, repeat, SECONDS, schemaUrl, startServer, withPostgres } from './lib.ts';

const CALLS = Number(process.env.BENCH_IVR_CALLS ?? 200);
const TOKEN = 'bench-twilio-token';

function sign(url: string, params: Record<string, string>) {
  let data = url;
  for (const k of Object.keys(params).sort()) data += k + params[k];
  return createHmac('sha1', TOKEN).update(data).digest('base64');
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;

export async function ivrFigures(log: (line: string) => void): Promise<Figure[]> {
  return withPostgres(
    async (database, schema) => {
      const d = await buildDeployment({ db: database.db, clock: systemClock });
      await database.db
        .insertInto('call_queues')
        .values({
          code: 'bench',
          name: JSON.stringify({ en: 'Bench' }),
          language: null,
          place_id: d.district.id,
          calendar_id: null,
        })
        .execute();
      await database.db
        .insertInto('ivr_district_codes')
        .values({ digits: '0634', place_id: d.district.id })
        .execute();
      const server = await startServer({ DATABASE_URL: schemaUrl(schema), TWILIO_AUTH_TOKEN: TOKEN });
      let serial = 0;
      try {
        const runs = await repeat(RUNS, async (i) => {
          const latencies: number[] = [];
          let errors = 0;
          // What the refusals were, by status: a bare count would hide a 500 among 429s.
          const statuses: Record<number, number> = {};
          const began = Date.now();
          const until = began + SECONDS * 1000;
          const post = async (path: string, params: Record<string, string>) => {
            const url = `${server.base}${path}`;
            const started = performance.now();
            const res = await fetch(url, {
              method: 'POST',
              headers: {
                'content-type': 'application/x-www-form-urlencoded',
                'x-twilio-signature': sign(url, params),
              },
              body: new URLSearchParams(params).toString(),
            });
            const text = await res.text();
            latencies.push(performance.now() - started);
            if (res.status >= 300) {
              errors++;
              statuses[res.status] = (statuses[res.status] ?? 0) + 1;
            }
            return /action="([^"]+)"/.exec(text)?.[1]?.replace(/&amp;/g, '&') ?? '';
          };
          const caller = async (n: number) => {
            while (Date.now() < until) {
              const common = {
                AccountSid: 'ACbench',
                CallSid: `CAbench${i}x${n}x${++serial}`,
                From: `+9198${String(n).padStart(8, '0')}`,
                To: '+91181',
              };
              let action = await post('/webhooks/voice/twilio/call', { ...common, CallStatus: 'ringing' });
              for (const digits of ['2', '4', '0634'])
                action = await post(action, { ...common, CallStatus: 'in-progress', Digits: digits });
              await post('/webhooks/voice/twilio/status', { ...common, CallStatus: 'completed' });
            }
          };
          await Promise.all(Array.from({ length: CALLS }, (_, n) => caller(n)));
          const sorted = latencies.sort((a, b) => a - b);
          const run = {
            webhooks: sorted.length,
            perSecond: sorted.length / ((Date.now() - began) / 1000),
            p50: percentile(sorted, 0.5),
            p99: percentile(sorted, 0.99),
            errors,
            statuses,
          };
          log(`ivr postgres run ${i + 1}: ${JSON.stringify(run)}`);
          // A failure is a defect to find, not a number: show what the server logged for it.
          if (statuses[500])
            log(
              server
                .output()
                .split('\n')
                .filter((line) => /"level":50/.test(line))
                .slice(-3)
                .join('\n'),
            );
          return run;
        });
        return [
          {
            what: `IVR webhook p50, ${CALLS} calls at once (PostgreSQL)`,
            unit: 'ms',
            runs: runs.map((r) => r.p50),
            lowerIsBetter: true,
          },
          {
            what: `IVR webhook p99, ${CALLS} calls at once (PostgreSQL)`,
            unit: 'ms',
            runs: runs.map((r) => r.p99),
            lowerIsBetter: true,
          },
          {
            what: `IVR webhooks answered (PostgreSQL, ${CALLS} calls)`,
            unit: '/s',
            runs: runs.map((r) => r.perSecond),
          },
          {
            what: 'IVR webhooks refused or failed',
            unit: '',
            runs: runs.map((r) => r.errors),
            lowerIsBetter: true,
          },
        ];
      } finally {
        await server.stop();
      }
    },
    { max: 4 },
  );
}
