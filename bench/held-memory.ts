// Loaded into the service by the Insight bench (node --expose-gc --import): on SIGUSR2 a full collection,
// then one line on stderr with the memory the process holds, so the bench can tell what an export keeps
// alive from garbage the collector has not yet taken.
process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  process.stderr.write(`held-memory ${JSON.stringify({ rss, heapUsed, external, arrayBuffers })}\n`);
});
