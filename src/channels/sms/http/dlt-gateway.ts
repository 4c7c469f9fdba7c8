// An Indian bulk-SMS gateway with India's DLT fields, as most of them take it: one HTTP request per
// message whose parameters carry the account's key, the registered sender header, the principal entity
// id and the content template id, the text, `unicode` for Hindi and other scripts, our reference and
// the delivery-report URL. Gateways name these parameters differently, so the request is configuration
// (`SMS_HTTP_PARAMS`, `name={placeholder}&...`); the default is the shape of Kaleyra's v4 API, which
// many resellers copy:
//   api_key={apiKey}&method=sms&to={to}&sender={sender}&message={text}&entity_id={entityId}
//   &template_id={templateId}&unicode={unicode}&custom={id}&dlrurl={receiptUrl}
// Placeholders: {to} (digits, country code first), {to_e164}, {text}, {sender}, {entityId},
// {templateId}, {username}, {apiKey}, {unicode} (1 or 0), {id} (the notification id), {receiptUrl}.
// The answer: the message id at `SMS_HTTP_ID_PATH` (a dot path in JSON, default `data.0.id`, or
// `re:<pattern>` with one group for gateways that answer in text, e.g. `re:success \| \d+ \| (\S+)`);
// no id means an error, whose code at `SMS_HTTP_ERROR_PATH` decides: a permanent one
// (`SMS_HTTP_PERMANENT_ERRORS`) fails the row, anything else is retried.
// Delivery reports come to /api/channels/sms/receipts with the token; the gateways relay the SMSC's
// states (DELIVRD, UNDELIV, EXPIRED, REJECTD...) under one of the usual parameter names.
import type { DeliveryReceipt, RenderedMessage, SendOutcome } from '../../../notify/adapter.ts';
import { encodingFor } from '../encoding.ts';
import {
  at,
  byStatus,
  type HttpRequest,
  type HttpSmsConfig,
  type HttpSmsProvider,
  type ReportRequest,
  short,
} from './provider.ts';

export const DEFAULT_DLT_PARAMS =
  'api_key={apiKey}&method=sms&to={to}&sender={sender}&message={text}&entity_id={entityId}&template_id={templateId}&unicode={unicode}&custom={id}&dlrurl={receiptUrl}';

function fill(template: string, values: Record<string, string>): URLSearchParams {
  const params = new URLSearchParams();
  for (const pair of template.split('&')) {
    if (!pair) continue;
    const [name = '', value = ''] = pair.split('=');
    const filled = value.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
    // A parameter whose value is only an empty placeholder is left out (no template id for a
    // message without one), rather than sent empty for the gateway to reject.
    if (filled === '' && /^\{\w+\}$/.test(value)) continue;
    params.append(decodeURIComponent(name), filled);
  }
  return params;
}

function idIn(body: string, json: unknown, path: string | undefined): string | undefined {
  if (path?.startsWith('re:')) return new RegExp(path.slice(3)).exec(body)?.[1];
  return at(json, path);
}

const DELIVERED = new Set(['DELIVRD', 'DELIVERED', 'SUCCESS', 'DELIVERY_SUCCESS', 'D']);
const FAILED = new Set([
  'UNDELIV',
  'UNDELIVERED',
  'FAILED',
  'FAIL',
  'REJECTD',
  'REJECTED',
  'EXPIRED',
  'DND',
  'BLOCKED',
  'INVALID',
  'NCPR',
]);
const pick = (fields: Record<string, string | undefined>, names: string[]) => {
  for (const name of names) {
    const value = fields[name] ?? fields[name.toUpperCase()];
    if (value) return value;
  }
  return undefined;
};

export const dltGateway: HttpSmsProvider = {
  name: 'dlt-http',

  request(message: RenderedMessage, config: HttpSmsConfig): HttpRequest {
    const values: Record<string, string> = {
      to: message.to.replace(/^\+/, ''),
      to_e164: message.to,
      text: message.text,
      sender: message.template?.sender ?? config.sender,
      entityId: message.template?.entityId ?? config.dltEntityId ?? '',
      templateId: message.template?.id ?? '',
      username: config.username,
      apiKey: config.apiKey,
      unicode: encodingFor(message.text) === 'ucs2' ? '1' : '0',
      id: String(message.notificationId),
      receiptUrl: config.receiptUrl ?? '',
    };
    const params = fill(config.params ?? DEFAULT_DLT_PARAMS, values);
    if (config.method === 'POST')
      return {
        url: config.url,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: params.toString(),
      };
    const url = new URL(config.url);
    for (const [name, value] of params) url.searchParams.append(name, value);
    return { url: url.toString(), method: 'GET', headers: { accept: 'application/json' } };
  },

  outcome(status, body, headers, config): SendOutcome {
    const general = byStatus(status, headers, short(body));
    if (general) return general;
    let json: unknown = null;
    try {
      json = JSON.parse(body);
    } catch {
      // a gateway that answers in text
    }
    const id = status < 300 ? idIn(body, json, config.idPath ?? 'data.0.id') : undefined;
    if (id) return { kind: 'sent', providerId: id };
    const code = at(json, config.errorPath ?? 'error.code');
    const reason = `the gateway answered ${status}${code ? ` with error ${code}` : ''}: ${short(body)}`;
    // A 4xx is the request's own fault (a bad number, a sender or template DLT does not know): sending it
    // again would be refused again. A 2xx without an id is an error in the body: permanent only when its
    // code says so, since many gateways answer 200 for "busy, try later" too.
    if (status >= 400 || (code && (config.permanentErrors ?? []).includes(code)))
      return { kind: 'failed', reason };
    return { kind: 'retry', reason };
  },

  receipts(report: ReportRequest, now: Date): DeliveryReceipt[] {
    const fields = { ...report.query, ...report.fields };
    const providerId = pick(fields, ['id', 'msgid', 'msg_id', 'messageid', 'message_id', 'requestid']);
    const raw = pick(fields, ['status', 'dlr_status', 'stat', 'state', 'dlrstatus']);
    if (!providerId || !raw) return [];
    const status = raw.toUpperCase();
    const state = DELIVERED.has(status) ? 'delivered' : FAILED.has(status) ? 'failed' : 'sent';
    const cause = pick(fields, ['reason', 'err', 'error', 'description', 'cause', 'errorcode']);
    return [
      {
        providerId,
        state,
        at: now,
        ...(state === 'failed'
          ? { reason: `the carrier reported ${status}${cause ? ` (${cause})` : ''}` }
          : {}),
      },
    ];
  },
};
