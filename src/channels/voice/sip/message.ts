// SIP messages (RFC 3261 section 7) as plain data: parse a datagram, serialise a request or response.
//
// Only what a user agent answering calls needs: the start line, headers in order (a header may repeat,
// Via above all, and the order of Vias is the route a response takes back), compact header names, line
// folding, and a body cut at Content-Length. Anything we cannot read is refused with a reason, never
// thrown past the socket: a garbled datagram from the internet must not end the calls in progress.

export interface SipRequest {
  kind: 'request';
  method: string;
  uri: string;
  headers: SipHeader[];
  body: Buffer;
}

export interface SipResponse {
  kind: 'response';
  status: number;
  reason: string;
  headers: SipHeader[];
  body: Buffer;
}

export type SipMessage = SipRequest | SipResponse;

/** One header line; the name in its canonical spelling (compact forms expanded). */
export interface SipHeader {
  name: string;
  value: string;
}

export class SipParseError extends Error {}

const COMPACT: Record<string, string> = {
  i: 'Call-ID',
  f: 'From',
  t: 'To',
  v: 'Via',
  m: 'Contact',
  l: 'Content-Length',
  c: 'Content-Type',
  k: 'Supported',
  s: 'Subject',
  e: 'Content-Encoding',
  o: 'Event',
  r: 'Refer-To',
};

const CANONICAL: Record<string, string> = Object.fromEntries(
  [
    'Via',
    'From',
    'To',
    'Call-ID',
    'CSeq',
    'Contact',
    'Max-Forwards',
    'Content-Type',
    'Content-Length',
    'User-Agent',
    'Allow',
    'Supported',
    'Accept',
    'Event',
    'Refer-To',
    'Server',
  ].map((h) => [h.toLowerCase(), h]),
);

/** Header names compare case-insensitively; keep one spelling so lookups are plain string compares. */
function canonicalName(raw: string): string {
  const lower = raw.trim().toLowerCase();
  return COMPACT[lower] ?? CANONICAL[lower] ?? raw.trim();
}

// Methods and header names are tokens (RFC 3261 section 25.1).
const TOKEN = /^[A-Za-z0-9.!%*_+`'~-]+$/;
const MAX_DATAGRAM = 65_507;

export function parseSip(datagram: Buffer): SipMessage {
  if (datagram.length === 0 || datagram.length > MAX_DATAGRAM) throw new SipParseError('empty or oversized');
  const split = datagram.indexOf('\r\n\r\n');
  // Some senders use bare LF; accept it, as RFC 3261 asks of a tolerant receiver.
  const lfSplit = split === -1 ? datagram.indexOf('\n\n') : -1;
  if (split === -1 && lfSplit === -1) throw new SipParseError('no end of headers');
  const headEnd = split !== -1 ? split : lfSplit;
  const bodyStart = split !== -1 ? split + 4 : lfSplit + 2;
  const head = datagram.subarray(0, headEnd).toString('latin1');
  if (/[\0]/.test(head)) throw new SipParseError('NUL in headers');
  const lines = head.split(/\r?\n/);
  const start = lines.shift() ?? '';

  const headers: SipHeader[] = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line)) {
      // A folded continuation of the previous header.
      const last = headers.at(-1);
      if (!last) throw new SipParseError('continuation before any header');
      last.value = `${last.value} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw new SipParseError(`bad header line: ${line.slice(0, 40)}`);
    const rawName = line.slice(0, colon).trim();
    if (!TOKEN.test(rawName)) throw new SipParseError(`bad header name: ${rawName.slice(0, 40)}`);
    headers.push({ name: canonicalName(rawName), value: line.slice(colon + 1).trim() });
  }

  let body = datagram.subarray(bodyStart);
  const length = headerValue(headers, 'Content-Length');
  if (length !== undefined) {
    if (!/^\d+$/.test(length)) throw new SipParseError('bad Content-Length');
    const n = Number(length);
    if (n > body.length) throw new SipParseError('body shorter than Content-Length');
    body = body.subarray(0, n);
  }
  body = Buffer.from(body);

  const response = /^SIP\/2\.0 (\d{3}) ?(.*)$/.exec(start);
  if (response) {
    return { kind: 'response', status: Number(response[1]), reason: response[2] ?? '', headers, body };
  }
  const request = /^(\S+) (\S+) SIP\/2\.0$/.exec(start);
  if (!request || !TOKEN.test(request[1] as string)) {
    throw new SipParseError(`bad start line: ${start.slice(0, 60)}`);
  }
  return { kind: 'request', method: request[1] as string, uri: request[2] as string, headers, body };
}

export function serialiseSip(message: SipMessage): Buffer {
  const start =
    message.kind === 'request'
      ? `${message.method} ${message.uri} SIP/2.0`
      : `SIP/2.0 ${message.status} ${message.reason}`;
  const lines = [start];
  for (const h of message.headers) if (h.name !== 'Content-Length') lines.push(`${h.name}: ${h.value}`);
  lines.push(`Content-Length: ${message.body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), message.body]);
}

export function headerValue(headers: SipHeader[], name: string): string | undefined {
  return headers.find((h) => h.name === name)?.value;
}

export function headerValues(headers: SipHeader[], name: string): string[] {
  return headers.filter((h) => h.name === name).map((h) => h.value);
}

/** `tag` (or any) parameter of a From/To/Via value: `<sip:a@b>;tag=xyz` -> `xyz`. */
export function headerParam(value: string | undefined, param: string): string | undefined {
  if (!value) return undefined;
  // Parameters follow the URI's closing bracket when there is one (a URI may carry its own parameters).
  const close = value.lastIndexOf('>');
  const params = close === -1 ? value : value.slice(close + 1);
  const re = new RegExp(`;\\s*${param}\\s*=\\s*([^;,\\s]+)`, 'i');
  return re.exec(params)?.[1];
}

/** `101 INVITE` -> { seq: 101, method: 'INVITE' }. */
export function parseCSeq(value: string | undefined): { seq: number; method: string } | undefined {
  const m = value ? /^(\d{1,10})\s+(\S+)$/.exec(value.trim()) : null;
  return m ? { seq: Number(m[1]), method: m[2] as string } : undefined;
}

/** The user part of a From/To/Contact: `"Ram" <sip:+919876543210@host>` -> `+919876543210`. */
export function uriUser(value: string | undefined): string | null {
  if (!value) return null;
  const m = /(?:sips?|tel):([^@;>\s]+)/i.exec(value);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1] as string);
  } catch {
    return null;
  }
}

/** The URI inside a name-addr, or the value itself: `"Ram" <sip:ram@host>;tag=1` -> `sip:ram@host`. */
export function addrUri(value: string): string {
  const m = /<([^>]+)>/.exec(value);
  return m ? (m[1] as string) : (value.split(';')[0] as string).trim();
}

/** Header values every request must carry to be answered at all (RFC 3261 section 8.1.1). */
export function missingMandatory(message: SipMessage): string | undefined {
  for (const name of ['Via', 'From', 'To', 'Call-ID', 'CSeq']) {
    if (!headerValue(message.headers, name)) return name;
  }
  if (!parseCSeq(headerValue(message.headers, 'CSeq'))) return 'CSeq';
  return undefined;
}
