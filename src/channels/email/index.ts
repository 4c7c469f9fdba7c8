// Email: outbound through SMTP (the delivery worker's adapter) and inbound through our SMTP listener.

export { keepAddressOfEmailGrievance, normaliseEmail, sameAddress } from './address.ts';
export { type EmailConfig, readEmailConfig } from './config.ts';
export { type EmailOutcome, receiveEmail } from './inbound.ts';
export { type EmailListener, startEmailListener } from './listener.ts';
export { type EmailMessage, messageIdFor, replyAddress, smtpAdapter } from './smtp.ts';
