// A citizen answers the officer's request for information in Hindi, with a photo: the grievance goes
// back to the officer and the clock restarts where it stopped. A citizen withdraws one they no longer need.
import { describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../../test/browser.ts';
import { buildGrievance } from '../../test/factories.ts';
import { png } from '../../test/files.ts';
import { verifyPhone, webAppWithBrowser } from '../../test/web.ts';
import { getGrievance, transition } from '../grievances/index.ts';

const HINDI = { phone: 'मोबाइल नंबर', send: 'SMS से कोड भेजें', code: 'SMS में आया कोड', verify: 'सत्यापित करें' };

describe('answering a request for information in the browser', () => {
  const app = webAppWithBrowser({ demoOtp: true });

  it('takes the answer and a photo in Hindi, and the clock resumes', async () => {
    const { web, browser, d } = app;
    const phone = '+919812300201';
    const g = await buildGrievance(web.deps, d, { language: 'hi', citizen: { phone, name: 'कमला बाई' } });
    const officer = { kind: 'officer' as const, id: null };
    await transition(web.database.db, web.clock, g.reference, { type: 'start' }, officer);
    await transition(
      web.database.db,
      web.clock,
      g.reference,
      { type: 'request_info', note: 'कौन सा हैंडपंप: स्कूल के पास वाला या मंदिर के पास वाला?' },
      officer,
    );
    const paused = await getGrievance(web.database.db, g.reference);
    web.clock.advance(2 * 3600 * 1000);

    const page = await browser.newPage({ locale: 'hi-IN', bypassCSP: true });
    await page.goto(`${web.base}/track`);
    await page.getByLabel(/भाषा|Language/).selectOption('hi');
    await page.getByLabel('संदर्भ संख्या (यदि आपके पास है)').fill(g.reference);
    await verifyPhone(page, phone, HINDI);

    await expect.poll(() => page.getByTestId('status').textContent()).toBe('आपकी जानकारी की प्रतीक्षा');
    await expect
      .poll(() => page.getByText('कौन सा हैंडपंप: स्कूल के पास वाला या मंदिर के पास वाला?').count())
      .toBeGreaterThan(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('आपका उत्तर').fill('स्कूल के पास वाला, मुख्य सड़क पर।');
    await page
      .getByLabel('फ़ोटो (वैकल्पिक)')
      .setInputFiles({ name: 'पंप.png', mimeType: 'image/png', buffer: png({ width: 40, height: 30 }) });
    await page.getByRole('button', { name: 'मेरा उत्तर भेजें' }).click();

    await expect
      .poll(() => page.getByTestId('status').textContent(), { timeout: 10_000 })
      .toBe('कार्रवाई जारी');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('आपका उत्तर अधिकारी');
    // Times in the history are written as Hindi writes them: the part of the day, never a Latin "pm".
    const times = await page.locator('.history time').allTextContents();
    expect(times.length).toBeGreaterThan(0);
    for (const time of times) {
      expect(time).not.toMatch(/\b(am|pm|AM|PM)\b/);
      expect(time).toMatch(/सुबह|दोपहर|शाम|रात/);
    }
    const resumed = await getGrievance(web.database.db, g.reference);
    expect(resumed.status).toBe('in_progress');
    expect(resumed.slaPausedAt).toBeNull();
    expect(resumed.dueAt?.getTime()).toBeGreaterThan(paused.dueAt?.getTime() as number);
    // The photo is linked to the answer, in the history the officer reads.
    const answer = await web.database.db
      .selectFrom('grievance_events as e')
      .innerJoin('attachments as a', 'a.event_id', 'e.id')
      .innerJoin('grievances as g', 'g.id', 'e.grievance_id')
      .select(['e.kind', 'e.note', 'a.kind as attachmentKind'])
      .where('g.reference', '=', g.reference)
      .executeTakeFirstOrThrow();
    expect(answer).toEqual({
      kind: 'info_provided',
      note: 'स्कूल के पास वाला, मुख्य सड़क पर।',
      attachmentKind: 'evidence',
    });
    await page.close();
  }, 90_000);

  it('withdraws a grievance after asking once more', async () => {
    const { web, browser, d } = app;
    const phone = '+919812300202';
    const g = await buildGrievance(web.deps, d, { citizen: { phone, name: 'Ravi' } });
    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await page.goto(`${web.base}/track`);
    await page.getByLabel('Reference number (if you have it)').fill(g.reference);
    await verifyPhone(page, phone);
    await page.getByRole('button', { name: 'Withdraw this grievance' }).click();
    await page.getByLabel('Why are you withdrawing it? (optional)').fill('The pump was fixed by the village');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Yes, withdraw it' }).click();
    await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 10_000 }).toBe('Closed');
    expect(await page.getByRole('button', { name: 'Withdraw this grievance' }).count()).toBe(0);
    expect((await getGrievance(web.database.db, g.reference)).status).toBe('closed');
    await page.close();
  }, 90_000);
});
