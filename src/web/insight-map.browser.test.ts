// The map of grievances on the dashboard and the public transparency page, in Chromium: the map draws
// (Leaflet, loaded on demand) and drills down to the list; the public page needs no sign-in, withholds
// small counts and speaks each language.
import { describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../../test/browser.ts';
import { buildGrievance } from '../../test/factories.ts';
import { shot, signInStaff, webAppWithBrowser } from '../../test/web.ts';
import { createPlace } from '../places/index.ts';

describe('the map and the public page in the browser', () => {
  const app = webAppWithBrowser();

  it('draws districts on the map and opens the grievances behind one', async () => {
    const { web, browser, d } = app;
    await web.database.db
      .updateTable('places')
      .set({ latitude: 24.0, longitude: 76.7 })
      .where('id', '=', d.district.id)
      .execute();
    await web.database.db
      .updateTable('places')
      .set({ latitude: 23.2, longitude: 77.1 })
      .where('id', '=', d.otherDistrict.id)
      .execute();
    for (let i = 0; i < 3; i++) await buildGrievance(web.deps, d, { citizen: { phone: `+91981110000${i}` } });
    await buildGrievance(web.deps, d, {
      placeId: d.otherDistrict.id,
      latitude: 23.21,
      longitude: 77.12,
      citizen: { phone: '+919811100009' },
    });

    const page = await browser.newPage({
      locale: 'en-IN',
      bypassCSP: true,
      viewport: { width: 1280, height: 900 },
    });
    await signInStaff(page, web, '/supervise', { name: 'Map reader', grants: [{ role: 'supervisor' }] });
    await page.getByRole('button', { name: 'Dashboards' }).click();
    await page.getByLabel('From', { exact: true }).fill('2026-03-01');
    await page.getByLabel('To', { exact: true }).fill('2026-03-31');
    const card = page.getByRole('figure', { name: 'Grievances by district on the map' });
    const map = card.getByRole('region', { name: 'Map of grievances by district' });
    await expect.poll(() => map.getAttribute('data-drawn'), { timeout: 20_000 }).toBe('yes');
    // Two district bubbles and one grievance with a location.
    await expect.poll(() => map.locator('path.leaflet-interactive').count()).toBe(3);
    await card.getByText('Table view').click();
    const row = card.getByRole('row', { name: /Rajgarh/ });
    expect(await row.getByRole('cell').allTextContents()).toEqual(['3', '0', '3']);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'insight-map');
    await row.getByRole('button', { name: '3' }).click();
    const list = page.getByRole('table', { name: /Received · Rajgarh/ });
    await expect.poll(() => list.locator('tbody tr').count()).toBe(3);
    await page.close();
  }, 120_000);

  it('shows the public page without signing in, withholding small counts, in Hindi too', async () => {
    const { web, browser, d } = app;
    // Twelve more in district A this month (fifteen in all), one in B, twelve in a third district: B's
    // one is withheld, and the third's twelve with it, or B's could be worked out from the total.
    const third = await createPlace(web.database.db, {
      parentId: d.division.id,
      code: 'DS-VIDISHA',
      name: { en: 'Vidisha' },
    });
    for (let i = 0; i < 12; i++) {
      await buildGrievance(web.deps, d, { citizen: { phone: `+9198112000${String(i).padStart(2, '0')}` } });
      await buildGrievance(web.deps, d, {
        placeId: third.id,
        citizen: { phone: `+9198113000${String(i).padStart(2, '0')}` },
      });
    }
    web.clock.set('2026-04-03T06:00:00Z');
    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await page.goto(`${web.base}/figures`);
    await page.getByRole('heading', { name: 'How grievances are being handled' }).waitFor();
    const districts = page.getByRole('table', { name: /Districts, March 2026/ });
    await expect
      .poll(() =>
        districts
          .getByRole('row', { name: /Rajgarh/ })
          .getByRole('cell')
          .first()
          .textContent(),
      )
      .toBe('15');
    expect(
      await districts
        .getByRole('row', { name: /Sehore/ })
        .getByRole('cell')
        .first()
        .textContent(),
    ).toBe('not shown');
    expect(
      await districts
        .getByRole('row', { name: /Vidisha/ })
        .getByRole('cell')
        .first()
        .textContent(),
    ).toBe('not shown');
    const departments = page.getByRole('table', { name: /Departments, March 2026/ });
    expect(
      await departments
        .getByRole('row', { name: /Public Health Engineering/ })
        .getByRole('cell')
        .first()
        .textContent(),
    ).toBe('28');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'insight-public');
    await page.getByLabel('Language').selectOption('hi');
    await page.getByRole('heading', { name: 'शिकायतों का निराकरण कैसे हो रहा है' }).waitFor();
    expect(
      await page.getByRole('table', { name: /जिले/ }).getByRole('columnheader').allTextContents(),
    ).toContain('प्राप्त');
    await page.close();
  }, 120_000);
});
