// A local HTTP server standing in for the WhatsApp Cloud (Graph) API: it takes sends as Graph does
// (POST /{phone-number-id}/messages, answering with a wamid), serves media by id and then by URL (both
// only with the right bearer token), and can be told to answer the next sends with an error. Webhooks
// to our app are built and signed here as Meta builds and signs them.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app.ts';
import { signBody, type WhatsAppConfig } from '../src/channels/whatsapp/index.ts';
import { manualClock } from '../src/clock.ts';
import type { Database } from '../src/db/index.ts';

export interface GraphSend {
  to: string;
  type: string;
  body: Record<string, unknown>;
  id: string;
  /** The text the citizen sees (text body, interactive body, or the template name). */
  text: string;
}

export interface Graph {
  url: string;
  config: WhatsAppConfig;
  sent: GraphSend[];
  /** Media the "phone" uploaded: served at GET /{id} (metadata) and GET /files/{id} (bytes). */
  addMedia(
    id: string,
    bytes: Uint8Array,
    mimeType: string,
    options?: { sha256?: string; fileSize?: number },
  ): void;
  /** Answers the next `times` sends with this HTTP status and Graph error body. */
  failNext(status: number, error: { code: number; message: string }, times?: number): void;
  /** How many media downloads were made (to show a replay fetches nothing). */
  downloads: number;
  close(): Promise<void>;
}

const PHONE_NUMBER_ID = '106540352242922';
const TOKEN = 'EAAG-test-token';

export async function startGraph(overrides: Partial<WhatsAppConfig> = {}): Promise<Graph> {
  const media = new Map<string, { bytes: Uint8Array; mimeType: string; sha256: string; fileSize: number }>();
  const failures: { status: number; error: { code: number; message: string } }[] = [];
  const sent: GraphSend[] = [];
  let downloads = 0;
  let counter = 0;
  const server = createServer(async (req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      return reply(401, { error: { code: 190, message: 'Invalid OAuth access token' } });
    }
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'POST' && url.pathname === `/${PHONE_NUMBER_ID}/messages`) {
      const body = JSON.parse((await readAll(req)).toString('utf8')) as Record<string, unknown>;
      const failure = failures.shift();
      if (failure) return reply(failure.status, { error: { ...failure.error, type: 'OAuthException' } });
      const id = `wamid.${++counter}.${randomBytes(6).toString('hex')}`;
      sent.push({ to: `+${body.to as string}`, type: body.type as string, body, id, text: textOf(body) });
      return reply(200, {
        messaging_product: 'whatsapp',
        contacts: [{ input: body.to, wa_id: body.to }],
        messages: [{ id }],
      });
    }
    const file = /^\/files\/(.+)$/.exec(url.pathname);
    if (req.method === 'GET' && file) {
      const m = media.get(decodeURIComponent(file[1] as string));
      if (!m) return reply(404, { error: { code: 100, message: 'no such media' } });
      downloads++;
      res.writeHead(200, { 'content-type': m.mimeType });
      return res.end(Buffer.from(m.bytes));
    }
    const meta = /^\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && meta) {
      const id = decodeURIComponent(meta[1] as string);
      const m = media.get(id);
      if (!m) return reply(404, { error: { code: 100, message: 'no such media' } });
      return reply(200, {
        messaging_product: 'whatsapp',
        url: `${address}/files/${encodeURIComponent(id)}`,
        mime_type: m.mimeType,
        sha256: m.sha256,
        file_size: m.fileSize,
        id,
      });
    }
    reply(404, { error: { code: 100, message: `unknown path ${url.pathname}` } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config: WhatsAppConfig = {
    apiUrl: address,
    phoneNumberId: PHONE_NUMBER_ID,
    token: TOKEN,
    appSecret: 'app-secret-for-tests',
    verifyToken: 'verify-me',
    maxMediaBytes: 5 * 1024 * 1024,
    timeoutMs: 5000,
    ...overrides,
  };
  return {
    url: address,
    config,
    sent,
    get downloads() {
      return downloads;
    },
    addMedia(id, bytes, mimeType, options = {}) {
      media.set(id, {
        bytes,
        mimeType,
        sha256: options.sha256 ?? createHash('sha256').update(bytes).digest('hex'),
        fileSize: options.fileSize ?? bytes.byteLength,
      });
    },
    failNext(status, error, times = 1) {
      for (let i = 0; i < times; i++) failures.push({ status, error });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function textOf(body: Record<string, unknown>): string {
  const b = body as {
    text?: { body: string };
    interactive?: { body: { text: string } };
    template?: { name: string };
  };
  return b.text?.body ?? b.interactive?.body.text ?? b.template?.name ?? '';
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

// --- Webhooks as Meta sends them -------------------------------------------------------------------------

let messageCounter = 0;

export type WaMessage = Record<string, unknown> & { id?: string; from?: string; timestamp?: string };

/** One inbound message from `from` (digits, no plus) of the given type and body. */
export function waMessage(
  from: string,
  type: string,
  content: Record<string, unknown>,
  at = new Date(),
): WaMessage {
  return {
    from,
    id: `wamid.in.${++messageCounter}.${randomBytes(4).toString('hex')}`,
    timestamp: String(Math.floor(at.getTime() / 1000)),
    type,
    [type]: content,
  };
}

export function webhookBody(
  phoneNumberId: string,
  value: { messages?: WaMessage[]; statuses?: Record<string, unknown>[] },
): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId },
              ...(value.messages
                ? { contacts: value.messages.map((m) => ({ wa_id: m.from, profile: { name: 'Citizen' } })) }
                : {}),
              ...value,
            },
          },
        ],
      },
    ],
  });
}

/** The headers Meta sends with a body: its JSON type and the HMAC-SHA256 of the exact bytes. */
export function signedHeaders(body: string, appSecret: string) {
  return { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body, appSecret) };
}

// --- The app with the channel on ---------------------------------------------------------------------------

/** The app with WhatsApp configured to `graph`, its warnings collected in `logs`, on a manual clock. */
export async function startWhatsAppApp(database: Database, graph: Graph, start = '2026-03-02T04:30:00Z') {
  const clock = manualClock(start);
  const deps = { db: database.db, clock };
  const logs: Record<string, unknown>[] = [];
  const app = await buildApp(deps, {
    rateLimit: false,
    cookieSecure: false,
    listen: database.listen,
    whatsapp: graph.config,
    logger: { level: 'info', stream: { write: (line: string) => logs.push(JSON.parse(line)) } },
  });
  await app.ready();
  /** Posts a webhook body signed as Meta signs it. */
  const deliver = (
    body: string,
    headers: Record<string, string> = signedHeaders(body, graph.config.appSecret),
  ) => app.inject({ method: 'POST', url: '/api/channels/whatsapp/webhook', payload: body, headers });
  return { app, deps, clock, logs, deliver };
}
