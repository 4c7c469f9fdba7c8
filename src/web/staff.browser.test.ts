// Staff journeys in a real browser: signing out ends the session on the server; each role lands where
// its work is and is told "not permitted" (in their language) on a page of another role's; the
// workbench pages past 200 cases with its total and finds any case by reference; the case screen
// offers only the actions its state and the viewer's role allow; the supervisor's unrouted queue says
// what each case is and proposes the nearest positions first.
import type { Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../../test/browser.ts';
import { buildGrievance } from '../../test/factories.ts';
import { shot, signInStaff, verifyPhone, webAppWithBrowser } from '../../test/web.ts';
import { getPosition } from '../directory/index.ts';
import { getGrievance, transition } from '../grievances/index.ts';

const system = { kind: 'system' as const, id: null };

describe('staff journeys in the browser', () => {
  // Codes on screen, as in the demo: the citizen signs in by SMS code without an SMS gateway.
  const app = webAppWithBrowser({ demoOtp: true });
  const officer = async () =>
    (await getPosition(app.web.database.db, app.d.chain[0]?.id as number)).officerId as number;

  it('signs out for good: the session ends on the server, and Back does not bring the queue back', async () => {
    const { web, browser } = app;
    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await signInStaff(page, web, '/work', { name: 'Block engineer', grants: [], officerId: await officer() });
    await expect
      .poll(() => page.getByTestId('signed-in-as').textContent())
      .toBe('Signed in as Block engineer');
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const me = async () => (await fetch(`${web.base}/api/auth/me`, { headers: { cookie } })).json();
    expect((await me()).kind).toBe('staff');

    await page.getByRole('button', { name: 'Sign out' }).click();
    // The next person at this PC finds the sign-in form.
    await expect.poll(() => page.getByRole('heading', { name: 'Staff sign-in' }).count()).toBe(1);
    expect(new URL(page.url()).pathname).toBe('/staff');
    // A copy of the old cookie is worth nothing now.
    expect((await me()).kind).toBe('public');
    await page.goBack();
    await expect.poll(() => page.getByRole('heading', { name: 'Staff sign-in' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'My queue' }).count()).toBe(0);

    // A session that runs out while the queue is open: the next request (the person's, or the live
    // feed's reconnection, whichever comes first) brings the sign-in form, not one failure after another.
    await signInStaff(page, web, '/work', { name: 'Late shift', grants: [], officerId: await officer() });
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toBe('Signed in as Late shift');
    web.clock.advance(13 * 3_600_000);
    await page
      .getByRole('button', { name: 'Find' })
      .click({ timeout: 2_000 })
      .catch(() => undefined); // gone already: the live feed found out first
    await expect.poll(() => page.getByRole('heading', { name: 'Staff sign-in' }).count()).toBe(1);
    expect(await page.getByTestId('signed-in-as').count()).toBe(0);
    await page.close();

    // A citizen on the same shared PC signs out too, and their session ends with it.
    const citizen = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await citizen.goto(`${web.base}/track`);
    await verifyPhone(citizen, '+919812300123');
    await expect
      .poll(() => citizen.getByTestId('signed-in-as').textContent())
      .toBe('Signed in as +919812300123');
    const theirs = (await citizen.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    await citizen.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => new URL(citizen.url()).pathname).toBe('/');
    expect(await citizen.getByTestId('signed-in-as').count()).toBe(0);
    const after = await fetch(`${web.base}/api/auth/me`, { headers: { cookie: theirs } });
    expect((await after.json()).kind).toBe('public');
    await citizen.close();
  }, 120_000);

  it('lands each role where its work is and says "not permitted" in their language elsewhere', async () => {
    const { web, browser, d } = app;
    const landing = async (grants: Parameters<typeof signInStaff>[3]['grants'], name: string) => {
      const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
      await signInStaff(page, web, '/staff', { name, grants });
      await expect.poll(() => new URL(page.url()).pathname).not.toBe('/staff');
      return page;
    };
    const agent = await landing([{ role: 'agent' }], 'Agent');
    expect(new URL(agent.url()).pathname).toBe('/desk');
    // No link to the officers' queue, whose actions an agent may not take.
    expect(await agent.getByRole('link', { name: 'Workbench' }).count()).toBe(0);
    await agent.close();
    const auditor = await landing([{ role: 'auditor' }], 'Auditor');
    expect(new URL(auditor.url()).pathname).toBe('/audit');
    await auditor.close();
    const supervisor = await landing([{ role: 'supervisor', departmentId: d.department.id }], 'Supervisor');
    expect(new URL(supervisor.url()).pathname).toBe('/supervise');
    await supervisor.close();

    // An officer opens the administration in Hindi: told so, not shown the sign-in form again.
    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await signInStaff(page, web, '/staff', { name: 'JE', grants: [], officerId: await officer() });
    await expect.poll(() => new URL(page.url()).pathname).toBe('/work');
    expect(await page.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await page.getByLabel('Language').selectOption('hi');
    // The choice is kept once the Hindi catalogue has loaded (languages load on demand): wait for it.
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('hi');
    await page.goto(`${web.base}/admin`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('अनुमति नहीं है');
    expect(await page.getByLabel('ईमेल').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'not-permitted-hindi');
    await page.getByRole('link', { name: 'अपने काम पर जाएँ' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/work');
    // An address that is no page.
    await page.goto(`${web.base}/no-such-page`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('पृष्ठ नहीं मिला');
    await page.close();
  }, 120_000);

  it('pages the workbench past 200 cases with the total, and finds a resolved case by its reference', async () => {
    const { web, browser, d } = app;
    const made: string[] = [];
    for (let i = 0; i < 230; i++)
      made.push((await buildGrievance(web.deps, d, { subject: `Hand pump ${i} broken` })).reference);
    const resolved = made[7] as string;
    await transition(web.database.db, web.clock, resolved, { type: 'resolve', note: 'Repaired' }, system);

    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await page.clock.setFixedTime(web.clock.now());
    await signInStaff(page, web, '/work', { name: 'Busy engineer', grants: [], officerId: await officer() });
    const count = page.getByTestId('queue-count');
    const cards = page.locator('ul.cards > li');
    await expect.poll(() => count.textContent()).toBe('Showing 1–50 of 229 grievances');
    expect(await cards.count()).toBe(50);
    for (let p = 2; p <= 5; p++) await page.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => count.textContent()).toBe('Showing 201–229 of 229 grievances');
    expect(await cards.count()).toBe(29);
    expect(await page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await expect.poll(() => count.textContent()).toBe('Showing 151–200 of 229 grievances');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Answers that come late and out of order: only what was asked for last is shown. The next request
    // for the queue is held back until the one after it has been answered.
    let hold = false;
    const held: Route[] = [];
    const queue = (u: URL) => u.pathname === '/api/grievances';
    await page.route(queue, (route) => {
      if (!hold) return route.continue();
      hold = false;
      held.push(route);
    });
    const answered = async (route: Route, answer: () => Promise<void>) => {
      const late = page.waitForResponse((r) => r.request() === route.request());
      await answer();
      await late;
      await page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
    };
    hold = true;
    await page.getByRole('button', { name: 'Previous page' }).click(); // page 3, held
    await page.getByRole('button', { name: 'Previous page' }).click(); // page 2
    await expect.poll(() => count.textContent()).toBe('Showing 51–100 of 229 grievances');
    const second = await cards.first().textContent();
    await answered(held[0] as Route, () => (held[0] as Route).continue());
    expect(await count.textContent()).toBe('Showing 51–100 of 229 grievances');
    expect(await cards.first().textContent()).toBe(second);
    // While the next page is on its way, Next waits for it: a second click would push the cursor of the
    // page still shown, and the range would say one page while showing another.
    hold = true;
    const next = page.getByRole('button', { name: 'Next page' });
    await next.click(); // page 3, held
    await expect.poll(() => next.isDisabled()).toBe(true);
    await answered(held[1] as Route, () => (held[1] as Route).continue());
    await expect.poll(() => count.textContent()).toBe('Showing 101–150 of 229 grievances');
    expect(await next.isDisabled()).toBe(false);
    // A search that failed late does not put its error over the queue asked for after it.
    hold = true;
    await page.getByLabel('Reference or words').fill('tubewell');
    await page.getByRole('button', { name: 'Find' }).click(); // held
    await page.getByLabel('Reference or words').fill('');
    await page.getByRole('button', { name: 'Find' }).click();
    await expect.poll(() => count.textContent()).toBe('Showing 1–50 of 229 grievances');
    await answered(held[2] as Route, () =>
      (held[2] as Route).fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'unavailable', message: 'the database did not answer' }),
      }),
    );
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await count.textContent()).toBe('Showing 1–50 of 229 grievances');
    await page.unroute(queue);

    // The resolved case is not among the open ones, but its reference, typed as read out, finds it.
    await page.getByLabel('Reference or words').fill(resolved.toLowerCase().replaceAll('-', ' '));
    await page.getByRole('button', { name: 'Find' }).click();
    await expect.poll(() => count.textContent()).toBe('Showing 1–1 of 1 grievance');
    expect(await cards.first().textContent()).toContain('Resolved: waiting for the citizen to confirm');
    // The filters stay in the address: a reload keeps them.
    await page.reload();
    await expect.poll(() => count.textContent()).toBe('Showing 1–1 of 1 grievance');
    await page.getByRole('button', { name: `Open ${resolved}` }).click();
    await expect
      .poll(() => page.getByTestId('status').textContent())
      .toBe('Resolved: waiting for the citizen to confirm');

    // Words search, and the status filter finds the resolved ones.
    await page.getByRole('button', { name: 'Back to the queue' }).click();
    await page.getByLabel('Reference or words').fill('');
    await page.getByLabel('Show').selectOption('resolved');
    await page.getByRole('button', { name: 'Find' }).click();
    await expect.poll(() => count.textContent()).toBe('Showing 1–1 of 1 grievance');
    await page.close();
  }, 240_000);

  it('offers only the actions the state and the role allow, and closes the form after each', async () => {
    const { web, browser, d } = app;
    const g = await buildGrievance(web.deps, d, { subject: 'Handpump handle missing' });
    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await page.clock.setFixedTime(web.clock.now());
    await signInStaff(page, web, `/work?q=${g.reference}`, {
      name: 'JE',
      grants: [],
      officerId: await officer(),
    });
    await page.getByRole('button', { name: `Open ${g.reference}` }).click();
    const act = page.getByRole('button', { name: 'Act on this grievance' });
    const action = page.getByLabel('Action');
    await act.click();
    expect(await action.locator('option').allTextContents()).toEqual([
      'Start work',
      'Add a note',
      'Ask the citizen for information',
      'Transfer to another position (give the reason)',
      'Resolve (describe the action taken)',
      'Reject (give the reason)',
    ]);
    await action.selectOption('start');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('In progress');
    // Done: the form is closed, and what it offers next follows the new state.
    expect(await action.count()).toBe(0);
    expect(await page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(1);
    await act.click();
    expect(await action.locator('option').allTextContents()).not.toContain('Start work');
    await action.selectOption('request_info');
    await page.getByLabel('Note or reason').fill('Which hand pump: the one at the school or the temple?');
    await page.getByRole('button', { name: 'Save' }).click();
    // Worded for staff: it is the citizen's information they wait for.
    await expect
      .poll(() => page.getByTestId('status').textContent())
      .toBe("Waiting for the citizen's information");
    await expect
      .poll(() => page.getByTestId('clock').textContent())
      .toMatch(/clock stopped with 3 days left/);
    await act.click();
    expect(await action.locator('option').allTextContents()).toEqual([
      'Add a note',
      'Transfer to another position (give the reason)',
      'Reject (give the reason)',
    ]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();

    // An auditor reads the case and is offered nothing to do to it.
    const auditor = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await signInStaff(auditor, web, `/work?q=${g.reference}`, {
      name: 'Auditor',
      grants: [{ role: 'auditor' }],
    });
    await auditor.getByRole('button', { name: `Open ${g.reference}` }).click();
    await expect
      .poll(() => auditor.getByTestId('status').textContent())
      .toBe("Waiting for the citizen's information");
    expect(await auditor.getByRole('button', { name: 'Act on this grievance' }).count()).toBe(0);
    await auditor.close();
  }, 120_000);

  it("shows the supervisor what an unrouted case is and proposes the department's nearest positions", async () => {
    const { web, browser, d } = app;
    // Past its three days at L1 (the session would not outlive moving the clock later).
    await buildGrievance(web.deps, d, { subject: 'Hand pump broken for a week' });
    web.clock.advance(4 * 86_400_000);
    // No routing rule for Sehore: it waits for a supervisor.
    const g = await buildGrievance(web.deps, d, {
      placeId: d.otherDistrict.id,
      subject: 'Hand pump dry',
      description: 'The hand pump by the Sehore bus stand gives no water since Monday.',
    });
    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await signInStaff(page, web, '/supervise', {
      name: 'Supervisor',
      grants: [{ role: 'supervisor', departmentId: d.department.id }],
    });
    await page.getByRole('button', { name: 'Unrouted' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('1 grievance');
    const card = page.locator('ul.cards > li').first();
    const text = await card.textContent();
    expect(text).toContain('Hand pump not working');
    expect(text).toContain('Sehore');
    expect(text).toContain('gives no water since Monday');
    // The seats over Sehore first (its division's, then the state's), then the other district's.
    const positions = card.getByLabel('Assign to position');
    await expect.poll(() => positions.locator('option').count()).toBe(5);
    expect(
      (await positions.locator('option').allTextContents()).slice(1).map((o) => o.split(' · ')[0]),
    ).toEqual(['L3', 'L4', 'L1', 'L2']);
    await positions.selectOption(String(d.chain[2]?.id));
    // No reason: told, not silently ignored.
    await card.getByRole('button', { name: 'Assign' }).click();
    await expect
      .poll(() => card.getByRole('alert').textContent())
      .toBe("Write the reason first: it goes on the case's record.");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await card.getByLabel('Reason').fill('Division engineer covers Sehore until a rule is added');
    await card.getByRole('button', { name: 'Assign' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Nothing in this queue.');
    expect((await getGrievance(web.database.db, g.reference)).position?.id).toBe(d.chain[2]?.id);

    // An overdue case at L1: escalate, but nothing to send down to.
    await page.getByRole('button', { name: 'Overdue' }).click();
    const first = page.locator('ul.cards > li').first();
    await expect.poll(() => first.getByRole('button', { name: 'Escalate' }).count()).toBe(1);
    expect(await first.getByRole('button', { name: 'Send back down' }).count()).toBe(0);
    await first.getByRole('button', { name: /^Open / }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Act on this grievance' }).count()).toBe(1);

    // On the workbench, what a supervisor may do to several at once: no "Start work", which is the officer's.
    await page.goto(`${web.base}/work`);
    await page.locator('ul.cards > li').first().getByRole('checkbox').check();
    const bulk = page.getByRole('form', { name: 'Act on 1 selected grievance' });
    expect(await bulk.getByLabel('Action').locator('option').allTextContents()).toEqual([
      'Add a note',
      'Escalate to the next level (give the reason)',
      'Transfer to another position (give the reason)',
    ]);
    await page.close();
  }, 120_000);
});
