// The portal on a phone and in Swahili: the header folds its navigation behind a menu button, the
// supervisor's wide tables are scroll regions a keyboard reaches, and a Swahili reader sees categories,
// departments and places in Swahili, offered only as they apply to the place chosen first.
import { describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../../test/browser.ts';
import { buildGrievance } from '../../test/factories.ts';
import { signInStaff, webAppWithBrowser } from '../../test/web.ts';

const PHONE = { width: 390, height: 844 };

describe('the portal on a phone and in Swahili', () => {
  const app = webAppWithBrowser({ demoOtp: true });

  it('folds the navigation behind a menu button, so the header stays small', async () => {
    const { web, browser } = app;
    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true, viewport: PHONE });
    await page.goto(web.base);
    const header = await page.locator('header').boundingBox();
    expect(header?.height).toBeLessThan(90); // was 317 of 844 before the menu
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('link', { name: 'Track my grievances' }).isVisible()).toBe(false);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // From the keyboard: the menu opens, its links are reachable, and following one folds it again.
    await menu.focus();
    await page.keyboard.press('Enter');
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    const track = page.getByRole('link', { name: 'Track my grievances' });
    expect(await track.isVisible()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await track.click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Track my grievances');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');

    // On a wide screen the navigation is always there and the button is not.
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await menu.isVisible()).toBe(false);
    expect(await track.isVisible()).toBe(true);
    await page.close();
  }, 90_000);

  it('makes the supervisor’s wide tables scroll regions the keyboard reaches', async () => {
    const { web, browser, d } = app;
    await buildGrievance(web.deps, d);
    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true, viewport: PHONE });
    await signInStaff(page, web, '/supervise', {
      name: 'Night supervisor',
      grants: [{ role: 'supervisor' }],
    });
    const region = page.getByRole('region', { name: 'Open grievances by department' });
    await expect.poll(() => region.count(), { timeout: 10_000 }).toBe(1);
    expect(await region.getAttribute('tabindex')).toBe('0');
    await region.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  }, 90_000);

  it('shows a Swahili reader categories, departments and places in Swahili, after the place', async () => {
    const { web, browser, d } = app;
    const db = web.database.db;
    const name = (en: string, sw: string) => JSON.stringify({ en, sw });
    await db
      .updateTable('places')
      .set({ name: name('North Division', 'Kanda ya Kaskazini') })
      .where('id', '=', d.division.id)
      .execute();
    await db
      .updateTable('places')
      .set({ name: name('Ward 4 Rajgarh', 'Kata 4 Rajgarh') })
      .where('id', '=', d.district.id)
      .execute();
    await db
      .updateTable('departments')
      .set({ name: name('Public Health Engineering', 'Uhandisi wa Afya ya Umma') })
      .where('id', '=', d.department.id)
      .execute();
    await db
      .updateTable('categories')
      .set({
        name: name('Hand pump not working', 'Pampu ya mkono haifanyi kazi'),
        keywords: JSON.stringify({ sw: ['kisima'] }),
      })
      .where('id', '=', d.category.id)
      .execute();

    const page = await browser.newPage({ locale: 'sw-TZ', bypassCSP: true, viewport: PHONE });
    await page.goto(web.base);
    await page.getByLabel(/Lugha|Language/).selectOption('sw');
    await page.getByRole('button', { name: 'Endelea bila namba ya simu' }).click();
    // Nothing to choose from before the place.
    expect(await page.getByRole('combobox', { name: 'Yanahusu nini?' }).isDisabled()).toBe(true);
    const places = page.locator('fieldset select');
    await expect
      .poll(() => places.first().locator('option').allTextContents())
      .toContain('Kanda ya Kaskazini');
    await places.first().selectOption(String(d.division.id));
    await expect.poll(() => places.nth(1).locator('option').allTextContents()).toContain('Kata 4 Rajgarh');
    await places.nth(1).selectOption(String(d.district.id));

    const category = page.getByRole('combobox', { name: 'Yanahusu nini?' });
    await expect.poll(() => category.isDisabled()).toBe(false);
    // Grouped under the department's Swahili name; the other department has no rule here.
    await expect
      .poll(() =>
        category.locator('optgroup').evaluateAll((groups) => groups.map((g) => g.getAttribute('label'))),
      )
      .toEqual(['Uhandisi wa Afya ya Umma']);
    expect(await category.locator('option').allTextContents()).toContain('Pampu ya mkono haifanyi kazi');
    // Found by a Swahili synonym.
    await page.getByLabel('Tafuta tatizo lako').fill('kisima');
    await expect
      .poll(() => category.locator('option').allTextContents())
      .toEqual(['Chagua…', 'Pampu ya mkono haifanyi kazi']);
    await category.selectOption({ label: 'Pampu ya mkono haifanyi kazi' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  }, 90_000);

  it('downloads only the reader’s language, and another only on switching to it', async () => {
    const { web, browser } = app;
    const page = await browser.newPage({ locale: 'hi-IN', bypassCSP: true, viewport: PHONE });
    const catalogues: string[] = [];
    page.on('request', (r) => {
      const name = new URL(r.url()).pathname.match(/\/assets\/(en|hi|sw)-[^/]+\.js$/)?.[1];
      if (name) catalogues.push(name);
    });
    await page.goto(web.base);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('शिकायत दर्ज करें');
    expect(catalogues).toEqual(['hi']);
    await page.getByLabel(/भाषा|Language/).selectOption('sw');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Wasilisha malalamiko');
    expect(catalogues).toEqual(['hi', 'sw']);
    await page.close();
  }, 90_000);
});
