// The command-and-control wall in Chromium at 1920x1080: it fills the screen without scrolling, shows
// the viewer's figures, and changes on its own when a grievance is registered (the live feed).
import { describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../../test/browser.ts';
import { buildGrievance } from '../../test/factories.ts';
import { shot, signInStaff, webAppWithBrowser } from '../../test/web.ts';

describe('the command-and-control wall', () => {
  const app = webAppWithBrowser();

  it('fills a wall screen without scrolling and follows the live feed', async () => {
    const { web, browser, d } = app;
    const now = web.clock.now().getTime();
    // Twelve days ago, two that are overdue by now; today, three (two by phone).
    web.clock.set(new Date(now - 12 * 86_400_000));
    const old = await buildGrievance(web.deps, d, { citizen: { phone: '+919812300001' } });
    await buildGrievance(web.deps, d, { citizen: { phone: '+919812300002' } });
    web.clock.set(new Date(now));
    for (const [i, channel] of (['web', 'phone', 'phone'] as const).entries())
      await buildGrievance(web.deps, d, { channel, citizen: { phone: `+91981230001${i}` } });

    const page = await browser.newPage({
      viewport: { width: 1920, height: 1080 },
      locale: 'en-IN',
      bypassCSP: true,
    });
    await signInStaff(page, web, '/command', { name: 'Command centre', grants: [{ role: 'supervisor' }] });
    await page.getByRole('heading', { name: 'Command and control' }).waitFor();
    const registered = page.getByTestId('wall-registered');
    await expect.poll(() => registered.textContent()).toBe('3');
    const today = page.getByRole('region', { name: 'Today' });
    expect(await today.getByRole('listitem').allTextContents()).toEqual(['Phone 2', 'Web 1']);
    const overdue = page.getByRole('region', { name: 'Overdue by department' });
    expect(await overdue.getByRole('row', { name: /Public Health Engineering/ }).textContent()).toContain(
      '2',
    );
    const oldest = page.getByRole('region', { name: 'Oldest open cases' });
    expect(await oldest.getByRole('rowheader').first().textContent()).toBe(old.reference);
    expect(await oldest.getByRole('row').nth(1).textContent()).toContain('12 days');

    // Readable across a room: nothing scrolls, and the headline number is large.
    const fits = await page.evaluate(() => ({
      scroll: document.documentElement.scrollHeight <= window.innerHeight,
      width: document.documentElement.scrollWidth <= window.innerWidth,
      size: Number.parseFloat(getComputedStyle(document.querySelector('.big') as Element).fontSize),
    }));
    expect(fits.scroll).toBe(true);
    expect(fits.width).toBe(true);
    expect(fits.size).toBeGreaterThanOrEqual(100);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // A registration anywhere reaches the wall through the live feed, without a reload.
    await buildGrievance(web.deps, d, { channel: 'whatsapp', citizen: { phone: '+919812300099' } });
    await expect.poll(() => registered.textContent(), { timeout: 15_000 }).toBe('4');
    expect(await today.getByRole('listitem').allTextContents()).toContain('WhatsApp 1');
    await shot(page, 'insight-wall');
    await page.close();
  }, 120_000);

  it("shows a district monitor their district's wall", async () => {
    const { web, browser, d } = app;
    const page = await browser.newPage({
      viewport: { width: 1920, height: 1080 },
      locale: 'en-IN',
      bypassCSP: true,
    });
    await signInStaff(page, web, '/command', {
      name: 'Sehore monitor',
      grants: [{ role: 'monitor', placeId: d.otherDistrict.id }],
    });
    await page.getByRole('heading', { name: 'Command and control' }).waitFor();
    await expect.poll(() => page.getByTestId('wall-registered').textContent()).toBe('0');
    await page.getByText('Nothing is overdue.').waitFor();
    expect(await page.getByRole('region', { name: 'Oldest open cases' }).getByRole('rowheader').count()).toBe(
      0,
    );
    await page.close();
  }, 60_000);
});
