// An administrator edits a message template in a real browser: the Hindi acknowledgement shows as
// UCS-2 in several SMS parts, a shorter text in the preview counts as one part, the DLT registration
// is saved with it, and the screen passes an accessibility scan.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, seriousA11yViolations } from '../../test/browser.ts';
import { signInStaff, startWebApp } from '../../test/web.ts';

describe('message templates in the browser', () => {
  let web: Awaited<ReturnType<typeof startWebApp>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    web = await startWebApp();
    browser = await launchBrowser();
    page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await signInStaff(page, web, '/admin', { name: 'Admin', grants: [{ role: 'admin' }] });
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('previews a Hindi SMS with its part count, saves new words with the DLT ids, and goes back', async () => {
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: 'Messages' })
      .click();
    await page.getByRole('heading', { level: 2, name: 'Messages' }).waitFor();
    await page.getByLabel('Language of the message').selectOption('hi');
    await expect.poll(() => page.getByText(/UCS-2, [2-9] SMS parts/).count()).toBe(1);
    await expect.poll(() => page.getByText('K7M-4QX-9PR', { exact: false }).count()).toBeGreaterThan(0);

    await page.getByLabel('Text').fill('शिकायत {{reference}} दर्ज।');
    await expect.poll(() => page.getByText(/UCS-2, 1 SMS part$/).count()).toBe(1);
    await page.getByLabel('Content template id').fill('1107161234567890123');
    await page.getByLabel('Sender header').fill('MPCMHL');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByText('Template saved.').count()).toBe(1);
    const row = await web.database.db
      .selectFrom('message_templates')
      .selectAll()
      .where('event', '=', 'grievance_registered')
      .where('channel', '=', 'sms')
      .where('language', '=', 'hi')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      body: 'शिकायत {{reference}} दर्ज।',
      dlt_template_id: '1107161234567890123',
      sender: 'MPCMHL',
    });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Back to the catalogue' }).click();
    await expect.poll(() => page.getByText("The catalogue's words are used again.").count()).toBe(1);
  }, 60_000);
});
