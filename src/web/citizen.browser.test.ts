// A citizen lodges a grievance in Hindi in a real browser, tracks it, the officer resolves it, and the
// citizen reopens it; every page passes an accessibility scan.
import { describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../../test/browser.ts';
import { png } from '../../test/files.ts';
import { shot, signInStaff, verifyPhone, webAppWithBrowser } from '../../test/web.ts';
import { getPosition } from '../directory/index.ts';
import { getGrievance, registerGrievance } from '../grievances/index.ts';

describe('citizen portal in the browser', () => {
  const app = webAppWithBrowser({ demoOtp: true });

  it('lodges in Hindi, tracks, and reopens after the officer resolves it', async () => {
    const { web, browser, d } = app;
    // bypassCSP only so the test can inject axe; the app itself runs under its strict CSP.
    const page = await browser.newPage({ locale: 'hi-IN', bypassCSP: true });
    await page.goto(web.base);
    await page.getByLabel(/भाषा|Language/).selectOption('hi');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('hi');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await verifyPhone(page, '+919812300001', {
      phone: 'मोबाइल नंबर',
      send: 'SMS से कोड भेजें',
      code: 'SMS में आया कोड',
      verify: 'सत्यापित करें',
    });
    await expect.poll(() => page.getByText('सत्यापित: +919812300001').isVisible()).toBe(true);

    // Where first, then what: only the categories of that place's offices are offered.
    await page.locator('fieldset select').first().selectOption(String(d.division.id));
    await page.locator('fieldset select').nth(1).selectOption(String(d.district.id));
    await page.locator('fieldset select').nth(2).selectOption(String(d.block.id));
    await page.locator('fieldset select').nth(3).selectOption(String(d.village.id));
    await page.getByLabel('शिकायत किस बारे में है?').selectOption(String(d.category.id));
    await page.getByLabel('एक पंक्ति में').fill('हैंडपंप खराब है');
    await page.getByLabel('समस्या बताइए').fill('स्कूल के पास का हैंडपंप एक सप्ताह से खराब है।');
    // A photo bigger than a phone should send: it leaves the browser as a JPEG at most 1600 px wide.
    const photo = { name: 'हैंडपंप.png', mimeType: 'image/png', buffer: png({ width: 2000, height: 1000 }) };
    await page.getByLabel('फ़ोटो (वैकल्पिक)').setInputFiles(photo);
    await expect.poll(() => page.getByRole('button', { name: 'हैंडपंप.png हटाएँ' }).count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'शिकायत दर्ज करें' }).click();
    const reference = (await page.getByTestId('reference').textContent())?.trim() as string;
    expect(reference).toMatch(/^[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}$/);
    // The receipt: the office it went to and the date promised, in Hindi, as the browser writes dates.
    const lodged = await getGrievance(web.database.db, reference);
    const office = page.getByTestId('office');
    await expect.poll(() => office.textContent()).toContain(lodged.position?.title.en as string);
    expect(await office.textContent()).toContain(lodged.department.name.hi ?? lodged.department.name.en);
    const promised = await page.evaluate(
      (due) => new Intl.DateTimeFormat('hi', { dateStyle: 'full' }).format(new Date(due)),
      lodged.dueAt?.toISOString() as string,
    );
    expect(await page.getByTestId('due').textContent()).toBe(promised);
    expect(await page.getByRole('heading', { name: 'आगे क्या होगा' }).count()).toBe(1);
    await expect.poll(() => page.getByText('1 फ़ोटो जोड़ी गई।').count(), { timeout: 15_000 }).toBe(1);
    const sent = await web.database.db.selectFrom('attachments').selectAll().executeTakeFirstOrThrow();
    expect(sent).toMatchObject({ kind: 'evidence', media_type: 'image/jpeg' });
    const sof = Buffer.from(sent.content as Uint8Array).indexOf(Buffer.from([0xff, 0xc0]));
    expect(Buffer.from(sent.content as Uint8Array).readUInt16BE(sof + 7)).toBe(1600); // frame width

    // Straight from the receipt to the grievance.
    await page.getByRole('link', { name: 'इसकी स्थिति देखें' }).click();
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('अधिकारी के पास');
    // The photo is said to be the citizen's own, not named by its file.
    const thumbnail = page.getByRole('img', { name: /^आपकी फ़ोटो/ });
    await expect
      .poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 10_000 })
      .toBe(1600);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The officer signs in on their own browser, finds it in their queue, and resolves it.
    const officerId = (await getPosition(web.database.db, d.chain[0]?.id as number)).officerId as number;
    const officer = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await signInStaff(officer, web, '/work', { name: 'JE Biaora', grants: [], officerId });
    await officer.getByRole('button', { name: `Open ${reference}` }).click();
    expect(await seriousA11yViolations(officer)).toEqual([]);
    await officer.getByRole('button', { name: 'Act on this grievance' }).click();
    await officer.getByLabel('Action').selectOption('resolve');
    await officer.getByLabel('Note or reason').fill('नया सिलेंडर लगाया गया');
    await officer
      .getByLabel('Photo of the work done (optional)')
      .setInputFiles({ ...photo, name: 'fixed.png' });
    await officer.getByRole('button', { name: 'Save' }).click();
    // The photo is shrunk and sent first, then the resolve names it.
    await expect
      .poll(() => officer.getByTestId('status').textContent(), { timeout: 15_000 })
      .toBe('Resolved: waiting for the citizen to confirm');
    await expect.poll(() => officer.getByRole('img', { name: /^Photo of the work done/ }).count()).toBe(1);
    const proof = await web.database.db
      .selectFrom('attachments')
      .selectAll()
      .where('kind', '=', 'proof')
      .execute();
    expect(proof).toHaveLength(1);
    expect(proof[0]?.event_id).not.toBeNull(); // linked to the resolve event
    await shot(officer, 'officer-case');
    await officer.close();

    await page.reload(); // the address names the grievance: it opens again
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('हल हुई: कृपया पुष्टि करें');
    // What the officer did, with the proof, comes before the question.
    await expect
      .poll(() => page.getByRole('region', { name: 'अधिकारी ने क्या किया' }).textContent())
      .toContain('नया सिलेंडर लगाया गया');
    await page.getByRole('radio', { name: 'नहीं, मैं संतुष्ट नहीं हूँ' }).check();
    await page.getByRole('radio', { name: '1 – बहुत खराब' }).check();
    await page.getByLabel('अब भी क्या ठीक नहीं है?').fill('हैंडपंप फिर से खराब हो गया');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'मेरा उत्तर भेजें' }).click();
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('अधिकारी के पास');
    await expect.poll(() => page.getByText('फिर से खोली गई: हैंडपंप फिर से खराब हो गया').count()).toBe(1);
  }, 180_000); // the longest journey: citizen, officer and citizen again

  it('lets an admin add a category with its resolution time, which the next grievance uses', async () => {
    const { web, browser, d } = app;
    const admin = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await signInStaff(admin, web, '/admin', { name: 'Admin', grants: [{ role: 'admin' }] });
    await admin.getByLabel('Department').selectOption(String(d.department.id));
    await admin.getByLabel('Code', { exact: true }).fill('PHE-NO-SUPPLY');
    await admin.getByLabel('Name in English').fill('No drinking water supply');
    await admin.getByLabel('Name in हिन्दी').fill('पेयजल आपूर्ति बंद');
    await admin.getByLabel('Resolution time').fill('48');
    await admin.getByLabel('Unit').selectOption('working_hours');
    expect(await seriousA11yViolations(admin)).toEqual([]);
    await shot(admin, 'admin-categories');
    await admin.getByRole('button', { name: 'Add category' }).click();
    await expect.poll(() => admin.getByText('Category PHE-NO-SUPPLY added.').count()).toBe(1);
    const duplicate = admin.getByRole('button', { name: 'Add category' });
    await admin.getByLabel('Code', { exact: true }).fill('PHE-NO-SUPPLY');
    await admin.getByLabel('Name in English').fill('Again');
    await duplicate.click();
    await expect
      .poll(() => admin.getByRole('alert').textContent())
      .toBe('Code: This is already in use. Choose another.');
    await admin.close();

    const citizen = await browser.newPage({ locale: 'en-IN' });
    await citizen.goto(web.base);
    await citizen.getByRole('button', { name: 'Continue without a mobile number' }).click();
    // A district no rule covers yet is offered every category (a supervisor routes its grievances by hand).
    for (const [i, place] of [d.division, d.otherDistrict].entries()) {
      await citizen.locator('fieldset select').nth(i).selectOption(String(place.id));
    }
    await citizen.getByLabel('What is it about?').selectOption({ label: 'No drinking water supply' });
    await citizen.getByLabel('In one line').fill('No water since Monday');
    await citizen.getByLabel('Describe the problem').fill('The tap in ward 4 has been dry since Monday.');
    await citizen.getByRole('button', { name: 'Submit grievance' }).click();
    // No routing rule yet for the new category: the receipt says the control room will send it on.
    await expect
      .poll(() => citizen.getByTestId('office').textContent())
      .toBe('The control room, which sends it to the right office');
    const raised = (await citizen.getByTestId('reference').textContent())?.trim() as string;
    expect((await getGrievance(web.database.db, raised)).category.code).toBe('PHE-NO-SUPPLY');
    await citizen.close();
  }, 90_000);

  it('places a grievance from the phone’s location and keeps the point with it', async () => {
    const { web, browser, d } = app;
    // The demo tree has points; this test's village gets one, with its block and district nearby.
    const at = (id: number, latitude: number, longitude: number) =>
      web.database.db.updateTable('places').set({ latitude, longitude }).where('id', '=', id).execute();
    await at(d.district.id, 23.65, 76.99);
    await at(d.block.id, 23.92, 77.13);
    await at(d.village.id, 23.95, 77.1);
    const page = await browser.newPage({
      locale: 'en-IN',
      bypassCSP: true,
      geolocation: { latitude: 23.951, longitude: 77.102, accuracy: 30 },
      permissions: ['geolocation'],
    });
    await page.goto(web.base);
    await page.getByRole('button', { name: 'Continue without a mobile number' }).click();
    await page.getByRole('button', { name: 'Use my location' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Your place:' }).textContent())
      .toContain('Kachnariya');
    // The lists now say the same, down to the village.
    const chosen = page.locator('fieldset select');
    await expect.poll(() => chosen.count()).toBe(4);
    expect(await chosen.nth(3).inputValue()).toBe(String(d.village.id));
    expect(await chosen.nth(1).inputValue()).toBe(String(d.district.id));

    await page.getByLabel('What is it about?').selectOption(String(d.category.id));
    await page.getByLabel('In one line').fill('Hand pump broken');
    await page.getByLabel('Describe the problem').fill('The hand pump by the temple gives no water.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Submit grievance' }).click();
    const reference = (await page.getByTestId('reference').textContent())?.trim() as string;
    expect(await getGrievance(web.database.db, reference)).toMatchObject({
      place: { id: d.village.id },
      location: { latitude: 23.951, longitude: 77.102 },
    });
    await page.close();
  }, 90_000);

  it('lets a supervisor assign an unrouted grievance by hand', async () => {
    const { web, browser, d } = app;
    const { reference } = await registerGrievance(
      web.deps,
      {
        categoryId: d.category.id,
        placeId: d.otherDistrict.id,
        subject: 'Road washed away',
        description: 'The culvert collapsed.',
        language: 'en',
        channel: 'phone',
      },
      { kind: 'agent', id: null },
    );
    const sup = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await signInStaff(sup, web, '/supervise', { name: 'Supervisor', grants: [{ role: 'supervisor' }] });
    await sup.getByRole('button', { name: 'Unrouted' }).click();
    const card = sup.locator('li', { hasText: reference });
    await card.getByLabel('Assign to position').selectOption(String(d.chain[0]?.id));
    await card.getByLabel('Reason').fill('Culvert is in the neighbouring block');
    expect(await seriousA11yViolations(sup)).toEqual([]);
    await shot(sup, 'supervisor-unrouted');
    await card.getByRole('button', { name: 'Assign' }).click();
    await expect.poll(() => sup.locator('li', { hasText: reference }).count()).toBe(0);
    const g = await getGrievance(web.database.db, reference);
    expect(g).toMatchObject({ status: 'assigned', position: { id: d.chain[0]?.id } });
    await sup.close();
  }, 90_000);
});
