// Insight's admin screens in Chromium: an admin schedules a report to a position, sends it now, pauses
// and deletes it; uploads district boundaries (a bad file refused in the catalogue's words, a good one
// saved and previewed on the map); and chooses what the public page publishes, which the page then
// shows. Each screen passes an accessibility scan.
import { describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../../test/browser.ts';
import { buildGrievance } from '../../test/factories.ts';
import { shot, signInStaff, webAppWithBrowser } from '../../test/web.ts';

describe('insight admin screens in the browser', () => {
  const app = webAppWithBrowser();

  it('schedules a report, sends it now, pauses and deletes it; uploads boundaries; sets the public page', async () => {
    const { web, browser, d } = app;
    const page = await browser.newPage({
      locale: 'en-IN',
      bypassCSP: true,
      viewport: { width: 1280, height: 900 },
    });
    await signInStaff(page, web, '/admin?section=insight', {
      name: 'Insight admin',
      grants: [{ role: 'admin' }],
    });
    await page.getByRole('heading', { level: 2, name: 'Reports, map and public page' }).waitFor();
    await page.getByText('No report is scheduled yet.').waitFor();

    // A weekly report to the L1 officer's position, found by its title.
    const form = page.getByRole('form', { name: 'Schedule a report' });
    await form.getByLabel('Name').fill('Weekly district figures');
    await form.getByLabel('Grouped by').selectOption('place');
    await form.getByLabel('Place level').selectOption(String(d.district.depth));
    await form.getByLabel('Day of the week').selectOption('1');
    await form.getByLabel('Find a position').fill('L1 officer');
    await form.getByRole('button', { name: `Add L1 officer, ${d.block.name.en}` }).click();
    await form.getByRole('button', { name: 'Save the schedule' }).click();
    await page.getByText('Weekly district figures saved.', { exact: true }).waitFor();
    const saved = await web.database.db
      .selectFrom('insight_report_schedules')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(saved).toMatchObject({
      name: 'Weekly district figures',
      frequency: 'weekly',
      day: 1,
      format: 'xlsx',
    });
    expect(saved.params).toEqual({ by: 'place', depth: d.district.depth });
    expect(saved.position_ids.map(Number)).toEqual([d.chain[0]?.id]);
    const row = page.getByRole('row', { name: /Weekly district figures/ });
    await expect.poll(() => row.getByRole('cell').nth(3).textContent()).toBe('Not sent yet');

    // Send now: the last whole week, a file to download, an email per position in the outbox.
    await row.getByRole('button', { name: 'Send now Weekly district figures' }).click();
    await page
      .getByText(/“Weekly district figures” was sent for \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\./)
      .waitFor();
    const link = row.getByRole('link', { name: /rows\)$/ });
    expect(await link.getAttribute('href')).toMatch(/^\/api\/insight\/reports\/\d+\.xlsx$/);
    const outbox = await web.database.db
      .selectFrom('notifications')
      .select(['channel', 'position_id'])
      .where('template', '=', 'insight_report')
      .execute();
    expect(outbox.map((n) => [n.channel, Number(n.position_id)])).toEqual([['email', d.chain[0]?.id]]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'insight-admin-reports');

    // Paused, then deleted after asking.
    await row.getByRole('button', { name: 'Pause Weekly district figures' }).click();
    await expect.poll(() => row.getByRole('cell').nth(2).textContent()).toBe('Paused');
    await row.getByRole('button', { name: 'Delete Weekly district figures' }).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByText('“Weekly district figures” was deleted.').waitFor();
    expect(await web.database.db.selectFrom('insight_report_schedules').select('id').execute()).toEqual([]);

    // Boundaries: a file that is not JSON, then a feature that is not an area, then a good one.
    const upload = page.getByRole('form', { name: 'District boundaries for the map' });
    await upload.getByLabel('Level of the places').selectOption(String(d.district.depth));
    const send = async (name: string, body: string) => {
      await upload
        .getByLabel('GeoJSON file', { exact: true })
        .setInputFiles({ name, mimeType: 'application/geo+json', buffer: Buffer.from(body) });
      await upload.getByRole('button', { name: 'Upload the boundaries' }).click();
    };
    await send('broken.geojson', '{"type": "FeatureCollection", ');
    await upload.getByText('This file is not GeoJSON: it could not be read as JSON.').waitFor();
    const square = (x: number, y: number) => ({
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + 1, y],
          [x + 1, y + 1],
          [x, y + 1],
          [x, y],
        ],
      ],
    });
    const feature = (code: string, geometry: object) => ({ type: 'Feature', properties: { code }, geometry });
    await send(
      'point.geojson',
      JSON.stringify({
        type: 'FeatureCollection',
        features: [feature(d.district.code, { type: 'Point', coordinates: [77, 23] })],
      }),
    );
    await upload
      .getByText('A boundary in the file is not an area: each feature must be a Polygon or MultiPolygon.')
      .waitFor();
    await send(
      'districts.geojson',
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          feature(d.district.code, square(76.5, 23.5)),
          feature(d.otherDistrict.code, square(76.5, 22.5)),
          feature('NOWHERE', square(0, 0)),
        ],
      }),
    );
    await upload.getByText('2 boundaries saved.').waitFor();
    await upload.getByText(/so they were not saved: NOWHERE/).waitFor();
    await page.getByText('2 places have a boundary at this level.').waitFor();
    const preview = page.getByRole('region', { name: 'Map of the uploaded boundaries' });
    await expect.poll(() => preview.locator('path.leaflet-interactive').count(), { timeout: 20_000 }).toBe(2);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The public page: a lower threshold, no grade, three months, its own title in English.
    const settings = page.getByRole('form', { name: 'The public page' });
    await settings.getByLabel('Withhold counts under').fill('3');
    await settings.getByLabel('Grade').uncheck();
    await settings.getByLabel('Months a visitor may choose').fill('3');
    await settings.getByLabel('Title in English').fill('Rajgarh helpline in figures');
    await settings.getByRole('button', { name: 'Save the public page' }).click();
    await settings.getByText('Saved.', { exact: false }).first().waitFor();
    const stored = await web.database.db.selectFrom('insight_settings').selectAll().executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      public_min_count: 3,
      public_months: 3,
      public_title: { en: 'Rajgarh helpline in figures' },
    });
    expect(stored.public_figures).not.toContain('grade');
    await shot(page, 'insight-admin-public');

    // A grievance this month, read on the page next month.
    await buildGrievance(web.deps, d);
    web.clock.set(new Date(web.clock.now().getTime() + 32 * 86_400_000));
    const visitor = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await visitor.goto(`${web.base}/figures`);
    await visitor.getByRole('heading', { name: 'Rajgarh helpline in figures' }).waitFor();
    const headers = await visitor.getByRole('table').first().getByRole('columnheader').allTextContents();
    expect(headers).toContain('Average rating (1-5)');
    expect(headers).not.toContain('Grade');
    expect(await visitor.getByLabel('Month').locator('option').count()).toBe(3);
    await visitor.close();
    await page.close();
  }, 180_000);
});
