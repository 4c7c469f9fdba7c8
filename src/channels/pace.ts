// A throughput cap: at most `perSecond` starts a second, spaced evenly (operators and APIs allow a
// fixed rate and throttle or cut off above it). 0 or less: no cap. One pacer per bind or credential.
export function pacer(perSecond: number): () => Promise<void> {
  let nextSlot = 0;
  return async () => {
    if (!(perSecond > 0)) return;
    const now = Date.now();
    const at = Math.max(now, nextSlot);
    nextSlot = at + 1000 / perSecond;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  };
}
