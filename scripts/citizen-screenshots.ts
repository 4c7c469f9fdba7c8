// `npm run screenshots`: retakes the README's citizen screenshots (docs/screenshots/citizen-*.png) at a
// phone's size (390 x 844, the header folded), in Debian's Chromium through playwright-core (no browser
// download). The service runs in this process on an embedded PGlite with the demo deployment (a few
// grievances), so the pictures show the demo's real places, categories and schemes in each language.
// Run `npx vite build` first: the web app served is the build in dist/web.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Page } from 'playwright-core';
import { buildApp } from '../src/app.ts';
import { insertAttachments } from '../src/attachments/store.ts';
import { manualClock } from '../src/clock.ts';
import { migrate, openPglite } from '../src/db/index.ts';
import { inTransaction } from '../src/db/transaction.ts';
import { transition } from '../src/grievances/index.ts';
import { seedDemo } from '../src/seed/seed.ts';
import { png } from '../test/files.ts';

const OUT = 'docs/screenshots';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };
mkdirSync(OUT, { recursive: true });

const database = await openPglite();
await migrate(database);
const clock = manualClock('2026-11-20T05:30:00Z');
const deps = { db: database.db, clock };
await seedDemo(deps, { grievances: 30 });
const app = await buildApp(deps, {
  rateLimit: false,
  cookieSecure: false,
  demoOtp: true,
  listen: database.listen,
});
await app.listen({ host: '127.0.0.1', port: 0 });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});

const placeId = async (code: string) =>
  (await database.db.selectFrom('places').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
/** Chooses a place down the tree, one list after another, by the demo's place codes. */
async function choosePlace(page: Page, codes: string[]) {
  for (const [i, code] of codes.entries()) {
    const list = page.locator('fieldset select').nth(i);
    await list.locator(`option[value="${await placeId(code)}"]`).waitFor({ state: 'attached' });
    await list.selectOption(String(await placeId(code)));
  }
}
const shoot = (page: Page, name: string, fullPage = true) =>
  page.screenshot({ path: `${OUT}/${name}.png`, fullPage });
const newPage = async (language: string) => {
  const context = await browser.newContext({ ...PHONE, locale: language === 'hi' ? 'hi-IN' : 'en-IN' });
  await context.addInitScript((l) => localStorage.setItem('language', l), language);
  return context.newPage();
};
const VILLAGE = ['MP-BPL', 'MP-BPL-SEH', 'MP-BPL-SEH-B1', 'MP-BPL-SEH-B1-V2'];

try {
  // Raising a grievance in Hindi: the number verified, the place first, then the categories of that
  // village's offices, found by a word.
  const hindi = await newPage('hi');
  await hindi.goto(base);
  await hindi.getByLabel('मोबाइल नंबर').fill('98123 45678');
  await hindi.getByRole('button', { name: 'SMS से कोड भेजें' }).click();
  const code = (await hindi.locator('.demo').textContent())?.match(/\d{6}/)?.[0] as string;
  await hindi.getByLabel('SMS में आया कोड').fill(code);
  await hindi.getByRole('button', { name: 'सत्यापित करें' }).click();
  await choosePlace(hindi, VILLAGE);
  await hindi.getByLabel('अपनी समस्या खोजें').fill('हैंडपंप');
  await hindi.getByRole('combobox', { name: 'शिकायत किस बारे में है?' }).selectOption({ label: 'हैंडपंप खराब' });
  await hindi.getByLabel('एक पंक्ति में').fill('स्कूल के पास का हैंडपंप खराब है');
  await hindi.getByLabel('समस्या बताइए').fill('स्कूल के पास का हैंडपंप एक सप्ताह से पानी नहीं दे रहा है।');
  await shoot(hindi, 'citizen-lodge-hindi');
  await hindi.getByRole('button', { name: 'शिकायत दर्ज करें' }).click();
  const reference = (await hindi.getByTestId('reference').textContent())?.trim() as string;
  await hindi.getByTestId('office').waitFor();
  await shoot(hindi, 'citizen-reference-hindi');

  // The officer resolves it with a photo of the work; the citizen reads it, then answers.
  const officer = { kind: 'officer' as const, id: null };
  await transition(database.db, clock, reference, { type: 'start' }, officer);
  const photo = png({ width: 320, height: 200 });
  const [proof] = await inTransaction(database.db, async (trx) => {
    const g = await trx
      .selectFrom('grievances')
      .select('id')
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    return insertAttachments(trx, clock.now(), g.id, officer, [
      {
        kind: 'proof',
        mediaType: 'image/png',
        fileName: 'work.png',
        sha256: createHash('sha256').update(photo).digest('hex'),
        content: photo,
      },
    ]);
  });
  clock.advance(10 * 60 * 1000);
  await transition(
    database.db,
    clock,
    reference,
    {
      type: 'resolve',
      note: 'नया सिलेंडर और वॉशर लगाया गया, हैंडपंप से पानी आ रहा है।',
      attachmentIds: [proof?.id as number],
    },
    officer,
  );
  await hindi.goto(`${base}/track?reference=${reference}`);
  await hindi.getByRole('radio', { name: 'हाँ, मैं संतुष्ट हूँ' }).check();
  await hindi.getByRole('radio', { name: '4 – अच्छा' }).check();
  await hindi.getByLabel('क्या आप विभाग से कुछ कहना चाहते हैं? (वैकल्पिक)').fill('जल्दी ठीक करने के लिए धन्यवाद।');
  await shoot(hindi, 'citizen-resolved-feedback-hindi');

  // The folded navigation, opened.
  await hindi.getByRole('button', { name: 'मेन्यू' }).click();
  await shoot(hindi, 'citizen-menu-phone', false);
  await hindi.context().close();

  // A Swahili reader without a number: places and categories in Swahili.
  const swahili = await newPage('sw');
  await swahili.goto(base);
  await swahili.getByRole('button', { name: 'Endelea bila namba ya simu' }).click();
  await choosePlace(swahili, ['MP-BPL', 'MP-BPL-BHO', 'MP-BPL-BHO-B1', 'MP-BPL-BHO-B1-W2']);
  await swahili.getByLabel('Tafuta tatizo lako').fill('taka');
  await swahili
    .getByRole('combobox', { name: 'Yanahusu nini?' })
    .selectOption({ label: 'Taka hazijakusanywa' });
  await shoot(swahili, 'citizen-lodge-swahili');
  await swahili.context().close();

  // Schemes in Hindi, and a question with the answers we already have.
  const schemes = await newPage('hi');
  await schemes.goto(`${base}/schemes`);
  await schemes.getByLabel('खोजें').fill('लाडली बहना');
  await schemes
    .getByText(/लाड़ली बहना/)
    .first()
    .waitFor();
  await shoot(schemes, 'citizen-schemes-hindi');
  await schemes.context().close();
  const ask = await newPage('en');
  await ask.goto(`${base}/ask`);
  await ask
    .getByLabel('Your question', { exact: true })
    .pressSequentially('How can my mother get the widow pension?', { delay: 5 });
  await ask.getByText('Widow pension (Kalyani pension)').first().waitFor();
  await shoot(ask, 'citizen-ask');
  await ask.context().close();
} finally {
  await browser.close();
  await app.close();
  await database.close();
}
console.log(`citizen screenshots written to ${OUT}/`);
