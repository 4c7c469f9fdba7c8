// Email settings, from the environment. Outbound needs an SMTP server to hand mail to; inbound runs
// our own SMTP listener (smtp-server) behind the deployment's MX or mail relay. Either may be off.

export interface EmailConfig {
  /** Where outbound mail is handed over: smtp://user:pass@host:587 or smtps://... (nodemailer's URL form). */
  smtpUrl: string | null;
  /** The From of everything we send, e.g. "CivicLine Helpline <helpline@example.gov.in>". */
  from: string;
  /** Replies come back to reply+<reference>@<replyDomain>, which is how they find their grievance. */
  replyDomain: string;
  /** Our inbound SMTP listener; null: none (mail arrives some other way, or not at all). */
  inbound: { host: string; port: number; maxBytes: number } | null;
}

export function readEmailConfig(env: NodeJS.ProcessEnv = process.env): EmailConfig | null {
  const smtpUrl = env.EMAIL_SMTP_URL || null;
  const inboundPort = env.EMAIL_INBOUND_PORT;
  if (!smtpUrl && !inboundPort) return null;
  const from = env.EMAIL_FROM;
  const replyDomain = env.EMAIL_REPLY_DOMAIN;
  if (!from || !replyDomain) {
    throw new Error(
      'email needs EMAIL_FROM and EMAIL_REPLY_DOMAIN when EMAIL_SMTP_URL or EMAIL_INBOUND_PORT is set',
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
  return { smtpUrl, from, replyDomain: replyDomain.toLowerCase(), inbound };
}
