// An administrator configures a deployment in a real browser, screen by screen: a place, a calendar
// with a holiday and the policy, a department on that calendar, an officer posted to a new position, a
// routing chain that the next grievance follows, accounts with scoped roles and an API key; every
// section passes an accessibility scan and fits a phone's width.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, seriousA11yViolations } from '../../test/browser.ts';
import { buildDeployment, type Deployment } from '../../test/factories.ts';
import { shot, signInStaff, startWebApp } from '../../test/web.ts';
import { totpCode } from '../access/secrets.ts';
import { beginTotpEnrolment, checkSecondFactor, createStaffUser, getUser } from '../access/users.ts';
import type { Database } from '../db/index.ts';
import { createCategory, getPosition, listPositions } from '../directory/index.ts';
import { getGrievance, registerGrievance } from '../grievances/index.ts';
import { findRoute } from '../routing/index.ts';
import { listHolidays } from '../sla/index.ts';

const SECTIONS = [
  'Categories and resolution times',
  'Places',
  'Departments',
  'Positions and officers',
  'Routing rules',
  'Calendars and holidays',
  'Users and roles',
];
const SECTIONS_HI = [
  'श्रेणियाँ और समाधान समय',
  'स्थान',
  'विभाग',
  'पद और अधिकारी',
  'रूटिंग नियम',
  'कार्य-कैलेंडर और अवकाश',
  'उपयोगकर्ता और भूमिकाएँ',
];

describe('admin area in the browser', () => {
  let web: Awaited<ReturnType<typeof startWebApp>>;
  let database: Database; // web.database, for checking what the screens wrote
  let browser: Browser;
  let page: Page;
  let d: Deployment;
  // What earlier steps made and later ones use.
  const made = { blockId: 0, calendarId: 0, positionId: 0, officerId: 0 };
  let adminEmail = '';

  const open = async (section: string, nav = 'Sections') => {
    await page
      .getByRole('navigation', { name: nav })
      .getByRole('button', { name: section, exact: true })
      .click();
    await page.getByRole('heading', { level: 2, name: section, exact: true }).waitFor();
  };
  /** Chooses a place down the tree, one level at a time, inside `scope` (a form or group). */
  const choosePlace = async (scope: Locator, ids: number[]) => {
    for (const [i, id] of ids.entries()) await scope.locator('select').nth(i).selectOption(String(id));
  };
  const status = (text: string) => expect.poll(() => page.getByText(text, { exact: true }).count()).toBe(1);

  beforeAll(async () => {
    web = await startWebApp();
    database = web.database;
    d = await buildDeployment(web.deps);
    browser = await launchBrowser();
    // bypassCSP only so the test can inject axe; the app itself runs under its strict CSP.
    page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    // Admins must set up an authenticator: signInStaff reads the key shown and computes the code.
    ({ email: adminEmail } = await signInStaff(page, web, '/admin', {
      name: 'Admin',
      grants: [{ role: 'admin' }],
    }));
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('adds a block to the tree, renames, deactivates and reactivates it, and renames a level', async () => {
    await open('Places');
    await page.getByRole('button', { name: 'Open Test State' }).click();
    await page.getByRole('button', { name: 'Open North Division' }).click();
    await page.getByRole('button', { name: 'Open Rajgarh' }).click();
    const add = page.getByRole('form', { name: 'Add a Block / Urban body under Rajgarh' });
    await add.getByLabel('Code').fill('BL-NSG');
    await add.getByLabel('Name in English').fill('Narsinghgarh');
    await add.getByLabel('Name in हिन्दी').fill('नरसिंहगढ़');
    await add.getByRole('button', { name: 'Add place' }).click();
    await status('Narsinghgarh added.');
    const block = await database.db
      .selectFrom('places')
      .select(['id', 'parent_id', 'depth', 'name', 'active'])
      .where('code', '=', 'BL-NSG')
      .executeTakeFirstOrThrow();
    expect(block).toMatchObject({ parent_id: d.district.id, depth: 4, name: { en: 'Narsinghgarh' } });
    made.blockId = block.id;

    // The same code again: the server's reason, in the reader's language.
    await add.getByLabel('Code').fill('BL-NSG');
    await add.getByLabel('Name in English').fill('Again');
    await add.getByRole('button', { name: 'Add place' }).click();
    await expect
      .poll(() => add.getByRole('alert').textContent())
      .toBe('Code: This is already in use. Choose another.');

    await page.getByRole('button', { name: 'Rename Narsinghgarh' }).click();
    const rename = page.getByRole('form', { name: 'Rename Narsinghgarh' });
    await rename.getByLabel('Name in Kiswahili').fill('Narsinghgarh');
    await rename.getByLabel('Name in हिन्दी').fill('नरसिंहगढ़ नगर');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await rename.getByRole('button', { name: 'Save' }).click();
    await status('Renamed to Narsinghgarh.');

    await page.getByRole('button', { name: 'Deactivate Narsinghgarh' }).click();
    const confirm = page.getByRole('group', { name: /Deactivate Narsinghgarh\?/ });
    await confirm.getByRole('button', { name: 'Deactivate' }).click();
    await status('Narsinghgarh deactivated.');
    await page.getByRole('button', { name: 'Reactivate Narsinghgarh' }).click();
    await status('Narsinghgarh reactivated.');
    expect(
      await database.db
        .selectFrom('places')
        .select(['name', 'active'])
        .where('id', '=', made.blockId)
        .executeTakeFirstOrThrow(),
    ).toEqual({ name: { en: 'Narsinghgarh', hi: 'नरसिंहगढ़ नगर', sw: 'Narsinghgarh' }, active: true });

    await page.getByText('Names of the levels', { exact: true }).click();
    const level4 = page.getByRole('group', { name: 'Level 4' });
    await level4.getByLabel('Name in Kiswahili').fill('Tarafa');
    await page.getByRole('button', { name: 'Save level names' }).click();
    await status('Saved.');
    const levels = await database.db.selectFrom('place_levels').select(['depth', 'name']).execute();
    expect(levels.find((l) => l.depth === 4)?.name).toMatchObject({ en: 'Block / Urban body', sw: 'Tarafa' });
  }, 90_000);

  it('adds a calendar with a split shift and a half day, a district holiday, and changes the policy', async () => {
    await open('Calendars and holidays');
    const form = page.getByRole('form', { name: 'Add calendar' });
    await form.getByLabel('Calendar name').fill('Field offices');
    const monday = form.getByRole('group', { name: 'Monday' });
    await monday.getByLabel('Shift 1 closes').fill('13:30');
    await monday.getByRole('button', { name: 'Add hours on Monday' }).click();
    await monday.getByLabel('Shift 2 opens').fill('13:00');
    await monday.getByLabel('Shift 2 closes').fill('18:00');
    await form
      .getByRole('group', { name: 'Friday' })
      .getByRole('button', { name: 'Remove shift 1 on Friday' })
      .click();
    const saturday = form.getByRole('group', { name: 'Saturday' });
    await saturday.getByRole('button', { name: 'Add hours on Saturday' }).click();
    await saturday.getByLabel('Shift 1 closes').fill('14:00');
    await form.getByRole('button', { name: 'Add calendar' }).click();
    // 13:00 overlaps the morning shift: the server says which, and nothing is saved.
    await expect
      .poll(() => form.getByRole('alert').textContent())
      .toBe('These working hours overlap others on the same day.');
    await monday.getByLabel('Shift 2 opens').fill('14:00');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Add calendar' }).click();
    await status('Field offices saved.');
    const calendar = await database.db
      .selectFrom('calendars')
      .select(['id', 'time_zone'])
      .where('name', '=', 'Field offices')
      .executeTakeFirstOrThrow();
    expect(calendar.time_zone).toBe('Asia/Kolkata');
    made.calendarId = calendar.id;
    const hours = await database.db
      .selectFrom('calendar_hours')
      .select(['weekday', 'opens_minute', 'closes_minute'])
      .where('calendar_id', '=', calendar.id)
      .orderBy('weekday')
      .orderBy('opens_minute')
      .execute();
    expect(hours.map((h) => [h.weekday, h.opens_minute, h.closes_minute])).toEqual([
      [1, 600, 810],
      [1, 840, 1080],
      [2, 600, 1080],
      [3, 600, 1080],
      [4, 600, 1080],
      [6, 600, 840],
    ]);
    await expect
      .poll(() => page.getByRole('row', { name: /Field offices/ }).textContent())
      .toContain('Fri: Weekly off');

    const holidays = page.getByRole('region', { name: 'Public holidays' });
    await choosePlace(holidays, [d.state.id, d.division.id, d.district.id]);
    const declare = holidays.getByRole('form', { name: 'Declare a holiday for Rajgarh' });
    for (const [day, name] of [
      ['2026-03-04', 'Holi'],
      ['2026-03-08', 'Rang Panchami'],
    ]) {
      await declare.getByLabel('Date').fill(day as string);
      await declare.getByLabel('Name in English').fill(name as string);
      await declare.getByRole('button', { name: 'Declare holiday' }).click();
      await expect
        .poll(() => holidays.getByRole('row', { name: new RegExp(name as string) }).count())
        .toBe(1);
    }
    await holidays.getByRole('button', { name: /^Remove Rang Panchami/ }).click();
    await holidays
      .getByRole('group', { name: /Remove the holiday Rang Panchami/ })
      .getByRole('button', { name: 'Remove', exact: true })
      .click();
    await expect.poll(() => holidays.getByRole('row', { name: /Rang Panchami/ }).count()).toBe(0);
    expect(
      (await listHolidays(database.db, { placeId: d.district.id })).map((h) => [h.day, h.name.en]),
    ).toEqual([['2026-03-04', 'Holi']]);
    expect(await seriousA11yViolations(page)).toEqual([]);

    const policy = page.getByRole('form', { name: 'Reminders, closing and retention' });
    await policy.getByLabel('Remind the officer at').fill('150');
    await policy.getByRole('button', { name: 'Save policy' }).click();
    await expect
      .poll(() => policy.getByRole('alert').textContent())
      .toBe('This number is outside the allowed range.');
    await policy.getByLabel('Remind the officer at').fill('40, 80');
    await policy.getByLabel('Close a resolved grievance').fill('10');
    await policy.getByLabel('Keep personal data').fill('8');
    await policy.getByRole('button', { name: 'Save policy' }).click();
    await expect
      .poll(() => policy.textContent())
      .toContain('Now: reminders at 40%, 80% of the time; a resolved grievance closes after 10 days');
    expect(
      await database.db
        .selectFrom('sla_policy')
        .select(['reminder_percents', 'close_resolved_after_days', 'retention_years'])
        .executeTakeFirstOrThrow(),
    ).toEqual({ reminder_percents: [40, 80], close_resolved_after_days: 10, retention_years: 8 });
  }, 90_000);

  it('adds a department, puts it on the new calendar, and deactivates another', async () => {
    await open('Departments');
    const add = page.getByRole('form', { name: 'Add department' });
    await add.getByLabel('Code').fill('RD');
    await add.getByLabel('Name in English').fill('Rural Development');
    await add.getByLabel('Name in हिन्दी').fill('ग्रामीण विकास');
    await add.getByLabel('Name in Kiswahili').fill('Maendeleo Vijijini');
    await add.getByRole('button', { name: 'Add department' }).click();
    await status('Rural Development added.');

    await page.getByRole('button', { name: 'Edit Rural Development' }).click();
    const edit = page.getByRole('form', { name: 'Edit Rural Development' });
    await edit.getByLabel('Working calendar').selectOption({ label: 'Field offices' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await edit.getByRole('button', { name: 'Save' }).click();
    await status('Rural Development saved.');
    await expect
      .poll(() => page.getByRole('row', { name: /Rural Development/ }).textContent())
      .toContain('Field offices');
    expect(
      await database.db
        .selectFrom('departments')
        .select(['name', 'calendar_id'])
        .where('code', '=', 'RD')
        .executeTakeFirstOrThrow(),
    ).toEqual({
      name: { en: 'Rural Development', hi: 'ग्रामीण विकास', sw: 'Maendeleo Vijijini' },
      calendar_id: made.calendarId,
    });

    await page.getByRole('button', { name: 'Deactivate Energy' }).click();
    await page
      .getByRole('group', { name: /Deactivate Energy\?/ })
      .getByRole('button', { name: 'Deactivate' })
      .click();
    await status('Energy deactivated.');
    expect(
      (
        await database.db
          .selectFrom('departments')
          .select('active')
          .where('id', '=', d.otherDepartment.id)
          .executeTakeFirstOrThrow()
      ).active,
    ).toBe(false);
  }, 90_000);

  it('adds an officer and a position, posts the officer, relieves and posts again', async () => {
    await open('Positions and officers');
    const addOfficer = page.getByRole('form', { name: 'Add officer' });
    await addOfficer.getByLabel('Full name').fill('Rekha Sharma');
    await addOfficer.getByLabel('Mobile number').fill('+919800011111');
    await addOfficer.getByLabel('Email').fill('rekha.sharma@example.gov.in');
    await addOfficer.getByRole('button', { name: 'Add officer' }).click();
    await status('Rekha Sharma added.');

    const add = page.getByRole('form', { name: 'Add position' });
    await add.getByLabel('Department').selectOption(String(d.department.id));
    await choosePlace(add.getByRole('group', { name: 'Place the position serves' }), [
      d.state.id,
      d.division.id,
      d.district.id,
      made.blockId,
    ]);
    await add.getByLabel('Level', { exact: true }).selectOption('1');
    await add.getByLabel('Title in English').fill('Junior Engineer, PHE, Narsinghgarh');
    await add.getByLabel('Title in हिन्दी').fill('कनिष्ठ यंत्री, पीएचई, नरसिंहगढ़');
    await add.getByRole('button', { name: 'Add position' }).click();
    await status('Junior Engineer, PHE, Narsinghgarh added.');
    const [position] = (await listPositions(database.db, { placeId: made.blockId, limit: 10, offset: 0 }))
      .items;
    expect(position).toMatchObject({ departmentId: d.department.id, level: 1, officerId: null });
    made.positionId = position?.id as number;

    // Narrow the list to the new block, then post Rekha Sharma to the seat.
    const filter = page.getByRole('form', { name: 'Find positions' });
    await filter.getByLabel('Department').selectOption(String(d.department.id));
    await choosePlace(filter.getByRole('group', { name: 'Place' }), [
      d.state.id,
      d.division.id,
      d.district.id,
      made.blockId,
    ]);
    const row = page.getByRole('row', { name: /Junior Engineer, PHE, Narsinghgarh/ });
    await expect.poll(() => page.getByRole('table', { name: '1 position' }).count()).toBe(1);
    await expect.poll(() => row.textContent()).toContain('Vacant');
    const post = async () => {
      await row.getByRole('button', { name: 'Post an officer' }).click();
      const form = page.getByRole('form', { name: 'Post an officer to Junior Engineer, PHE, Narsinghgarh' });
      await form.getByLabel('Find an officer by name').fill('Rekha');
      await form.getByLabel('Officer to post').selectOption({ label: 'Rekha Sharma · +919800011111' });
      return form;
    };
    const form = await post();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Post officer' }).click();
    await status('Rekha Sharma posted to Junior Engineer, PHE, Narsinghgarh.');
    await expect.poll(() => row.textContent()).toContain('Rekha Sharma');

    await row.getByRole('button', { name: 'Relieve holder' }).click();
    await row
      .getByRole('group', { name: /Relieve Rekha Sharma/ })
      .getByRole('button', { name: 'Relieve holder' })
      .click();
    await status('Rekha Sharma relieved of Junior Engineer, PHE, Narsinghgarh.');
    expect((await getPosition(database.db, made.positionId)).officerId).toBeNull();
    await (await post()).getByRole('button', { name: 'Post officer' }).click();
    await status('Rekha Sharma posted to Junior Engineer, PHE, Narsinghgarh.');
    const held = await getPosition(database.db, made.positionId);
    expect(held.officerName).toBe('Rekha Sharma');
    made.officerId = held.officerId as number;
  }, 90_000);

  it('builds a routing chain that the next grievance follows, previews it, and deletes it', async () => {
    await open('Routing rules');
    await page.getByLabel('Category', { exact: true }).selectOption(String(d.category.id));
    const rules = page.getByRole('table', { name: 'Rules for Hand pump not working' });
    await expect.poll(() => rules.getByRole('row', { name: /Rajgarh/ }).count()).toBe(1);

    const editor = page.getByRole('form', { name: 'Create or replace a chain for Hand pump not working' });
    await choosePlace(editor.getByRole('group', { name: 'Place the rule covers' }), [
      d.state.id,
      d.division.id,
      d.district.id,
      made.blockId,
    ]);
    const chain = editor.getByRole('group', { name: 'Escalation chain' });
    await chain.getByLabel('L1', { exact: true }).selectOption(String(made.positionId));
    await chain.getByLabel('L3', { exact: true }).selectOption(String(d.chain[2]?.id));
    await editor.getByRole('button', { name: 'Save chain' }).click();
    // A gap at L2: the reason, in the reader’s language.
    await expect
      .poll(() => editor.getByRole('alert').textContent())
      .toBe('These must run 1, 2, 3… in order.');
    await chain.getByLabel('L2', { exact: true }).selectOption(String(d.chain[1]?.id));
    await chain.getByLabel('L4', { exact: true }).selectOption(String(d.chain[3]?.id));
    await editor.getByRole('button', { name: 'Save chain' }).click();
    await status('Chain for Narsinghgarh saved.');
    await expect
      .poll(() => rules.getByRole('row', { name: /Narsinghgarh/ }).textContent())
      .toContain('L1 Junior Engineer, PHE, Narsinghgarh (Rekha Sharma)');

    const preview = page.getByRole('form', { name: 'Which chain would handle it?' });
    await choosePlace(preview.getByRole('group', { name: 'Place of the grievance' }), [
      d.state.id,
      d.division.id,
      d.district.id,
      made.blockId,
    ]);
    await preview.getByRole('button', { name: 'Show the chain' }).click();
    await expect
      .poll(() => page.getByTestId('route-preview').textContent())
      .toContain('A grievance at Narsinghgarh follows the rule for Narsinghgarh:');
    expect(await page.getByTestId('route-preview').textContent()).toContain(
      'L1 Junior Engineer, PHE, Narsinghgarh (Rekha Sharma)',
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'admin-routing-rules');

    const { reference } = await registerGrievance(
      web.deps,
      {
        categoryId: d.category.id,
        placeId: made.blockId,
        subject: 'Hand pump broken',
        description: 'The hand pump by the Narsinghgarh bus stand is broken.',
        language: 'en',
        channel: 'phone',
      },
      { kind: 'agent', id: null },
    );
    expect(await getGrievance(database.db, reference)).toMatchObject({
      status: 'assigned',
      position: { id: made.positionId },
    });

    // Without the block's own rule, the district's rule applies again.
    await rules.getByRole('button', { name: 'Delete rule Narsinghgarh' }).click();
    await rules
      .getByRole('group', { name: /Delete the rule for Narsinghgarh/ })
      .getByRole('button', { name: 'Delete rule' })
      .click();
    await status('Rule for Narsinghgarh deleted.');
    await preview.getByRole('button', { name: 'Show the chain' }).click();
    await expect
      .poll(() => page.getByTestId('route-preview').textContent())
      .toContain('follows the rule for Rajgarh');
    expect((await findRoute(database.db, d.category.id, made.blockId))?.ruleId).toBe(d.rule.id);
  }, 90_000);

  it('flags a category with no routing rule and links to adding one', async () => {
    const lonely = await createCategory(database.db, {
      departmentId: d.department.id,
      code: 'PHE-TANKER',
      name: { en: 'Water tanker not sent' },
      resolutionValue: 2,
      resolutionUnit: 'calendar_days',
    });
    await open('Categories and resolution times');
    await page.reload();
    await page
      .getByRole('heading', { level: 2, name: 'Categories and resolution times', exact: true })
      .waitFor();
    await expect
      .poll(() => page.getByTestId('unrouted-warning').textContent())
      .toContain('1 category has no routing rule');
    const row = page.getByRole('row', { name: /PHE-TANKER/ });
    expect(await row.textContent()).toContain('No routing rule: its grievances wait unrouted.');
    // The factory's category has its district rule and says so.
    expect(await page.getByRole('row', { name: new RegExp(d.category.code) }).textContent()).toContain(
      '1 rule',
    );
    expect(await seriousA11yViolations(page)).toEqual([]);

    await row.getByRole('link', { name: 'Add a routing rule for Water tanker not sent' }).click();
    await page.getByRole('heading', { level: 2, name: 'Routing rules', exact: true }).waitFor();
    // The category is chosen once the section's categories have loaded (a CI run read the select before).
    await page.getByRole('form', { name: 'Create or replace a chain for Water tanker not sent' }).waitFor();
    await expect
      .poll(() => page.getByLabel('Category', { exact: true }).inputValue())
      .toBe(String(lonely.id));
  });

  it('changes the time of a category at one escalation level', async () => {
    await open('Categories and resolution times');
    await page.getByRole('button', { name: `Edit ${d.category.code}` }).click();
    const edit = page.getByRole('form', { name: 'Edit Hand pump not working' });
    await edit.getByLabel('Time at L2').fill('2');
    await edit.getByLabel('Unit at L2').selectOption('calendar_days');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await edit.getByRole('button', { name: 'Save' }).click();
    await status('Hand pump not working saved.');
    expect(
      await database.db
        .selectFrom('category_level_times')
        .select(['level', 'resolution_value', 'resolution_unit'])
        .where('category_id', '=', d.category.id)
        .execute(),
    ).toEqual([{ level: 2, resolution_value: 2, resolution_unit: 'calendar_days' }]);
  }, 90_000);

  it('adds a staff account with a scoped role linked to the officer, and an API client whose key is revoked', async () => {
    await open('Users and roles');
    const add = page.getByRole('form', { name: 'Add staff account' });
    await add.getByLabel('Full name').fill('Rekha Sharma');
    await add.getByLabel('Email').fill('rekha.sharma@example.gov.in');
    await add.getByLabel('Initial password').fill('correct horse battery');
    await add.getByLabel('Find an officer by name').fill('Rekha');
    await add
      .getByLabel('Officer this account belongs to')
      .selectOption({ label: 'Rekha Sharma · +919800011111' });
    const first = add.getByRole('group', { name: 'Role 1' });
    await first.getByLabel('Role', { exact: true }).selectOption('officer');
    await add.getByRole('button', { name: 'Add a role' }).click();
    const second = add.getByRole('group', { name: 'Role 2' });
    await second.getByLabel('Role', { exact: true }).selectOption('monitor');
    await second.getByLabel('Department').selectOption(String(d.department.id));
    await choosePlace(second.getByRole('group', { name: 'Place (with everything under it)' }), [
      d.state.id,
      d.division.id,
      d.district.id,
    ]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'admin-users');
    await add.getByRole('button', { name: 'Add staff account' }).click();
    await status('Rekha Sharma added.');
    const account = await database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'rekha.sharma@example.gov.in')
      .executeTakeFirstOrThrow();
    expect(await getUser(database.db, account.id)).toMatchObject({
      officerId: made.officerId,
      active: true,
      grants: [
        { role: 'officer', departmentId: null, placeId: null },
        { role: 'monitor', departmentId: d.department.id, placeId: d.district.id },
      ],
    });
    await expect
      .poll(() => page.getByRole('row', { name: /rekha\.sharma@example\.gov\.in/ }).textContent())
      .toContain('Monitor · Public Health Engineering · Rajgarh');

    // Rename the account and take away the officer role: only what changed is sent.
    await page.getByRole('button', { name: 'Edit Rekha Sharma' }).click();
    const edit = page.getByRole('form', { name: 'Edit Rekha Sharma' });
    await edit.getByLabel('Full name').fill('Rekha Sharma (JE)');
    await edit.getByRole('button', { name: 'Remove role 1' }).click();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await edit.getByRole('button', { name: 'Save' }).click();
    await status('Rekha Sharma (JE) saved.');
    expect(await getUser(database.db, account.id)).toMatchObject({
      name: 'Rekha Sharma (JE)',
      officerId: made.officerId,
      grants: [{ role: 'monitor', departmentId: d.department.id, placeId: d.district.id }],
    });

    const client = page.getByRole('form', { name: 'Add API client' });
    await client.getByLabel('Integration name').fill('Open311 gateway');
    await client.getByRole('button', { name: 'Add API client' }).click();
    const key = (await client.getByTestId('api-key').textContent()) as string;
    expect(key).toMatch(/^cl_/);
    const intake = () =>
      fetch(`${web.base}/api/interactions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'open311' }),
      });
    expect((await intake()).status).toBe(201);

    await page.getByRole('button', { name: 'Edit Open311 gateway' }).click();
    const keys = page.getByRole('table', { name: 'API keys' });
    const prefix = key.slice(0, 10);
    await keys.getByRole('button', { name: `Revoke key ${prefix}` }).click();
    await keys
      .getByRole('group', { name: /Revoke the key/ })
      .getByRole('button', { name: 'Revoke key' })
      .click();
    await status(`Key ${prefix}… revoked.`);
    await expect.poll(() => keys.textContent()).toContain('revoked');
    expect((await intake()).status).toBe(401);

    // A key with the admin role skips the authenticator: refused until the admin ticks the dangerous
    // scope, whose explanation says so; then the key can do what an admin does.
    await client.getByLabel('Integration name').fill('Ops robot');
    await client
      .getByRole('group', { name: 'Role 1' })
      .getByLabel('Role', { exact: true })
      .selectOption('admin');
    const dangerous = client.getByLabel(/dangerous scope/);
    expect(await dangerous.isChecked()).toBe(false);
    expect(await client.textContent()).toContain('without the authenticator code');
    await client.getByRole('button', { name: 'Add API client' }).click();
    await expect
      .poll(() => client.getByRole('alert').textContent())
      .toContain('only when you confirm the dangerous scope');
    expect(
      await database.db.selectFrom('users').select('id').where('name', '=', 'Ops robot').execute(),
    ).toEqual([]);
    await dangerous.check();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await client.getByRole('button', { name: 'Add API client' }).click();
    await expect.poll(() => client.getByTestId('api-key').textContent()).toMatch(/^cl_/);
    const robotKey = (await client.getByTestId('api-key').textContent()) as string;
    const users = await fetch(`${web.base}/api/users`, { headers: { authorization: `Bearer ${robotKey}` } });
    expect(users.status).toBe(200);
    expect(await dangerous.isChecked()).toBe(false);
  }, 90_000);

  it("resets a supervisor's lost authenticator with a fresh code of the admin's own; they set up a new one", async () => {
    const password = 'correct horse battery staple';
    const lost = await createStaffUser(database.db, web.clock, {
      email: 'lost.phone@example.gov.in',
      name: 'Lost Phone',
      password,
      grants: [{ role: 'supervisor' }],
    });
    const { secret } = await beginTotpEnrolment(database.db, lost.id);
    await checkSecondFactor(database.db, web.clock, lost.id, totpCode(secret, web.clock.now()));

    // Away and back: the list is read again with the account just made.
    await open('Places');
    await open('Users and roles');
    await page.getByRole('button', { name: 'Edit Lost Phone' }).click();
    const edit = page.getByRole('form', { name: 'Edit Lost Phone' });
    const authenticator = edit.getByRole('group', { name: 'Authenticator' });
    expect(await authenticator.textContent()).toContain('authenticator set up');
    // The admin's own code, a fresh one: the one they signed in with is spent.
    const own = await database.db
      .selectFrom('users')
      .select('totp_secret')
      .where('email', '=', adminEmail)
      .executeTakeFirstOrThrow();
    web.clock.advance(30_000);
    await authenticator
      .getByLabel('A fresh code from your own authenticator')
      .fill(totpCode(own.totp_secret as string, web.clock.now()));
    await authenticator
      .getByLabel('Why (for the audit log)')
      .fill('Phone lost; called back on the office number');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'admin-authenticator-reset');
    await authenticator.getByRole('button', { name: 'Reset authenticator' }).click();
    await status('The authenticator of Lost Phone was reset: they set up a new one at their next sign-in.');
    expect(await authenticator.textContent()).toContain('a new one is set up at the next sign-in');
    expect(await getUser(database.db, lost.id)).toMatchObject({ mfaEnabled: false, mfaEnrolRequired: true });
    const entry = await database.db
      .selectFrom('audit_log')
      .select(['entity_id', 'reason'])
      .where('action', '=', 'user.authenticator_reset')
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({
      entity_id: String(lost.id),
      reason: 'Phone lost; called back on the office number',
    });
    await edit.getByRole('button', { name: 'Close' }).click();
    await expect
      .poll(() => page.getByRole('row', { name: /lost\.phone@example\.gov\.in/ }).textContent())
      .toContain('a new one is set up at the next sign-in');

    // Their next sign-in asks them to set up a new authenticator, with its QR code.
    const theirs = await browser.newPage({ locale: 'en-IN' });
    await theirs.goto(`${web.base}/supervise`);
    await theirs.getByLabel('Email').fill('lost.phone@example.gov.in');
    await theirs.getByLabel('Password').fill(password);
    await theirs.getByRole('button', { name: 'Sign in' }).click();
    const key = (await theirs.getByTestId('totp-secret').textContent()) as string;
    expect(key).not.toBe(secret);
    await theirs.getByRole('img', { name: /QR/ }).waitFor();
    await theirs.close();
  }, 90_000);

  it('passes an accessibility scan on every section, and fits a phone screen in English and Hindi', async () => {
    for (const section of SECTIONS) {
      await open(section);
      expect(await seriousA11yViolations(page), section).toEqual([]);
    }
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.setViewportSize({ width: 360, height: 740 });
    for (const section of SECTIONS) {
      await open(section);
      expect(await fits(), section).toBeLessThanOrEqual(0);
    }
    await page.getByLabel('Language').selectOption('hi');
    for (const section of SECTIONS_HI) {
      await open(section, 'अनुभाग');
      expect(await fits(), section).toBeLessThanOrEqual(0);
      expect(await seriousA11yViolations(page), section).toEqual([]);
    }
    await page.getByLabel('भाषा').selectOption('en');
  }, 120_000);
});
