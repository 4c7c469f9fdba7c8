// Email against real SMTP on loopback. Outbound: our adapter hands mail to an smtp-server sink; the
// mail carries the reply address and a Message-ID that bring answers back; refusals are sorted into
// retry and failed. Inbound: our smtp-server listener takes mail sent by nodemailer and threads it to
// its grievance by the reply address, then In-Reply-To/References, then the subject; drops robots;
// turns a new matter from an unknown sender into a draft for an agent; ignores a repeat.
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../../test/api.ts';
import { databases } from '../../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../../test/factories.ts';
import { jpeg } from '../../../test/files.ts';
import type { Database } from '../../db/index.ts';
import type { Deps } from '../../deps.ts';
import type { EmailConfig } from './config.ts';
import type { EmailOutcome } from './inbound.ts';
import { type EmailListener, startEmailListener } from './listener.ts';
import { smtpAdapter } from './smtp.ts';

const DOMAIN = 'helpline.example.gov.in';
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

/** An SMTP server that keeps what it is given, or refuses recipients as told. */
async function startSink(options: { refuse?: string; password?: string } = {}) {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: !options.password,
    allowInsecureAuth: true,
    hideSTARTTLS: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.password === options.password) return callback(null, { user: auth.username });
      callback(Object.assign(new Error('535 authentication failed'), { responseCode: 535 }));
    },
    onRcptTo(_address, _session, callback) {
      if (!options.refuse) return callback();
      const code = Number(options.refuse.slice(0, 3));
      callback(Object.assign(new Error(options.refuse), { responseCode: code }));
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        received.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const config = (port: number, auth = ''): EmailConfig & { smtpUrl: string } => ({
  smtpUrl: `smtp://${auth}127.0.0.1:${port}?tls=off`,
  from: 'CivicLine Helpline <helpline@example.gov.in>',
  replyDomain: DOMAIN,
  inbound: null,
  imap: null,
});

describe('email outbound', () => {
  it('sends with the reply address and a Message-ID naming the reference, as an automatic message', async () => {
    const sink = await startSink();
    const adapter = smtpAdapter(config(sink.port));
    try {
      const outcome = await adapter.send({
        notificationId: 7,
        to: 'sunita@example.org',
        language: 'hi',
        subject: 'शिकायत K7M-4QX-9PR दर्ज',
        text: 'आपकी शिकायत दर्ज हो गई है।',
        reference: 'K7M-4QX-9PR',
      });
      expect(outcome.kind).toBe('sent');
      const mail = sink.received[0] as ParsedMail;
      expect(mail.subject).toBe('शिकायत K7M-4QX-9PR दर्ज');
      expect(mail.text?.trim()).toBe('आपकी शिकायत दर्ज हो गई है।');
      expect(mail.replyTo?.value[0]?.address).toBe(`reply+K7M-4QX-9PR@${DOMAIN}`);
      expect(mail.messageId).toBe(`<civicline.K7M-4QX-9PR.7@${DOMAIN}>`);
      expect((outcome as { providerId: string }).providerId).toBe(mail.messageId);
      expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
      // A resolution carries its signed tag in the reply address (src/feedback/reply-tag.ts).
      await adapter.send({
        notificationId: 8,
        to: 'sunita@example.org',
        language: 'en',
        subject: 'Grievance K7M-4QX-9PR resolved',
        text: 'Reply 1 or 2.',
        reference: 'K7M-4QX-9PR',
        replyTag: '0123456789abcdef01234567',
      });
      const resolution = sink.received[1] as ParsedMail;
      expect(resolution.replyTo?.value[0]?.address).toBe(
        `reply+K7M-4QX-9PR.0123456789abcdef01234567@${DOMAIN}`,
      );
    } finally {
      await adapter.close?.();
      await sink.close();
    }
  });

  it('retries a temporary refusal and an unreachable server; fails a permanent refusal and a refused login', async () => {
    const message = { notificationId: 8, to: 'x@example.org', language: 'en', subject: 's', text: 't' };
    const cases: [Awaited<ReturnType<typeof startSink>>, string, string][] = [
      [await startSink({ refuse: '451 4.7.1 greylisted, try later' }), '', 'retry'],
      [await startSink({ refuse: '550 5.1.1 no such user' }), '', 'failed'],
      [await startSink({ password: 'right' }), 'civicline:wrong@', 'failed'],
    ];
    for (const [sink, auth, kind] of cases) {
      const adapter = smtpAdapter(config(sink.port, auth));
      const outcome = await adapter.send(message);
      expect(outcome.kind).toBe(kind);
      if (auth) expect((outcome as { reason: string }).reason).toContain('EMAIL_SMTP_URL');
      await adapter.close?.();
      await sink.close();
    }
    const nowhere = smtpAdapter(config(9));
    expect((await nowhere.send(message)).kind).toBe('retry');
    await nowhere.close?.();
  });
});

describe.each(databases)('email inbound on $name', ({ open }) => {
  let database: Database;
  let deps: Deps;
  let d: Deployment;
  let listener: EmailListener;
  let api: Awaited<ReturnType<typeof startApi>>;
  const outcomes: EmailOutcome[] = [];
  let citizen: ReturnType<typeof nodemailer.createTransport>;
  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
    deps = api.deps;
    d = await buildDeployment(deps);
    listener = await startEmailListener(
      deps,
      { ...config(0), inbound: { host: '127.0.0.1', port: 0, maxBytes: 2_000_000 } },
      silent,
      (o) => outcomes.push(o),
    );
    citizen = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, ignoreTLS: true });
    // Opening and migrating the embedded database takes long on a loaded two-core machine.
  }, 180_000);
  afterAll(async () => {
    citizen?.close();
    await listener?.close();
    await api?.app.close();
    await database?.close();
  });

  const send = async (mail: Parameters<typeof citizen.sendMail>[0]) => {
    const before = outcomes.length;
    await citizen.sendMail({ from: 'Sunita <sunita@example.org>', to: `helpline@${DOMAIN}`, ...mail });
    return outcomes.slice(before);
  };
  const linked = (reference: string) =>
    database.db
      .selectFrom('interactions as i')
      .innerJoin('interaction_grievances as ig', 'ig.interaction_id', 'i.id')
      .innerJoin('grievances as g', 'g.id', 'ig.grievance_id')
      .select(['i.id', 'i.summary', 'i.channel'])
      .where('g.reference', '=', reference)
      .where('i.channel', '=', 'email')
      .execute();

  it('threads a reply by the reply address, then In-Reply-To/References, then the subject', async () => {
    const g = await buildGrievance(deps, d, { citizen: { phone: '+919812366601' } });
    const byAddress = await send({
      to: `reply+${g.reference.toLowerCase()}@${DOMAIN}`,
      subject: 'Re: your complaint',
      text: 'The pump is still broken.\n\nOn Mon, 2 Mar 2026 at 10:00, CivicLine wrote:\n> Your complaint is registered',
      attachments: [{ filename: 'pump.jpg', content: jpeg() }],
    });
    expect(byAddress).toEqual([
      expect.objectContaining({ kind: 'threaded', reference: g.reference, by: 'address' }),
    ]);

    // A message we sent earlier (its Message-ID on the history, linked to the grievance).
    const earlier = await database.db
      .insertInto('interactions')
      .values({
        citizen_id: null,
        channel: 'email',
        direction: 'outbound',
        external_id: '<sent-123@mailer.example>',
        summary: 'acknowledgement',
        started_at: new Date(),
        ended_at: null,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto('interaction_grievances')
      .values({ interaction_id: earlier.id, grievance_id: g.id })
      .execute();
    const byHeaders = await send({
      subject: 'Re: acknowledgement',
      text: 'Any news?',
      inReplyTo: '<sent-123@mailer.example>',
      references: ['<sent-123@mailer.example>'],
    });
    expect(byHeaders).toEqual([
      expect.objectContaining({ kind: 'threaded', by: 'headers', reference: g.reference }),
    ]);
    const byOurId = await send({
      subject: 'Re: x',
      text: 'Hello',
      inReplyTo: `<civicline.${g.reference}.5@${DOMAIN}>`,
    });
    expect(byOurId).toEqual([expect.objectContaining({ kind: 'threaded', by: 'headers' })]);

    const bySubject = await send({
      subject: `About ${g.reference.replaceAll('-', '')} again`,
      text: 'Please hurry.',
    });
    expect(bySubject).toEqual([
      expect.objectContaining({ kind: 'threaded', by: 'subject', reference: g.reference }),
    ]);

    const history = await linked(g.reference);
    expect(history).toHaveLength(5); // four replies and the message we sent
    const first = history.find((h) => h.summary?.includes('still broken'));
    // The quoted message is not stored again; the photo became an attachment.
    expect(first?.summary).not.toContain('Your complaint is registered');
    expect(first?.summary).toContain('From sunita@example.org');
    const attachments = await database.db
      .selectFrom('attachments')
      .select('uploader_kind')
      .where('grievance_id', '=', g.id)
      .execute();
    expect(attachments).toEqual([{ uploader_kind: 'citizen' }]);
  });

  it("keeps an anonymous complainant's address off what the department can read", async () => {
    const g = await buildGrievance(deps, d, { anonymous: true, citizen: { phone: '+919812366602' } });
    await send({ to: `reply+${g.reference}@${DOMAIN}`, subject: 'more', text: 'He asked for money again.' });
    const [row] = await linked(g.reference);
    expect(row?.summary).toContain('He asked for money again.');
    expect(row?.summary).not.toContain('sunita@example.org');
  });

  it('drops out-of-office answers, bulk mail and bounces, and ignores a repeated delivery', async () => {
    const dropped = [
      ...(await send({
        subject: 'Out of office',
        text: 'Away',
        headers: { 'Auto-Submitted': 'auto-replied' },
      })),
      ...(await send({ subject: 'News', text: 'Offer', headers: { Precedence: 'bulk' } })),
      ...(await send({
        envelope: { from: '', to: `helpline@${DOMAIN}` },
        from: 'MAILER-DAEMON@example.org',
        subject: 'Undelivered Mail Returned to Sender',
        text: 'failed',
      })),
    ];
    expect(dropped.map((o) => o.kind)).toEqual(['dropped', 'dropped', 'dropped']);
    const mail = {
      subject: 'Streetlight',
      text: 'The streetlight at the bus stop is off.',
      messageId: '<once@example.org>',
    };
    expect((await send(mail))[0]?.kind).toBe('drafted');
    expect((await send(mail))[0]?.kind).toBe('duplicate');
  });

  it('turns a new matter from an unknown sender into a draft for an agent, with its photo', async () => {
    const [outcome] = await send({
      from: 'Ramesh <ramesh@example.net>',
      subject: 'Road broken near Biaora market',
      text: 'A large pit in the road near the market; two scooters fell yesterday.',
      attachments: [
        { filename: 'road.jpg', content: jpeg() },
        { filename: 'notes.exe', content: Buffer.from('MZ...') },
      ],
    });
    expect(outcome?.kind).toBe('drafted');
    const draft = await database.db
      .selectFrom('intake_drafts')
      .selectAll()
      .where('id', '=', (outcome as { draftId: number }).draftId)
      .executeTakeFirstOrThrow();
    expect(draft).toMatchObject({ channel: 'email', status: 'open' });
    expect(draft.text).toContain('two scooters fell');
    expect(draft.data).toMatchObject({
      email: 'ramesh@example.net',
      subject: 'Road broken near Biaora market',
    });
    const media = await database.db
      .selectFrom('intake_draft_media')
      .select('media_type')
      .where('draft_id', '=', draft.id)
      .execute();
    expect(media).toEqual([{ media_type: 'image/jpeg' }]);
  });

  it('refuses mail for other domains', async () => {
    await expect(
      citizen.sendMail({ from: 'a@example.org', to: 'someone@elsewhere.org', text: 'x' }),
    ).rejects.toThrow(/550/);
  });
});
