// A citizen's sign-in code travels to the SMS adapter through the notification outbox, and the outbox is
// a table others read (support staff, exports, backups). So the code is never stored as it is: the row
// holds `params.sealedCode`, the code sealed with AES-256-GCM under a key derived from the deployment
// secret (secrets.ts), and only the delivery worker opens it, at the moment it renders the message.
// `citizen_otps` holds the code's hash for checking; nothing holds the code in clear.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deploymentKey } from './secrets.ts';

const PURPOSE = 'otp-code-v1';
const VERSION = 'v1';

/** The code, sealed: `v1.<iv>.<tag>.<ciphertext>`, each part base64url. */
export function sealOtpCode(code: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deploymentKey(PURPOSE), iv);
  cipher.setAAD(Buffer.from(PURPOSE));
  const sealed = Buffer.concat([cipher.update(code, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), sealed]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/**
 * The code in a notification's params, for the delivery worker to put in the message; null when the
 * params hold no sealed code, or one this deployment's secret did not seal (or that was altered).
 */
export function openOtpCode(params: Record<string, unknown> | null | undefined): string | null {
  const sealed = params?.sealedCode;
  if (typeof sealed !== 'string') return null;
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || data === undefined) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', deploymentKey(PURPOSE), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(PURPOSE));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    return null;
  }
}

/** Params as anything but the delivery worker may see them: without the sealed code. */
export function withoutSealedCode<T extends Record<string, unknown>>(params: T): Omit<T, 'sealedCode'> {
  const { sealedCode: _, ...rest } = params;
  return rest;
}
