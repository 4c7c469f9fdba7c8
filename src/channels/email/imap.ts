// The IMAP poller: for a deployment whose mail lands in a mailbox (a government mail service, a hosted
// account) rather than at our SMTP listener. Every minute (the pg-boss job `poll-email`, so one node at
// a time) it opens the mailbox, takes the unseen messages, and hands each to the same path as the
// listener (inbound.ts: robots dropped, threaded by reply+<reference>@, In-Reply-To/References, then the
// subject; a new matter becomes a draft for an agent; a message seen before is ignored).
//
// A message is marked \Seen only after it is stored (or knowingly dropped): a crash or a database
// failure half-way leaves it unseen, and the next poll takes it again, where the Message-ID check keeps
// it from being stored twice. A message over the size cap is not downloaded: it is flagged (\Flagged,
// \Seen) and left in the mailbox for a person, with a log line.
import type { FastifyBaseLogger } from 'fastify';
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import pino from 'pino';
import type { Deps } from '../../deps.ts';
import type { ImapConfig } from './config.ts';
import { readEmailConfig } from './config.ts';
import { type EmailOutcome, type Envelope, receiveEmail } from './inbound.ts';

export interface PollResult {
  unseen: number;
  stored: number;
  failed: number;
  tooLarge: number;
}

const quiet = pino({ name: 'imap', level: process.env.LOG_LEVEL ?? 'info' }) as unknown as FastifyBaseLogger;

/** Polls the mailbox the current settings name (the environment with the admin area's over it), if any. */
export async function pollConfiguredMailbox(deps: Deps, log: FastifyBaseLogger = quiet) {
  const email = readEmailConfig(deps.channels?.env() ?? process.env);
  if (!email?.imap) return null;
  return pollMailbox(deps, { replyDomain: email.replyDomain, imap: email.imap }, log);
}

export async function pollMailbox(
  deps: Deps,
  config: { replyDomain: string; imap: ImapConfig },
  log: FastifyBaseLogger = quiet,
  options: { limit?: number; receive?: typeof receiveEmail } = {},
): Promise<PollResult> {
  const receive = options.receive ?? receiveEmail;
  const { imap } = config;
  const client = new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: imap.secure,
    // Without imaps://, the password must not cross the wire in clear: STARTTLS or nothing (except a
    // server on loopback named with ?tls=off).
    ...(imap.secure ? {} : { doSTARTTLS: !imap.tlsOff }),
    auth: { user: imap.user, pass: imap.pass },
    logger: false,
    disableAutoIdle: true,
    // A poll is short: one connection, a few commands, logged out at the end.
    connectionTimeout: 30_000,
    greetingTimeout: 15_000,
  } as ConstructorParameters<typeof ImapFlow>[0]);
  const result: PollResult = { unseen: 0, stored: 0, failed: 0, tooLarge: 0 };
  client.on('error', (error: Error) => log.warn({ err: error }, 'imap: connection error'));
  await client.connect();
  try {
    const lock = await client.getMailboxLock(imap.mailbox);
    try {
      const uids = (await client.search({ seen: false }, { uid: true })) || [];
      result.unseen = uids.length;
      for (const uid of uids.slice(0, options.limit ?? 200)) {
        const id = String(uid);
        const head = await client.fetchOne(id, { uid: true, size: true }, { uid: true });
        if (head && (head.size ?? 0) > imap.maxBytes) {
          log.warn(
            { uid, size: head.size },
            'imap: message over the size cap, flagged and left in the mailbox',
          );
          await client.messageFlagsAdd(id, ['\\Flagged', '\\Seen'], { uid: true });
          result.tooLarge++;
          continue;
        }
        const message = await client.fetchOne(id, { uid: true, source: true }, { uid: true });
        const source = message ? message.source : undefined;
        if (!source) continue;
        let outcome: EmailOutcome;
        try {
          const mail = await simpleParser(source, { skipHtmlToText: false });
          outcome = await receive(deps, config.replyDomain, mail, envelopeOf(mail), log);
        } catch (error) {
          // Not stored: left unseen for the next poll.
          log.error(
            { err: error, uid },
            'imap: could not take a message in; it stays unseen for the next poll',
          );
          result.failed++;
          continue;
        }
        await client.messageFlagsAdd(id, ['\\Seen'], { uid: true });
        if (outcome.kind !== 'dropped' && outcome.kind !== 'duplicate') result.stored++;
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return result;
}

type Parsed = Awaited<ReturnType<typeof simpleParser>>;

/**
 * The SMTP envelope as the mailbox kept it: Return-Path (empty for a bounce) and the recipients the
 * delivering server recorded (Delivered-To, X-Original-To), then To and Cc.
 */
export function envelopeOf(mail: Parsed): Envelope {
  const returnPath = mail.headers.get('return-path') as
    | { value?: { address?: string }[]; text?: string }
    | undefined;
  const from =
    returnPath === undefined
      ? (mail.from?.value[0]?.address ?? '')
      : (returnPath.value?.[0]?.address ?? returnPath.text?.replace(/[<>\s]/g, '') ?? '');
  const addresses = (value: unknown): string[] => {
    if (!value) return [];
    if (typeof value === 'string') return [value.replace(/[<>\s]/g, '')];
    const list = Array.isArray(value) ? value : [value];
    return list.flatMap(
      (v) => (v as { value?: { address?: string }[] }).value?.map((a) => a.address ?? '') ?? [],
    );
  };
  const to = [
    ...addresses(mail.headers.get('delivered-to')),
    ...addresses(mail.headers.get('x-original-to')),
    ...addresses(mail.to),
    ...addresses(mail.cc),
  ].filter(Boolean);
  return { from, to: [...new Set(to.map((a) => a.toLowerCase()))] };
}
