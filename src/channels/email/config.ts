// Email settings, from the environment (and the admin area's channel settings). Outbound needs an SMTP
// server to hand mail to; inbound runs our own SMTP listener (smtp-server) behind the deployment's MX
// or mail relay, or reads a mailbox over IMAP (imap.ts). Any of them may be off.

export interface EmailConfig {
  /** Where outbound mail is handed over: smtp://user:pass@host:587 or smtps://... (nodemailer's URL form). */
  smtpUrl: string | null;
  /** The From of everything we send, e.g. "CivicLine Helpline <helpline@example.gov.in>". */
  from: string;
  /** Replies come back to reply+<reference>@<replyDomain>, which is how they find their grievance. */
  replyDomain: string;
  /** Our inbound SMTP listener; null: none (mail arrives some other way, or not at all). */
  inbound: { host: string; port: number; maxBytes: number } | null;
  /** A mailbox we read over IMAP instead of (or beside) the listener; null: none. */
  imap: ImapConfig | null;
}

export interface ImapConfig {
  host: string;
  port: number;
  /** TLS from the start (imaps://); imap:// upgrades with STARTTLS unless `?tls=off` (a local server). */
  secure: boolean;
  tlsOff: boolean;
  user: string;
  pass: string;
  mailbox: string;
  maxBytes: number;
}

/** EMAIL_IMAP_URL: imaps://user:password@host:993 (or imap://...:143, `?tls=off` for a local server). */
export function readImapUrl(raw: string, env: NodeJS.ProcessEnv): ImapConfig {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('EMAIL_IMAP_URL must be imaps://user:password@host:993 or imap://...');
  }
  if (url.protocol !== 'imap:' && url.protocol !== 'imaps:')
    throw new Error('EMAIL_IMAP_URL must start with imaps:// or imap://');
  if (!url.username || !url.password) throw new Error('EMAIL_IMAP_URL must name the user and the password');
  const secure = url.protocol === 'imaps:';
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 993 : 143,
    secure,
    tlsOff: url.searchParams.get('tls') === 'off',
    user: decodeURIComponent(url.username),
    pass: decodeURIComponent(url.password),
    mailbox: env.EMAIL_IMAP_MAILBOX || 'INBOX',
    maxBytes: Number(env.EMAIL_INBOUND_MAX_BYTES ?? 15 * 1024 * 1024),
  };
}

export function readEmailConfig(env: NodeJS.ProcessEnv = process.env): EmailConfig | null {
  const smtpUrl = env.EMAIL_SMTP_URL || null;
  const inboundPort = env.EMAIL_INBOUND_PORT;
  const imapUrl = env.EMAIL_IMAP_URL || null;
  if (!smtpUrl && !inboundPort && !imapUrl) return null;
  const from = env.EMAIL_FROM;
  const replyDomain = env.EMAIL_REPLY_DOMAIN;
  if (!from || !replyDomain) {
    throw new Error(
      'email needs EMAIL_FROM and EMAIL_REPLY_DOMAIN when EMAIL_SMTP_URL, EMAIL_INBOUND_PORT or EMAIL_IMAP_URL is set',
    );
  }
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl))
    throw new Error('EMAIL_SMTP_URL must start with smtp:// or smtps://');
  let inbound: EmailConfig['inbound'] = null;
  if (inboundPort) {
    const port = Number(inboundPort);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new Error(`EMAIL_INBOUND_PORT must be a port number, got "${inboundPort}"`);
    }
    const maxBytes = Number(env.EMAIL_INBOUND_MAX_BYTES ?? 15 * 1024 * 1024);
    if (!Number.isInteger(maxBytes) || maxBytes <= 0)
      throw new Error('EMAIL_INBOUND_MAX_BYTES must be a positive whole number');
    inbound = { host: env.EMAIL_INBOUND_HOST ?? '127.0.0.1', port, maxBytes };
  }
  const imap = imapUrl ? readImapUrl(imapUrl, env) : null;
  return { smtpUrl, from, replyDomain: replyDomain.toLowerCase(), inbound, imap };
}
