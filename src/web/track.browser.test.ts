// A citizen tracks a grievance by its reference and the code sent to their mobile, and sees the
// department's work appear on the page as it happens.
import { describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../../test/browser.ts';
import { buildGrievance } from '../../test/factories.ts';
import { verifyPhone, webAppWithBrowser } from '../../test/web.ts';
import { transition } from '../grievances/index.ts';

describe('tracking by reference in the browser', () => {
  const app = webAppWithBrowser({ demoOtp: true });

  it('opens the grievance the reference names, and shows the resolution as it happens', async () => {
    const { web, browser, d } = app;
    // Raised by phone through an agent: the citizen has only the reference from the SMS.
    const phone = '+919812300077';
    const g = await buildGrievance(web.deps, d, { channel: 'phone', citizen: { phone, name: 'Bhagwati' } });
    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await page.goto(`${web.base}/track`);
    // Typed as people do: lower case, spaces instead of dashes.
    await page
      .getByLabel('Reference number (if you have it)')
      .fill(g.reference.toLowerCase().replaceAll('-', ' '));
    expect(await seriousA11yViolations(page)).toEqual([]);
    await verifyPhone(page, phone);

    const status = page.getByTestId('status');
    await expect.poll(() => status.textContent()).toBe('With the officer');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(g.reference);

    // The officer resolves it; the page follows without a reload.
    await transition(
      web.database.db,
      web.clock,
      g.reference,
      { type: 'resolve', note: 'New pipe fitted' },
      {
        kind: 'officer',
        id: null,
      },
    );
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe('Resolved: please confirm');
    await expect.poll(() => page.getByText('New pipe fitted').count()).toBeGreaterThan(0);
    await page.close();
  }, 90_000);

  it('says plainly when the reference is not one of this number’s', async () => {
    const { web, browser, d } = app;
    const someoneElse = await buildGrievance(web.deps, d, { citizen: { phone: '+919812300078' } });
    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await page.goto(`${web.base}/track`);
    await page.getByLabel('Reference number (if you have it)').fill(someoneElse.reference);
    await verifyPhone(page, '+919812300079');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe(
        `We found no grievance ${someoneElse.reference} raised from this mobile number. Check the reference, or call 181.`,
      );
    expect(await page.getByText(someoneElse.reference).count()).toBe(1); // only in the message
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  }, 90_000);
});
