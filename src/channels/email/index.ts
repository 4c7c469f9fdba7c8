// Email: outbound through SMTP (the delivery worker's adapter) and inbound through our SMTP listener.
export { type EmailConfig, readEmailConfig } from './config.ts';
export { type EmailOutcome, receiveEmail } from './inbound.ts';
export { type EmailListener, startEmailListener } from './listener.ts';
export { type EmailMessage, messageIdFor, replyAddress, smtpAdapter } from './smtp.ts';
