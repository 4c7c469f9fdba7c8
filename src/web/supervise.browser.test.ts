// The supervisor's overview in a real browser: counts per department and district, kept current by
// the live feed while the page stays open.
import { describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../../test/browser.ts';
import { buildGrievance } from '../../test/factories.ts';
import { shot, signInStaff, webAppWithBrowser } from '../../test/web.ts';

describe('supervisor overview in the browser', () => {
  const app = webAppWithBrowser();

  it('shows open and overdue counts by department and district, updated live', async () => {
    const { web, browser, d } = app;
    await buildGrievance(web.deps, d);
    await buildGrievance(web.deps, d);
    web.clock.advance(4 * 86_400_000); // both past their three days
    await buildGrievance(web.deps, d, { placeId: d.otherDistrict.id }); // no rule there: unrouted

    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await signInStaff(page, web, '/supervise', { name: 'Command centre', grants: [{ role: 'supervisor' }] });

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
    await buildGrievance(web.deps, d, { placeId: d.otherDistrict.id });
    await expect
      .poll(() => water.getByRole('cell').allTextContents(), { timeout: 10_000 })
      .toEqual(['4', '2', '0', '2', '0']);
    await shot(page, 'supervisor-overview');

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
