// The HTTP app as a process of its own, for the export-memory test: what it holds while an export
// streams is measured in a heap of its own size, not in the test runner's. (A full collection every
// 250 ms of a runner's heap that had run other files slowed one CI run's test past three minutes.)
//
// Arguments: PostgreSQL URL, schema, the clock's instant. Over IPC it says { port } once listening;
// then 'measure' starts sampling, 'held' answers { held } (the most heap and buffers held above what
// was held at 'measure', after a full collection, every 250 ms), 'close' ends it.
import { runInNewContext } from 'node:vm';
import { buildApp } from '../src/app.ts';
import { manualClock } from '../src/clock.ts';
import { openPostgres } from '../src/db/index.ts';

const gc = runInNewContext('gc') as () => void; // node --expose-gc
const [url, schema, at] = process.argv.slice(2) as [string, string, string];
const database = await openPostgres(url, { schema });
const app = await buildApp(
  { db: database.db, clock: manualClock(at) },
  { rateLimit: false, cookieSecure: false, listen: database.listen },
);
await app.listen({ host: '127.0.0.1', port: 0 });

const send = (message: object) => process.send?.(message);
let base = 0;
let held = 0;
let sampling: NodeJS.Timeout | undefined;
/** Heap and buffers live now: what a full collection leaves. */
const live = () => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const sample = () => {
  held = Math.max(held, live() - base);
};

process.on('message', async (message) => {
  if (message === 'measure') {
    clearInterval(sampling);
    base = live();
    held = 0;
    sampling = setInterval(sample, 250);
  } else if (message === 'held') {
    clearInterval(sampling);
    sample();
    send({ held });
  } else if (message === 'close') {
    clearInterval(sampling);
    await app.close();
    await database.close();
    process.disconnect();
  }
});
send({ port: (app.server.address() as { port: number }).port });
