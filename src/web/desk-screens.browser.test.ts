// The desk's other screens in a real browser: the agent's feedback call that reopens a grievance on
// "not satisfied" with the citizen's words; a supervisor's campaign, its progress moving as agents call;
// the walk-in counter's registration and its printed slip in the citizen's language; and quality review
// from the reviewer's score to the agent's correction and back; and an enquiry on a call from a flagged
// caller, answered from the knowledge base with the short answer in the caller's language.
import { describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../../test/browser.ts';
import { buildAgent } from '../../test/desk.ts';
import { buildGrievance } from '../../test/factories.ts';
import { shot, signInStaff, webAppWithBrowser } from '../../test/web.ts';
import { SYSTEM } from '../access/principal.ts';
import { enqueueCall, startCall } from '../calls/index.ts';
import { flagCitizen } from '../desk/flags.ts';
import {
  answerCall,
  fillStandingLists,
  recordAttempt,
  saveAgent,
  setAgentState,
  takeNext,
} from '../desk/index.ts';
import { registerAtDesk } from '../desk/register.ts';
import { getGrievance, grievanceHistory, transition } from '../grievances/index.ts';
import { createArticle } from '../knowledge/index.ts';

const who = { actorKind: 'staff', actorId: null, ip: '127.0.0.1' };

describe('desk screens in the browser', () => {
  const app = webAppWithBrowser();

  const userIdOf = async (email: string) =>
    (
      await app.web.database.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', email)
        .executeTakeFirstOrThrow()
    ).id;

  it('works a feedback call: "not satisfied" reopens the grievance with the citizen\'s words and rating', async () => {
    const { web, browser, d } = app;
    const { db } = web.database;
    const g = await buildGrievance(web.deps, d, {
      citizen: { phone: '+919826000101', name: 'Kamla Devi' },
      subject: 'Hand pump by the temple',
    });
    await transition(db, web.clock, g.reference, { type: 'start' }, SYSTEM_ACTOR);
    await transition(
      db,
      web.clock,
      g.reference,
      { type: 'resolve', note: 'Replaced the washer' },
      SYSTEM_ACTOR,
    );
    web.clock.advance(60_000);
    expect(await fillStandingLists(db, web.clock.now())).toMatchObject({ feedback: 1 });

    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    const { email } = await signInStaff(page, web, '/desk/outbound', {
      name: 'Feedback agent',
      grants: [{ role: 'agent' }],
    });
    await saveAgent(db, web.clock.now(), await userIdOf(email), {
      languages: ['hi'],
      placeIds: [],
      skills: ['feedback'],
    });
    const list = page.getByRole('listitem').filter({ hasText: 'Feedback calls on resolved grievances' });
    await expect.poll(() => list.textContent()).toContain('0 of 1 done (0%), 0 calls made · 1 due now');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // From the keyboard: the button, then the outcome, the citizen's words, and save.
    await list.getByRole('button', { name: 'Call the next citizen' }).focus();
    await page.keyboard.press('Enter');
    const call = page.getByRole('form');
    await expect
      .poll(() => call.getByRole('heading', { level: 2 }).textContent())
      .toBe('Feedback calls on resolved grievances: Kamla Devi · +919826000101');
    expect(await page.getByTestId('about').textContent()).toContain(
      `${g.reference} · Hand pump by the temple · Resolved`,
    );
    await page.getByLabel('Not satisfied').check();
    // Their rating, as the portal asks it: 1 to 5 (they may decline).
    await page.getByRole('group', { name: 'Their rating of the resolution' }).getByLabel('2 – Poor').check();
    const words = page.getByLabel('What the citizen says (in their words)');
    await words.focus();
    await page.keyboard.type('Still no water; the pump gives air only.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'desk-feedback-call');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => list.textContent()).toContain('1 of 1 done (100%), 1 calls made');

    // Reopened, and back with the officer who holds it.
    const after = await getGrievance(db, g.reference);
    expect(after).toMatchObject({ status: 'assigned', reopenCount: 1 });
    const events = await grievanceHistory(db, g.reference, SYSTEM);
    expect(events.at(-1)).toMatchObject({
      kind: 'reopened',
      note: 'Still no water; the pump gives air only.',
      data: expect.objectContaining({ rating: 2 }),
    });
    await page.close();
  }, 120_000);

  it("shows a campaign's progress as agents call, with the retry rules and the do-not-call list", async () => {
    const { web, browser, d } = app;
    const { db } = web.database;
    for (const phone of ['+919826000201', '+919826000202', '+919826000203'])
      await buildGrievance(web.deps, d, { citizen: { phone, language: 'hi' } });

    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await signInStaff(page, web, '/campaigns', {
      name: 'Campaign supervisor',
      grants: [{ role: 'supervisor' }],
    });
    // One number asked never to be called.
    await page.getByLabel("Caller's mobile").fill('+919826000203');
    await page.getByLabel('Why', { exact: true }).fill('Asked on the feedback call');
    await page.getByRole('button', { name: 'Add to the do-not-call list' }).click();
    await expect.poll(() => page.getByText('+919826000203 · Asked on the feedback call').count()).toBe(1);

    // The segment: Rajgarh district, hand pump complaints, Hindi; two attempts an hour apart.
    await page.getByLabel('Campaign name').fill('Jal Jeevan awareness');
    await page.getByRole('combobox', { name: 'District or place' }).fill('Rajg');
    await page.getByRole('option', { name: /^Rajgarh/ }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('combobox', { name: 'Category of a past grievance' }).fill('hand');
    await page.getByRole('option', { name: /Hand pump not working/ }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByLabel('Language', { exact: true }).selectOption('hi');
    await page.getByLabel('Attempts per citizen').fill('2');
    await page.getByLabel('Minutes between attempts').fill('60');
    await page.getByRole('button', { name: 'Start the campaign' }).click();
    await expect
      .poll(() => page.getByRole('status').allTextContents())
      .toContain('Jal Jeevan awareness: 2 citizens to call.');
    const item = page.getByRole('listitem').filter({ hasText: 'Jal Jeevan awareness' });
    await expect.poll(() => item.textContent()).toContain('0 of 2 done (0%), 0 calls made · 2 due now');
    expect(await item.textContent()).toContain('Up to 2 attempts, 60 minutes apart');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Agents call while the supervisor watches: one informed, one busy (tried again in an hour).
    const list = (
      await db
        .selectFrom('outbound_lists')
        .select('id')
        .where('name', '=', 'Jal Jeevan awareness')
        .executeTakeFirstOrThrow()
    ).id;
    const agent = await buildAgent(db, web.clock.now(), 'Campaign caller');
    const first = await takeNext(db, web.clock.now(), list, agent);
    await recordAttempt(db, web.clock.now(), first?.id as number, agent, { result: 'informed' }, who);
    const second = await takeNext(db, web.clock.now(), list, agent);
    await recordAttempt(db, web.clock.now(), second?.id as number, agent, { result: 'busy' }, who);
    await expect
      .poll(() => item.textContent(), { timeout: 10_000 })
      .toContain('1 of 2 done (50%), 2 calls made · 0 due now · next retry');
    expect(await item.textContent()).toContain('Busy: 1, Informed: 1');
    // The campaign just started is watched: its latest calls are open already.
    expect(await item.getByRole('button', { name: 'Latest calls' }).getAttribute('aria-expanded')).toBe(
      'true',
    );
    const attempts = item.getByRole('table', { name: 'Latest calls on this list' });
    await expect.poll(() => attempts.getByRole('row').count()).toBe(3);
    expect(await attempts.textContent()).toContain('Campaign caller');
    expect(await attempts.textContent()).not.toContain('+919826000203');
    await shot(page, 'desk-campaign');

    await item.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => item.getByRole('button', { name: 'Resume' }).count()).toBe(1);
    expect(await takeNext(db, web.clock.now(), list, agent)).toBeNull();
    await page.close();
  }, 120_000);

  it('registers a walk-in citizen without a phone and prints the slip in their language', async () => {
    const { web, browser } = app;
    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await signInStaff(page, web, '/desk/walk-in', { name: 'Centre clerk', grants: [{ role: 'agent' }] });

    // The centre, once; this computer remembers it.
    const centre = page.getByRole('combobox', { name: 'This service centre' });
    await centre.focus();
    await page.keyboard.type('Biao');
    await page.getByRole('option', { name: /^Biaora/ }).waitFor();
    await page.keyboard.press('Enter');
    const category = page.getByRole('combobox', { name: 'What is it about?' });
    await category.waitFor();
    expect(await page.getByLabel("Visitor's mobile (leave empty if they have none)").inputValue()).toBe('');
    await page.getByLabel("Visitor's name").fill('Bhuri Bai');
    await page.getByLabel('Language', { exact: true }).selectOption('hi');
    await category.focus();
    await page.keyboard.type('hand');
    await page.getByRole('option', { name: /Hand pump not working/ }).waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('kachn');
    await page.getByRole('option', { name: 'Kachnariya, Biaora, Rajgarh' }).waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('हैंडपंप दो हफ्ते से खराब है।');
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    const done = page.locator('.registered');
    await done.waitFor();
    const reference = (await done.textContent())?.match(/Registered: ([A-Z0-9-]+)\./)?.[1] as string;
    expect(reference).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}$/);
    const row = await web.database.db
      .selectFrom('grievances as g')
      .innerJoin('desk_registrations as r', 'r.grievance_id', 'g.id')
      .innerJoin('places as c', 'c.id', 'r.centre_place_id')
      .select(['g.channel', 'g.citizen_id', 'c.name'])
      .where('g.reference', '=', reference)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ channel: 'walk_in', citizen_id: null, name: { en: 'Biaora' } });

    // The slip, in Hindi though the clerk's screen is in English.
    await page.getByRole('link', { name: 'Print the acknowledgement slip' }).click();
    const slip = page.getByRole('article');
    await slip.waitFor();
    expect(await page.getByTestId('slip-reference').textContent()).toBe(reference);
    expect(await slip.getByRole('heading', { level: 1 }).textContent()).toBe('शिकायत की पावती');
    expect(await slip.getAttribute('lang')).toBe('hi');
    expect(await page.getByTestId('slip-office').textContent()).toBe(
      'L1 officer, Biaora, लोक स्वास्थ्य यांत्रिकी',
    );
    expect(await page.getByTestId('slip-promised').textContent()).toMatch(/2026/);
    expect(await slip.textContent()).toContain(`हेल्पलाइन 181 पर कॉल करें और संख्या ${reference} दबाएँ`);
    expect(await slip.textContent()).toContain('Biaora में');
    expect(await seriousA11yViolations(page)).toEqual([]);
    // On paper: the slip alone.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print the slip' }).isVisible()).toBe(false);
    expect(await slip.isVisible()).toBe(true);
    await shot(page, 'desk-walk-in-slip');
    await page.close();
  }, 120_000);

  it("answers a walk-in visitor's question from the knowledge base in their language", async () => {
    const { web, browser } = app;
    const { db } = web.database;
    await createArticle(
      db,
      web.clock,
      {
        code: 'WALKIN-RATION',
        kind: 'scheme',
        title: { en: 'Ration card', hi: 'राशन कार्ड' },
        summary: { en: 'How to get a ration card.', hi: 'राशन कार्ड कैसे बनवाएँ।' },
        shortAnswer: {
          en: 'Apply at the ration shop with an Aadhaar card and a photo.',
          hi: 'आधार कार्ड और फोटो के साथ राशन दुकान पर आवेदन करें।',
        },
        tags: ['ration', 'राशन'],
        published: true,
      },
      SYSTEM,
    );
    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await signInStaff(page, web, '/desk/walk-in', { name: 'Counter clerk', grants: [{ role: 'agent' }] });
    const centre = page.getByRole('combobox', { name: 'This service centre' });
    await centre.focus();
    await page.keyboard.type('Biao');
    await page.getByRole('option', { name: /^Biaora/ }).waitFor();
    await page.keyboard.press('Enter');

    // The visitor asks rather than complains: the clerk switches the counter to the question.
    await page.getByRole('radio', { name: 'Ask about a scheme or service' }).check();
    await page.getByLabel("Visitor's mobile (leave empty if they have none)").fill('+919826000777');
    await page.getByLabel("Visitor's language").selectOption('hi');
    const question = page.getByLabel('What is the visitor asking?');
    await question.focus();
    await page.keyboard.type('ration');
    await page.getByRole('button', { name: 'Ration card' }).click();
    expect(await page.getByRole('heading', { name: 'Read or show this to the visitor' }).isVisible()).toBe(
      true,
    );
    expect(await page.getByTestId('short-answer').textContent()).toBe(
      'आधार कार्ड और फोटो के साथ राशन दुकान पर आवेदन करें।',
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Answered: log it' }).click();
    await expect
      .poll(() => page.getByRole('status').allTextContents())
      .toContain('Logged as answered at the counter.');
    const logged = await db
      .selectFrom('desk_enquiries as e')
      .innerJoin('interactions as i', 'i.id', 'e.interaction_id')
      .innerJoin('citizens as c', 'c.id', 'i.citizen_id')
      .innerJoin('places as p', 'p.id', 'e.centre_place_id')
      .select(['e.call_id', 'p.name', 'i.channel', 'c.phone', 'e.question'])
      .where('e.question', '=', 'ration')
      .execute();
    expect(logged).toEqual([
      {
        call_id: null,
        name: { en: 'Biaora' },
        channel: 'walk_in',
        phone: '+919826000777',
        question: 'ration',
      },
    ]);
    await page.close();
  }, 120_000);

  it("reviews a sampled registration, sends it back, and passes the agent's correction", async () => {
    const { web, browser, d } = app;
    const { db } = web.database;
    await db.updateTable('desk_settings').set({ quality_share_percent: 100 }).execute();
    const agentPage = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    const { email } = await signInStaff(agentPage, web, '/desk/corrections', {
      name: 'Reviewed agent',
      grants: [{ role: 'agent' }],
    });
    const agentId = await userIdOf(email);
    const registered = await registerAtDesk(
      web.deps,
      {
        categoryId: d.category.id,
        placeId: d.village.id,
        subject: 'Pump broken',
        description: 'Pump broken.',
        language: 'hi',
        citizen: { phone: '+919826000301' },
        centrePlaceId: d.block.id,
      },
      {
        kind: 'staff',
        userId: agentId,
        name: 'Reviewed agent',
        grants: [{ role: 'agent', departmentId: null, placePath: null }],
        positionIds: [],
        mfaPending: false,
      },
      { actorKind: 'staff', actorId: agentId, ip: '127.0.0.1' },
    );
    expect(registered.sampled).toBe(true);

    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await signInStaff(page, web, '/quality', {
      name: 'Third-party reviewer',
      grants: [{ role: 'supervisor' }],
    });
    await page.getByRole('button', { name: new RegExp(registered.reference) }).click();
    const form = page.getByRole('form', { name: new RegExp(`Reviewing ${registered.reference}`) });
    await form.waitFor();
    expect(await form.textContent()).toContain('Registered at a walk-in counter: read the record.');
    expect(await form.textContent()).toContain('Pump broken.');
    const score = async (item: string, points: 'No' | 'Partly' | 'Yes') =>
      form.getByRole('group', { name: item }).getByLabel(points).check();
    await score('Category is right', 'Yes');
    await score('Place is right', 'Yes');
    await score("Description is complete, in the caller's words", 'No');
    await score("Caller's language recorded", 'Yes');
    await score('Courteous to the caller', 'Partly');
    await form
      .getByLabel('Comments (what to correct, when sending back)')
      .fill('Which pump? Say where it is.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'desk-quality-review');
    await form.getByRole('button', { name: 'Send back for correction' }).click();
    await expect
      .poll(() => page.getByRole('status').allTextContents())
      .toContain(`${registered.reference} sent back to the agent (70%).`);

    // The agent sees it, with what to correct, and corrects it.
    await agentPage.reload();
    const returned = agentPage.getByRole('form', { name: new RegExp(registered.reference) });
    await returned.waitFor();
    expect(await returned.textContent()).toContain(
      'The reviewer says: Which pump? Say where it is. (score 70%)',
    );
    await returned.getByLabel('What you corrected').fill('The pump by the primary school, Kachnariya');
    await returned.getByRole('button', { name: 'Send the correction' }).click();
    await expect
      .poll(() => agentPage.getByRole('status').allTextContents())
      .toContain(`Correction sent for ${registered.reference}.`);
    expect(await seriousA11yViolations(agentPage)).toEqual([]);

    // Back with the reviewer, who passes it; the agent's month shows one reviewed, sent back once.
    await page.reload();
    await page.getByRole('button', { name: new RegExp(registered.reference) }).click();
    const again = page.getByRole('form', { name: new RegExp(`Reviewing ${registered.reference}`) });
    expect(await again.textContent()).toContain('The pump by the primary school, Kachnariya');
    for (const item of [
      'Category is right',
      'Place is right',
      "Description is complete, in the caller's words",
      "Caller's language recorded",
      'Courteous to the caller',
    ])
      await again.getByRole('group', { name: item }).getByLabel('Yes').check();
    await again.getByRole('button', { name: 'Pass' }).click();
    const byAgent = page.getByRole('table', { name: 'Scores per agent per month' });
    await expect
      .poll(() =>
        byAgent
          .getByRole('row', { name: /Reviewed agent/ })
          .getByRole('cell')
          .allTextContents(),
      )
      .toEqual(['Reviewed agent', '2026-03', '1', '1', '100% 100%']);
    await page.close();
    await agentPage.close();
  }, 120_000);
  it('answers an enquiry from a flagged caller at the cap, from the knowledge base, in their language', async () => {
    const { web, browser, d } = app;
    const { db } = web.database;
    const phone = '+919826000401';
    await buildGrievance(web.deps, d, { citizen: { phone, name: 'Gyarsi Bai', language: 'hi' } });
    await db.updateTable('desk_settings').set({ monthly_cap: 1 }).execute();
    const citizen = await db
      .selectFrom('citizens')
      .select('id')
      .where('phone', '=', phone)
      .executeTakeFirstOrThrow();
    await flagCitizen(db, web.clock.now(), citizen.id, 'Same complaint every day for a month', who);
    await createArticle(
      db,
      web.clock,
      {
        code: 'SSP-OLD-AGE',
        kind: 'scheme',
        title: { en: 'Old age pension', hi: 'वृद्धावस्था पेंशन' },
        summary: {
          en: 'A monthly pension for citizens over 60.',
          hi: '60 वर्ष से अधिक के नागरिकों को मासिक पेंशन।',
        },
        shortAnswer: {
          en: 'Citizens over 60 get 600 rupees a month; apply at the Janpad office.',
          hi: '60 वर्ष से अधिक आयु के नागरिकों को 600 रुपये प्रति माह; जनपद कार्यालय में आवेदन करें।',
        },
        tags: ['pension', 'पेंशन'],
        published: true,
      },
      SYSTEM,
    );
    const queue = await db
      .insertInto('call_queues')
      .values({
        code: 'ENQ',
        name: JSON.stringify({ en: 'Enquiries' }),
        language: 'hi',
        place_id: null,
        skill: 'grievance',
        calendar_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    const { email } = await signInStaff(page, web, '/desk', {
      name: 'Enquiry agent',
      grants: [{ role: 'agent' }],
    });
    const agentId = await userIdOf(email);
    await saveAgent(db, web.clock.now(), agentId, { languages: ['hi'], placeIds: [], skills: ['grievance'] });
    await setAgentState(db, web.clock.now(), agentId, 'available', { byChoice: true, who: null });
    const call = await startCall(db, web.clock.now(), {
      provider: 'test',
      providerCallId: 'enq-1',
      caller: phone,
      language: 'hi',
    });
    await enqueueCall(db, web.clock.now(), call.id, queue.id);
    await page.reload();

    // The screen-pop: the flag with its reason, and the cap reached.
    const flags = page.getByRole('note', { name: 'Flagged caller' });
    await flags.waitFor({ timeout: 10_000 });
    expect(await flags.textContent()).toContain('Same complaint every day for a month');
    expect(await page.getByTestId('cap-usage').textContent()).toBe(
      'Monthly limit reached: 1 of 1 this month. To register another, give a reason (it is recorded).',
    );
    // The agent adds a flag of their own, with the reason; it shows at once.
    await page.getByRole('button', { name: 'Flag this caller' }).click();
    await page.getByLabel('Why (a habitual or fake complainant)').fill('Gave a false village name twice');
    await page.getByRole('button', { name: 'Save the flag' }).click();
    await expect.poll(() => flags.textContent()).toContain('Gave a false village name twice');
    await page.getByRole('button', { name: 'Answer' }).click();
    // The registration form asks for the override reason before saving.
    await page.getByLabel("Reason to register past the citizen's monthly limit").waitFor();

    // She asks about the pension: the agent types, picks the answer, reads it in Hindi, logs it.
    const question = page.getByLabel('What is the caller asking?');
    await question.focus();
    await page.keyboard.type('pension');
    await page.getByRole('button', { name: 'Old age pension' }).click();
    expect(await page.getByTestId('short-answer').textContent()).toBe(
      '60 वर्ष से अधिक आयु के नागरिकों को 600 रुपये प्रति माह; जनपद कार्यालय में आवेदन करें।',
    );
    expect(await page.getByTestId('short-answer').getAttribute('lang')).toBe('hi');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'desk-enquiry');
    await page.getByRole('button', { name: 'Answered: log it' }).click();
    await expect
      .poll(() => page.getByRole('status').allTextContents())
      .toContain('Logged as answered on this call.');
    const logged = await db
      .selectFrom('desk_enquiries as e')
      .innerJoin('knowledge_articles as k', 'k.id', 'e.article_id')
      .select(['e.outcome', 'e.question', 'k.code'])
      .where('e.call_id', '=', call.id)
      .execute();
    expect(logged).toEqual([{ outcome: 'answered', question: 'pension', code: 'SSP-OLD-AGE' }]);
    expect(await page.getByLabel('Outcome').inputValue()).toBe('enquiry_answered');
    await db.updateTable('desk_settings').set({ monthly_cap: null }).execute();
    await page.close();

    // A supervisor finds the flag that no longer holds on the quality page and clears it, with why.
    const review = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await signInStaff(review, web, '/quality', { name: 'Flag reviewer', grants: [{ role: 'supervisor' }] });
    const flagged = review.getByRole('region', { name: 'Flagged citizens' });
    const row = flagged.getByRole('row').filter({ hasText: 'Gave a false village name twice' });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain(`${phone} · Gyarsi Bai`);
    await row.getByRole('button', { name: 'Clear the flag' }).click();
    await review.getByLabel('Why it no longer holds').fill('The village has two names; both are right');
    await review.getByRole('button', { name: 'Clear it' }).click();
    await expect
      .poll(() => review.getByRole('status').allTextContents())
      .toContain(`The flag on ${phone} is cleared.`);
    expect(await flagged.getByRole('row').allTextContents()).toEqual([
      expect.stringContaining('Citizen'),
      expect.stringContaining('Same complaint every day for a month'),
    ]);
    expect(await seriousA11yViolations(review)).toEqual([]);
    const cleared = await db
      .selectFrom('audit_log')
      .select('reason')
      .where('action', '=', 'desk.clear_flag')
      .execute();
    expect(cleared).toEqual([{ reason: 'The village has two names; both are right' }]);
    await expect
      .poll(
        async () =>
          (
            await db
              .selectFrom('audit_log')
              .select('action')
              .where('action', '=', 'desk.flags_read')
              .execute()
          ).length,
      )
      .toBeGreaterThan(0);
    await review.close();
  }, 120_000);
  it("shows each queue's hours and who is on which call, and says where the phone system cannot listen in", async () => {
    const { web, browser } = app;
    const { db } = web.database;
    // A night line open 20:00-22:00 in India on Mondays: closed on this Monday morning (10:00 there),
    // opening at 14:30 UTC; and a queue with no calendar, always open.
    const calendar = await db
      .insertInto('calendars')
      .values({ name: 'Night line', time_zone: 'Asia/Kolkata', is_default: false })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('calendar_hours')
      .values({ calendar_id: calendar.id, weekday: 1, opens_minute: 20 * 60, closes_minute: 22 * 60 })
      .execute();
    await db
      .insertInto('call_queues')
      .values({
        code: 'NIGHT',
        name: JSON.stringify({ en: 'Night line' }),
        language: null,
        place_id: null,
        skill: 'night',
        calendar_id: calendar.id,
      })
      .execute();
    const queue = await db
      .insertInto('call_queues')
      .values({
        code: 'WALL',
        name: JSON.stringify({ en: 'Wallboard line' }),
        language: 'sw',
        place_id: null,
        skill: 'wall',
        calendar_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const agent = await buildAgent(
      db,
      web.clock.now(),
      'Busy Bilal',
      { languages: ['sw'], skills: ['wall'] },
      web.clock.now(),
    );
    const call = await startCall(db, web.clock.now(), {
      provider: 'pbx:centre',
      providerCallId: 'wall-1',
      caller: '+255712000001',
      language: 'sw',
    });
    await enqueueCall(db, web.clock.now(), call.id, queue.id);

    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    await signInStaff(page, web, '/wallboard', {
      name: 'Floor supervisor',
      grants: [{ role: 'supervisor' }],
    });
    const onCall = page.getByTestId(`agent-call-${agent}`);
    // Offered by the desk's routing, then answered.
    await expect
      .poll(() => onCall.textContent(), { timeout: 15_000 })
      .toContain(`Call ${call.id} · +255712000001 · Wallboard line`);
    await answerCall(db, web.clock.now(), call.id, agent, null);
    await expect
      .poll(() => onCall.textContent(), { timeout: 15_000 })
      .toContain('this phone system does not offer listen-in');
    expect(await page.getByTestId('hours-WALL').textContent()).toBe('Always open');
    expect(await page.getByTestId('hours-NIGHT').textContent()).toMatch(
      /^Closed until Mar 2, 2026, 2:30 PM$/,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'desk-wallboard');
    await page.close();
  }, 120_000);
});

const SYSTEM_ACTOR = { kind: 'system' as const, id: null };
