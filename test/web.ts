// The web app on a real HTTP server for browser tests: PGlite, a clock the test moves, the live feed,
// and staff sign-in as a person does it (password, then the authenticator where the role needs one).
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { totpCode } from '../src/access/secrets.ts';
import { createStaffUser, type GrantInput } from '../src/access/users.ts';
import { buildApp } from '../src/app.ts';
import { startChannels } from '../src/channels/registry.ts';
import { effectiveSettings } from '../src/channels/settings/store.ts';
import { type Clock, manualClock } from '../src/clock.ts';
import type { Database } from '../src/db/index.ts';
import { launchBrowser } from './browser.ts';
import { databases, type TestDatabase } from './databases.ts';
import { buildDeployment, type Deployment } from './factories.ts';

export async function startWebApp(
  options: {
    start?: string;
    demoOtp?: boolean;
    /** Channel adapters built from these settings (with the admin area's over them), as main.ts does. */
    channelEnv?: NodeJS.ProcessEnv;
    /** The database to run on (one of `databases`); PGlite by default. */
    on?: TestDatabase;
  } = {},
) {
  const database: Database = await (options.on ?? (databases[0] as TestDatabase)).open();
  const clock = manualClock(options.start ?? '2026-03-02T04:30:00Z');
  const base = options.channelEnv;
  const channels = base
    ? await startChannels({ db: database.db, clock }, base, {
        settings: () => effectiveSettings(database.db, base),
      })
    : undefined;
  const app = await buildApp(
    { db: database.db, clock, ...(channels ? { channels } : {}) },
    { rateLimit: false, cookieSecure: false, demoOtp: options.demoOtp ?? false, listen: database.listen },
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    database,
    clock,
    deps: { db: database.db, clock },
    base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

let accounts = 0;

/** Makes a staff account and signs it in on `page` at `path`, enrolling an authenticator if asked. */
export async function signInStaff(
  page: Page,
  web: { database: Database; clock: Clock; base: string },
  path: string,
  account: { name: string; grants: GrantInput[]; officerId?: number },
) {
  const email = `${account.name.toLowerCase().replace(/\W+/g, '.')}.${++accounts}@example.gov.in`;
  const password = 'correct horse battery staple';
  await createStaffUser(web.database.db, web.clock, { email, password, ...account });
  await page.goto(`${web.base}${path}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const enrol = page.getByTestId('totp-secret');
  const signedIn = page.getByRole('button', { name: 'Sign in' });
  await Promise.race([enrol.waitFor(), signedIn.waitFor({ state: 'detached' })]);
  if (await enrol.isVisible()) {
    const secret = (await enrol.textContent()) as string;
    await page.getByLabel('Code from your authenticator app').fill(totpCode(secret, web.clock.now()));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('button', { name: 'Confirm' }).waitFor({ state: 'detached' });
  }
  return { email, password };
}

/** SCREENSHOTS=1 saves the screens tests pass through to docs/screenshots, for the README. */
export async function shot(page: Page, name: string) {
  if (process.env.SCREENSHOTS !== '1') return;
  mkdirSync('docs/screenshots', { recursive: true });
  await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true });
}

/** A citizen verifies their number with the code the demo shows on screen (there is no SMS gateway). */
export async function verifyPhone(
  page: Page,
  phone: string,
  labels = { phone: 'Mobile number', send: 'Send code by SMS', code: 'Code from the SMS', verify: 'Verify' },
) {
  await page.getByLabel(labels.phone).fill(phone);
  await page.getByRole('button', { name: labels.send }).click();
  const code = (await page.locator('.demo').textContent())?.match(/\d{6}/)?.[0] as string;
  await page.getByLabel(labels.code).fill(code);
  await page.getByRole('button', { name: labels.verify }).click();
}

/**
 * The usual set-up of a browser test file: the web app, a deployment on it and a browser, made before
 * the file's tests and closed after them. Read the fields inside the tests (they are set by then).
 */
export function webAppWithBrowser(options: Parameters<typeof startWebApp>[0] = {}) {
  const context = {} as {
    web: Awaited<ReturnType<typeof startWebApp>>;
    d: Deployment;
    browser: Browser;
  };
  beforeAll(async () => {
    context.web = await startWebApp(options);
    context.d = await buildDeployment(context.web.deps);
    context.browser = await launchBrowser();
  }, 180_000); // generous: a loaded 2-core machine can take a minute to start PGlite and Chromium
  afterAll(async () => {
    await context.browser?.close();
    await context.web?.close();
  });
  return context;
}
