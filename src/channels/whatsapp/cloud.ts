// The WhatsApp Business Cloud API, spoken over HTTP to a Graph-API-shaped endpoint whose base URL is
// configuration (Meta's graph.facebook.com in production, a local server in tests). It sends messages
// (text, reply buttons, lists, approved templates), downloads media, and is the delivery worker's
// adapter for the 'whatsapp' channel. It knows the protocol and nothing about grievances.
//
// Errors are sorted into the adapter seam's outcomes (src/notify/adapter.ts) by what Graph says:
// - an expired or revoked token (HTTP 401, error 190) fails at once with a reason staff can act on:
//   retrying cannot help until someone renews WHATSAPP_TOKEN, and every message would otherwise sit in
//   retries for hours looking "pending";
// - throttling (HTTP 429, errors 4, 80007, 130429, 131048, 131056) and Meta's own outages (5xx,
//   errors 1, 2, 131000, 131016, 133004) and network failures are retried;
// - everything else (a number not on WhatsApp, a template that does not exist or was paused) fails
//   with Graph's own words.
import { createHash } from 'node:crypto';
import type { ChannelAdapter, RenderedMessage, SendOutcome } from '../../notify/adapter.ts';
import type { WhatsAppConfig } from './config.ts';

export type Outbound =
  | { kind: 'text'; text: string }
  /** Up to three reply buttons (titles at most 20 characters). */
  | { kind: 'buttons'; text: string; buttons: { id: string; title: string }[] }
  /** A list of up to ten rows behind one button (row titles at most 24 characters). */
  | {
      kind: 'list';
      text: string;
      button: string;
      rows: { id: string; title: string; description?: string }[];
    }
  /** A template Meta approved: the only thing we may send outside the 24-hour window. */
  | { kind: 'template'; name: string; language: string; params: string[] };

const RETRY_CODES = new Set([1, 2, 4, 80007, 130429, 131000, 131016, 131048, 131056, 133004]);
const TOKEN_CODES = new Set([190]);
/** Graph's "more than 24 hours since the customer last replied". */
export const OUTSIDE_WINDOW = 131047;

export interface GraphError {
  status: number;
  code: number | null;
  message: string;
}

export type MediaDownload =
  | { ok: true; bytes: Uint8Array; mimeType: string | null }
  | { ok: false; problem: 'too_large' | 'hash_mismatch' | 'unavailable'; reason: string };

export interface CloudClient {
  send(
    to: string,
    message: Outbound,
    options?: { notificationId?: number },
  ): Promise<SendOutcome & { code?: number | null }>;
  /** A citizen's media: its URL is asked for by id, then downloaded with the token, size-capped and hash-checked. */
  downloadMedia(mediaId: string, expectedSha256?: string | null): Promise<MediaDownload>;
}

export function cloudClient(config: WhatsAppConfig): CloudClient {
  const auth = { authorization: `Bearer ${config.token}` };
  const call = async (url: string, init: RequestInit = {}) =>
    fetch(url, {
      ...init,
      headers: { ...auth, ...init.headers },
      signal: AbortSignal.timeout(config.timeoutMs),
    });

  return {
    async send(to, message, options = {}) {
      let response: Response;
      try {
        response = await call(`${config.apiUrl}/${encodeURIComponent(config.phoneNumberId)}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(graphMessage(to, message, options.notificationId)),
        });
      } catch (error) {
        return { kind: 'retry', reason: `WhatsApp API unreachable: ${(error as Error).message}` };
      }
      const body = (await response.json().catch(() => null)) as GraphBody | null;
      const id = body?.messages?.[0]?.id;
      if (response.ok && id) return { kind: 'sent', providerId: id };
      return { ...classify(graphError(response.status, body)), code: body?.error?.code ?? null };
    },

    async downloadMedia(mediaId, expectedSha256) {
      let info: { url?: string; sha256?: string; file_size?: number; mime_type?: string } | null;
      try {
        const response = await call(`${config.apiUrl}/${encodeURIComponent(mediaId)}`);
        info = response.ok ? ((await response.json()) as typeof info) : null;
        if (!info?.url) {
          return {
            ok: false,
            problem: 'unavailable',
            reason: `media ${mediaId}: Graph answered ${response.status}`,
          };
        }
        if (typeof info.file_size === 'number' && info.file_size > config.maxMediaBytes) {
          return { ok: false, problem: 'too_large', reason: `media ${mediaId} is ${info.file_size} bytes` };
        }
        const file = await call(info.url);
        if (!file.ok || !file.body) {
          return {
            ok: false,
            problem: 'unavailable',
            reason: `media ${mediaId}: download answered ${file.status}`,
          };
        }
        const bytes = await readCapped(file.body, config.maxMediaBytes);
        if (!bytes)
          return { ok: false, problem: 'too_large', reason: `media ${mediaId} is over the size cap` };
        // The hash in the metadata (and the webhook's, when given) must be of what we received: a
        // truncated or substituted download is refused rather than stored as the citizen's evidence.
        for (const expected of [info.sha256, expectedSha256]) {
          if (expected && !sameHash(bytes, expected)) {
            return { ok: false, problem: 'hash_mismatch', reason: `media ${mediaId}: sha256 does not match` };
          }
        }
        return { ok: true, bytes, mimeType: info.mime_type ?? null };
      } catch (error) {
        return { ok: false, problem: 'unavailable', reason: `media ${mediaId}: ${(error as Error).message}` };
      }
    },
  };
}

/**
 * The delivery worker's adapter. Inside the 24-hour window a notification goes as the text it was
 * rendered to; outside it only as the approved template the renderer named (a plain text there would
 * be refused by Meta with error 131047). Should our idea of the window be wrong (the citizen's last
 * message was seconds short of 24 hours ago), Graph's 131047 falls back to the template at once.
 */
export function whatsappAdapter(
  client: CloudClient,
  windowOpen: (phone: string) => Promise<boolean>,
): ChannelAdapter {
  const viaTemplate = (message: RenderedMessage) => {
    const template = message.template;
    if (!template) return null;
    return {
      kind: 'template' as const,
      name: template.name ?? template.id,
      language: message.language,
      params: template.params ?? [],
    };
  };
  return {
    kind: 'whatsapp',
    provider: 'whatsapp-cloud',
    async send(message) {
      const options = { notificationId: message.notificationId };
      const template = viaTemplate(message);
      if (await windowOpen(message.to)) {
        const outcome = await client.send(message.to, { kind: 'text', text: message.text }, options);
        if (outcome.code === OUTSIDE_WINDOW && template)
          return plain(await client.send(message.to, template, options));
        return plain(outcome);
      }
      if (template) return plain(await client.send(message.to, template, options));
      return {
        kind: 'failed',
        reason:
          "outside WhatsApp's 24-hour window (the citizen has not written in the last 24 hours) and no approved template is configured for this message",
      };
    },
  };
}

const plain = (outcome: SendOutcome & { code?: number | null }): SendOutcome => {
  const { code: _, ...rest } = outcome;
  return rest as SendOutcome;
};

interface GraphBody {
  messages?: { id?: string }[];
  error?: { message?: string; code?: number; error_subcode?: number; error_data?: { details?: string } };
}

function graphError(status: number, body: GraphBody | null): GraphError {
  const e = body?.error;
  const words = [e?.message, e?.error_data?.details].filter(Boolean).join(': ');
  return { status, code: e?.code ?? null, message: words || `HTTP ${status}` };
}

export function classify(error: GraphError): SendOutcome {
  const what = `WhatsApp API ${error.code !== null ? `error ${error.code}` : `HTTP ${error.status}`}: ${error.message}`;
  if (error.status === 401 || (error.code !== null && TOKEN_CODES.has(error.code))) {
    return {
      kind: 'failed',
      reason: `the WhatsApp access token has expired or was revoked (${what}); renew WHATSAPP_TOKEN and resend`,
    };
  }
  if (error.status === 429 || (error.code !== null && RETRY_CODES.has(error.code))) {
    return { kind: 'retry', reason: what, afterSeconds: 60 };
  }
  if (error.status >= 500) return { kind: 'retry', reason: what };
  return { kind: 'failed', reason: what };
}

function graphMessage(to: string, message: Outbound, notificationId?: number) {
  const base = {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: to.replace(/^\+/, ''),
    // Graph echoes this back in status webhooks: a resend of the same notification is recognisable.
    ...(notificationId !== undefined ? { biz_opaque_callback_data: `notification:${notificationId}` } : {}),
  };
  switch (message.kind) {
    case 'text':
      return { ...base, type: 'text', text: { body: message.text.slice(0, 4096), preview_url: false } };
    case 'buttons':
      return {
        ...base,
        type: 'interactive',
        interactive: {
          type: 'button',
          body: { text: message.text.slice(0, 1024) },
          action: {
            buttons: message.buttons
              .slice(0, 3)
              .map((b) => ({ type: 'reply', reply: { id: b.id, title: b.title.slice(0, 20) } })),
          },
        },
      };
    case 'list':
      return {
        ...base,
        type: 'interactive',
        interactive: {
          type: 'list',
          body: { text: message.text.slice(0, 4096) },
          action: {
            button: message.button.slice(0, 20),
            sections: [
              {
                rows: message.rows.slice(0, 10).map((r) => ({
                  id: r.id,
                  title: r.title.slice(0, 24),
                  ...(r.description ? { description: r.description.slice(0, 72) } : {}),
                })),
              },
            ],
          },
        },
      };
    case 'template':
      return {
        ...base,
        type: 'template',
        template: {
          name: message.name,
          language: { code: message.language },
          components: message.params.length
            ? [{ type: 'body', parameters: message.params.map((text) => ({ type: 'text', text })) }]
            : [],
        },
      };
  }
}

async function readCapped(body: ReadableStream<Uint8Array>, cap: number): Promise<Uint8Array | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** Graph gives the hash in hex (media metadata) and sometimes base64 (webhooks): accept either spelling. */
function sameHash(bytes: Uint8Array, expected: string): boolean {
  const digest = createHash('sha256').update(bytes).digest();
  const e = expected.trim();
  return e.toLowerCase() === digest.toString('hex') || e === digest.toString('base64');
}
