// The agent desk in a real browser, played as an agent's call: the PBX posts the call to the telephony
// webhook, the screen pops with the caller's history, the agent registers the grievance from the
// keyboard in well under a minute (timed, keystrokes counted), the acknowledgement SMS is queued, the
// caller hangs up and the wrap-up is recorded on the call and the caller's history.
import { describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../../test/browser.ts';
import { buildQueue } from '../../test/desk.ts';
import { buildGrievance } from '../../test/factories.ts';
import { shot, signInStaff, webAppWithBrowser } from '../../test/web.ts';
import { createTelephonySource, saveAgent, signTelephony } from '../desk/index.ts';

describe('agent desk in the browser', () => {
  const app = webAppWithBrowser();

  it('pops a PBX call with the history, registers in under a minute of typing and wraps up', async () => {
    const { web, browser, d } = app;
    const { db } = web.database;
    const phone = '+919826012345';
    const earlier = await buildGrievance(web.deps, d, {
      citizen: { phone, name: 'Ramvati Bai' },
      subject: 'Hand pump near the school broken',
      channel: 'phone',
    });
    const queue = await buildQueue(db, { code: 'HI-ALL', language: 'hi' });
    const { secret } = await createTelephonySource(db, web.clock.now(), {
      code: 'centre',
      name: 'Rajgarh centre PBX',
      defaultQueueId: queue,
    });
    const pbx = async (body: object) => {
      const raw = JSON.stringify(body);
      const at = Math.floor(web.clock.now().getTime() / 1000);
      const res = await fetch(`${web.base}/api/telephony/centre/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-civicline-timestamp': String(at),
          'x-civicline-signature': signTelephony(secret, at, raw),
        },
        body: raw,
      });
      expect(res.status, await res.clone().text()).toBe(200);
      return res.json() as Promise<{ callId: number; state: string }>;
    };

    // The agent signs in and lands on the desk, not the officers' queue.
    const page = await browser.newPage({ locale: 'en-IN', bypassCSP: true });
    const { email } = await signInStaff(page, web, '/work', {
      name: 'Rekha Agent',
      grants: [{ role: 'agent' }],
    });
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    await saveAgent(db, web.clock.now(), user.id, {
      languages: ['hi', 'en'],
      placeIds: [],
      skills: ['grievance'],
    });
    await page.reload();
    await expect
      .poll(() => page.getByTestId('agent-state').textContent())
      .toBe('You are signed out of the desk.');
    await page.getByRole('button', { name: 'Take calls' }).click();
    await expect.poll(() => page.getByTestId('agent-state').textContent()).toBe('You are available.');

    // A call comes in through the PBX: the screen pops with who it is and what they pressed.
    const { callId } = await pbx({
      event: 'new',
      callId: 'pbx-77',
      caller: phone,
      language: 'hi',
      digits: '2 1',
    });
    await expect
      .poll(() => page.getByRole('heading', { level: 2 }).first().textContent(), { timeout: 10_000 })
      .toBe(`Incoming call: ${phone} · Ramvati Bai`);
    expect(await page.getByTestId('ivr-path').textContent()).toBe('Pressed: pbx 2 1');
    const history = page.locator('.caller-history');
    expect(await history.textContent()).toContain(earlier.reference);
    expect(await history.textContent()).toContain('L1 officer, Biaora · Officer 1 · L1');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The PBX says she picked up: the registration form opens with the caller's details filled in.
    await pbx({ event: 'answered', callId: 'pbx-77' });
    const category = page.getByRole('combobox', { name: 'What is it about?' });
    await category.waitFor();
    expect(await page.getByLabel("Caller's mobile").inputValue()).toBe(phone);
    expect(await page.getByLabel("Caller's name").inputValue()).toBe('Ramvati Bai');

    // Timed from the first keystroke to the reference on screen.
    let keystrokes = 0;
    const type = async (text: string) => {
      await page.keyboard.type(text, { delay: 40 });
      keystrokes += text.length;
    };
    const press = async (key: string) => {
      await page.keyboard.press(key);
      keystrokes++;
    };
    const started = Date.now();
    await category.focus();
    await type('hand');
    await page.getByRole('option', { name: /Hand pump not working/ }).waitFor();
    await press('Enter');
    await press('Tab');
    await type('kachn');
    await page.getByRole('option', { name: 'Kachnariya, Biaora, Rajgarh' }).waitFor();
    await press('Enter');
    // The same category and village, still open: shown before saving.
    await expect
      .poll(() => page.locator('.duplicates').textContent())
      .toContain(`The caller already has 1 open grievance of this kind here:${earlier.reference}`);
    await press('Tab');
    await type('Hand pump broken again since Monday. Whole lane without water.');
    await press('Tab'); // anonymous: no
    await press('Tab');
    await press('Enter'); // Register
    const registered = page.locator('.registered');
    await registered.waitFor();
    const seconds = (Date.now() - started) / 1000;
    const reference = (await registered.textContent())?.match(/Registered: ([A-Z0-9-]+)\./)?.[1] as string;
    expect(reference).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}$/);
    expect(await registered.textContent()).toContain('The acknowledgement SMS is on its way.');
    expect(seconds).toBeLessThan(60);
    console.log(`desk registration: ${keystrokes} keystrokes, ${seconds.toFixed(1)} s`);
    await shot(page, 'agent-desk');

    // The acknowledgement is queued for the caller, and the grievance is on the call's contact.
    const ack = await db
      .selectFrom('notifications as n')
      .innerJoin('grievances as g', 'g.id', 'n.grievance_id')
      .innerJoin('citizens as c', 'c.id', 'n.citizen_id')
      .select(['n.template', 'n.status', 'c.phone', 'g.channel', 'g.anonymous'])
      .where('g.reference', '=', reference)
      .where('n.recipient_kind', '=', 'citizen')
      .execute();
    expect(ack).toEqual([
      { template: 'grievance_registered', status: 'pending', phone, channel: 'phone', anonymous: false },
    ]);

    // The caller hangs up; the agent saves the wrap-up and is free for the next call.
    web.clock.advance(90_000);
    await pbx({ event: 'hangup', callId: 'pbx-77' });
    await expect.poll(() => page.getByTestId('agent-state').textContent()).toBe('You are wrapping up.');
    web.clock.advance(25_000);
    expect(await page.getByLabel('Outcome').inputValue()).toBe('registered');
    await page.getByLabel('Notes').fill('Second complaint; told her the promised date');
    await page.getByRole('button', { name: 'Save and finish the call' }).click();
    await expect.poll(() => page.getByTestId('agent-state').textContent()).toBe('You are available.');
    const call = await db
      .selectFrom('calls')
      .select(['state', 'disposition', 'wrap_notes', 'after_call_seconds'])
      .where('id', '=', callId)
      .executeTakeFirstOrThrow();
    expect(call).toEqual({
      state: 'ended',
      disposition: 'registered',
      wrap_notes: 'Second complaint; told her the promised date',
      after_call_seconds: 25,
    });
    await page.close();
  }, 120_000);
});
