// SMS over HTTP: one adapter for every gateway with an HTTP API, and one small file per provider that
// knows its request, its answers and its delivery reports (dlt-gateway.ts, africastalking.ts). The
// adapter does what they share: the throughput cap, the timeout, and sorting what went wrong into
// `retry` (the network, throttling, the gateway down) and `failed` (a bad number, a rejected sender).
import type { DeliveryReceipt, RenderedMessage, SendOutcome } from '../../../notify/adapter.ts';

export interface HttpSmsConfig {
  /** Which provider file speaks to the gateway. */
  provider: 'dlt-http' | 'africastalking';
  /** The gateway's send endpoint. */
  url: string;
  /** The account name where the gateway asks for one (Africa's Talking `username`, a gateway's user id). */
  username: string;
  /** The API key or password (a secret: from the environment or stored sealed, never shown). */
  apiKey: string;
  /** Sender header or short code when a template names none. */
  sender: string;
  /** India's DLT principal entity id when a template names none. */
  dltEntityId?: string;
  /** Messages a second to this gateway; 0: no cap. */
  tps: number;
  /** The shared secret a delivery report must carry (`?token=`), or its HMAC key where the gateway signs. */
  receiptToken: string;
  /** Our delivery-report URL as the gateway should call it (passed per message where the API takes one). */
  receiptUrl?: string;
  timeoutMs: number;
  /** dlt-http only: the request, as `name={placeholder}&...` (see dlt-gateway.ts). */
  params?: string;
  method?: 'GET' | 'POST';
  /** dlt-http only: where the message id is in a JSON answer (dot path, e.g. `data.0.id`). */
  idPath?: string;
  /** dlt-http only: the error code's dot path in a JSON answer, and the codes that are permanent. */
  errorPath?: string;
  permanentErrors?: string[];
}

export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

/** What a delivery-report request looks like once Fastify has read it. */
export interface ReportRequest {
  query: Record<string, string | undefined>;
  /** The form or JSON body, flattened to strings (empty for a GET). */
  fields: Record<string, string | undefined>;
  headers: Record<string, string | string[] | undefined>;
}

export interface HttpSmsProvider {
  name: string;
  request(message: RenderedMessage, config: HttpSmsConfig): HttpRequest;
  /** The gateway's answer as an outcome (the adapter handles the network and timeouts). */
  outcome(status: number, body: string, headers: Headers, config: HttpSmsConfig): SendOutcome;
  /** The receipts a delivery report carries ([] for a report we have no use for). */
  receipts(report: ReportRequest, at: Date): DeliveryReceipt[];
}

/** Retry-After in seconds (a number of seconds or a date), within sane bounds. */
export function retryAfter(headers: Headers, fallback: number): number {
  const raw = headers.get('retry-after');
  if (!raw) return fallback;
  const seconds = /^\d+$/.test(raw) ? Number(raw) : (Date.parse(raw) - Date.now()) / 1000;
  return Number.isFinite(seconds) ? Math.min(Math.max(Math.ceil(seconds), 1), 3600) : fallback;
}

/** The outcome of an HTTP status alone, for the statuses every gateway means the same by. */
export function byStatus(status: number, headers: Headers, detail: string): SendOutcome | null {
  if (status === 429)
    return {
      kind: 'retry',
      reason: `throttled by the gateway: ${detail}`,
      afterSeconds: retryAfter(headers, 60),
    };
  if (status === 401 || status === 403)
    // Credentials do not expire one message at a time: keep the messages and retry slowly while an
    // administrator fixes the key (the row shows why).
    return {
      kind: 'retry',
      reason: `the gateway refused our credentials (${status}): check the SMS API key in the channel settings`,
      afterSeconds: 600,
    };
  if (status === 408 || status >= 500)
    return {
      kind: 'retry',
      reason: `the gateway is unavailable (${status}): ${detail}`,
      afterSeconds: retryAfter(headers, 0) || undefined,
    };
  return null;
}

/** A value at a dot path (`data.0.id`) of parsed JSON, as text. */
export function at(json: unknown, path: string | undefined): string | undefined {
  if (!path) return undefined;
  let value: unknown = json;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

export const short = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 300);
