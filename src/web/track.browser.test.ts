// A citizen tracks a grievance by its reference and the code sent to their mobile, and sees the
// department's work appear on the page as it happens.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../../test/browser.ts';
import { buildGrievance } from '../../test/factories.ts';
import { png } from '../../test/files.ts';
import { verifyPhone, webAppWithBrowser } from '../../test/web.ts';
import { insertAttachments } from '../attachments/store.ts';
import { inTransaction } from '../db/transaction.ts';
import { getGrievance, transition } from '../grievances/index.ts';

describe('tracking by reference in the browser', () => {
  const app = webAppWithBrowser({ demoOtp: true });

  it('opens the grievance the reference names, and shows the resolution as it happens', async () => {
    const { web, browser, d } = app;
    // Raised by phone through an agent: the citizen has only the reference from the SMS.
    const phone = '+919812300077';
    const g = await buildGrievance(web.deps, d, { channel: 'phone', citizen: { phone, name: 'Bhagwati' } });
    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await page.goto(`${web.base}/track`);
    // Typed as people do: lower case, spaces instead of dashes.
    await page
      .getByLabel('Reference number (if you have it)')
      .fill(g.reference.toLowerCase().replaceAll('-', ' '));
    expect(await seriousA11yViolations(page)).toEqual([]);
    await verifyPhone(page, phone);

    const status = page.getByTestId('status');
    await expect.poll(() => status.textContent()).toBe('With the officer');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(g.reference);

    // The officer resolves it; the page follows without a reload.
    await transition(
      web.database.db,
      web.clock,
      g.reference,
      { type: 'resolve', note: 'New pipe fitted' },
      {
        kind: 'officer',
        id: null,
      },
    );
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe('Resolved: please confirm');
    await expect.poll(() => page.getByText('New pipe fitted').count()).toBeGreaterThan(0);
    await page.close();
  }, 90_000);

  it('says plainly when the reference is not one of this number’s', async () => {
    const { web, browser, d } = app;
    const someoneElse = await buildGrievance(web.deps, d, { citizen: { phone: '+919812300078' } });
    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await page.goto(`${web.base}/track`);
    await page.getByLabel('Reference number (if you have it)').fill(someoneElse.reference);
    await verifyPhone(page, '+919812300079');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe(
        `We found no grievance ${someoneElse.reference} raised from this mobile number. Check the reference, or call 181.`,
      );
    expect(await page.getByText(someoneElse.reference).count()).toBe(1); // only in the message
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  }, 90_000);

  it('shows what the officer did and the proof first, then takes a rating and the reason for it', async () => {
    const { web, browser, d } = app;
    const phone = '+919812300080';
    const db = web.database.db;
    const g = await buildGrievance(web.deps, d, { citizen: { phone, name: 'Sunita' } });
    const officer = { kind: 'officer' as const, id: null };
    await transition(db, web.clock, g.reference, { type: 'start' }, officer);
    // The officer's photo of the repaired pump, named as a camera names it: the citizen never sees that name.
    const bytes = png({ width: 60, height: 40 });
    const [proof] = await inTransaction(db, async (trx) => {
      const row = await trx
        .selectFrom('grievances')
        .select('id')
        .where('reference', '=', g.reference)
        .executeTakeFirstOrThrow();
      return insertAttachments(trx, web.clock.now(), row.id, officer, [
        {
          kind: 'proof',
          mediaType: 'image/png',
          fileName: 'IMG_20260302_101500.png',
          sha256: createHash('sha256').update(bytes).digest('hex'),
          content: bytes,
        },
      ]);
    });
    await transition(
      db,
      web.clock,
      g.reference,
      {
        type: 'resolve',
        note: 'Cylinder and washer replaced; water flows again.',
        attachmentIds: [proof?.id as number],
      },
      officer,
    );

    const page = await browser.newPage({
      locale: 'en-IN',
      bypassCSP: true,
      viewport: { width: 390, height: 844 },
    });
    await page.goto(`${web.base}/track?reference=${g.reference}`);
    await verifyPhone(page, phone);
    const resolution = page.getByRole('region', { name: 'What the officer did' });
    await expect.poll(() => resolution.count()).toBe(1);
    expect(await resolution.textContent()).toContain('Cylinder and washer replaced; water flows again.');
    // The photo says who sent it, not what the file was called.
    // The photo's list arrives after the resolution's text: wait for it as for the region.
    await expect
      .poll(() => resolution.getByRole('img', { name: /^Photo of the work done, from the officer/ }).count())
      .toBe(1);
    expect(await page.getByText('IMG_20260302_101500').count()).toBe(0);
    // The question comes after the resolution, in reading order.
    const order = await page.evaluate(() => {
      const headings = [...document.querySelectorAll('h2')].map((h) => h.textContent);
      return headings;
    });
    expect(order.indexOf('What the officer did')).toBeLessThan(
      order.indexOf('Your answer on the resolution'),
    );

    await page.getByRole('radio', { name: 'No, I am not satisfied' }).check();
    await page.getByRole('radio', { name: '2 – Poor' }).check();
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Not satisfied needs the reason: the form does not go without it.
    await page.getByRole('button', { name: 'Send my answer' }).click();
    expect((await getGrievance(db, g.reference)).status).toBe('resolved');
    await page.getByLabel('What is still wrong?').fill('It leaks again after one day.');
    await page.getByRole('button', { name: 'Send my answer' }).click();
    await expect
      .poll(() => page.getByTestId('status').textContent(), { timeout: 10_000 })
      .toBe('With the officer');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('reopened');
    const verdict = await db
      .selectFrom('citizen_feedback as f')
      .innerJoin('grievances as g', 'g.id', 'f.grievance_id')
      .select(['f.satisfied', 'f.rating', 'f.reason'])
      .where('g.reference', '=', g.reference)
      .executeTakeFirstOrThrow();
    expect(verdict).toEqual({ satisfied: false, rating: 2, reason: 'It leaks again after one day.' });
    await page.close();
  }, 90_000);
});
