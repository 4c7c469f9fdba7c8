// Closure feedback by email against real peers: our delivery worker hands mail to a local SMTP server
// (smtp-server), the test parses what arrived, follows the feedback link over real HTTP to the running
// app and answers; replies are sent by nodemailer to our inbound SMTP listener. Covered: the portal's
// address flow (a code to the new address, nothing else before it is confirmed), email in the channel
// preference, an address kept from an email that became a grievance (only on a citizen it created), the
// link bound to one resolution (a GET never answers; reuse, a newer resolution, a forged or expired link
// refused), and a reply of 1 / 2 honoured only when sent to the resolution email's signed reply address
// (reply+<reference>.<tag>@, for the current resolution) from the citizen's verified address.
import type { AddressInfo } from 'node:net';
import type { ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { recipientsOf, startMailbox } from '../../test/mailbox.ts';
import { type Caller, citizenCaller, staffCaller } from '../../test/principals.ts';
import type { EmailConfig } from '../channels/email/config.ts';
import type { EmailOutcome } from '../channels/email/inbound.ts';
import { type EmailListener, startEmailListener } from '../channels/email/listener.ts';
import { type ChannelRegistry, startChannels } from '../channels/registry.ts';
import { manualClock } from '../clock.ts';
import type { Database } from '../db/index.ts';
import { transition } from '../grievances/index.ts';
import { deliverDue } from '../notify/deliver.ts';

const DOMAIN = 'helpline.example.gov.in';
const officer = { kind: 'officer' as const, id: 1 };
const silent = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  trace() {},
  fatal() {},
  child: () => silent,
  level: 'silent',
  silent() {},
} as never;

describe.each(databases)('closure feedback by email on $name', ({ open }) => {
  let database: Database;
  let d: Deployment;
  let api: Awaited<ReturnType<typeof startApi>>;
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;
  let channels: ChannelRegistry;
  let listener: EmailListener;
  let base: string;
  const outcomes: EmailOutcome[] = [];
  let citizenMail: ReturnType<typeof nodemailer.createTransport>;
  let agent: Caller;

  beforeAll(async () => {
    database = await open();
    mailbox = await startMailbox();
    const env = {
      EMAIL_SMTP_URL: `smtp://127.0.0.1:${mailbox.port}?tls=off`,
      EMAIL_FROM: `CivicLine Helpline <helpline@${DOMAIN}>`,
      EMAIL_REPLY_DOMAIN: DOMAIN,
    };
    // The email adapter needs no clock; the app's is the test's (startApi).
    channels = await startChannels({ db: database.db, clock: manualClock('2026-03-02T04:30:00Z') }, env);
    api = await startApi(database, undefined, { channels });
    agent = await staffCaller(api.raw, database, api.clock, 'desk agent', [{ role: 'agent' }]);
    await api.raw.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(api.raw.server.address() as AddressInfo).port}`;
    d = await buildDeployment(api.deps);
    const config: EmailConfig = {
      smtpUrl: null,
      from: env.EMAIL_FROM,
      replyDomain: DOMAIN,
      inbound: { host: '127.0.0.1', port: 0, maxBytes: 2_000_000 },
      imap: null,
    };
    listener = await startEmailListener(
      api.deps,
      { ...config, inbound: config.inbound as NonNullable<EmailConfig['inbound']> },
      silent,
      (o) => outcomes.push(o),
    );
    citizenMail = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, ignoreTLS: true });
    // Opening and migrating the embedded database takes long on a loaded two-core machine.
  }, 180_000);
  afterAll(async () => {
    citizenMail?.close();
    await listener?.close();
    for (const adapter of Object.values(channels?.adapters ?? {})) await adapter?.close?.();
    await api?.raw.close();
    await mailbox?.close();
    await database?.close();
  });

  const deliver = () =>
    deliverDue(database.db, api.clock, { adapters: channels.adapters, publicUrl: base, log: silent });
  /** Delivers the outbox and returns the mail that arrived for `address` meanwhile. */
  const mailFor = async (address: string) => {
    const before = mailbox.received.length;
    await deliver();
    return mailbox.received.slice(before).filter((m) => recipientsOf(m).includes(address));
  };
  const reply = async (mail: Parameters<typeof citizenMail.sendMail>[0]) => {
    const before = outcomes.length;
    await citizenMail.sendMail(mail);
    return outcomes.slice(before);
  };
  const statusOf = (reference: string) =>
    database.db
      .selectFrom('grievances')
      .select(['status', 'reopen_count'])
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
  const resolve = (reference: string, note: string) =>
    transition(database.db, api.clock, reference, { type: 'resolve', note }, officer);
  const links = (mail: ParsedMail) => {
    const text = mail.text ?? '';
    const yes = /https?:\/\/\S+answer=yes/.exec(text)?.[0];
    const no = /https?:\/\/\S+answer=no/.exec(text)?.[0];
    if (!yes || !no) throw new Error(`no feedback links in: ${text}`);
    return { yes, no, token: new URL(yes).searchParams.get('token') as string };
  };
  const http = (path: string, init?: RequestInit) =>
    fetch(`${base}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) },
    });
  const answer = (token: string, body: object) =>
    http(`/api/feedback-links/${encodeURIComponent(token)}`, { method: 'POST', body: JSON.stringify(body) });
  /** The reply address a message asks answers to go to. */
  const replyToOf = (mail: ParsedMail | undefined) => mail?.replyTo?.value[0]?.address as string;
  const codeOf = async (res: Response) =>
    ((await res.json()) as { details?: { code?: string }[] }).details?.[0]?.code;

  it('confirms an address typed on the portal with a code sent to it, and then sends there when chosen', async () => {
    const phone = '+919812355501';
    await buildGrievance(api.deps, d, { channel: 'web', citizen: { phone } });
    const citizen: Caller = await citizenCaller(api.raw, database, 'portal citizen', phone);
    const call = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: object) =>
      api.raw.inject({ method, url, headers: citizen.headers, ...(payload ? { payload } : {}) });

    const early = await call('PUT', '/api/me/channel-preference', { channel: 'email' });
    expect(early.statusCode).toBe(409);
    expect(early.json().details[0].code).toBe('email_not_verified');
    const bad = await call('PUT', '/api/me/email', { email: 'not an address' });
    expect(bad.json().details[0].code).toBe('email_invalid');

    const given = await call('PUT', '/api/me/email', { email: '  Kamla.Devi@Example.ORG ' });
    expect(given.statusCode, given.body).toBe(200);
    expect(given.json()).toMatchObject({
      email: null,
      pending: { email: 'kamla.devi@example.org' },
      available: true,
    });
    // The unconfirmed address gets its code, and nothing else.
    const [codeMail, ...others] = await mailFor('kamla.devi@example.org');
    expect(others).toEqual([]);
    expect(codeMail?.subject).toBe('Confirm your email address');
    const code = /\b(\d{6})\b/.exec(codeMail?.text ?? '')?.[1] as string;
    expect(code).toMatch(/^\d{6}$/);

    const wrong = await call('POST', '/api/me/email/confirm', {
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().details[0].code).toBe('email_code_wrong');
    const confirmed = await call('POST', '/api/me/email/confirm', { code });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({
      email: 'kamla.devi@example.org',
      verifiedBy: 'code',
      pending: null,
    });
    const again = await call('POST', '/api/me/email/confirm', { code });
    expect(again.json().details[0].code).toBe('email_code_none');

    const chosen = await call('PUT', '/api/me/channel-preference', { channel: 'email' });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json()).toEqual({ channel: 'email', available: ['email'] });
    const next = await buildGrievance(api.deps, d, { channel: 'web', citizen: { phone } });
    const [ack] = await mailFor('kamla.devi@example.org');
    expect(ack?.subject).toBe(`Grievance ${next.reference} registered`);
    expect(ack?.replyTo?.value[0]?.address).toBe(`reply+${next.reference}@${DOMAIN}`);
    expect(ack?.text).toContain('reply to this email');

    // Audited, and the entries name the citizen, never the address.
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'data'])
      .where('action', 'like', '% /api/me/email%')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['PUT /api/me/email', 'POST /api/me/email/confirm']),
    );
    expect(JSON.stringify(audit)).not.toContain('kamla');

    // Removing the address puts messages back on automatic.
    const removed = await call('DELETE', '/api/me/email');
    expect(removed.json()).toMatchObject({ email: null });
    expect((await call('GET', '/api/me/channel-preference')).json()).toMatchObject({ channel: null });
  });

  /** A grievance raised by email and registered by an agent: the citizen keeps the sender's address. */
  async function raisedByEmail(phone: string, sender: string, language = 'en') {
    const [drafted] = await reply({
      from: `Sunita <${sender}>`,
      to: `helpline@${DOMAIN}`,
      subject: 'Hand pump broken',
      text: 'The hand pump near the school has not worked for a week.',
    });
    expect(drafted?.kind).toBe('drafted');
    const res = await api.raw.inject({
      method: 'POST',
      url: '/api/grievances',
      headers: agent.headers,
      payload: {
        categoryId: d.category.id,
        placeId: d.village.id,
        subject: 'Hand pump broken',
        description: 'The hand pump near the school has not worked for a week.',
        language,
        channel: 'email',
        citizen: { phone, name: 'Sunita Devi', language },
        interactionId: (drafted as { interactionId: number }).interactionId,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().reference as string;
  }

  it('answers a resolution through the link: GET only shows it, POST answers once, for that resolution only', async () => {
    const sender = 'sunita@example.org';
    const reference = await raisedByEmail('+919812355502', 'Sunita@Example.org');
    const kept = await database.db
      .selectFrom('citizens')
      .select(['email', 'email_verified_by'])
      .where('phone', '=', '+919812355502')
      .executeTakeFirstOrThrow();
    expect(kept).toEqual({ email: sender, email_verified_by: 'used' });
    // Automatic: a grievance that came by email is answered by email.
    const [ack] = await mailFor(sender);
    expect(ack?.subject).toBe(`Grievance ${reference} registered`);
    expect(replyToOf(ack)).toBe(`reply+${reference}@${DOMAIN}`);

    await resolve(reference, 'Pump repaired on 3 March.');
    const [resolution] = await mailFor(sender);
    expect(resolution?.subject).toBe(`Grievance ${reference} resolved`);
    // The resolution's reply address carries its signed tag (lower-case hex: it survives lower-casing).
    expect(replyToOf(resolution)).toMatch(new RegExp(`^reply\\+${reference}\\.[0-9a-f]{24}@${DOMAIN}$`));
    expect(resolution?.text).toContain('Pump repaired on 3 March.');
    expect(resolution?.text).toContain('Reply to this email with 1 for yes or 2 for no');
    const first = links(resolution as ParsedMail);
    expect(first.yes.startsWith(`${base}/feedback?token=`)).toBe(true);

    // A mail scanner opens both links, and the page reads the question: nothing is answered.
    await fetch(first.yes);
    await fetch(first.no);
    const shown = await http(`/api/feedback-links/${encodeURIComponent(first.token)}`);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('cache-control')).toBe('no-store');
    expect(await shown.json()).toMatchObject({
      reference,
      language: 'en',
      actionTaken: 'Pump repaired on 3 March.',
    });
    expect((await statusOf(reference)).status).toBe('resolved');

    // Not satisfied needs the citizen's words, as on the portal.
    const wordless = await answer(first.token, { satisfied: false, rating: 2 });
    expect(wordless.status).toBe(400);
    const reopened = await answer(first.token, { satisfied: false, rating: 2, reason: 'It leaks again.' });
    expect(reopened.status, await reopened.clone().text()).toBe(200);
    expect(await reopened.json()).toEqual({ reference, reopened: true });
    expect(await statusOf(reference)).toEqual({ status: 'assigned', reopen_count: 1 });
    const event = await database.db
      .selectFrom('grievance_events as e')
      .innerJoin('grievances as g', 'g.id', 'e.grievance_id')
      .select(['e.actor_kind', 'e.note', 'e.data'])
      .where('g.reference', '=', reference)
      .where('e.kind', '=', 'reopened')
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor_kind: 'citizen', note: 'It leaks again.', data: { rating: 2 } });
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['actor_kind', 'ip'])
      .where('action', '=', 'grievance.reopen')
      .where('entity_id', '=', reference)
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor_kind: 'citizen', ip: '127.0.0.1' });
    const history = await database.db
      .selectFrom('interactions as i')
      .innerJoin('interaction_grievances as ig', 'ig.interaction_id', 'i.id')
      .innerJoin('grievances as g', 'g.id', 'ig.grievance_id')
      .select('i.summary')
      .where('g.reference', '=', reference)
      .where('i.external_id', 'like', 'feedback-link:%')
      .execute();
    expect(history).toEqual([
      {
        summary: expect.stringContaining(
          'Not satisfied with the resolution (rating 2 of 5): It leaks again.',
        ),
      },
    ]);

    // Used: the same link answers nothing again.
    const reused = await answer(first.token, { satisfied: true });
    expect(reused.status).toBe(409);
    expect(await codeOf(reused)).toBe('feedback_link_closed');

    // Resolved again: the first link stays dead (it answered the earlier resolution), the new one works.
    await resolve(reference, 'Pump replaced.');
    const [second] = await mailFor(sender);
    const fresh = links(second as ParsedMail);
    expect(fresh.token).not.toBe(first.token);
    const stale = await answer(first.token, { satisfied: true });
    expect(await codeOf(stale)).toBe('feedback_link_closed');
    const forged = await answer(`${fresh.token.slice(0, -3)}AAA`, { satisfied: true });
    expect(forged.status).toBe(404);
    expect(await codeOf(forged)).toBe('feedback_link_invalid');
    const satisfied = await answer(fresh.token, { satisfied: true, rating: 5 });
    expect(satisfied.status).toBe(200);
    expect((await statusOf(reference)).status).toBe('closed');
    const verdicts = await database.db
      .selectFrom('citizen_feedback as f')
      .innerJoin('grievances as g', 'g.id', 'f.grievance_id')
      .select(['f.satisfied', 'f.rating'])
      .where('g.reference', '=', reference)
      .orderBy('f.event_id')
      .execute();
    expect(verdicts).toEqual([
      { satisfied: false, rating: 2 },
      { satisfied: true, rating: 5 },
    ]);
  });

  it('refuses a link past its expiry', async () => {
    const sender = 'asha@example.org';
    const reference = await raisedByEmail('+919812355503', sender);
    await mailFor(sender);
    await resolve(reference, 'Done.');
    const { token } = links((await mailFor(sender))[0] as ParsedMail);
    api.clock.advance(15 * 86_400_000);
    try {
      const late = await answer(token, { satisfied: true });
      expect(late.status).toBe(409);
      expect(await codeOf(late)).toBe('feedback_link_expired');
      expect((await statusOf(reference)).status).toBe('resolved');
    } finally {
      api.clock.advance(-15 * 86_400_000);
    }
  });

  it('takes a reply of 1 or 2 only at the signed reply address of the current resolution, from the citizen', async () => {
    const sender = 'meena@example.org';
    const reference = await raisedByEmail('+919812355504', sender, 'hi');
    await mailFor(sender);
    await resolve(reference, 'हैंडपंप ठीक कर दिया गया।');
    const [resolution] = await mailFor(sender);
    expect(resolution?.subject).toBe(`शिकायत ${reference} का निराकरण`);
    expect(resolution?.text).toContain('हाँ के लिए 1, नहीं के लिए 2');
    expect(resolution?.text).toContain('संतुष्ट नहीं:');
    const signed = replyToOf(resolution);
    expect(signed).toMatch(new RegExp(`^reply\\+${reference}\\.[0-9a-f]{24}@${DOMAIN}$`));

    // Someone else who knows the reference writes to its reply address: a reply on the history, no more.
    const stranger = await reply({
      from: 'Mallory <mallory@example.net>',
      to: `reply+${reference}@${DOMAIN}`,
      subject: `Re: ${resolution?.subject}`,
      text: '1',
    });
    expect(stranger).toEqual([expect.objectContaining({ kind: 'threaded', feedback: 'not_the_citizen' })]);
    // Or forges the citizen's address (staff see it on the history): without the signed address, nothing.
    const forged = await reply({
      from: `Meena <${sender}>`,
      to: `reply+${reference}@${DOMAIN}`,
      subject: `Re: ${resolution?.subject}`,
      inReplyTo: resolution?.messageId,
      text: '1',
    });
    expect(forged).toEqual([expect.objectContaining({ kind: 'threaded', feedback: 'not_signed' })]);
    // A tag tampered with (one digit changed) is no better.
    const [local, domain] = signed.split('@') as [string, string];
    const flipped = `${local.slice(0, -1)}${local.endsWith('0') ? '1' : '0'}@${domain}`;
    const tampered = await reply({ from: sender, to: flipped, subject: 'Re', text: '1' });
    expect(tampered).toEqual([expect.objectContaining({ kind: 'threaded', feedback: 'not_signed' })]);
    expect(await statusOf(reference)).toEqual({ status: 'resolved', reopen_count: 0 });

    // The citizen answers the resolution email, through a mail server that lower-cases the local part.
    const theirs = await reply({
      from: 'Meena <MEENA@Example.ORG>',
      to: signed.toLowerCase(),
      subject: `Re: ${resolution?.subject}`,
      inReplyTo: resolution?.messageId,
      text: `2 नल फिर से टपक रहा है\n\nOn Tue, 3 Mar 2026 at 10:00, CivicLine wrote:\n> ${resolution?.text?.split('\n')[0]}`,
    });
    expect(theirs).toEqual([expect.objectContaining({ kind: 'threaded', feedback: 'reopened' })]);
    expect(await statusOf(reference)).toEqual({ status: 'assigned', reopen_count: 1 });
    const note = await database.db
      .selectFrom('grievance_events as e')
      .innerJoin('grievances as g', 'g.id', 'e.grievance_id')
      .select('e.note')
      .where('g.reference', '=', reference)
      .where('e.kind', '=', 'reopened')
      .executeTakeFirstOrThrow();
    expect(note.note).toBe('नल फिर से टपक रहा है');
    const [sorry] = await mailFor(sender);
    expect(sorry?.subject).toBe(`पुनः: शिकायत ${reference}`);
    expect(sorry?.text).toContain('फिर से खोली गई');

    // Every reply is on the history; the audit names the citizen for the one that counted.
    const replies = await database.db
      .selectFrom('interactions as i')
      .innerJoin('interaction_grievances as ig', 'ig.interaction_id', 'i.id')
      .innerJoin('grievances as g', 'g.id', 'ig.grievance_id')
      .select('i.summary')
      .where('g.reference', '=', reference)
      .where('i.direction', '=', 'inbound')
      .where('i.channel', '=', 'email')
      .orderBy('i.id')
      .execute();
    expect(replies.map((r) => r.summary)).toEqual([
      expect.stringContaining('Hand pump broken'),
      expect.stringContaining('From mallory@example.net'),
      expect.stringContaining(`From ${sender}`),
      expect.stringContaining(`From ${sender}`),
      expect.stringContaining('नल फिर से टपक रहा है'),
    ]);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['actor_kind'])
      .where('action', '=', 'grievance.reopen')
      .where('entity_id', '=', reference)
      .execute();
    expect(audit).toEqual([{ actor_kind: 'citizen' }]);

    // Resolved again: the first email's address no longer answers anything; the new one does.
    await resolve(reference, 'नया हैंडपंप लगाया गया।');
    const [again] = await mailFor(sender);
    const current = replyToOf(again);
    expect(current).not.toBe(signed);
    const old = await reply({ from: sender, to: signed, subject: 'Re', text: 'हाँ' });
    expect(old).toEqual([expect.objectContaining({ kind: 'threaded', feedback: 'too_late' })]);
    expect((await statusOf(reference)).status).toBe('resolved');
    const yes = await reply({ from: sender, to: current, subject: 'Re', text: 'हाँ, धन्यवाद' });
    expect(yes).toEqual([expect.objectContaining({ feedback: 'closed' })]);
    expect((await statusOf(reference)).status).toBe('closed');
    // Late: nothing waits for an answer any more.
    const late = await reply({ from: sender, to: current, subject: 'Re', text: '2 again' });
    expect(late[0]).toMatchObject({ kind: 'threaded' });
    expect(late[0]).not.toHaveProperty('feedback');
    expect((await statusOf(reference)).status).toBe('closed');
  });

  it('gives the sender’s address only to a citizen the registration created, never to one we knew', async () => {
    const phone = '+919812355506';
    // A citizen we already know (registered on the web), with no address yet.
    await buildGrievance(api.deps, d, { channel: 'web', citizen: { phone } });
    // Someone emails with that citizen's number; an agent registers it against them.
    await raisedByEmail(phone, 'attacker@example.net');
    const known = await database.db
      .selectFrom('citizens')
      .select(['id', 'email', 'email_verified_at'])
      .where('phone', '=', phone)
      .executeTakeFirstOrThrow();
    expect(known).toEqual({ id: expect.anything(), email: null, email_verified_at: null });
    // So nothing about the grievance goes to that address.
    expect(await mailFor('attacker@example.net')).toEqual([]);
    const audit = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'citizen email kept (wrote from it)')
      .where('entity_id', '=', String(known.id))
      .execute();
    expect(audit).toEqual([]);
    // A number we did not know: the registration created the citizen, who keeps the address.
    await raisedByEmail('+919812355507', 'newcomer@example.org');
    const created = await database.db
      .selectFrom('citizens')
      .select(['email', 'email_verified_by'])
      .where('phone', '=', '+919812355507')
      .executeTakeFirstOrThrow();
    expect(created).toEqual({ email: 'newcomer@example.org', email_verified_by: 'used' });
  });

  it("keeps an anonymous complainant's address off the department's view of the feedback", async () => {
    const sender = 'quiet@example.org';
    const [drafted] = await reply({
      from: sender,
      to: `helpline@${DOMAIN}`,
      subject: 'Bribe asked',
      text: 'The clerk asked for money.',
    });
    const res = await api.raw.inject({
      method: 'POST',
      url: '/api/grievances',
      headers: agent.headers,
      payload: {
        categoryId: d.category.id,
        placeId: d.village.id,
        subject: 'Bribe asked',
        description: 'The clerk asked for money.',
        language: 'en',
        channel: 'email',
        anonymous: true,
        citizen: { phone: '+919812355505' },
        interactionId: (drafted as { interactionId: number }).interactionId,
      },
    });
    const reference = res.json().reference as string;
    await mailFor(sender);
    await resolve(reference, 'Clerk transferred.');
    const [resolution] = await mailFor(sender);
    await reply({ from: sender, to: replyToOf(resolution), subject: 'Re', text: '2 he is back' });
    expect((await statusOf(reference)).status).toBe('assigned');
    const seen = await api.app.inject({ url: `/api/grievances/${reference}` });
    const history = await api.app.inject({ url: `/api/grievances/${reference}/history` });
    const messages = await api.app.inject({ url: `/api/grievances/${reference}/notifications` });
    for (const r of [seen, history, messages]) expect(r.body).not.toContain('quiet@');
  });
});
