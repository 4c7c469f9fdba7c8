// `npm run bench:paint`: how soon a citizen on a slow phone sees the grievance form. Debian's Chromium
// (playwright-core, no browser download) opens the portal with a cold cache over an emulated 1.6 Mbps /
// 150 ms round-trip line with the CPU slowed four times (CDP Network.emulateNetworkConditions and
// Emulation.setCPUThrottlingRate), as a cheap phone on a weak 3G/4G signal. It reports, as the median
// of PAINT_RUNS runs (default 5) with min and max:
//   - first contentful paint (the browser's paint timing);
//   - first meaningful paint: the form's heading and its first field (the mobile number to verify) on
//     screen, which is when the page is of use (Chrome no longer reports its own "first meaningful paint").
// It also prints what went over the wire: bytes transferred and how each asset was encoded and cached.
// The service runs in this process on an embedded PGlite database with a small deployment; the web app
// served is the build in dist/web (run `npx vite build` first).
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { buildApp } from '../src/app.ts';
import { manualClock } from '../src/clock.ts';
import { migrate, openPglite } from '../src/db/index.ts';
import { buildDeployment } from '../test/factories.ts';

const RUNS = Number(process.env.PAINT_RUNS ?? 5);
const LANGUAGE = process.env.PAINT_LANGUAGE ?? 'hi';

const database = await openPglite();
await migrate(database);
const clock = manualClock('2026-03-02T04:30:00Z');
await buildDeployment({ db: database.db, clock });
const app = await buildApp(
  { db: database.db, clock },
  { rateLimit: false, cookieSecure: false, demoOtp: true, listen: database.listen },
);
await app.listen({ host: '127.0.0.1', port: 0 });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});

const runs: { fcp: number; fmp: number; bytes: number }[] = [];
let wire: string[] = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ locale: LANGUAGE === 'hi' ? 'hi-IN' : 'en-IN' });
    await context.addInitScript((language) => localStorage.setItem('language', language), LANGUAGE);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 150,
      downloadThroughput: (1.6 * 1024 * 1024) / 8,
      uploadThroughput: (750 * 1024) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    let bytes = 0;
    const seen: string[] = [];
    cdp.on('Network.loadingFinished', (e) => {
      bytes += e.encodedDataLength;
    });
    cdp.on('Network.responseReceived', (e) => {
      const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
      const path = new URL(e.response.url).pathname;
      if (!path.startsWith('/api/'))
        seen.push(`${path} ${h['content-encoding'] ?? 'identity'} ${h['cache-control'] ?? '-'}`);
    });
    await page.goto(base, { waitUntil: 'commit' });
    // Meaningful: the form's heading and its first field are on screen.
    await page.locator('main h1').waitFor();
    await page.locator('main input').first().waitFor();
    const fmp = await page.evaluate(
      () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now()))),
    );
    const fcp = await page.evaluate(
      () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
    );
    runs.push({ fcp, fmp, bytes });
    wire = seen;
    await context.close();
  }
} finally {
  await browser.close();
  await app.close();
  await database.close();
}

const stat = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const f = (n: number) => `${Math.round(n)} ms`;
  return `median ${f(sorted[Math.floor(sorted.length / 2)] as number)} (min ${f(sorted[0] as number)}, max ${f(sorted.at(-1) as number)})`;
};
console.log(
  `First paint of the portal in ${LANGUAGE}, 1.6 Mbps / 150 ms RTT, CPU 4x slower, cold cache, ${RUNS} runs`,
);
console.log(`  first contentful paint: ${stat(runs.map((r) => r.fcp))}`);
console.log(`  first meaningful paint (form heading and first field): ${stat(runs.map((r) => r.fmp))}`);
console.log(`  transferred: ${Math.round((runs[0]?.bytes ?? 0) / 1024)} kB`);
for (const line of wire) console.log(`  ${line}`);
