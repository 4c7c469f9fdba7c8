// The auditor's screen in Chromium: an auditor signs in at /audit, sees whether the chain is intact and
// how far it is sealed, searches the log for a grievance and finds who did what to it; a tampered row
// shows as such when the chain is verified again. Accessible, and it fits a phone.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../../test/browser.ts';
import { buildGrievance } from '../../test/factories.ts';
import { shot, signInStaff, webAppWithBrowser } from '../../test/web.ts';
import { sealAudit } from '../access/audit-seal.ts';
import { totpCode } from '../access/secrets.ts';
import { createStaffUser } from '../access/users.ts';
import { transition } from '../grievances/index.ts';

describe('the audit log screen in the browser', () => {
  const app = webAppWithBrowser();

  it('lets an auditor see the chain verified, search the log and find an entry', async () => {
    const { web, browser, d } = app;
    const { reference } = await buildGrievance(web.deps, d, { citizen: { phone: '+919855500001' } });
    await buildGrievance(web.deps, d, { citizen: { phone: '+919855500002' } });
    await transition(
      web.database.db,
      web.clock,
      reference,
      { type: 'note', note: 'Spoke to the sarpanch', internal: true },
      { kind: 'supervisor', id: null },
      { actorKind: 'staff', actorId: null, ip: '10.20.30.40' },
    );
    await sealAudit(web.database.db, web.clock.now());

    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await signInStaff(page, web, '/audit', { name: 'Asha Auditor', grants: [{ role: 'auditor' }] });
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    await expect
      .poll(() => page.getByTestId('chain-verdict').textContent())
      .toMatch(/^Intact: \d+ sealed entries verified/);
    expect(await page.getByRole('region', { name: 'Is the log intact?' }).textContent()).toMatch(
      /Sealed up to entry number \d+/,
    );
    await expect
      .poll(() => page.getByRole('link', { name: 'Audit log' }).getAttribute('aria-current'))
      .toBe('page');

    const search = page.getByRole('form', { name: 'Search the log' });
    await search.getByLabel('Words').fill(reference);
    await search.getByRole('button', { name: 'Search' }).click();
    const table = page.getByRole('table', { name: 'Audit log entries, newest first' });
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'found' }).textContent())
      .toBe('2 entries found.');
    const note = table.getByRole('row', { name: /grievance\.note/ });
    expect(await note.getByRole('cell').nth(3).textContent()).toBe(`grievance ${reference}`);
    expect(await note.getByRole('cell').nth(4).textContent()).toBe('10.20.30.40');
    await expect.poll(() => table.getByRole('row', { name: /grievance\.register/ }).count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'audit-log');

    // By who acted and what: the auditor's own sign-in is in the log too.
    await search.getByLabel('Words').fill('Asha');
    await search.getByLabel('Action starts with').fill('auth.');
    await search.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => table.getByRole('row', { name: /auth\.sign_in/ }).count()).toBeGreaterThan(0);
    expect(
      await table
        .getByRole('row', { name: /auth\.sign_in/ })
        .first()
        .textContent(),
    ).toContain('Asha Auditor');

    // A row edited behind the application's back shows when the chain is verified again.
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(web.database.db);
    await sql`update audit_log set reason = 'nothing to see' where id = (select entry_id from audit_seals where seq = 1)`.execute(
      web.database.db,
    );
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(web.database.db);
    await page.getByRole('button', { name: 'Verify again' }).click();
    await expect
      .poll(() => page.getByTestId('chain-verdict').textContent())
      .toBe('Tampered: 1 entry does not add up.');
    expect(await page.getByRole('region', { name: 'Is the log intact?' }).textContent()).toContain(
      'its content does not match its seal (it was edited)',
    );

    // On a phone the page does not scroll sideways; the table scrolls inside its frame.
    await page.setViewportSize({ width: 360, height: 740 });
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await page.close();
  }, 120_000);

  it('shows an admin enrolling an authenticator the key as a QR code, and lets them on to /audit', async () => {
    const { web, browser } = app;
    const email = 'qr.admin@example.gov.in';
    const password = 'correct horse battery staple';
    await createStaffUser(web.database.db, web.clock, {
      email,
      name: 'QR Admin',
      password,
      grants: [{ role: 'admin' }],
    });
    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: false });
    await page.goto(`${web.base}/audit`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const qr = page.getByRole('img', { name: 'QR code of the key: scan it with your authenticator app.' });
    await qr.waitFor();
    // Drawn by the browser under the page's own security policy (data: images only).
    await expect
      .poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    const secret = (await page.getByTestId('totp-secret').textContent()) as string;
    await page.getByLabel('Code from your authenticator app').fill(totpCode(secret, web.clock.now()));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    await page.close();
  }, 60_000);
});
