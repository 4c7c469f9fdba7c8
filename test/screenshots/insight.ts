// `npm run screenshots:insight`: the README's pictures of the command-and-control wall, the map and the
// public page, on the demo deployment (src/seed) with a burst of complaints in one district to show a
// hotspot, taken by Debian's Chromium through playwright-core. Writes docs/screenshots/insight-*.png.
//
//   SHOT_GRIEVANCES   demo grievances to seed first (default 600)
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { totpCode } from '../../src/access/secrets.ts';
import { createStaffUser, type GrantInput } from '../../src/access/users.ts';
import { buildApp } from '../../src/app.ts';
import { manualClock } from '../../src/clock.ts';
import { migrate, openPglite } from '../../src/db/index.ts';
import { foldOpenCounts, registerGrievance } from '../../src/grievances/index.ts';
import { foldInsight } from '../../src/insight/index.ts';
import { seedDemo } from '../../src/seed/seed.ts';
import { launchBrowser, stopBrowser } from '../browser.ts';

const GRIEVANCES = Number(process.env.SHOT_GRIEVANCES ?? 600);
const log = (line: string) => console.error(line);

// The web app on PGlite (as test/web.ts starts it, which is for vitest only), on real time so the
// demo's four months end today.
const database = await openPglite();
await migrate(database);
const clock = manualClock(new Date());
const app = await buildApp(
  { db: database.db, clock },
  { rateLimit: false, cookieSecure: false, listen: database.listen },
);
await app.listen({ host: '127.0.0.1', port: 0 });
const web = {
  database,
  clock,
  deps: { db: database.db, clock },
  base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
};

/** Signs a new staff account in as a person does (password, then the authenticator if asked). */
async function signInStaff(page: Page, path: string, account: { name: string; grants: GrantInput[] }) {
  const email = `${account.name.toLowerCase().replace(/\W+/g, '.')}@example.gov.in`;
  const password = 'correct horse battery staple';
  await createStaffUser(database.db, clock, { email, password, ...account });
  await page.goto(`${web.base}${path}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const enrol = page.getByTestId('totp-secret');
  await Promise.race([
    enrol.waitFor(),
    page.getByRole('button', { name: 'Sign in' }).waitFor({ state: 'detached' }),
  ]);
  if (await enrol.isVisible()) {
    const secret = (await enrol.textContent()) as string;
    await page.getByLabel('Code from your authenticator app').fill(totpCode(secret, clock.now()));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('button', { name: 'Confirm' }).waitFor({ state: 'detached' });
  }
}
const browser = await launchBrowser();
try {
  log(`seeding ${GRIEVANCES} demo grievances...`);
  await seedDemo(web.deps, {
    grievances: GRIEVANCES,
    progress: (n, t) => n % 200 === 0 && log(`  ${n}/${t}`),
  });
  const db = web.database.db;
  // A burst today and yesterday: one category in one village, far above its usual rate.
  const village = await db
    .selectFrom('places')
    .select(['id', 'path'])
    .where(
      'depth',
      '=',
      (await db.selectFrom('places').select(sql<number>`max(depth)`.as('d')).executeTakeFirstOrThrow())
        .d as number,
    )
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const category = await db.selectFrom('categories').select('id').orderBy('id').executeTakeFirstOrThrow();
  for (let i = 0; i < 14; i++)
    await registerGrievance(
      web.deps,
      {
        categoryId: category.id,
        placeId: village.id,
        subject: 'No water supply for three days',
        description: 'The tap line in our ward has been dry since Monday.',
        language: 'en',
        channel: i % 3 === 0 ? 'phone' : 'web',
        citizen: { phone: `+9197000${String(10000 + i)}` },
      },
      { kind: 'citizen', id: null },
    );
  await foldInsight(db);
  await foldOpenCounts(db);
  mkdirSync('docs/screenshots', { recursive: true });

  const wall = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'en-IN' });
  await signInStaff(wall, '/command', {
    name: 'State command centre',
    grants: [{ role: 'supervisor' }],
  });
  await wall.getByTestId('wall-registered').waitFor();
  await wall.waitForTimeout(500);
  await wall.screenshot({ path: 'docs/screenshots/insight-wall.png' });
  log('docs/screenshots/insight-wall.png');

  const dash = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-IN' });
  await signInStaff(dash, '/supervise', { name: 'State monitor', grants: [{ role: 'supervisor' }] });
  await dash.getByRole('button', { name: 'Dashboards' }).click();
  const map = dash.getByRole('figure', { name: 'Grievances by district on the map' });
  await map.scrollIntoViewIfNeeded();
  await dash.waitForTimeout(1500);
  await map.screenshot({ path: 'docs/screenshots/insight-map.png' });
  log('docs/screenshots/insight-map.png');

  const pub = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-IN' });
  await pub.goto(`${web.base}/figures`);
  await pub.getByRole('table').first().waitFor();
  await pub.waitForTimeout(500);
  await pub.screenshot({ path: 'docs/screenshots/insight-public.png', fullPage: true });
  log('docs/screenshots/insight-public.png');
} finally {
  await browser.close();
  await stopBrowser();
  await app.close();
  await database.close();
}
