// The dashboards and the grading in a real browser: charts drawn by ECharts, the same figures in a
// table a screen reader can read, CSV downloads, and the grievances behind a number.
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, seriousA11yViolations } from '../../test/browser.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { shot, signInStaff, startWebApp } from '../../test/web.ts';
import { transition } from '../grievances/index.ts';

describe('insight dashboards in the browser', () => {
  // As webAppWithBrowser, with room for a slow, shared machine.
  const app = {} as { web: Awaited<ReturnType<typeof startWebApp>>; d: Deployment; browser: Browser };
  beforeAll(async () => {
    app.web = await startWebApp();
    app.d = await buildDeployment(app.web.deps);
    app.browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await app.browser?.close();
    await app.web?.close();
  });

  it('draws the figures, shows them as tables, downloads them and drills down to the grievances', async () => {
    const { web, browser, d } = app;
    const system = { kind: 'system' as const, id: null };
    const first = await buildGrievance(web.deps, d);
    await buildGrievance(web.deps, d, { citizen: { phone: '+919811100001' } });
    await buildGrievance(web.deps, d, { citizen: { phone: '+919811100002' }, channel: 'phone' });
    web.clock.advance(86_400_000);
    await transition(
      web.database.db,
      web.clock,
      first.reference,
      { type: 'resolve', note: 'Repaired' },
      system,
    );
    await transition(
      web.database.db,
      web.clock,
      first.reference,
      { type: 'close', reason: 'citizen_satisfied' },
      { kind: 'citizen', id: null },
    );

    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true, acceptDownloads: true });
    await signInStaff(page, web, '/supervise', { name: 'State monitor', grants: [{ role: 'supervisor' }] });
    await page.getByRole('button', { name: 'Dashboards' }).click();
    await page.getByLabel('From', { exact: true }).fill('2026-03-01');
    await page.getByLabel('To', { exact: true }).fill('2026-03-31');

    const flows = page.getByRole('figure', { name: 'Received, resolved and closed by Department' });
    await expect.poll(() => flows.locator('canvas').count()).toBeGreaterThan(0);
    await flows.getByText('Table view').click();
    const row = flows.getByRole('row', { name: /Public Health Engineering/ });
    await expect.poll(() => row.getByRole('cell').allTextContents()).toEqual(['3', '1', '1', '0']);
    const channels = page.getByRole('figure', { name: 'Where grievances came from' });
    await channels.getByText('Table view').click();
    await expect
      .poll(() => channels.getByRole('row', { name: /Phone/ }).getByRole('cell').allTextContents())
      .toEqual(['1']);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'insight-dashboard');

    // The chart's CSV says what its table says.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      flows.getByRole('button', { name: /Download CSV/ }).click(),
    ]);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    expect(csv).toContain('Department,Received,Resolved,Closed,Rejected');
    expect(csv).toContain('Public Health Engineering,3,1,1,0');

    // The grievances behind "received": all three, and one behind "resolved".
    await row.getByRole('button', { name: '3' }).click();
    const list = page.getByRole('table', { name: /Received · Public Health Engineering/ });
    await expect.poll(() => list.locator('tbody tr').count()).toBe(3);
    await row.getByRole('button', { name: '1' }).first().click();
    const resolved = page.getByRole('table', { name: /Resolved · Public Health Engineering/ });
    await expect.poll(() => resolved.locator('tbody tr th').allTextContents()).toEqual([first.reference]);
    const [listCsv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download this list as CSV' }).click(),
    ]);
    const exported = readFileSync((await listCsv.path()) as string, 'utf8');
    expect(exported).toContain(first.reference);
    expect(exported).not.toContain('+91');

    // The grading for March, and how a score was made.
    await page.getByRole('button', { name: 'Grading' }).click();
    await page.getByLabel('Month', { exact: true }).fill('2026-03');
    const grades = page.getByRole('table', { name: 'Grades for 2026-03' });
    const phe = grades.getByRole('row', { name: /Public Health Engineering/ });
    await expect.poll(() => phe.getByRole('cell').allTextContents()).toContain('A');
    await phe.getByRole('button', { name: 'Public Health Engineering' }).click();
    const explained = page.getByRole('table', { name: /How Public Health Engineering scored/ });
    await explained.getByRole('row', { name: /Satisfied closure/ }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'insight-grading');
    await page.close();
  }, 180_000);
});
