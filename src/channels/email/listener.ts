// Our inbound SMTP listener (smtp-server), behind the deployment's MX or relay. It accepts mail only
// for our reply domain, refuses what is over the size cap while it streams in (552), parses it with
// mailparser and hands it to receiveEmail. A message we could not store is answered 451, so the
// sending server keeps it and tries again later: nothing is lost on our failure.
import type { FastifyBaseLogger } from 'fastify';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Deps } from '../../deps.ts';
import type { EmailConfig } from './config.ts';
import { type EmailOutcome, receiveEmail } from './inbound.ts';

export interface EmailListener {
  port: number;
  close(): Promise<void>;
}

export async function startEmailListener(
  deps: Deps,
  config: EmailConfig & { inbound: NonNullable<EmailConfig['inbound']> },
  log: FastifyBaseLogger,
  onReceived?: (outcome: EmailOutcome) => void,
): Promise<EmailListener> {
  const domain = config.replyDomain;
  const smtpError = (code: number, message: string) =>
    Object.assign(new Error(message), { responseCode: code });
  const server = new SMTPServer({
    name: domain,
    banner: 'CivicLine helpline',
    size: config.inbound.maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH'],
    // TLS is the relay's job in front of us (or STARTTLS configured there); we listen on a private address.
    hideSTARTTLS: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.toLowerCase().endsWith(`@${domain}`)) return callback();
      callback(smtpError(550, `we accept mail for @${domain} only`));
    },
    onData(stream, session, callback) {
      simpleParser(stream, { skipHtmlToText: false })
        .then(async (mail) => {
          if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
            return callback(smtpError(552, `message larger than ${config.inbound.maxBytes} bytes`));
          }
          const envelope = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
          };
          const outcome = await receiveEmail(deps, domain, mail, envelope, log);
          onReceived?.(outcome);
          callback();
        })
        .catch((error: Error) => {
          log.error({ err: error }, 'email: could not take a message in; the sender will retry');
          callback(smtpError(451, 'temporary failure, try again later'));
        });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.inbound.port, config.inbound.host, () => resolve());
  });
  server.on('error', (error) => log.error({ err: error }, 'email: listener error'));
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : config.inbound.port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
