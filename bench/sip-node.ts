// The node under test for bench/sip.ts: the SIP user agent in a process of its own, answering every call
// with a minute-long prompt (a flow that only speaks, so the figure is the audio path's, not a database's).
// Prints its SIP port, then once a second the pacer's worst lateness and the streams playing.
import { encodeMulaw } from '../src/channels/voice/sip/mulaw.ts';
import { startSipAgent } from '../src/channels/voice/sip/ua.ts';

const PROMPT = encodeMulaw(
  Int16Array.from({ length: 60 * 8000 }, (_, i) =>
    Math.round(3000 * Math.sin((2 * Math.PI * 440 * i) / 8000)),
  ),
);
const first = Number(process.env.SIP_BENCH_RTP_FIRST ?? 40000);

const agent = await startSipAgent({
  host: '127.0.0.1',
  port: 0,
  rtpPorts: { first, last: first + 9998 },
  engine: async (_call, input) =>
    input.hangup
      ? { kind: 'hangup', prompts: [] }
      : { kind: 'gather', prompts: [{ key: 'long' }], maxDigits: 1, timeoutSeconds: 60 },
  audioFor: async () => PROMPT,
  log: { info() {}, warn: (o, m) => console.error(m, o), error: (o, m) => console.error(m, o) },
});
console.log(JSON.stringify({ port: agent.address.port }));
setInterval(() => {
  console.log(
    JSON.stringify({
      lateness: agent.pacer.takeWorstLateness(),
      playing: agent.pacer.active,
      calls: agent.calls,
    }),
  );
}, 1000);
process.on('SIGTERM', async () => {
  await agent.stop();
  process.exit(0);
});
