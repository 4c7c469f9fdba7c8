// A citizen reads what went wrong in their own language, never the server's English sentence; and a
// mobile number typed as people type it is taken.
import { describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../../test/browser.ts';
import { webAppWithBrowser } from '../../test/web.ts';

describe('errors in the citizen’s language', () => {
  const app = webAppWithBrowser({ demoOtp: true });

  it('takes "098123 00301" and says a wrong SMS code in Hindi', async () => {
    const { web, browser } = app;
    const page = await browser.newPage({ locale: 'hi-IN', bypassCSP: true });
    await page.goto(`${web.base}/track`);
    await page.getByLabel(/भाषा|Language/).selectOption('hi');
    await page.getByLabel('मोबाइल नंबर').fill('098123 00301');
    await page.getByRole('button', { name: 'SMS से कोड भेजें' }).click();
    const demo = page.locator('.demo');
    await demo.waitFor();
    const right = (await demo.textContent())?.match(/\d{6}/)?.[0] as string;
    const wrong = right === '000000' ? '111111' : '000000';
    await page.getByLabel('SMS में आया कोड').fill(wrong);
    await page.getByRole('button', { name: 'सत्यापित करें' }).click();
    const alert = page.getByRole('alert');
    await expect
      .poll(() => alert.textContent(), { timeout: 10_000 })
      .toBe('वह कोड सही नहीं है। SMS देखकर फिर कोशिश करें।');
    expect(await page.getByText(/code is not right|check the SMS/i).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel('SMS में आया कोड').fill(right);
    await page.getByRole('button', { name: 'सत्यापित करें' }).click();
    // Signed in as the number in E.164, whatever way it was typed.
    const me = () => page.evaluate(() => fetch('/api/auth/me').then((r) => r.json()));
    await expect.poll(async () => (await me()).phone, { timeout: 10_000 }).toBe('+919812300301');
    await page.close();
  }, 90_000);

  it('says a number that cannot be a mobile number in Swahili, naming the field', async () => {
    const { web, browser } = app;
    const page = await browser.newPage({ locale: 'sw-TZ', bypassCSP: true });
    await page.goto(`${web.base}/track`);
    await page.getByLabel(/Lugha|Language/).selectOption('sw');
    await page.getByLabel('Namba ya simu').fill('98765');
    await page.getByRole('button', { name: 'Tuma msimbo kwa SMS' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 })
      .toBe('Namba ya simu: Hii si namba ya simu inayokubalika. Hakiki tarakimu, kwa mfano 98123 45678.');
    await page.close();
  }, 90_000);
});
