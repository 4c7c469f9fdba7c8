// The location picker in a real browser: "Use my location" with the phone's position (Playwright's
// geolocation emulation) finds the village and reports its chain; the map, loaded only when opened,
// re-finds the place on a click, a drag of the marker and Enter from the keyboard; clear messages for
// a refused permission and a point outside the area, in English and Hindi; no serious accessibility
// violations; and all of it under the app's own Content-Security-Policy, with no internet (the tile
// server's requests are answered here, which also shows the policy lets its host in).
//
// The picker is not in the app yet (the lodge form will hold it), so the test builds a one-component
// page from test/location-harness with Vite into a folder of its own and serves it from the real app at
// /harness/: the same server, API, headers and policy a citizen gets, and no test page in the app.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, seriousA11yViolations } from '../../test/browser.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, type Deployment } from '../../test/factories.ts';
import { buildApp } from '../app.ts';
import { manualClock } from '../clock.ts';
import type { Database } from '../db/index.ts';
import { createPlace, type Place, updatePlace } from '../places/index.ts';

const HARNESS = path.resolve(import.meta.dirname, '../../test/location-harness');
/** Kachnariya, a village of Biaora block (Rajgarh district), and Suthaliya 500 m east of it. */
const KACHNARIYA = { latitude: 23.9507, longitude: 76.9312 };
const SUTHALIYA = { latitude: 23.9507, longitude: 76.9361 };
/** A 1x1 grey PNG: every map tile the browser asks for. */
const TILE = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGO4e/cuAAUyApjDDfqPAAAAAElFTkSuQmCC',
  'base64',
);

describe('location picker in the browser', () => {
  let database: Database;
  let browser: Browser;
  let base: string;
  let d: Deployment;
  let suthaliya: Place;
  let close: () => Promise<void>;
  const out = mkdtempSync(path.join(tmpdir(), 'location-harness-'));
  const clock = manualClock('2026-03-02T04:30:00Z');

  beforeAll(async () => {
    await build({
      configFile: false,
      root: HARNESS,
      base: '/harness/',
      // A production build, as citizens get (Vitest's NODE_ENV=test would otherwise give React's dev build).
      mode: 'production',
      define: { 'process.env.NODE_ENV': JSON.stringify('production') },
      logLevel: 'warn',
      esbuild: { jsx: 'automatic', jsxDev: false },
      build: { outDir: out, emptyOutDir: true, target: 'es2020' },
    });
    database = await (databases[0] as (typeof databases)[number]).open();
    const deps = { db: database.db, clock };
    d = await buildDeployment(deps);
    // The factory's tree with points: Rajgarh district around Biaora, and Sehore further south.
    const pin = (place: Place, latitude: number, longitude: number) =>
      updatePlace(database.db, place.id, { latitude, longitude });
    await pin(d.division, 23.2599, 77.4126);
    await pin(d.district, 24.0048, 76.7276);
    await pin(d.block, 23.9213, 76.9106);
    await pin(d.village, KACHNARIYA.latitude, KACHNARIYA.longitude);
    await pin(d.otherDistrict, 23.2032, 77.0844);
    suthaliya = await createPlace(database.db, {
      parentId: d.block.id,
      code: 'VL-SUTHALIYA',
      name: { en: 'Suthaliya', hi: 'सुठालिया' },
      ...SUTHALIYA,
    });
    const app = await buildApp(deps, { rateLimit: false, cookieSecure: false, listen: database.listen });
    await app.register(fastifyStatic, { root: out, prefix: '/harness/', decorateReply: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    close = () => app.close();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await close?.();
    await database?.close();
    rmSync(out, { recursive: true, force: true });
  });

  /** A phone at `at` that has allowed the page its location (unless `allow` is false). */
  async function phone(
    at: { latitude: number; longitude: number },
    options: { allow?: boolean; locale?: string } = {},
  ) {
    const context = await browser.newContext({
      locale: options.locale ?? 'en-IN',
      geolocation: { ...at, accuracy: 20 },
      permissions: options.allow === false ? [] : ['geolocation'],
      viewport: { width: 412, height: 915 },
    });
    const tiles: string[] = [];
    await context.route('https://tile.openstreetmap.org/**', (route) => {
      tiles.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'image/png', body: TILE });
    });
    const page = await context.newPage();
    const policyErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) policyErrors.push(m.text());
    });
    const assets: string[] = [];
    page.on('request', (r) => {
      if (/\.(js|css)$/.test(new URL(r.url()).pathname)) assets.push(new URL(r.url()).pathname);
    });
    await page.goto(`${base}/harness/`);
    return { context, page, tiles, policyErrors, assets };
  }

  const status = (page: Page) => page.getByRole('status');
  const placed = async (page: Page) =>
    JSON.parse((await page.getByTestId('placed').textContent()) as string) as {
      placeChain: { id: number; depth: number; name: Record<string, string> }[];
      latitude: number;
      longitude: number;
      source: string;
    }[];

  it('places the citizen from the phone, then from the map by click, drag and keyboard', async () => {
    const near = { latitude: KACHNARIYA.latitude + 0.0006, longitude: KACHNARIYA.longitude - 0.0004 };
    const { context, page, tiles, policyErrors, assets } = await phone(near);
    const beforeMap = [...assets];
    // Leaflet is not in the page until the map is opened.
    expect(beforeMap.some((a) => /LocationMap/.test(a))).toBe(false);
    expect(await page.locator('.leaflet-container').count()).toBe(0);

    await page.getByRole('button', { name: 'Use my location' }).click();
    await expect
      .poll(() => status(page).textContent())
      .toBe(
        'Your place: Kachnariya, Biaora, Rajgarh, North Division. If this is wrong, choose on the map or from the lists.',
      );
    const [first] = await placed(page);
    expect(first?.placeChain.map((p) => p.id)).toEqual([
      d.state.id,
      d.division.id,
      d.district.id,
      d.block.id,
      d.village.id,
    ]);
    expect(first?.placeChain.map((p) => p.depth)).toEqual([1, 2, 3, 4, 5]);
    expect(first).toMatchObject({ ...near, source: 'device' });

    const open = page.getByRole('button', { name: 'Choose on the map' });
    await open.click();
    const map = page.getByRole('application', { name: 'Map: tap where the problem is' });
    await expect.poll(() => map.evaluate((e) => e.classList.contains('leaflet-container'))).toBe(true);
    // Focus goes to the map, whose instructions are read with its name; the place found is still said.
    await expect.poll(() => map.evaluate((e) => e === document.activeElement)).toBe(true);
    expect(await status(page).textContent()).toMatch(/^Your place: Kachnariya/);
    expect(await page.getByRole('button', { name: 'Close the map' }).getAttribute('aria-expanded')).toBe(
      'true',
    );
    // The map's code and Leaflet's CSS came now, from our own origin.
    const lazy = assets.slice(beforeMap.length);
    expect(lazy.some((a) => a.endsWith('.js'))).toBe(true);
    expect(lazy.some((a) => a.endsWith('.css'))).toBe(true);
    // The marker stands where the phone said, its picture bundled, not fetched from elsewhere.
    const marker = page.getByRole('button', { name: 'Chosen point (drag to move)' });
    await expect.poll(() => marker.isVisible()).toBe(true);
    expect(await marker.getAttribute('src')).toMatch(/^(data:image\/png|\/harness\/)/);
    expect(await marker.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(25);

    // A click 100 px east of the middle (zoom 15: about 440 m) is nearest Suthaliya, 500 m east.
    const box = (await map.boundingBox()) as { x: number; y: number; width: number; height: number };
    const middle = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.click(middle.x + 100, middle.y);
    await expect.poll(() => status(page).textContent()).toMatch(/^Your place: Suthaliya, Biaora, Rajgarh/);
    let last = (await placed(page)).at(-1);
    expect(last?.placeChain.at(-1)?.id).toBe(suthaliya.id);
    expect(last?.source).toBe('map');
    expect(last?.longitude).toBeGreaterThan(near.longitude + 0.003);

    // With the keyboard: Enter on the map chooses its middle, back at Kachnariya.
    await map.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => status(page).textContent()).toMatch(/^Your place: Kachnariya/);

    // Dragging the marker east again.
    const at = (await marker.boundingBox()) as { x: number; y: number; width: number; height: number };
    await page.mouse.move(at.x + at.width / 2, at.y + at.height - 4);
    await page.mouse.down();
    await page.mouse.move(at.x + at.width / 2 + 50, at.y + at.height - 4, { steps: 5 });
    await page.mouse.move(at.x + at.width / 2 + 110, at.y + at.height - 4, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => status(page).textContent()).toMatch(/^Your place: Suthaliya/);
    last = (await placed(page)).at(-1);
    expect(last).toMatchObject({ source: 'map' });

    // The button under the map does what Enter does.
    await page.getByRole('button', { name: 'Choose the middle of the map' }).click();
    await expect.poll(() => status(page).textContent()).toMatch(/^Your place: Kachnariya/);

    // Tiles were asked of the configured server (the policy let them through), answered here.
    expect(tiles.length).toBeGreaterThan(0);
    expect(tiles[0]).toMatch(/^https:\/\/tile\.openstreetmap\.org\/15\/\d+\/\d+\.png$/);
    expect(policyErrors).toEqual([]);

    // Closing the map gives the focus back to its button.
    await page.getByRole('button', { name: 'Close the map' }).click();
    expect(await page.locator('.leaflet-container').count()).toBe(0);
    await expect.poll(() => open.evaluate((e) => e === document.activeElement)).toBe(true);
    await context.close();
  }, 60_000);

  it('says clearly when the point is outside the area or the location is refused, in Hindi too', async () => {
    const jaipur = { latitude: 26.9124, longitude: 75.7873 };
    const away = await phone(jaipur);
    await away.page.getByRole('button', { name: 'Use my location' }).click();
    await expect
      .poll(() => status(away.page).textContent())
      .toMatch(/^That point is outside the area this helpline serves/);
    expect(await placed(away.page)).toEqual([]);
    // The phone moves into the area: the same button now finds the village.
    await away.context.setGeolocation({ ...SUTHALIYA, accuracy: 20 });
    await away.page.getByRole('button', { name: 'Use my location' }).click();
    await expect.poll(() => status(away.page).textContent()).toMatch(/^Your place: Suthaliya/);
    await away.context.close();

    const refused = await phone(KACHNARIYA, { allow: false });
    await refused.page.getByRole('button', { name: 'Use my location' }).click();
    await expect
      .poll(() => status(refused.page).textContent())
      .toMatch(/^You did not allow this page to use your location/);
    await refused.context.close();

    const hindi = await phone(KACHNARIYA, { locale: 'hi-IN' });
    await hindi.page.getByRole('button', { name: 'मेरी लोकेशन इस्तेमाल करें' }).click();
    await expect.poll(() => status(hindi.page).textContent()).toMatch(/^आपकी जगह: Kachnariya/);
    await hindi.page.getByRole('button', { name: 'नक्शे पर चुनें' }).click();
    await expect
      .poll(() => hindi.page.getByRole('application', { name: 'नक्शा: जहाँ समस्या है वहाँ टैप करें' }).count())
      .toBe(1);
    await expect.poll(() => hindi.page.locator('.leaflet-marker-icon').count()).toBe(1);
    expect(await status(hindi.page).textContent()).toMatch(/^आपकी जगह: Kachnariya/);
    await hindi.context.close();
  }, 60_000);

  it('passes an accessibility scan with the map open and a place found', async () => {
    // bypassCSP only so the test can inject axe; the checks above ran under the app's policy.
    const context = await browser.newContext({
      locale: 'en-IN',
      geolocation: { ...KACHNARIYA, accuracy: 20 },
      permissions: ['geolocation'],
      bypassCSP: true,
    });
    await context.route('https://tile.openstreetmap.org/**', (route) =>
      route.fulfill({ status: 200, contentType: 'image/png', body: TILE }),
    );
    const page = await context.newPage();
    await page.goto(`${base}/harness/`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Use my location' }).click();
    await expect.poll(() => status(page).textContent()).toMatch(/^Your place: Kachnariya/);
    await page.getByRole('button', { name: 'Choose on the map' }).click();
    await expect.poll(() => page.locator('.leaflet-marker-icon').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  }, 60_000);
});
