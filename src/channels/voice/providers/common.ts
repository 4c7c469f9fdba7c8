// What every webhook provider adapter shares: form bodies kept raw for signature checks, the URL the
// provider signed, the caller's number, fetching a recording, and XML text.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { ReferenceCache } from '../../../cache/index.ts';
import type { DB } from '../../../db/schema.ts';
import { AppError } from '../../../errors.ts';
import { cleanText } from '../../../http/text.ts';
import type { PromptRef } from '../instructions.ts';
import { promptText, renderPrompt } from '../prompts/render.ts';

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
 * Indian providers (Exotel, KooKoo) send the caller as 10 digits, with a 0 or 91 in front, or in E.164:
 * to E.164, or null.
 */
export function indianCaller(value: string | undefined): string | null {
  const digits = (value ?? '').trim().replace(/[\s-]/g, '');
  if (digits.startsWith('+')) return callerNumber(digits);
  const bare = digits.replace(/^0+/, '');
  if (/^[6-9][0-9]{9}$/.test(bare)) return callerNumber(`+91${bare}`);
  return callerNumber(`+${bare}`);
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

/**
 * The gate for providers that sign nothing (Exotel, KooKoo, Africa's Talking): a secret token in the
 * path, compared in constant time, and, when configured, the provider's published source addresses.
 * Either failing is a 403 before the engine is reached.
 */
export interface TokenGate {
  /** The secret path segment the provider's URLs carry (/webhooks/voice/exotel/<token>/...). */
  token: string;
  /** Addresses or IPv4 CIDR blocks requests may come from; empty: any (the token alone). */
  allowIps: string[];
}

export function checkGate(request: FastifyRequest, gate: TokenGate, provider: string) {
  const given = Buffer.from(String((request.params as { token?: string }).token ?? ''));
  const expected = Buffer.from(gate.token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new AppError('forbidden', `the ${provider} webhook token does not match`);
  if (gate.allowIps.length && !ipAllowed(request.ip, gate.allowIps))
    throw new AppError('forbidden', `${request.ip} is not on the ${provider} allow-list`);
}

const ipv4 = (ip: string) => {
  const m = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/i.exec(ip);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return parts.reduce((acc, p) => acc * 256 + p, 0);
};

/** Whether an address is on a list of addresses and IPv4 CIDR blocks (203.0.113.0/24). */
export function ipAllowed(ip: string, list: string[]) {
  const address = ipv4(ip);
  for (const entry of list) {
    const [net, bits] = entry.split('/');
    if (bits === undefined) {
      if (entry === ip || (address !== null && ipv4(entry) === address)) return true;
      continue;
    }
    const base = ipv4(net ?? '');
    const size = Number(bits);
    if (address === null || base === null || !(size >= 0 && size <= 32)) continue;
    const block = 2 ** (32 - size);
    if (Math.floor(address / block) === Math.floor(base / block)) return true;
  }
  return false;
}

/** What a provider is told to say: a recorded clip where an administrator uploaded one, else text. */
export type Spoken =
  | { kind: 'audio'; url: string; text: string; language: string }
  | { kind: 'text'; text: string; language: string };

/**
 * The instruction's prompts as a provider speaks them. A prompt without parameters that has a recording
 * in its language is played (its URL carries the upload time, so a provider's cache never serves an old
 * take); any other prompt is text for the provider's text-to-speech. Which prompts are recorded is cached
 * per process with the app's reference cache (`reference`).
 */
export async function spokenPrompts(
  db: Kysely<DB>,
  prompts: PromptRef[],
  base: string,
  reference?: ReferenceCache,
): Promise<Spoken[]> {
  const rendered = prompts.map((ref) => renderPrompt(ref, String(ref.params?.lang ?? 'en')));
  const recorded = await recordedPrompts(db, reference);
  const out: Spoken[] = [];
  for (const prompt of rendered) {
    const at = recorded.get(`${prompt.key}\u0000${prompt.language}`);
    // The text goes with a recording too: a provider that can play one file only falls back to it.
    const text = promptText(prompt).trim();
    if (at !== undefined)
      out.push({
        kind: 'audio',
        url: `${base}${recordingPath(prompt.key, prompt.language, at)}`,
        text,
        language: prompt.language,
      });
    else if (text) out.push({ kind: 'text', text, language: prompt.language });
  }
  return out;
}

async function loadRecorded(db: Kysely<DB>) {
  const rows = await db
    .selectFrom('ivr_prompt_recordings')
    .select(['key', 'language', 'uploaded_at'])
    .execute();
  return new Map(rows.map((r) => [`${r.key}\u0000${r.language}`, r.uploaded_at.getTime()]));
}

// Which prompts are recorded, per app (its reference cache), kept while the reference version stands: a
// take uploaded or removed bumps it (0053) and every node drops the list on the announcement. Without a
// cache (a single request, the simulator's transaction) the list is read each time.
const RECORDED = new WeakMap<ReferenceCache, { version: number; list: Promise<Map<string, number>> }>();

async function recordedPrompts(db: Kysely<DB>, reference?: ReferenceCache) {
  if (!reference) return loadRecorded(db);
  const version = await reference.version(db);
  let held = RECORDED.get(reference);
  if (held?.version !== version) {
    held = { version, list: loadRecorded(db) };
    RECORDED.set(reference, held);
    held.list.catch(() => RECORDED.delete(reference));
  }
  return held.list;
}

/** Where a recorded prompt is served to providers (src/channels/voice/recordings-routes.ts). */
export function recordingPath(key: string, language: string, uploadedAt: number) {
  return `/webhooks/voice/recordings/${encodeURIComponent(key)}/${encodeURIComponent(language)}.wav?v=${uploadedAt}`;
}

/** The address providers reach us at, for absolute URLs in their XML. */
export function baseUrl(request: FastifyRequest, publicUrl: string | null) {
  return publicUrl ?? `${request.protocol}://${request.host}`;
}
