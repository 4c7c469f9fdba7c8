// What every webhook provider adapter shares: form bodies kept raw for signature checks, the URL the
// provider signed, the caller's number, fetching a recording, and XML text.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { cleanText } from '../../../http/text.ts';

const RAW = new WeakMap<FastifyRequest, Record<string, string>>();

/**
 * Form bodies (application/x-www-form-urlencoded), as providers post them. The parameters exactly as
 * sent are kept for the signature; the body the route sees is cleaned like all text at the edge.
 */
export function acceptForms(app: FastifyInstance) {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 65_536 },
    (request, body, done) => {
      const raw = Object.fromEntries(new URLSearchParams(body as string));
      RAW.set(request, raw);
      done(null, Object.fromEntries(Object.entries(raw).map(([k, v]) => [cleanText(k), cleanText(v)])));
    },
  );
}

/** The parameters as the provider sent them: the form body, or the query of a GET. */
export function rawParams(request: FastifyRequest): Record<string, string> {
  return RAW.get(request) ?? {};
}

/** The URL the provider requested, as it signed it. */
export function requestedUrl(request: FastifyRequest, publicUrl: string | null) {
  const base = publicUrl ?? `${request.protocol}://${request.host}`;
  return `${base}${request.url}`;
}

// Numbers networks send for a withheld caller id.
const WITHHELD = new Set(['+266696687', '+86282452253', '+8656696', '+7378742833', '+2562533']);

/** The caller's number in E.164, or null when it is withheld or not a number. */
export function callerNumber(value: string | undefined): string | null {
  const v = (value ?? '').trim().replace(/[\s-]/g, '');
  if (!/^\+[1-9][0-9]{6,14}$/.test(v) || WITHHELD.has(v)) return null;
  return v;
}

/**
 * Fetches a finished recording from the provider. Returns null when it cannot (the engine then keeps the
 * URL on the draft so nothing is lost); only from the hosts configured, over http(s).
 */
export async function fetchRecording(
  url: string,
  options: { hosts: string[]; auth?: string | null; timeoutMs?: number },
): Promise<{ mediaType: 'audio/wav' | 'audio/mpeg'; content: Uint8Array } | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!/^https?:$/.test(parsed.protocol) || !options.hosts.includes(parsed.host)) return null;
  try {
    const res = await fetch(parsed, {
      headers: options.auth ? { authorization: `Basic ${Buffer.from(options.auth).toString('base64')}` } : {},
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    if (!res.ok) return null;
    const type = (res.headers.get('content-type') ?? '').toLowerCase();
    const content = new Uint8Array(await res.arrayBuffer());
    if (!content.byteLength || content.byteLength > 16_777_216) return null;
    const mediaType = type.includes('mpeg') || type.includes('mp3') ? 'audio/mpeg' : 'audio/wav';
    return { mediaType, content };
  } catch {
    return null;
  }
}

export function xml(text: string) {
  return text.replace(
    /[<>&"']/g,
    (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`,
  );
}
