// The information desk in a real browser: a citizen finds a scheme in Hindi and reads it; another asks
// a question, sees an answer we already have while typing, and sends it anyway for a reference; an
// admin writes an article that the public then finds. Every page passes an accessibility scan.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, seriousA11yViolations } from '../../test/browser.ts';
import { buildDeployment, type Deployment } from '../../test/factories.ts';
import { shot, signInStaff, startWebApp, verifyPhone } from '../../test/web.ts';
import { SYSTEM } from '../access/principal.ts';
import { createCategory } from '../directory/index.ts';
import { getGrievance } from '../grievances/index.ts';
import { createArticle } from '../knowledge/index.ts';

const REFERENCE = /^[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}$/;

describe('information desk in the browser', () => {
  let web: Awaited<ReturnType<typeof startWebApp>>;
  let browser: Browser;
  let d: Deployment;
  let topicId: number;

  beforeAll(async () => {
    web = await startWebApp({ demoOtp: true });
    const { db, clock } = web.deps;
    d = await buildDeployment(web.deps);
    topicId = (
      await createCategory(db, {
        departmentId: d.department.id,
        code: 'PHE-SCHEME-INFO',
        name: { en: 'Scheme eligibility', hi: 'योजना की पात्रता' },
        kind: 'information',
        resolutionValue: 3,
        resolutionUnit: 'calendar_days',
      })
    ).id;
    await createArticle(
      db,
      clock,
      {
        code: 'WCD-LADLI-BEHNA',
        kind: 'scheme',
        departmentId: d.department.id,
        title: { en: 'Mukhyamantri Ladli Behna Yojana', hi: 'मुख्यमंत्री लाड़ली बहना योजना' },
        summary: {
          en: 'A monthly amount for women aged 21 to 60, paid into their own bank account.',
          hi: '21 से 60 वर्ष की महिलाओं के अपने बैंक खाते में हर महीने राशि।',
        },
        eligibility: {
          en: 'Women of Madhya Pradesh aged 21 to 60.',
          hi: 'मध्यप्रदेश की 21 से 60 वर्ष की महिलाएं।\nपरिवार की वार्षिक आय 2.5 लाख रुपये से कम हो।',
        },
        benefits: { en: 'Rs 1,250 a month.', hi: '1,250 रुपये प्रति माह।' },
        howToApply: { en: 'At the camp in your panchayat.', hi: 'पंचायत के शिविर में।' },
        documents: { en: ['Samagra ID', 'Aadhaar card'], hi: ['समग्र आईडी', 'आधार कार्ड'] },
        shortAnswer: { en: 'Women aged 21 to 60 get a monthly amount.', hi: 'महिलाओं को हर महीने राशि।' },
        tags: ['ladli behna', 'लाडली बहना'],
        officialLink: 'https://cmladlibahna.mp.gov.in',
        published: true,
      },
      SYSTEM,
    );
    await createArticle(
      db,
      clock,
      {
        code: 'SJ-WIDOW-PENSION',
        kind: 'scheme',
        departmentId: d.otherDepartment.id,
        title: { en: 'Widow pension (Kalyani pension)', hi: 'विधवा पेंशन (कल्याणी पेंशन)' },
        summary: { en: 'A monthly pension for widows.', hi: 'विधवा महिलाओं को मासिक पेंशन।' },
        shortAnswer: { en: 'Apply at the gram panchayat with the death certificate and Samagra ID.' },
        published: true,
      },
      SYSTEM,
    );
    await createArticle(
      db,
      clock,
      {
        code: 'LADLI-NEW-ROUND',
        kind: 'faq',
        departmentId: d.department.id,
        title: { en: 'Ladli Behna: new registrations', hi: 'लाड़ली बहना: नए पंजीयन' },
        summary: { en: 'Not announced yet.' },
      },
      SYSTEM,
    );
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('finds a scheme in Hindi, filters by department and reads it', async () => {
    // bypassCSP only so the test can inject axe; the app itself runs under its strict CSP.
    const page = await browser.newPage({ locale: 'hi-IN', bypassCSP: true });
    await page.goto(`${web.base}/schemes`);
    await page.getByLabel(/भाषा|Language/).selectOption('hi');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('hi');
    // Drafts are never listed for the public.
    await expect.poll(() => page.getByRole('status').textContent()).toBe('2 योजनाएँ और सेवाएँ मिलीं');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel('विभाग').selectOption(String(d.otherDepartment.id));
    await expect.poll(() => page.getByRole('status').textContent()).toBe('1 योजना या सेवा मिली');
    await expect.poll(() => page.getByRole('link', { name: 'विधवा पेंशन (कल्याणी पेंशन)' }).count()).toBe(1);
    await page.getByLabel('विभाग').selectOption('');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('2 योजनाएँ और सेवाएँ मिलीं');

    // Typed without the nukta, as most keyboards do.
    await page.getByLabel('खोजें').fill('लाडली बहना');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('1 योजना या सेवा मिली');
    await expect.poll(() => page.getByRole('listitem').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'मुख्यमंत्री लाड़ली बहना योजना' }).count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'मुख्यमंत्री लाड़ली बहना योजना' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('मुख्यमंत्री लाड़ली बहना योजना');
    expect(new URL(page.url()).search).toMatch(/^\?id=\d+$/);
    // The reader is taken to the title.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await expect.poll(() => page.getByRole('heading', { name: 'किसे मिलेगा' }).count()).toBe(1);
    expect(await page.getByText('परिवार की वार्षिक आय 2.5 लाख रुपये से कम हो।').count()).toBe(1);
    expect(await page.getByRole('listitem').filter({ hasText: 'आधार कार्ड' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'cmladlibahna.mp.gov.in' }).getAttribute('href')).toBe(
      'https://cmladlibahna.mp.gov.in',
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'citizen-scheme-hindi');

    // Back to the list, with the search as it was.
    await page.getByRole('button', { name: 'सूची पर वापस जाएँ' }).click();
    await expect.poll(() => page.getByLabel('खोजें').inputValue()).toBe('लाडली बहना');
    expect(new URL(page.url()).pathname).toBe('/schemes');
    // The menu link leads back to the list from an open article too.
    await page.getByRole('link', { name: 'मुख्यमंत्री लाड़ली बहना योजना' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'किसे मिलेगा' }).count()).toBe(1);
    await page.getByRole('navigation').getByRole('link', { name: 'योजनाएँ और सेवाएँ' }).click();
    await expect.poll(() => page.getByLabel('खोजें').count()).toBe(1);
    expect(page.url()).toBe(`${web.base}/schemes`);
    await page.getByLabel('खोजें').fill('पंजीयन');
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe('कुछ नहीं मिला। दूसरे शब्दों से खोजें, या हमसे अपना प्रश्न पूछें।');
    await page.close();
  }, 90_000);

  it('suggests an answer while a question is typed, and sends it for a reference', async () => {
    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await page.goto(web.base);
    await page.getByRole('link', { name: 'Ask a question' }).click();
    await page.getByLabel('What is your question about?').selectOption(String(topicId));
    // Only information topics are offered.
    expect(await page.getByLabel('What is your question about?').locator('option').count()).toBe(2);
    await page.locator('fieldset select').first().selectOption(String(d.division.id));
    await page.locator('fieldset select').nth(1).selectOption(String(d.district.id));
    // A district is as deep as a question goes.
    expect(await page.locator('fieldset select').count()).toBe(2);
    await page
      .getByLabel('Your question', { exact: true })
      .pressSequentially('How can my mother get the widow pension?', {
        delay: 5,
      });
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe('1 answer we already have may help:');
    await page.getByText('Widow pension (Kalyani pension)').click();
    await expect
      .poll(() => page.getByText('Apply at the gram panchayat with the death certificate').isVisible())
      .toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Send without a mobile number' }).click();
    const reference = (await page.getByTestId('reference').textContent())?.trim() as string;
    expect(reference).toMatch(REFERENCE);
    // No office yet for a question raised without one chosen: the control room routes it.
    await expect.poll(() => page.getByText('What happens next').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    const g = await getGrievance(web.database.db, reference);
    expect(g).toMatchObject({
      category: { id: topicId },
      place: { id: d.district.id },
      subject: 'How can my mother get the widow pension?',
      citizen: null,
      channel: 'web',
    });

    // With a verified number, in Hindi, for the whole state.
    await page.getByRole('link', { name: 'Ask another question' }).click();
    await page.getByLabel(/भाषा|Language/).selectOption('hi');
    await verifyPhone(page, '+919812300002', {
      phone: 'मोबाइल नंबर',
      send: 'SMS से कोड भेजें',
      code: 'SMS में आया कोड',
      verify: 'सत्यापित करें',
    });
    await expect.poll(() => page.getByText('सत्यापित: +919812300002').isVisible()).toBe(true);
    await page.getByLabel('आपका प्रश्न किस बारे में है?').selectOption(String(topicId));
    await page.getByLabel('आपका प्रश्न', { exact: true }).fill('लाडली बहना योजना में आवेदन कब से शुरू होंगे?');
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe('हमारे पास पहले से मौजूद 1 उत्तर काम आ सकता है:');
    await page.getByRole('button', { name: 'मेरा प्रश्न भेजें' }).click();
    const second = (await page.getByTestId('reference').textContent())?.trim() as string;
    expect(second).toMatch(REFERENCE);
    expect(await getGrievance(web.database.db, second)).toMatchObject({
      citizen: { phone: '+919812300002' },
      place: { id: d.state.id },
      language: 'hi',
    });
    await page.close();
  }, 90_000);

  it('lets an admin write an article that the public then finds, and withdraw it', async () => {
    const admin = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await signInStaff(admin, web, '/admin', { name: 'Admin', grants: [{ role: 'admin' }] });
    await admin.getByRole('button', { name: 'Schemes and services' }).click();
    // The draft is listed for the admin.
    await expect
      .poll(() => admin.getByRole('row', { name: /LADLI-NEW-ROUND/ }).textContent())
      .toContain('Not published');

    await admin.getByLabel('Department (optional)').selectOption(String(d.department.id));
    await admin.getByLabel('Code', { exact: true }).fill('PHE-JAL-JEEVAN');
    await admin.getByLabel('Kind').selectOption('service');
    const english = admin.getByRole('group', { name: 'English' });
    await english.getByLabel('Title').fill('New tap connection (Jal Jeevan Mission)');
    await english.getByLabel('Summary').fill('Every rural household can get a free tap connection.');
    await english.getByLabel('Documents needed').fill('Aadhaar card\nSamagra ID');
    const hindi = admin.getByRole('group', { name: 'हिन्दी' });
    await hindi.getByLabel('Title').fill('नया नल कनेक्शन (जल जीवन मिशन)');
    await hindi.getByLabel('Summary').fill('हर ग्रामीण परिवार को निःशुल्क नल कनेक्शन।');
    await admin.getByLabel('Other words people use').fill('tap, नल, water');
    await admin.getByLabel('Official website').fill('https://jaljeevanmission.gov.in');
    await admin.getByLabel('Published: everyone can read it').check();
    expect(await seriousA11yViolations(admin)).toEqual([]);
    await shot(admin, 'admin-schemes');
    await admin.getByRole('button', { name: 'Save article' }).click();
    await expect.poll(() => admin.getByText('Article PHE-JAL-JEEVAN saved.').count()).toBe(1);
    await expect
      .poll(() => admin.getByRole('row', { name: /PHE-JAL-JEEVAN/ }).textContent())
      .toContain('Published');

    const citizen = await browser.newPage({ locale: 'en-IN' });
    await citizen.goto(`${web.base}/schemes`);
    await citizen.getByLabel('Search').fill('नल');
    await citizen.getByRole('link', { name: 'New tap connection (Jal Jeevan Mission)' }).click();
    await expect.poll(() => citizen.getByRole('listitem').filter({ hasText: 'Samagra ID' }).count()).toBe(1);
    // Not translated into Hindi: the English text, marked as English.
    await citizen.getByLabel(/भाषा|Language/).selectOption('hi');
    await expect.poll(() => citizen.locator('ul[lang="en"] li').count()).toBe(2);

    // Edited, then withdrawn: the public no longer finds it.
    await admin.getByRole('button', { name: 'Edit PHE-JAL-JEEVAN' }).click();
    await expect.poll(() => admin.getByLabel('Code', { exact: true }).isDisabled()).toBe(true);
    await english.getByLabel('Title').fill('Tap connection (Jal Jeevan Mission)');
    await admin.getByRole('button', { name: 'Save article' }).click();
    await expect
      .poll(() => admin.getByRole('row', { name: /PHE-JAL-JEEVAN/ }).textContent())
      .toContain('Tap connection (Jal Jeevan Mission)');
    await admin.getByRole('button', { name: 'Unpublish PHE-JAL-JEEVAN' }).click();
    await expect
      .poll(() => admin.getByRole('row', { name: /PHE-JAL-JEEVAN/ }).textContent())
      .toContain('Not published');
    await citizen.goto(`${web.base}/schemes`);
    await citizen.getByLabel('खोजें').fill('नल');
    await expect
      .poll(() => citizen.getByRole('status').textContent())
      .toBe('कुछ नहीं मिला। दूसरे शब्दों से खोजें, या हमसे अपना प्रश्न पूछें।');
    await citizen.close();
    await admin.close();
  }, 90_000);
});
