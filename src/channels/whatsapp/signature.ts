// Meta signs every webhook with the app secret: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the
// body>`. The HMAC is over the bytes exactly as they arrived, so the body is kept raw until this check
// passes (a JSON parse and re-serialise would change spacing and escapes, and the check would fail on
// honest requests or, worse, be done over something other than what was signed). The comparison is in
// constant time so the signature cannot be guessed byte by byte from response times.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signBody(body: Uint8Array | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/** True when `header` is the correct signature of `body`; false when missing, malformed or wrong. */
export function validSignature(
  body: Uint8Array,
  header: string | string[] | undefined,
  appSecret: string,
): boolean {
  if (typeof header !== 'string') return false;
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!match) return false;
  const given = Buffer.from((match[1] as string).toLowerCase(), 'hex');
  const expected = createHmac('sha256', appSecret).update(body).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}
