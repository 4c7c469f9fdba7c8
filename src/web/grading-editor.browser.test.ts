// An admin changes a grading formula on the Grading screen in a real browser: a weight changed and saved
// grades the month again (the grade moves), a formula whose points do not add up to 100 is refused with
// the catalogue's words (English, then Hindi), and only the saved change is in the audit log. Then
// indicators and penalties are added and removed on the screen (a duplicate key refused as it is added,
// in English and Hindi), and the month's scores carry the new lines with the right numbers. On PGlite,
// and on PostgreSQL with DATABASE_URL.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, seriousA11yViolations } from '../../test/browser.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { shot, signInStaff, startWebApp } from '../../test/web.ts';
import { transition } from '../grievances/index.ts';

describe.each(databases)('editing a grading formula in the browser on $name', (on) => {
  const app = {} as {
    web: Awaited<ReturnType<typeof startWebApp>>;
    d: Deployment;
    browser: Browser;
    kept: string;
  };
  beforeAll(async () => {
    app.web = await startWebApp({ on });
    app.d = await buildDeployment(app.web.deps);
    app.browser = await launchBrowser();
    const { web, d } = app;
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
    app.kept = kept.reference;
  }, 300_000);
  afterAll(async () => {
    await app.browser?.close();
    await app.web?.close();
  });

  /** The admin's page on the grading screen for March, and PHE's cells in the grades table. */
  async function gradingPage(name: string) {
    const { web, browser } = app;
    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await signInStaff(page, web, '/admin', { name, grants: [{ role: 'admin' }] });
    await page.getByRole('button', { name: 'Grading formulas' }).click();
    await page.getByLabel('Month', { exact: true }).fill('2026-03');
    const phe = page
      .getByRole('table', { name: 'Grades for 2026-03' })
      .getByRole('row', { name: /Public Health Engineering/ });
    return { page, phe, cells: () => phe.getByRole('cell').allTextContents() };
  }

  it('saves a changed weight, grades again, and refuses points that do not add up', async () => {
    const db = app.web.database.db;
    const { page, cells } = await gradingPage('Grading admin');
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

  it('adds and removes indicators and penalties, refusing a duplicate key, and grades with them', async () => {
    const db = app.web.database.db;
    // As the first test saved CM Helpline 181: satisfied closure 10, old cases 20, low-quality closure 60,
    // not attended 10; PHE at 63.13, a B.
    const { page, phe, cells } = await gradingPage('Formula admin');
    await expect.poll(cells).toEqual(['1 of 1', '63.13', 'B', 'new', '']);
    await page.getByRole('button', { name: 'Change this formula' }).click();
    const form = page.getByRole('form', { name: 'Change the formula: CM Helpline 181' });
    const indicators = form.getByRole('table', { name: 'Indicators' });
    // Each line says what it counts.
    await expect
      .poll(() =>
        indicators
          .getByRole('row', { name: /Low-quality closure/ })
          .getByRole('cell')
          .allTextContents(),
      )
      .toContain('Resolutions the citizen refused (reopened) ÷ Resolved; the fewer, the better');

    // "Not attended" goes: the points' total follows at once.
    await form.getByRole('button', { name: 'Remove Not attended (time ran out)' }).click();
    await expect.poll(() => form.getByText(/The points add up to/).textContent()).toContain('90');
    await expect.poll(() => indicators.getByRole('row', { name: /Not attended/ }).count()).toBe(0);

    // A new indicator in its place. Added half done, it is refused at its fields, in the catalogue's words.
    await form.getByRole('button', { name: 'Add an indicator' }).click();
    const adding = form.getByRole('group', { name: 'New indicator' });
    await adding.getByLabel('Key', { exact: true }).fill('Closed-1');
    await adding.getByLabel('Name in English').fill('Closed per resolution');
    await adding.getByLabel('Name in हिन्दी').fill('प्रति समाधान बंद');
    await adding.getByLabel('Name in Kiswahili').fill('Zilizofungwa kwa kila utatuzi');
    await adding.getByLabel('Points', { exact: true }).fill('10');
    await adding
      .getByRole('group', { name: 'Counts (added together)' })
      .getByLabel('Closed', { exact: true })
      .check();
    await adding.getByRole('button', { name: 'Add to the formula' }).click();
    // Found by their classes: their names follow the language, chosen below.
    const problems = () =>
      page
        .locator('form.formula-editor fieldset.line-form')
        .getByRole('alert')
        .locator('p')
        .allTextContents();
    await expect
      .poll(problems)
      .toEqual([
        'Key: Start with a lower-case letter, then use only lower-case letters, digits and _ (at most 40).',
        'Out of (added together): Give at least one.',
      ]);
    await adding
      .getByRole('group', { name: 'Out of (added together)' })
      .getByLabel('Resolved', { exact: true })
      .check();
    // A key the formula already uses: refused as the server would, in English and in Hindi.
    await adding.getByLabel('Key', { exact: true }).fill('satisfied_closure');
    await adding.getByRole('button', { name: 'Add to the formula' }).click();
    await expect.poll(problems).toEqual(['Key: Two indicators, penalties or dimensions have the same key.']);
    // The header's language choice, named in the language it is set to.
    const language = page.locator('header label.language select');
    await language.selectOption('hi');
    await expect.poll(problems).toEqual(['कुंजी (key): दो संकेतकों, दंडों या आयामों की कुंजी एक ही है।']);
    await language.selectOption('en');
    await adding.getByLabel('Key', { exact: true }).fill('closed_per_resolution');
    await adding.getByLabel('Grievances listed for this line').selectOption({ label: 'Closed' });
    await adding.getByRole('button', { name: 'Add to the formula' }).click();
    await expect
      .poll(() =>
        indicators
          .getByRole('row', { name: /Closed per resolution/ })
          .getByRole('cell')
          .allTextContents(),
      )
      .toContain('Closed ÷ Resolved');
    await expect.poll(() => form.getByText(/The points add up to/).textContent()).toContain('100');
    await form.getByRole('status').filter({ hasText: 'Added: Closed per resolution.' }).waitFor();

    // Opened again to change it, the form holds what was given; cancelled, focus is back on its button.
    await form.getByRole('button', { name: 'Change Closed per resolution' }).click();
    const changing = form.getByRole('group', { name: 'Change: Closed per resolution' });
    expect(await changing.getByLabel('Key', { exact: true }).inputValue()).toBe('closed_per_resolution');
    expect(
      await changing
        .getByRole('group', { name: 'Out of (added together)' })
        .getByLabel('Resolved', { exact: true })
        .isChecked(),
    ).toBe(true);
    expect(await changing.getByLabel('Name in Kiswahili').inputValue()).toBe('Zilizofungwa kwa kila utatuzi');
    await changing.getByRole('button', { name: 'Cancel' }).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Change Closed per resolution');

    // A weight the schema refuses is said at the row it is in.
    await form.getByLabel('Weight of Satisfied closure').fill('150');
    await form.getByRole('button', { name: 'Save the formula' }).click();
    await expect
      .poll(() => form.locator(':scope > [role=alert]').textContent())
      .toBe('Satisfied closure: This number is outside the allowed range.');
    await form.getByLabel('Weight of Satisfied closure').fill('10');

    // Saved: closed per resolution 1 of 2 gives 5 of its 10 points where "not attended" gave 10:
    // 10 + 20 + 30 + 5 - 1.875 - 5 = 58.13, a C.
    await form.getByRole('button', { name: 'Save the formula' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await expect.poll(cells).toEqual(['1 of 1', '58.13', 'C', 'new', '']);
    await phe.getByRole('button', { name: 'Public Health Engineering' }).click();
    const explained = page.getByRole('table', { name: /How Public Health Engineering scored/ });
    const line = (name: RegExp) => explained.getByRole('row', { name }).getByRole('cell').allTextContents();
    await expect.poll(() => line(/Closed per resolution/)).toEqual(['1 / 2', '50%', '5 of 10']);
    await expect.poll(() => explained.getByRole('row', { name: /Not attended/ }).count()).toBe(0);
    // Its count opens the grievances it names: the one closure.
    await explained
      .getByRole('row', { name: /Closed per resolution/ })
      .getByRole('button', { name: '1 / 2' })
      .click();
    const drill = page.getByRole('region', { name: /Grievances behind: Closed per resolution/ });
    await drill.getByText(app.kept).waitFor();

    // Penalties: "without proof" goes; "reopened often" comes, above 25% of received, 4 points at most.
    const penalties = form.getByRole('table', { name: 'Anti-gaming penalties' });
    await form.getByRole('button', { name: 'Remove Resolved without proof of action' }).click();
    await expect.poll(() => penalties.getByRole('row', { name: /without proof/ }).count()).toBe(0);
    await form.getByRole('button', { name: 'Add a penalty' }).click();
    const penalty = form.getByRole('group', { name: 'New penalty' });
    await penalty.getByLabel('Key', { exact: true }).fill('reopened_often');
    await penalty.getByLabel('Name in English').fill('Reopened often');
    await penalty
      .getByRole('group', { name: 'Counts (added together)' })
      .getByLabel('Reopened', { exact: true })
      .check();
    await penalty
      .getByRole('group', { name: 'Out of (added together)' })
      .getByLabel('Received', { exact: true })
      .check();
    await penalty.getByLabel('Above (% of the count)').fill('25');
    await penalty.getByLabel('Points', { exact: true }).fill('4');
    // A penalty must name the grievances that explain it.
    await penalty.getByRole('button', { name: 'Add to the formula' }).click();
    await expect
      .poll(() => penalty.getByRole('alert').locator('p').allTextContents())
      .toEqual(['Grievances listed for this line: This is required.']);
    await penalty.getByLabel('Grievances listed for this line').selectOption({ label: 'Reopened' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'insight-formula-lines');
    await penalty.getByRole('button', { name: 'Add to the formula' }).click();
    await expect
      .poll(() =>
        penalties
          .getByRole('row', { name: /Reopened often/ })
          .getByRole('cell')
          .allTextContents(),
      )
      .toContain('Reopened ÷ Received');

    // Saved: no proof penalty gone (+5); reopened 1 of 2 received is 25 points of share above 25%:
    // 4 x 0.25 / 0.75 = 1.33 taken. 58.13 + 5 - 1.33 = 61.79, a B.
    await form.getByRole('button', { name: 'Save the formula' }).click();
    await expect.poll(cells).toEqual(['1 of 1', '61.79', 'B', 'new', '']);
    await expect.poll(() => line(/Reopened often/)).toEqual(['1 / 2', '50%', '-1.33']);
    await expect.poll(() => explained.getByRole('row', { name: /without proof/ }).count()).toBe(0);

    // Stored as the API takes it: the new lines whole, in every language given.
    const saved = await db
      .selectFrom('insight_formulas')
      .select('definition')
      .where('code', '=', 'cmh181')
      .executeTakeFirstOrThrow();
    const definition = saved.definition as { indicators: { key: string }[]; penalties: { key: string }[] };
    expect(definition.indicators.map((i) => i.key)).toEqual([
      'satisfied_closure',
      'satisfied_over50',
      'low_quality_closure',
      'closed_per_resolution',
    ]);
    expect(definition.indicators.at(-1)).toEqual({
      key: 'closed_per_resolution',
      label: { en: 'Closed per resolution', hi: 'प्रति समाधान बंद', sw: 'Zilizofungwa kwa kila utatuzi' },
      weight: 10,
      numerator: ['closed'],
      denominator: ['resolved'],
      drill: 'closed',
    });
    expect(definition.penalties.map((p) => p.key)).toEqual([
      'refused_closures',
      'last_hours',
      'wrong_transfers',
      'reopened_often',
    ]);
    expect(definition.penalties.at(-1)).toEqual({
      key: 'reopened_often',
      label: { en: 'Reopened often' },
      numerator: ['reopened'],
      denominator: ['received'],
      threshold: 0.25,
      points: 4,
      drill: 'reopened',
    });
    await page.close();
  }, 240_000);
});
