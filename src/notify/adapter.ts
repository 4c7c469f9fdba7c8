// The seam between the delivery worker and the carriers. The worker claims an outbox row, renders it
// from the template catalogue into a RenderedMessage, and hands it to the adapter configured for the
// row's channel. An adapter is one file per provider (src/channels/<kind>/<provider>.ts); it knows the
// protocol and nothing about grievances.
//
// Outcomes are explicit so the worker never guesses: `sent` records the provider's id (a later receipt
// is matched on it); `retry` is transient (network, throttling, the provider's 5xx) and goes back with
// backoff; `failed` is permanent (a bad number, a template the regulator rejected) and is shown to staff
// with the provider's reason.

export type ChannelKind = 'sms' | 'whatsapp' | 'email' | 'voice';

export interface RenderedMessage {
  /** The outbox row's id: adapters that can pass a client reference send it, so a resend is recognised. */
  notificationId: number;
  /** E.164 phone number for sms, whatsapp and voice; an email address for email. */
  to: string;
  language: string;
  /** Plain text (SMS body, WhatsApp text, email text part). */
  text: string;
  /** Email only. */
  subject?: string;
  html?: string;
  /**
   * Provider-side template, where the channel requires one: India's DLT content template for SMS, a
   * pre-approved WhatsApp template for messages outside the 24-hour window.
   */
  template?: { id: string; name?: string; params?: string[]; entityId?: string; sender?: string };
  /** The grievance the message is about: email sets its reply address from it, so answers find their way back. */
  reference?: string;
  /**
   * Email: a resolution's signed tag (src/feedback/reply-tag.ts), added to the reply address so that a
   * reply of 1 or 2 may answer it.
   */
  replyTag?: string;
  /**
   * Quick replies the citizen can tap (WhatsApp reply buttons, or a template's quick-reply buttons
   * outside the window); channels without them ignore this and rely on the text ("reply 1 or 2").
   */
  actions?: { id: string; title: string }[];
  /** Email: files sent with the message (a scheduled report, src/notify/report-attachment.ts). */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export type SendOutcome =
  /** `partIds`: a message the provider took in several parts (a long SMS), each id with its own receipt. */
  | { kind: 'sent'; providerId: string; partIds?: string[] }
  | { kind: 'retry'; reason: string; afterSeconds?: number }
  | { kind: 'failed'; reason: string };

/** A delivery receipt or status callback, however the provider reports it. */
export interface DeliveryReceipt {
  providerId: string;
  state: 'delivered' | 'failed' | 'sent';
  reason?: string;
  at: Date;
}

export interface ChannelAdapter {
  kind: ChannelKind;
  /** Provider name, recorded on the row (e.g. 'smpp', 'msg91', 'whatsapp-cloud', 'smtp'). */
  provider: string;
  send(message: RenderedMessage): Promise<SendOutcome>;
  /** Release connections (SMPP binds, SMTP pools) at shutdown. */
  close?(): Promise<void>;
}
