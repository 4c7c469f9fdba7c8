// The IMAP poller against a minimal IMAP server on loopback (test/imap.ts): unseen mail goes through
// the same inbound path as the SMTP listener (threaded by the reply address, robots dropped, a new
// matter drafted), each message is marked seen only once it is stored, a message whose storing fails
// stays unseen and is taken by the next poll, and one over the size cap is flagged and left.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../../test/api.ts';
import { databases } from '../../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../../test/factories.ts';
import { type ImapServer, startImap } from '../../../test/imap.ts';
import type { Database } from '../../db/index.ts';
import { readEmailConfig } from './config.ts';
import { pollMailbox } from './imap.ts';
import { receiveEmail } from './inbound.ts';

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

const raw = (headers: Record<string, string>, body: string) =>
  `${Object.entries({
    Date: 'Mon, 02 Mar 2026 10:00:00 +0530',
    'MIME-Version': '1.0',
    'Content-Type': 'text/plain; charset=utf-8',
    ...headers,
  })
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n')}\r\n\r\n${body.replace(/\n/g, '\r\n')}\r\n`;

describe.each(databases)('email over IMAP on $name', ({ open }) => {
  let database: Database;
  let d: Deployment;
  let imap: ImapServer;
  let api: Awaited<ReturnType<typeof startApi>>;

  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
    d = await buildDeployment(api.deps);
    imap = await startImap();
  }, 180_000);
  afterAll(async () => {
    await imap?.close();
    await api?.app.close();
    await database?.close();
  });

  it('takes unseen mail in, threaded or drafted, and marks each seen only once it is stored', async () => {
    const config = readEmailConfig({
      EMAIL_IMAP_URL: imap.url,
      EMAIL_FROM: `helpline@${DOMAIN}`,
      EMAIL_REPLY_DOMAIN: DOMAIN,
      EMAIL_INBOUND_MAX_BYTES: '20000',
    });
    if (!config?.imap) throw new Error('no IMAP settings');
    const g = await buildGrievance(api.deps, d, { citizen: { phone: '+919812377701' } });
    const reply = imap.add(
      raw(
        {
          From: 'Sunita <sunita@example.org>',
          To: `reply+${g.reference.toLowerCase()}@${DOMAIN}`,
          'Return-Path': '<sunita@example.org>',
          Subject: 'Re: your complaint',
          'Message-ID': '<imap-reply-1@example.org>',
        },
        'हैंडपंप अब भी खराब है।\n\nOn Mon, CivicLine wrote:\n> Your complaint is registered',
      ),
    );
    const outOfOffice = imap.add(
      raw(
        {
          From: 'Officer <officer@example.org>',
          To: `helpline@${DOMAIN}`,
          Subject: 'Out of office',
          'Auto-Submitted': 'auto-replied',
          'Message-ID': '<ooo-1@example.org>',
        },
        'Away until Monday.',
      ),
    );
    const bounce = imap.add(
      raw(
        {
          From: 'MAILER-DAEMON@example.org',
          To: `helpline@${DOMAIN}`,
          'Return-Path': '<>',
          Subject: 'Undelivered Mail Returned to Sender',
          'Message-ID': '<bounce-1@example.org>',
        },
        'failed',
      ),
    );
    const newMatter = imap.add(
      raw(
        {
          From: 'Ramesh <ramesh@example.net>',
          To: `helpline@${DOMAIN}`,
          Subject: 'Road broken near Biaora market',
          'Message-ID': '<imap-new-1@example.net>',
        },
        'A large pit in the road near the market; two scooters fell yesterday.',
      ),
    );
    const failsOnce = imap.add(
      raw(
        {
          From: 'Asha <asha@example.net>',
          To: `helpline@${DOMAIN}`,
          Subject: 'Streetlight off',
          'Message-ID': '<imap-fails-once@example.net>',
        },
        'The streetlight at the bus stop has been off for a week.',
      ),
    );
    const huge = imap.add(
      raw(
        {
          From: 'big@example.net',
          To: `helpline@${DOMAIN}`,
          Subject: 'Scan',
          'Message-ID': '<big@example.net>',
        },
        'x'.repeat(30_000),
      ),
    );
    const alreadyRead = imap.add(
      raw(
        {
          From: 'old@example.net',
          To: `helpline@${DOMAIN}`,
          Subject: 'Old',
          'Message-ID': '<old@example.net>',
        },
        'read before',
      ),
      ['\\Seen'],
    );

    // The database "fails" for one message on the first poll: it must stay unseen.
    let failures = 0;
    const flaky: typeof receiveEmail = async (deps, domain, mail, envelope, log) => {
      if (mail.messageId === '<imap-fails-once@example.net>' && failures++ === 0)
        throw new Error('database gone');
      return receiveEmail(deps, domain, mail, envelope, log);
    };
    const first = await pollMailbox(api.deps, { replyDomain: DOMAIN, imap: config.imap }, silent, {
      receive: flaky,
    });
    expect(first).toEqual({ unseen: 6, stored: 2, failed: 1, tooLarge: 1 });
    const seen = (m: { flags: Set<string> }) => m.flags.has('\\Seen');
    expect([reply, outOfOffice, bounce, newMatter].every(seen)).toBe(true);
    expect(seen(failsOnce)).toBe(false);
    expect(huge.flags.has('\\Flagged') && seen(huge)).toBe(true);
    expect(seen(alreadyRead)).toBe(true);
    // Every message was read without being marked by the read itself (BODY.PEEK), and the flag was
    // set after: the store for a message comes after its fetch.
    const fetchOf = imap.commands.findIndex(
      (c) => c.startsWith(`UID FETCH ${reply.uid} `) && c.includes('BODY.PEEK[]'),
    );
    const storeOf = imap.commands.findIndex((c) => c.startsWith(`UID STORE ${reply.uid} `));
    expect(fetchOf).toBeGreaterThan(-1);
    expect(storeOf).toBeGreaterThan(fetchOf);

    const threaded = await database.db
      .selectFrom('interactions as i')
      .innerJoin('interaction_grievances as ig', 'ig.interaction_id', 'i.id')
      .select(['i.summary'])
      .where('ig.grievance_id', '=', g.id)
      .where('i.channel', '=', 'email')
      .where('i.direction', '=', 'inbound')
      .execute();
    expect(threaded).toHaveLength(1);
    expect(threaded[0]?.summary).toContain('हैंडपंप अब भी खराब है।');
    expect(threaded[0]?.summary).not.toContain('Your complaint is registered');
    const drafts = () =>
      database.db
        .selectFrom('intake_drafts')
        .select(['text'])
        .where('channel', '=', 'email')
        .orderBy('id')
        .execute();
    expect((await drafts()).map((x) => x.text)).toEqual([expect.stringContaining('two scooters fell')]);

    // The next poll takes the one that failed, and nothing else again.
    const second = await pollMailbox(api.deps, { replyDomain: DOMAIN, imap: config.imap }, silent, {
      receive: flaky,
    });
    expect(second).toEqual({ unseen: 1, stored: 1, failed: 0, tooLarge: 0 });
    expect(seen(failsOnce)).toBe(true);
    expect((await drafts()).map((x) => x.text)).toEqual([
      expect.stringContaining('two scooters fell'),
      expect.stringContaining('streetlight at the bus stop'),
    ]);
    // A message marked unseen again by someone is recognised and not stored twice.
    reply.flags.delete('\\Seen');
    expect(await pollMailbox(api.deps, { replyDomain: DOMAIN, imap: config.imap }, silent)).toEqual({
      unseen: 1,
      stored: 0,
      failed: 0,
      tooLarge: 0,
    });
  });

  it('refuses a wrong password without touching anything', async () => {
    const config = readEmailConfig({
      EMAIL_IMAP_URL: imap.url.replace(encodeURIComponent(imap.password), 'wrong'),
      EMAIL_FROM: `helpline@${DOMAIN}`,
      EMAIL_REPLY_DOMAIN: DOMAIN,
    });
    if (!config?.imap) throw new Error('no IMAP settings');
    await expect(pollMailbox(api.deps, { replyDomain: DOMAIN, imap: config.imap }, silent)).rejects.toThrow();
  });
});
