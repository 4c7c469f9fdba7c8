// A citizen lodges a grievance in Hindi in a real browser, tracks it, the officer resolves it, and the
// citizen reopens it; every page passes an accessibility scan.
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, seriousA11yViolations } from '../../test/browser.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, type Deployment } from '../../test/factories.ts';
import { totpCode } from '../access/secrets.ts';
import { createStaffUser } from '../access/users.ts';
import { buildApp } from '../app.ts';
import { manualClock } from '../clock.ts';
import type { Database } from '../db/index.ts';
import { getPosition } from '../directory/index.ts';
import { getGrievance, registerGrievance } from '../grievances/index.ts';

// SCREENSHOTS=1 also saves the screens it passes through to docs/screenshots for the README.
const shots = process.env.SCREENSHOTS === '1';
if (shots) mkdirSync('docs/screenshots', { recursive: true });
const shot = (page: import('playwright-core').Page, name: string) =>
  shots ? page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true }) : Promise.resolve();

describe('citizen portal in the browser', () => {
  let database: Database;
  let browser: Browser;
  let base: string;
  let d: Deployment;
  let close: () => Promise<void>;
  const clock = manualClock('2026-03-02T04:30:00Z');

  beforeAll(async () => {
    database = await (databases[0] as (typeof databases)[number]).open();
    const app = await buildApp(
      { db: database.db, clock },
      { rateLimit: false, cookieSecure: false, demoOtp: true, listen: database.listen },
    );
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    close = () => app.close();
    d = await buildDeployment({ db: database.db, clock });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await close?.();
    await database?.close();
  });

  it('lodges in Hindi, tracks, and reopens after the officer resolves it', async () => {
    // bypassCSP only so the test can inject axe; the app itself runs under its strict CSP.
    const page = await browser.newPage({ locale: 'hi-IN', bypassCSP: true });
    await page.goto(base);
    await page.getByLabel(/भाषा|Language/).selectOption('hi');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('hi');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel('मोबाइल नंबर').fill('+919812300001');
    await page.getByRole('button', { name: 'SMS से कोड भेजें' }).click();
    const demo = await page.locator('.demo').textContent();
    const code = demo?.match(/\d{6}/)?.[0] as string;
    await page.getByLabel('SMS में आया कोड').fill(code);
    await page.getByRole('button', { name: 'सत्यापित करें' }).click();
    await expect.poll(() => page.getByText('सत्यापित: +919812300001').isVisible()).toBe(true);

    await page.getByLabel('शिकायत किस बारे में है?').selectOption(String(d.category.id));
    await page.locator('fieldset select').first().selectOption(String(d.division.id));
    await page.locator('fieldset select').nth(1).selectOption(String(d.district.id));
    await page.locator('fieldset select').nth(2).selectOption(String(d.block.id));
    await page.locator('fieldset select').nth(3).selectOption(String(d.village.id));
    await page.getByLabel('एक पंक्ति में').fill('हैंडपंप खराब है');
    await page.getByLabel('समस्या बताइए').fill('स्कूल के पास का हैंडपंप एक सप्ताह से खराब है।');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'citizen-lodge-hindi');
    await page.getByRole('button', { name: 'शिकायत दर्ज करें' }).click();
    const reference = (await page.getByTestId('reference').textContent())?.trim() as string;
    expect(reference).toMatch(/^[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}$/);
    await expect.poll(() => page.getByText('3 दिन').count()).toBeGreaterThan(0);
    await shot(page, 'citizen-reference-hindi');

    await page.getByRole('link', { name: 'मेरी शिकायतें देखें' }).click();
    await page.getByRole('button', { name: `खोलें ${reference}` }).click();
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('अधिकारी के पास');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The officer signs in on their own browser, finds it in their queue, and resolves it.
    const officerId = (await getPosition(database.db, d.chain[0]?.id as number)).officerId as number;
    await createStaffUser(database.db, clock, {
      email: 'je.biaora@example.gov.in',
      name: 'JE Biaora',
      password: 'correct horse battery',
      grants: [],
      officerId,
    });
    const officer = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await officer.goto(`${base}/work`);
    await officer.getByLabel('Email').fill('je.biaora@example.gov.in');
    await officer.getByLabel('Password').fill('correct horse battery');
    await officer.getByRole('button', { name: 'Sign in' }).click();
    await officer.getByRole('button', { name: `Open ${reference}` }).click();
    expect(await seriousA11yViolations(officer)).toEqual([]);
    await officer.getByLabel('Action').selectOption('resolve');
    await officer.getByLabel('Note or reason').fill('नया सिलेंडर लगाया गया');
    await officer.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => officer.getByTestId('status').textContent()).toBe('Resolved: please confirm');
    await shot(officer, 'officer-case');
    await officer.close();

    await page.reload();
    await page.getByRole('button', { name: `खोलें ${reference}` }).click();
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('हल हुई: कृपया पुष्टि करें');
    await shot(page, 'citizen-resolved-feedback-hindi');
    await page.getByRole('button', { name: 'नहीं, फिर से खोलें' }).click();
    await page.getByLabel('अब भी क्या गलत है?').fill('हैंडपंप फिर से खराब हो गया');
    await page.getByRole('button', { name: 'नहीं, फिर से खोलें' }).click();
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('अधिकारी के पास');
    await expect.poll(() => page.getByText('फिर से खोली गई: हैंडपंप फिर से खराब हो गया').count()).toBe(1);
  }, 90_000);

  it('lets an admin add a category with its resolution time, which the next grievance uses', async () => {
    await createStaffUser(database.db, clock, {
      email: 'admin@example.gov.in',
      name: 'Admin',
      password: 'correct horse battery',
      grants: [{ role: 'admin' }],
    });
    const admin = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await admin.goto(`${base}/admin`);
    await admin.getByLabel('Email').fill('admin@example.gov.in');
    await admin.getByLabel('Password').fill('correct horse battery');
    await admin.getByRole('button', { name: 'Sign in' }).click();
    // Admins must set up an authenticator: read the key shown, compute the code as the app would.
    const secret = (await admin.getByTestId('totp-secret').textContent()) as string;
    await admin.getByLabel('Code from your authenticator app').fill(totpCode(secret, clock.now()));
    await admin.getByRole('button', { name: 'Confirm' }).click();
    await admin.getByLabel('Department').selectOption(String(d.department.id));
    await admin.getByLabel('Code', { exact: true }).fill('PHE-NO-SUPPLY');
    await admin.getByLabel('Name in English').fill('No drinking water supply');
    await admin.getByLabel('Name in हिन्दी').fill('पेयजल आपूर्ति बंद');
    await admin.getByLabel('Resolution time').fill('48');
    await admin.getByLabel('Unit').selectOption('working_hours');
    expect(await seriousA11yViolations(admin)).toEqual([]);
    await shot(admin, 'admin-categories');
    await admin.getByRole('button', { name: 'Add category' }).click();
    await expect.poll(() => admin.getByText('Category PHE-NO-SUPPLY added.').count()).toBe(1);
    const duplicate = admin.getByRole('button', { name: 'Add category' });
    await admin.getByLabel('Code', { exact: true }).fill('PHE-NO-SUPPLY');
    await admin.getByLabel('Name in English').fill('Again');
    await duplicate.click();
    await expect.poll(() => admin.getByRole('alert').textContent()).toContain('already exists');
    await admin.close();

    const citizen = await browser.newPage({ locale: 'en-IN' });
    await citizen.goto(base);
    await citizen.getByRole('button', { name: 'Continue without a mobile number' }).click();
    await citizen.getByLabel('What is it about?').selectOption({ label: 'No drinking water supply' });
    for (const [i, place] of [d.division, d.district, d.block, d.village].entries()) {
      await citizen.locator('fieldset select').nth(i).selectOption(String(place.id));
    }
    await citizen.getByLabel('In one line').fill('No water since Monday');
    await citizen.getByLabel('Describe the problem').fill('The tap in ward 4 has been dry since Monday.');
    await citizen.getByRole('button', { name: 'Submit grievance' }).click();
    await expect
      .poll(() => citizen.getByText('The department has 48 working hours to resolve it.').count())
      .toBe(1);
    await citizen.close();
  }, 90_000);

  it('lets a supervisor assign an unrouted grievance by hand', async () => {
    const { reference } = await registerGrievance(
      { db: database.db, clock },
      {
        categoryId: d.category.id,
        placeId: d.otherDistrict.id,
        subject: 'Road washed away',
        description: 'The culvert collapsed.',
        language: 'en',
        channel: 'phone',
      },
      { kind: 'agent', id: null },
    );
    await createStaffUser(database.db, clock, {
      email: 'sup@example.gov.in',
      name: 'Supervisor',
      password: 'correct horse battery',
      grants: [{ role: 'supervisor' }],
    });
    const sup = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await sup.goto(`${base}/supervise`);
    await sup.getByLabel('Email').fill('sup@example.gov.in');
    await sup.getByLabel('Password').fill('correct horse battery');
    await sup.getByRole('button', { name: 'Sign in' }).click();
    const secret = (await sup.getByTestId('totp-secret').textContent()) as string;
    await sup.getByLabel('Code from your authenticator app').fill(totpCode(secret, clock.now()));
    await sup.getByRole('button', { name: 'Confirm' }).click();
    await sup.getByRole('button', { name: 'Unrouted' }).click();
    const card = sup.locator('li', { hasText: reference });
    await card.getByLabel('Assign to position').selectOption(String(d.chain[0]?.id));
    await card.getByLabel('Reason').fill('Culvert is in the neighbouring block');
    expect(await seriousA11yViolations(sup)).toEqual([]);
    await shot(sup, 'supervisor-unrouted');
    await card.getByRole('button', { name: 'Assign' }).click();
    await expect.poll(() => sup.locator('li', { hasText: reference }).count()).toBe(0);
    const g = await getGrievance(database.db, reference);
    expect(g).toMatchObject({ status: 'assigned', position: { id: d.chain[0]?.id } });
    await sup.close();
  }, 90_000);
});
