// How many simultaneous calls one node's SIP path carries with clean audio timing.
//
// The node (bench/sip-node.ts, its own process) answers every call with a long prompt; sipp places
// calls at BENCH_SIP_RATE a second up to N at once, each asking in its SDP for our audio at this
// process's UDP receiver, which timestamps every packet. Once all N calls are up, for BENCH_SIP_SECONDS
// the receiver measures, per stream, the RFC 3550 interarrival jitter (the smoothed variation of
// packet spacing against the 20 ms the timestamps promise) and every packet's own deviation. A step
// passes when every stream's jitter stays under 5 ms and no call failed; N doubles until one fails,
// then the gap is halved a few times. The figure is the largest N that passed. The receiver shares the two cores with the node and sipp, so
// its own scheduling delays count against the node: the figure is a floor.
//
//   BENCH_SIP_STEPS    call counts to try, in order (default 50,100,200,400,800,1600)
//   BENCH_SIP_RATE     new calls a second (default 100)
//   BENCH_SIP_SECONDS  measured seconds per step once all calls are up (default 5)
//   BENCH_SIP_REFINE   halvings between the last step passed and the first failed (default 3)
import { type ChildProcess, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { runSipp } from '../test/sipp.ts';
import { type Figure, ROOT, RUNS, repeat } from './lib.ts';

const STEPS = (process.env.BENCH_SIP_STEPS ?? '50,100,200,400,800,1600').split(',').map(Number);
const RATE = Number(process.env.BENCH_SIP_RATE ?? 100);
const MEASURE_S = Number(process.env.BENCH_SIP_SECONDS ?? 5);
const REFINE = Number(process.env.BENCH_SIP_REFINE ?? 3);
const LIMIT_MS = 5;
const log = (line: string) => console.error(line);

export interface SipStep {
  calls: number;
  answered: number;
  streams: number;
  /** The worst stream's RFC 3550 jitter, and the 99th percentile of per-packet deviations, in ms. */
  worstJitter: number;
  p99Deviation: number;
  /** The node's pacer: the latest a tick ran, in ms. */
  senderLateness: number;
  passed: boolean;
}

interface Stream {
  lastArrival: number;
  lastTimestamp: number;
  lastSequence: number;
  jitter: number;
  worst: number;
}

async function startNode(rtpFirst: number) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'bench/sip-node.ts'], {
    cwd: ROOT,
    env: { ...process.env, SIP_BENCH_RTP_FIRST: String(rtpFirst) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const stats: { at: number; lateness: number; playing: number }[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', () => reject(new Error('SIP bench node exited')));
    lines.on('line', (line) => {
      const msg = JSON.parse(line) as { port?: number; lateness?: number; playing?: number };
      if (msg.port) resolve(msg.port);
      else stats.push({ at: performance.now(), lateness: msg.lateness ?? 0, playing: msg.playing ?? 0 });
    });
  });
  return {
    port,
    stats,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function sipStep(calls: number): Promise<SipStep> {
  const node = await startNode(40000);
  const sink = createSocket('udp4');
  await new Promise<void>((r) => sink.bind(0, '127.0.0.1', () => r()));
  sink.setRecvBufferSize(16 * 1024 * 1024);
  const streams = new Map<number, Stream>();
  let window: { from: number; to: number } | null = null;
  const deviations: number[] = [];
  let allUpAt = 0;
  sink.on('message', (data) => {
    const now = performance.now();
    if (data.length < 12) return;
    const ssrc = data.readUInt32BE(8);
    const sequence = data.readUInt16BE(2);
    const timestamp = data.readUInt32BE(4);
    const s = streams.get(ssrc);
    if (!s) {
      streams.set(ssrc, {
        lastArrival: now,
        lastTimestamp: timestamp,
        lastSequence: sequence,
        jitter: 0,
        worst: 0,
      });
      if (streams.size === calls) allUpAt = now;
      return;
    }
    const contiguous = sequence === ((s.lastSequence + 1) & 0xffff);
    const d = now - s.lastArrival - ((timestamp - s.lastTimestamp) >>> 0) / 8;
    s.lastArrival = now;
    s.lastTimestamp = timestamp;
    s.lastSequence = sequence;
    if (!contiguous || !window || now < window.from || now > window.to) return;
    s.jitter += (Math.abs(d) - s.jitter) / 16;
    s.worst = Math.max(s.worst, s.jitter);
    deviations.push(Math.abs(d));
  });

  const rampS = calls / RATE;
  const holdMs = Math.ceil((rampS + MEASURE_S + 3) * 1000);
  const sipp = runSipp({
    scenario: 'bench-call.xml',
    target: { host: '127.0.0.1', port: node.port },
    keys: { rtp_sink: String(sink.address().port) },
    vars: { hold_ms: String(holdMs) },
    calls,
    limit: calls,
    rate: RATE,
    timeoutSeconds: Math.ceil(holdMs / 1000) + 30,
    args: ['-max_socket', String(calls + 100)],
  });
  // Wait until every call's audio is flowing, settle a second, then measure.
  const deadline = performance.now() + (rampS + 10) * 1000;
  while (!allUpAt && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const from = (allUpAt || performance.now()) + 1000;
  window = { from, to: from + MEASURE_S * 1000 };
  const run = await sipp;
  sink.close();
  await node.stop();

  const measured = [...streams.values()].filter((s) => s.worst > 0 || s.jitter > 0);
  deviations.sort((a, b) => a - b);
  const p99 = deviations.length ? (deviations[Math.floor(deviations.length * 0.99)] as number) : Number.NaN;
  const worstJitter = measured.length ? Math.max(...measured.map((s) => s.worst)) : Number.NaN;
  const answered = Number(/Successful call\s*\|\s*\d+\s*\|\s*(\d+)/.exec(run.stdout)?.[1] ?? 0);
  const lateness = node.stats
    .filter((s) => s.at >= window.from && s.at <= window.to + 1000)
    .map((s) => s.lateness);
  const step: SipStep = {
    calls,
    answered,
    streams: streams.size,
    worstJitter,
    p99Deviation: p99,
    senderLateness: lateness.length ? Math.max(...lateness) : Number.NaN,
    passed: answered === calls && streams.size === calls && worstJitter < LIMIT_MS,
  };
  log(`sip ${calls} calls: ${JSON.stringify(step)}`);
  return step;
}

/**
 * The largest number of calls that passed: step up until a step fails, then halve the gap between the
 * last pass and that failure BENCH_SIP_REFINE times (default 3), so the figure is a number of calls, not
 * only the last step that happened to be on the list (a machine that fails the first step still gets
 * one, down to a single call).
 */
export async function sipCapacity(): Promise<{ calls: number; steps: SipStep[] }> {
  const steps: SipStep[] = [];
  let best = 0;
  let failed = 0;
  for (const calls of STEPS) {
    const step = await sipStep(calls);
    steps.push(step);
    if (!step.passed) {
      failed = calls;
      break;
    }
    best = calls;
  }
  for (let i = 0; failed && i < REFINE && failed - best > 1; i++) {
    const calls = Math.floor((best + failed) / 2);
    const step = await sipStep(calls);
    steps.push(step);
    if (step.passed) best = calls;
    else failed = calls;
  }
  return { calls: best, steps };
}

export async function sipFigures(): Promise<Figure[]> {
  const runs = await repeat(RUNS, async (i) => {
    const result = await sipCapacity();
    log(`sip run ${i + 1}: ${result.calls} simultaneous calls under ${LIMIT_MS} ms jitter`);
    return result;
  });
  const atBest = runs.map((r) => r.steps.find((s) => s.calls === r.calls));
  return [
    {
      what: `simultaneous SIP calls, one node, RTP jitter < ${LIMIT_MS} ms (steps ${STEPS.join('/')}, refined)`,
      unit: 'calls',
      runs: runs.map((r) => r.calls),
    },
    {
      what: '... worst stream jitter (RFC 3550) at that load',
      unit: 'ms',
      runs: atBest.map((s) => s?.worstJitter ?? Number.NaN),
      lowerIsBetter: true,
    },
    {
      what: '... p99 packet deviation from 20 ms at that load',
      unit: 'ms',
      runs: atBest.map((s) => s?.p99Deviation ?? Number.NaN),
      lowerIsBetter: true,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { table } = await import('./lib.ts');
  console.log(`\n${table(await sipFigures())}\n`);
}
