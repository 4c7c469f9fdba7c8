// An administrator sets up an SMS gateway in a real browser: secrets are typed into password fields
// and never shown again (only "secret set here"), the channel starts sending through the new gateway
// with no restart, settings it could not run with are refused with the reason, and the screen passes
// an accessibility scan.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, seriousA11yViolations } from '../../test/browser.ts';
import { signInStaff, startWebApp } from '../../test/web.ts';

describe('channel settings in the browser', () => {
  let web: Awaited<ReturnType<typeof startWebApp>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    web = await startWebApp({ channelEnv: { SMS_SENDER: 'ENVSND' } });
    browser = await launchBrowser();
    page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await signInStaff(page, web, '/admin', { name: 'Admin', grants: [{ role: 'admin' }] });
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('sets up an SMS gateway with write-only secrets, and refuses settings the channel cannot run with', async () => {
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: 'Channels' })
      .click();
    await page.getByRole('heading', { level: 2, name: 'Channels' }).waitFor();
    await expect.poll(() => page.getByText('Not sending: messages for this channel wait').count()).toBe(1);
    await expect.poll(() => page.getByText('SMS_SENDER · from the environment').count()).toBe(1);
    expect(await page.getByLabel('Sender header').inputValue()).toBe('ENVSND');

    await page.getByLabel('SMS provider').selectOption('africastalking');
    await page.getByLabel('Gateway address (HTTP)').fill('http://127.0.0.1:9/version1/messaging');
    await page.getByLabel('Gateway user name').fill('civicline');
    await page.getByLabel('Gateway API key').fill('atsk_secret_key_123');
    await page.getByRole('button', { name: 'Save' }).click();
    // No delivery report token: the server says why the channel could not run.
    await expect.poll(() => page.getByText(/SMS_RECEIPT_TOKEN is required/).count()).toBe(1);
    expect(await web.database.db.selectFrom('channel_settings').select('name').execute()).toEqual([]);

    await page.getByLabel('Delivery report token').fill('report-token-456');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByText('Channel settings saved').count()).toBe(1);
    await expect.poll(() => page.getByText('Sending now, through africastalking.').count()).toBe(1);
    await expect.poll(() => page.getByText('SMS_HTTP_API_KEY · secret set here').count()).toBe(1);
    // The secret is not on the screen, nor in the page's fields, nor stored as it is.
    expect(await page.getByLabel('Gateway API key', { exact: true }).inputValue()).toBe('');
    expect(await page.content()).not.toContain('atsk_secret_key_123');
    const stored = await web.database.db.selectFrom('channel_settings').select(['name', 'value']).execute();
    expect(stored.map((s) => s.name).sort()).toEqual([
      'SMS_HTTP_API_KEY',
      'SMS_HTTP_URL',
      'SMS_HTTP_USERNAME',
      'SMS_PROVIDER',
      'SMS_RECEIPT_TOKEN',
    ]);
    expect(JSON.stringify(stored)).not.toContain('atsk_secret_key_123');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Back to the environment's provider (none): the channel stops.
    await page.getByLabel("Use the environment's value for “SMS provider”").check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByText('Not sending: messages for this channel wait').count()).toBe(1);
  }, 90_000);
});
