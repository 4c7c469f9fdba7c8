// An admin changes a grading formula on the Grading screen in a real browser: a weight changed and saved
// grades the month again (the grade moves), a formula whose points do not add up to 100 is refused with
// the catalogue's words (English, then Hindi), and only the saved change is in the audit log.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, seriousA11yViolations } from '../../test/browser.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { shot, signInStaff, startWebApp } from '../../test/web.ts';
import { transition } from '../grievances/index.ts';

describe('editing a grading formula in the browser', () => {
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

  it('saves a changed weight, grades again, and refuses points that do not add up', async () => {
    const { web, browser, d } = app;
    const db = web.database.db;
    const system = { kind: 'system' as const, id: null };
    const citizen = { kind: 'citizen' as const, id: null };
    // March 2026: two hand pumps fixed; one citizen is satisfied, the other says it still does not work.
    const kept = await buildGrievance(web.deps, d, { citizen: { phone: '+919811200001' } });
    const refused = await buildGrievance(web.deps, d, { citizen: { phone: '+919811200002' } });
    web.clock.advance(86_400_000);
    for (const g of [kept, refused])
      await transition(db, web.clock, g.reference, { type: 'resolve', note: 'Repaired' }, system);
    await transition(db, web.clock, kept.reference, { type: 'close', reason: 'citizen_satisfied' }, citizen);
    await transition(db, web.clock, refused.reference, { type: 'reopen', note: 'Still broken' }, citizen);

    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await signInStaff(page, web, '/admin', { name: 'Grading admin', grants: [{ role: 'admin' }] });
    await page.getByRole('button', { name: 'Grading formulas' }).click();
    await page.getByLabel('Month', { exact: true }).fill('2026-03');
    const phe = page
      .getByRole('table', { name: 'Grades for 2026-03' })
      .getByRole('row', { name: /Public Health Engineering/ });
    const cells = () => phe.getByRole('cell').allTextContents();
    // CM Helpline 181: satisfied closure 60 of 60 (the one closure was satisfied), old cases 20 of 20,
    // low-quality closure 5 of 10 (one resolution in two refused), not attended 10 of 10; the penalty for
    // refusals (50% against a threshold of 20%) takes 5 x 0.3 / 0.8 = 1.875 and the one for resolutions
    // without proof (100% against 50%) takes 5: 88.13, an A.
    await expect.poll(cells).toEqual(['1 of 1', '88.13', 'A', 'new', '']);

    await page.getByRole('button', { name: 'Change this formula' }).click();
    const form = page.getByRole('form', { name: 'Change the formula: CM Helpline 181' });
    // Refusals weigh more, satisfied closures less: 10 + 20 + 30 + 10 - 6.875 = 63.13, a B.
    await form.getByLabel('Weight of Satisfied closure').fill('10');
    await form.getByLabel('Weight of Low-quality closure (refused by the citizen)').fill('60');
    await expect.poll(() => form.getByText(/The points add up to/).textContent()).toContain('100');
    await form.getByRole('button', { name: 'Save the formula' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await expect.poll(cells).toEqual(['1 of 1', '63.13', 'B', 'new', '']);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'insight-formula-editor');

    // 110 points: refused by the server, in the catalogue's words; the grades stay as saved.
    await form.getByLabel('Weight of Not attended').fill('20');
    await form.getByRole('button', { name: 'Save the formula' }).click();
    // Found by its class: its name and the grades table's follow the language, chosen below.
    const alert = page.locator('form.formula-editor').getByRole('alert');
    await expect
      .poll(() => alert.textContent())
      .toBe(
        "The points must add up to 100: the indicators' weights, or the dimensions' where the formula has dimensions.",
      );
    await expect.poll(cells).toContain('B');
    await page
      .locator('header')
      .getByLabel(/Language/)
      .selectOption('hi');
    await expect.poll(() => alert.textContent()).toContain('अंकों का योग 100 होना चाहिए');

    // The saved change is audited as the API's PUT; the refused one wrote nothing.
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'entity', 'entity_id'])
      .where('entity', '=', 'insight_formula')
      .execute();
    expect(audit).toEqual([
      { action: 'PUT /api/insight/formulas/:code', entity: 'insight_formula', entity_id: 'cmh181' },
    ]);
    const saved = await db
      .selectFrom('insight_formulas')
      .select('definition')
      .where('code', '=', 'cmh181')
      .executeTakeFirstOrThrow();
    const weights = (saved.definition as { indicators: { key: string; weight: number }[] }).indicators.map(
      (i) => i.weight,
    );
    expect(weights).toEqual([10, 20, 60, 10]);
    await page.close();
  }, 180_000);
});
