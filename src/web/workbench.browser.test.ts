// The workbench in a real browser: an officer sees the clock and transfers a case to the right office;
// a nodal officer watches the queue fill live and acts on several cases at once.
import { describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../../test/browser.ts';
import { buildGrievance } from '../../test/factories.ts';
import { shot, signInStaff, webAppWithBrowser } from '../../test/web.ts';
import { getPosition } from '../directory/index.ts';
import { getGrievance, transition } from '../grievances/index.ts';

const system = { kind: 'system' as const, id: null };

describe('officer workbench in the browser', () => {
  const app = webAppWithBrowser();

  it('shows the clock and transfers a case to a position in another department', async () => {
    const { web, browser, d } = app;
    const late = await buildGrievance(web.deps, d, { subject: 'Hand pump broken since Holi' });
    web.clock.advance(4 * 86_400_000); // past its three days
    const fresh = await buildGrievance(web.deps, d, { subject: 'Transformer sparking near the school' });

    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    // The page reads the time from the browser, the server from the test's clock: make them agree.
    await page.clock.setFixedTime(web.clock.now());
    const officerId = (await getPosition(web.database.db, d.chain[0]?.id as number)).officerId as number;
    await signInStaff(page, web, '/work', { name: 'Block engineer', grants: [], officerId });

    // Overdue first, each saying how late or how long is left.
    const cards = page.locator('ul.cards > li');
    await expect.poll(() => cards.count()).toBe(2);
    await expect.poll(() => cards.first().textContent()).toContain(late.reference);
    expect(await cards.first().textContent()).toMatch(/Overdue.*ago/s);
    expect(await cards.nth(1).textContent()).toMatch(/On time.*in 3 days/s);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The transformer is the electricity department's: send it there, with the reason.
    await page.getByRole('button', { name: `Open ${fresh.reference}` }).click();
    await expect.poll(() => page.getByTestId('clock').textContent()).toMatch(/On time.*in 3 days/);
    await page.getByRole('button', { name: 'Act on this grievance' }).click();
    await page.getByLabel('Action').selectOption('transfer');
    await page.getByLabel('Department', { exact: true }).selectOption(String(d.otherDepartment.id));
    await page.getByLabel('Find a position by title or place').fill('junior');
    const position = page.getByLabel('Position', { exact: true });
    await expect
      .poll(() => position.locator('option').allTextContents())
      .toEqual(['L1 · Junior Engineer · vacant']);
    await position.selectOption(String(d.otherL1.id));
    await page.getByLabel('Note or reason').fill('Transformer, not a water supply matter');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'officer-transfer');
    await page.getByRole('button', { name: 'Save' }).click();

    // Back on the queue, told where it went; it is no longer theirs.
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: fresh.reference }).textContent())
      .toBe(`${fresh.reference} has been sent to the new position.`);
    await expect.poll(() => cards.count()).toBe(1);
    expect(await getGrievance(web.database.db, fresh.reference)).toMatchObject({
      status: 'assigned',
      position: { id: d.otherL1.id },
      department: { id: d.otherDepartment.id },
    });
    await page.close();
  }, 90_000);

  it('lets a nodal officer see new cases arrive and act on several at once', async () => {
    const { web, browser, d } = app;
    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await page.clock.setFixedTime(web.clock.now());
    await signInStaff(page, web, '/work', {
      name: 'District nodal officer',
      grants: [{ role: 'nodal_officer', departmentId: d.department.id, placeId: d.district.id }],
    });
    const cards = page.locator('ul.cards > li');
    await expect.poll(() => cards.count()).toBe(1); // the overdue hand pump from the first test

    // Two new complaints arrive while the page is open; the queue shows them without a reload.
    const a = await buildGrievance(web.deps, d, { subject: 'No water in ward 3' });
    const b = await buildGrievance(web.deps, d, { subject: 'Pipeline leaking on the main road' });
    await transition(web.database.db, web.clock, b.reference, { type: 'start' }, system);
    await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(3);

    await page.getByLabel(`Select ${a.reference}`).check();
    await page.getByLabel(`Select ${b.reference}`).check();
    const bulk = page.getByRole('form', { name: 'Act on 2 selected grievances' });
    await bulk.getByLabel('Action').selectOption('start');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'nodal-bulk');
    await bulk.getByRole('button', { name: 'Apply to 2 grievances' }).click();

    // One started; the other was already under way, and the reason says so.
    const report = page.locator('.bulk-report');
    await expect.poll(() => report.textContent()).toContain('Done for 1 grievance.');
    expect(await report.textContent()).toContain(
      `${b.reference}: This cannot be done in the grievance’s current state. Reload the page to see it as it is now.`,
    );
    expect((await getGrievance(web.database.db, a.reference)).status).toBe('in_progress');

    // Then escalate both, with the reason the file will carry.
    await page.getByLabel(`Select ${a.reference}`).check();
    await page.getByLabel(`Select ${b.reference}`).check();
    await bulk.getByLabel('Action').selectOption('escalate');
    await bulk.getByLabel('Note or reason').fill('Whole ward without water for a week');
    await bulk.getByRole('button', { name: 'Apply to 2 grievances' }).click();
    await expect.poll(() => report.textContent()).toContain('Done for 2 grievances.');
    for (const g of [a, b]) expect((await getGrievance(web.database.db, g.reference)).level).toBe(2);
    await page.close();
  }, 90_000);
});
