// The phone line in the admin area, in Chromium: an administrator edits the call flow as data (a new
// menu key), sees a validation error in the language they read (an unreachable node, in English then
// Hindi), saves a new version, and places a test call through the language menu and a district code
// to that district's queue with the on-screen keypad; the screen passes an accessibility scan.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, seriousA11yViolations } from '../../test/browser.ts';
import { buildDeployment } from '../../test/factories.ts';
import { signInStaff, startWebApp } from '../../test/web.ts';

describe('the phone line in the admin area', () => {
  let web: Awaited<ReturnType<typeof startWebApp>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    web = await startWebApp();
    const d = await buildDeployment(web.deps);
    await web.database.db
      .insertInto('call_queues')
      .values({
        code: 'rajgarh',
        name: JSON.stringify({ en: 'Rajgarh district', hi: 'राजगढ़ ज़िला' }),
        language: null,
        place_id: d.district.id,
        calendar_id: null,
      })
      .execute();
    await web.database.db
      .insertInto('ivr_district_codes')
      .values({ digits: '0634', place_id: d.district.id })
      .execute();
    browser = await launchBrowser();
    page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await signInStaff(page, web, '/admin', { name: 'Admin', grants: [{ role: 'admin' }] });
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: 'Phone line (IVR)', exact: true })
      .click();
    await page.getByRole('heading', { level: 2, name: 'Phone line (IVR)' }).waitFor();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('edits the flow as data, shows a validation error in the reader’s language, and saves a new version', async () => {
    await page.getByRole('heading', { name: 'Call flow (version 1)' }).waitFor();
    // A new key on the main menu: 5 reaches an agent.
    const main = page.getByRole('group', { name: /^main · Question \(keys\)/ });
    await main.getByLabel('New key').fill('5');
    await main.getByLabel('goes to', { exact: true }).selectOption('agent');
    await main.getByRole('button', { name: 'Add the key to main' }).click();
    await expect.poll(() => main.getByLabel('Key 5 goes to').inputValue()).toBe('agent');

    // A node nothing leads to: the check names it.
    await page.getByRole('group', { name: 'Add a node' }).getByLabel('Name').fill('spare');
    await page.getByRole('button', { name: 'Add node' }).click();
    await page.getByRole('button', { name: 'Check the flow' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('spare: No path from the start reaches it.');
    // In Hindi, the same problem in Hindi.
    await page.locator('header').getByLabel('Language').selectOption('hi');
    // (Hindi's catalogue is fetched on the switch: wait for it, not for the English text still shown.)
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/फ़्लो में 1 समस्या है/);
    expect(await page.getByRole('alert').textContent()).toContain('spare: ');
    await page.locator('header').getByLabel('भाषा').selectOption('en');
    await page.getByRole('heading', { name: 'Call flow (version 1)' }).waitFor();

    // Saving with the problem is refused, with the same words; without it, a new version.
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('spare: No path from the start reaches it.');
    await page.getByRole('button', { name: 'Remove spare' }).click();
    await page.getByLabel('What changed (optional)').fill('5 for an agent');
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await page.getByText('Saved as version 2. New calls use it.').waitFor();
    await page.getByRole('heading', { name: 'Call flow (version 2)' }).waitFor();
    const saved = await web.database.db
      .selectFrom('ivr_flows')
      .select(['version', 'definition', 'note'])
      .where('active', '=', true)
      .executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ version: 2, note: '5 for an agent' });
    expect((saved.definition.nodes.main as { choices: Record<string, string> }).choices['5']).toBe('agent');
    expect(saved.definition.nodes.spare).toBeUndefined();
  });

  it('places a test call through the language menu and a district code to that district queue', async () => {
    const sim = page.getByRole('region', { name: 'Test call' });
    await sim.getByRole('button', { name: 'Start a test call' }).click();
    const transcript = sim.getByRole('list', { name: 'What was said and pressed' });
    await expect.poll(() => transcript.textContent()).toContain('For English, press 1.');
    expect(await transcript.textContent()).toContain('हिंदी के लिए 2 दबाएँ।');
    const keypad = sim.getByRole('group', { name: 'Keypad' });
    const press = (key: string) => keypad.getByRole('button', { name: key, exact: true }).click();
    await press('2');
    await expect.poll(() => transcript.textContent()).toContain('नई शिकायत दर्ज करने के लिए 1 दबाएँ।');
    await press('4');
    await expect.poll(() => transcript.textContent()).toContain('कृपया अपने ज़िले का कोड दबाएँ');
    await expect.poll(() => sim.getByRole('status').textContent()).toContain('Waiting for up to 4 keys.');
    for (const key of ['0', '6', '3', '4']) await press(key);
    await sim.getByText('The call is in the queue: Rajgarh district.').waitFor();
    expect(await transcript.textContent()).toContain('Pressed: 0634');
    expect(await transcript.textContent()).toContain('कृपया प्रतीक्षा करें। हम आपको एजेंट से जोड़ रहे हैं।');
    await sim.getByRole('button', { name: 'Hang up' }).click();
    await expect
      .poll(() => sim.textContent())
      .toContain('The call has ended: hung up while waiting in the queue.');
    // Nothing of the test call was kept.
    const calls = await web.database.db.selectFrom('calls').select('id').execute();
    expect(calls).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
