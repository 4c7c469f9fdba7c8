// Africa's Talking SMS (Kenya, Tanzania, Uganda, Nigeria and more): POST /version1/messaging with the
// account's `username` and the `apiKey` header, form-encoded; the answer lists each recipient with a
// status code. Delivery reports are POSTed (form-encoded: id, status, phoneNumber, failureReason...)
// to the callback URL set in the account's dashboard: Africa's Talking does not sign them, so that
// URL carries our shared token (`/api/channels/sms/receipts?token=...`), checked before anything else.
//
// Recipient status codes (their documentation): 100 Processed, 101 Sent, 102 Queued are accepted;
// 401 RiskHold, 405 InsufficientBalance, 407 CouldNotRoute, 500 InternalServerError, 501 GatewayError
// and 502 RejectedByGateway may pass later (retry); 402 InvalidSenderId, 403 InvalidPhoneNumber,
// 404 UnsupportedNumberType, 406 UserInBlacklist and 409 DoNotDisturbRejection will not (failed).
import type { DeliveryReceipt, SendOutcome } from '../../../notify/adapter.ts';
import { byStatus, type HttpSmsProvider, short } from './provider.ts';

export const AFRICASTALKING_URL = 'https://api.africastalking.com/version1/messaging';

const ACCEPTED = new Set([100, 101, 102]);
const PERMANENT = new Set([402, 403, 404, 406, 409]);

interface Recipient {
  statusCode?: number;
  status?: string;
  messageId?: string;
  number?: string;
}

export const africasTalking: HttpSmsProvider = {
  name: 'africastalking',

  request(message, config) {
    const form = new URLSearchParams({ username: config.username, to: message.to, message: message.text });
    const from = message.template?.sender ?? config.sender;
    if (from) form.set('from', from);
    return {
      url: config.url,
      method: 'POST',
      headers: {
        apiKey: config.apiKey,
        accept: 'application/json',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: form.toString(),
    };
  },

  outcome(status, body, headers): SendOutcome {
    const general = byStatus(status, headers, short(body));
    if (general) return general;
    let recipient: Recipient | undefined;
    try {
      recipient = (JSON.parse(body) as { SMSMessageData?: { Recipients?: Recipient[] } }).SMSMessageData
        ?.Recipients?.[0];
    } catch {
      // not JSON: an error page
    }
    if (!recipient || status >= 400) {
      // A 400 is Africa's Talking refusing the request itself (a missing field, an unknown username).
      return status >= 400
        ? { kind: 'failed', reason: `Africa's Talking refused the request (${status}): ${short(body)}` }
        : { kind: 'retry', reason: `an answer from Africa's Talking we cannot read: ${short(body)}` };
    }
    const code = Number(recipient.statusCode);
    const named = `${recipient.status ?? 'status'} (${code})`;
    if (ACCEPTED.has(code) && recipient.messageId) return { kind: 'sent', providerId: recipient.messageId };
    if (PERMANENT.has(code)) return { kind: 'failed', reason: `Africa's Talking: ${named}` };
    return {
      kind: 'retry',
      reason: `Africa's Talking: ${named}`,
      ...(code === 405 ? { afterSeconds: 900 } : {}),
    };
  },

  receipts(report, now): DeliveryReceipt[] {
    const f = { ...report.query, ...report.fields };
    if (!f.id || !f.status) return [];
    // Sent, Submitted and Buffered are on the way; Success is on the phone; Rejected, Failed,
    // AbsentSubscriber (after retries) and Expired are final.
    const state =
      f.status === 'Success'
        ? 'delivered'
        : ['Rejected', 'Failed', 'Expired', 'AbsentSubscriber'].includes(f.status)
          ? 'failed'
          : 'sent';
    return [
      {
        providerId: f.id,
        state,
        at: now,
        ...(state === 'failed'
          ? { reason: `Africa's Talking: ${f.status}${f.failureReason ? ` (${f.failureReason})` : ''}` }
          : {}),
      },
    ];
  },
};
