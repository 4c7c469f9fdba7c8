// The pacer on a simulated clock whose timers fire late, as a busy machine's do: packets stay on the
// 20 ms grid from the first (lateness never adds up), a short stall is caught up, a long one skipped.
import type { Socket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { createPacer, type PacerClock, parseRtp } from './rtp.ts';

function simulated(lateness: (n: number) => number) {
  let now = 1000;
  let fired = 0;
  let id = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const clock: PacerClock = {
    now: () => now,
    setTimeout(fn, ms) {
      const handle = ++id;
      timers.set(handle, { at: now + ms + lateness(fired++), fn });
      return handle;
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
  };
  return {
    clock,
    /** Runs timers in time order until none is left (or `until`). */
    run(until = Number.POSITIVE_INFINITY) {
      for (;;) {
        const next = [...timers.entries()].sort((a, b) => a[1].at - b[1].at)[0];
        if (!next || next[1].at > until) return;
        timers.delete(next[0]);
        now = Math.max(now, next[1].at);
        next[1].fn();
      }
    },
  };
}

function socket(clock: PacerClock) {
  const sent: { at: number; sequence: number; timestamp: number; marker: boolean; ssrc: number }[] = [];
  const fake = {
    send(packet: Buffer, _port: number, _address: string, cb: () => void) {
      const p = parseRtp(packet);
      if (p)
        sent.push({
          at: clock.now(),
          sequence: p.sequence,
          timestamp: p.timestamp,
          marker: p.marker,
          ssrc: p.ssrc,
        });
      cb();
    },
  };
  return { sent, socket: fake as unknown as Socket };
}

const remote = { address: '127.0.0.1', port: 4000 };
const clip = (seconds: number) => new Uint8Array(seconds * 8000).fill(0x55);

describe('the RTP pacer', () => {
  it('keeps every packet on the 20 ms grid from the first, however late its timers fire', async () => {
    // Up to 15 ms late, pseudo-randomly: a chained 20 ms timer would end 500 packets ~3.7 s behind.
    const sim = simulated((n) => (n * 7919) % 16);
    const pacer = createPacer({ clock: sim.clock });
    const out = socket(sim.clock);
    const sender = pacer.sender(out.socket, remote);
    const done = sender.play(clip(10));
    sim.run();
    expect(await done).toBe(true);
    expect(out.sent).toHaveLength(500);
    const t0 = out.sent[0]?.at as number;
    for (const [n, p] of out.sent.entries()) {
      expect(p.at - (t0 + n * 20)).toBeGreaterThanOrEqual(0);
      expect(p.at - (t0 + n * 20)).toBeLessThanOrEqual(15);
      expect(p.sequence).toBe(((out.sent[0]?.sequence as number) + n) & 0xffff);
      expect((p.timestamp - (out.sent[0]?.timestamp as number)) >>> 0).toBe(n * 160);
      expect(p.marker).toBe(n === 0);
    }
    expect(pacer.active).toBe(0);
  });

  it('catches up a short stall at once and skips a long one rather than stay behind', async () => {
    // Timer 100 is 70 ms late (3 ticks: caught up); timer 200 is 400 ms late (20 ticks: 15 skipped).
    const sim = simulated((n) => (n === 100 ? 70 : n === 200 ? 400 : 1));
    const pacer = createPacer({ clock: sim.clock, catchUpTicks: 5 });
    const out = socket(sim.clock);
    const sender = pacer.sender(out.socket, remote);
    const done = sender.play(clip(8));
    sim.run();
    await done;
    const t0 = out.sent[0]?.at as number;
    const ticks = out.sent.map((p) => ((p.timestamp - (out.sent[0]?.timestamp as number)) >>> 0) / 160);
    // Sequence numbers never skip (nothing was lost), timestamps skip the ticks that were dropped.
    for (let i = 1; i < out.sent.length; i++) {
      expect(out.sent[i]?.sequence).toBe(((out.sent[i - 1]?.sequence as number) + 1) & 0xffff);
    }
    const gaps = ticks
      .slice(1)
      .map((t, i) => t - (ticks[i] as number))
      .filter((d) => d !== 1);
    expect(gaps).toEqual([16]); // one jump, after the long stall: 15 ticks skipped
    // And afterwards every packet is back on its grid slot, within the 1 ms the timers are late.
    for (const [i, p] of out.sent.entries()) {
      const lag = p.at - (t0 + (ticks[i] as number) * 20);
      if (i > 0 && lag > 2) expect(lag).toBeLessThanOrEqual(400); // only the packets sent in a burst
    }
    const tail = out.sent.slice(-50);
    for (const [j, p] of tail.entries()) {
      const i = out.sent.length - 50 + j;
      expect(p.at - (t0 + (ticks[i] as number) * 20)).toBeLessThanOrEqual(1);
    }
  });

  it('serves many calls from one timer, and stops a clip when asked', async () => {
    const sim = simulated(() => 2);
    const pacer = createPacer({ clock: sim.clock });
    const out = socket(sim.clock);
    const senders = Array.from({ length: 50 }, () => pacer.sender(out.socket, remote));
    const plays = senders.map((s) => s.play(clip(1)));
    sim.run(sim.clock.now() + 500);
    expect(pacer.active).toBe(50);
    senders[0]?.stopPlaying();
    sim.run();
    const results = await Promise.all(plays);
    expect(results[0]).toBe(false);
    expect(results.slice(1).every(Boolean)).toBe(true);
    const perStream = new Map<number, number>();
    for (const p of out.sent) perStream.set(p.ssrc, (perStream.get(p.ssrc) ?? 0) + 1);
    expect(perStream.size).toBe(50);
    expect([...perStream.values()].filter((n) => n === 50)).toHaveLength(49);
  });
});
