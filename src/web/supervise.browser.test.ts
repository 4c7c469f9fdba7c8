// The supervisor's overview in a real browser: counts per department and district, kept current by
// the live feed while the page stays open.
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, seriousA11yViolations } from '../../test/browser.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { totpCode } from '../access/secrets.ts';
import { createStaffUser } from '../access/users.ts';
import { buildApp } from '../app.ts';
import { manualClock } from '../clock.ts';
import type { Database } from '../db/index.ts';

const shots = process.env.SCREENSHOTS === '1';

describe('supervisor overview in the browser', () => {
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
      { rateLimit: false, cookieSecure: false, listen: database.listen },
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

  it('shows open and overdue counts by department and district, updated live', async () => {
    const deps = { db: database.db, clock };
    await buildGrievance(deps, d);
    await buildGrievance(deps, d);
    clock.advance(4 * 86_400_000); // both past their three days
    await buildGrievance(deps, d, { placeId: d.otherDistrict.id }); // no rule there: unrouted

    await createStaffUser(database.db, clock, {
      email: 'cc@example.gov.in',
      name: 'Command centre',
      password: 'correct horse battery',
      grants: [{ role: 'supervisor' }],
    });
    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await page.goto(`${base}/supervise`);
    await page.getByLabel('Email').fill('cc@example.gov.in');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const secret = (await page.getByTestId('totp-secret').textContent()) as string;
    await page.getByLabel('Code from your authenticator app').fill(totpCode(secret, clock.now()));
    await page.getByRole('button', { name: 'Confirm' }).click();

    const byDepartment = page.getByRole('table', { name: 'Open grievances by department' });
    const water = byDepartment.getByRole('row', { name: /Public Health Engineering/ });
    // open, overdue, waiting, unrouted, command centre
    await expect.poll(() => water.getByRole('cell').allTextContents()).toEqual(['3', '2', '0', '1', '0']);
    const byDistrict = page.getByRole('table', { name: 'Open grievances by District' });
    await expect
      .poll(() =>
        byDistrict
          .getByRole('row', { name: /Rajgarh/ })
          .getByRole('cell')
          .allTextContents(),
      )
      .toEqual(['2', '2', '0', '0', '0']);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // A new grievance arrives while the page is open: the counts follow without a reload.
    await buildGrievance(deps, d, { placeId: d.otherDistrict.id });
    await expect
      .poll(() => water.getByRole('cell').allTextContents(), { timeout: 10_000 })
      .toEqual(['4', '2', '0', '2', '0']);
    if (shots) await page.screenshot({ path: 'docs/screenshots/supervisor-overview.png', fullPage: true });

    // Counting by division instead of district.
    await page.getByLabel('Count by').selectOption({ label: 'Division' });
    await expect
      .poll(() =>
        page
          .getByRole('table', { name: 'Open grievances by Division' })
          .getByRole('row', { name: /North Division/ })
          .getByRole('cell')
          .allTextContents(),
      )
      .toEqual(['4', '2', '0', '2', '0']);
    await page.close();
  }, 90_000);
});
