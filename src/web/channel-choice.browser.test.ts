// A signed-in citizen chooses where messages about their grievances go: automatic, SMS or WhatsApp
// (offered because the helpline sends on WhatsApp here); the choice is saved at once and kept, and
// the list passes an accessibility scan.
import { describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../../test/browser.ts';
import { buildGrievance } from '../../test/factories.ts';
import { verifyPhone, webAppWithBrowser } from '../../test/web.ts';

describe("a citizen's channel in the browser", () => {
  const app = webAppWithBrowser({
    demoOtp: true,
    channelEnv: {
      WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
      WHATSAPP_TOKEN: 'token',
      WHATSAPP_APP_SECRET: 'app-secret',
      WHATSAPP_VERIFY_TOKEN: 'verify',
      WHATSAPP_API_URL: 'http://127.0.0.1:9',
    },
  });

  it('chooses WhatsApp for messages, and goes back to automatic', async () => {
    const { web, browser, d } = app;
    const phone = '+919812300091';
    await buildGrievance(web.deps, d, { channel: 'web', citizen: { phone, name: 'Kamla' } });
    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await page.goto(`${web.base}/track`);
    await verifyPhone(page, phone);
    const group = page.getByRole('group', { name: 'Messages about your grievances' });
    await group.waitFor();
    expect(
      await group.getByLabel('Automatic: where you wrote to us (WhatsApp, email or SMS)').isChecked(),
    ).toBe(true);
    await group.getByLabel('On WhatsApp').check();
    await expect.poll(() => page.getByText('Your choice is saved.').count()).toBe(1);
    const stored = () =>
      web.database.db
        .selectFrom('citizens')
        .select('preferred_channel')
        .where('phone', '=', phone)
        .executeTakeFirstOrThrow()
        .then((c) => c.preferred_channel);
    expect(await stored()).toBe('whatsapp');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.reload();
    await expect.poll(() => page.getByLabel('On WhatsApp').isChecked()).toBe(true);
    await page.getByLabel('Automatic: where you wrote to us (WhatsApp, email or SMS)').check();
    await expect.poll(() => stored()).toBeNull();
    await page.close();
  }, 90_000);
});
