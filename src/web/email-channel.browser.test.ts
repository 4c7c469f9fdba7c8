// Email on the portal, in the browser: a signed-in citizen gives an email address, types the code sent
// to it, and chooses email for messages; and the feedback page a resolution email links to, opened in
// Hindi without signing in, shows what was done with the answer the citizen clicked chosen, and sends
// "not satisfied" with a rating and their words, which reopens the grievance. Both pass an
// accessibility scan.
import { describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../../test/browser.ts';
import { buildGrievance } from '../../test/factories.ts';
import { verifyPhone, webAppWithBrowser } from '../../test/web.ts';
import { openOtpCode } from '../access/otp-sealing.ts';
import { signFeedbackLink } from '../feedback/link.ts';
import { transition } from '../grievances/index.ts';

describe('email on the portal in the browser', () => {
  const app = webAppWithBrowser({
    demoOtp: true,
    channelEnv: {
      // Nothing is delivered in this test (no worker runs): the adapter's presence offers email.
      EMAIL_SMTP_URL: 'smtp://127.0.0.1:9?tls=off',
      EMAIL_FROM: 'helpline@helpline.example.gov.in',
      EMAIL_REPLY_DOMAIN: 'helpline.example.gov.in',
    },
  });

  it('confirms an address with the code sent to it, then offers email for messages', async () => {
    const { web, browser, d } = app;
    const phone = '+919812300191';
    await buildGrievance(web.deps, d, { channel: 'web', citizen: { phone, name: 'Kamla' } });
    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await page.goto(`${web.base}/track`);
    await verifyPhone(page, phone);
    const choice = page.getByRole('group', { name: 'Messages about your grievances' });
    await choice.waitFor();
    // No address yet: email is not offered.
    expect(await choice.getByLabel('By email').count()).toBe(0);

    await page.getByLabel('Email address', { exact: true }).fill('kamla@example.org');
    await page.getByRole('button', { name: 'Send the code' }).click();
    await expect.poll(() => page.getByText('We sent a code to the address.').count()).toBe(1);
    // The code as the email carries it (the delivery worker opens the sealed code the same way).
    const row = await web.database.db
      .selectFrom('notifications')
      .select('params')
      .where('template', '=', 'email_code')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.params).toMatchObject({ to: 'kamla@example.org' });
    const code = openOtpCode(row.params) as string;
    await page.getByLabel('The code sent to kamla@example.org').fill(code);
    await page.getByRole('button', { name: 'Confirm the address' }).click();
    await expect.poll(() => page.getByText('Messages can go to kamla@example.org.').count()).toBe(1);

    await choice.getByLabel('By email').check();
    await expect.poll(() => page.getByText('Your choice is saved.').count()).toBe(1);
    const stored = await web.database.db
      .selectFrom('citizens')
      .select(['preferred_channel', 'email', 'email_verified_by'])
      .where('phone', '=', phone)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      preferred_channel: 'email',
      email: 'kamla@example.org',
      email_verified_by: 'code',
    });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  }, 120_000);

  it('answers a resolution in Hindi on the page its email links to, without signing in', async () => {
    const { web, browser, d } = app;
    const g = await buildGrievance(web.deps, d, {
      channel: 'email',
      language: 'hi',
      citizen: { phone: '+919812300192', name: 'मीना', language: 'hi' },
    });
    const resolved = await transition(
      web.database.db,
      web.clock,
      g.reference,
      { type: 'resolve', note: 'हैंडपंप ठीक कर दिया गया।' },
      { kind: 'officer', id: 1 },
    );
    const citizen = await web.database.db
      .selectFrom('grievances')
      .select('citizen_id')
      .where('id', '=', g.id)
      .executeTakeFirstOrThrow();
    const token = signFeedbackLink({
      grievanceId: g.id,
      citizenId: Number(citizen.citizen_id),
      resolutionId: resolved.eventId,
      expiresAt: new Date(web.clock.now().getTime() + 14 * 86_400_000),
    });
    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await page.goto(`${web.base}/feedback?token=${encodeURIComponent(token)}&lang=hi&answer=no`);
    await page.getByRole('heading', { name: 'क्या आप निराकरण से संतुष्ट हैं?' }).waitFor();
    await page.getByText('हैंडपंप ठीक कर दिया गया।').waitFor();
    expect(await page.getByLabel('नहीं, मैं संतुष्ट नहीं हूँ').isChecked()).toBe(true);
    // Opening the page answered nothing.
    const status = () =>
      web.database.db
        .selectFrom('grievances')
        .select('status')
        .where('id', '=', g.id)
        .executeTakeFirstOrThrow()
        .then((r) => r.status);
    expect(await status()).toBe('resolved');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel('2 – खराब').check();
    await page.getByLabel('अब भी क्या ठीक नहीं है?').fill('नल फिर से टपक रहा है');
    await page.getByRole('button', { name: 'मेरा उत्तर भेजें' }).click();
    await page.getByText('आपकी शिकायत फिर से खोली गई है और अधिकारी के पास वापस है।').waitFor();
    expect(await status()).toBe('assigned');

    // The same link again: answered already, said in Hindi.
    await page.reload();
    await page.getByText('इस प्रश्न का उत्तर दिया जा चुका है').waitFor();
    await page.close();
  }, 120_000);
});
