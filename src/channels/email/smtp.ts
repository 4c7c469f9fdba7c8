// Outbound email through any SMTP server, with nodemailer: the delivery worker's adapter for the
// 'email' channel. A notification about a grievance is sent with Reply-To reply+<reference>@ our reply
// domain (a resolution: reply+<reference>.<tag>@, see src/feedback/reply-tag.ts) and a Message-ID that names the reference, so whatever the citizen's mail program keeps
// (the address, In-Reply-To or References) brings the answer back to the grievance (inbound.ts).
//
// SMTP says itself what is transient: 4xx replies (greylisting, a full mailbox, throttling) and
// connection failures are retried; 5xx replies (no such user, refused) fail with the server's words;
// a login the server refuses fails at once, with what to fix, because retrying cannot help.
import nodemailer from 'nodemailer';
import type { ChannelAdapter, RenderedMessage, SendOutcome } from '../../notify/adapter.ts';
import type { EmailConfig } from './config.ts';

/** A rendered message; its `reference` sets the reply address and the Message-ID. */
export type EmailMessage = RenderedMessage;

/**
 * The Message-ID we give a message about `reference`: inbound threading reads the reference back from
 * it. It depends only on the notification, so a resend after a crash carries the same one and mail
 * programs show a single message.
 */
export function messageIdFor(reference: string | undefined, notificationId: number, domain: string) {
  return `<civicline.${reference ? `${reference}.` : ''}${notificationId}@${domain}>`;
}

/** reply+<reference>@, or for a resolution reply+<reference>.<tag>@ (the tag lets a 1 or 2 answer it). */
export const replyAddress = (reference: string, domain: string, tag?: string) =>
  `reply+${reference}${tag ? `.${tag}` : ''}@${domain}`;

export function smtpAdapter(config: EmailConfig & { smtpUrl: string }): ChannelAdapter & {
  send(message: EmailMessage): Promise<SendOutcome>;
} {
  const url = new URL(config.smtpUrl);
  const secure = url.protocol === 'smtps:';
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    // Plain SMTP on loopback (tests, a local relay) needs no STARTTLS; elsewhere the server offers it.
    ignoreTLS: url.searchParams.get('tls') === 'off',
    // A handful of connections reused for many messages, each closed after a while idle.
    pool: true,
    maxConnections: 3,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    kind: 'email',
    provider: 'smtp',
    async send(message: EmailMessage): Promise<SendOutcome> {
      const messageId = messageIdFor(message.reference, message.notificationId, config.replyDomain);
      try {
        const info = await transport.sendMail({
          from: config.from,
          to: message.to,
          subject: message.subject ?? '',
          text: message.text,
          ...(message.html ? { html: message.html } : {}),
          ...(message.attachments?.length ? { attachments: message.attachments } : {}),
          messageId,
          ...(message.reference
            ? { replyTo: replyAddress(message.reference, config.replyDomain, message.replyTag) }
            : {}),
          headers: {
            // We are a robot: other robots (out-of-office, list servers) should not answer us.
            'Auto-Submitted': 'auto-generated',
            'X-Auto-Response-Suppress': 'All',
          },
        });
        if (info.rejected.length) return { kind: 'failed', reason: 'the mail server refused the recipient' };
        return { kind: 'sent', providerId: info.messageId || messageId };
      } catch (error) {
        return withoutAddress(classifySmtp(error as SmtpError), message.to);
      }
    },
    async close() {
      transport.close();
    },
  };
}

/**
 * A refusal's reason is shown to staff on the grievance; the server's words often quote the address,
 * which an anonymous complainant's department must not read.
 */
function withoutAddress(outcome: SendOutcome, address: string): SendOutcome {
  if (outcome.kind === 'sent' || !address) return outcome;
  const pattern = new RegExp(address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
  return { ...outcome, reason: outcome.reason.replace(pattern, '<the recipient>') };
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

export function classifySmtp(error: SmtpError): SendOutcome {
  const said = error.response ?? error.message;
  if (error.code === 'EAUTH') {
    return {
      kind: 'failed',
      reason: `the mail server refused our login (${said}); check the user and password in EMAIL_SMTP_URL`,
    };
  }
  if (typeof error.responseCode === 'number') {
    if (error.responseCode >= 500) return { kind: 'failed', reason: `mail server: ${said}` };
    return { kind: 'retry', reason: `mail server: ${said}`, afterSeconds: 300 };
  }
  return { kind: 'retry', reason: `mail server unreachable: ${said}` };
}
