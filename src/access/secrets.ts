// Passwords (argon2id), random tokens, and TOTP second factors.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { Secret, TOTP } from 'otpauth';

export const hashPassword = (password: string) => hash(password); // argon2id with the library's defaults
export const verifyPassword = (stored: string, password: string) =>
  verify(stored, password).catch(() => false);

/** A random token for a cookie or an API key, and the hash we store instead of it. */
export function newToken(prefix = ''): { token: string; hash: string } {
  const token = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { token, hash: sha256(token) };
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A six-digit code for SMS. */
export const newOtpCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label = 'CivicLine') {
  return new TOTP({
    issuer: 'CivicLine',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });
}

export const totpUri = (secret: string, label: string) => totp(secret, label).toString();

/** Accepts the code for now or the 30-second step either side (phone clocks drift). */
export function checkTotp(secret: string, code: string, now: Date): boolean {
  return totpStep(secret, code, now) !== null;
}

/**
 * The 30-second step a good code belongs to (now, or one either side), or null for a wrong code. The
 * caller records the step so the same code is never accepted twice.
 */
export function totpStep(secret: string, code: string, now: Date): number | null {
  const delta = totp(secret).validate({ token: code, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : Math.floor(now.getTime() / 30_000) + delta;
}

export const totpCode = (secret: string, now: Date) => totp(secret).generate({ timestamp: now.getTime() });
