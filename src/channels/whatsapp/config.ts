// WhatsApp Business Cloud API settings, from the environment. The channel is off unless the phone
// number id, the token, the app secret and the verify token are all given: a webhook that cannot check
// signatures must not be reachable at all.

export interface WhatsAppConfig {
  /** Base URL of the Graph API including its version, e.g. https://graph.facebook.com/v21.0 (tests: a local server). */
  apiUrl: string;
  /** Our business phone number's id: sends go from it, and webhooks for any other number are ignored. */
  phoneNumberId: string;
  /** The system user's access token (Bearer) for sends and media downloads. */
  token: string;
  /** The app secret: webhooks are signed with it (X-Hub-Signature-256, HMAC-SHA256 of the raw body). */
  appSecret: string;
  /** The token we typed into the app dashboard when subscribing the webhook. */
  verifyToken: string;
  /** Largest media file we download from a citizen (WhatsApp's own cap on images is 5 MB). */
  maxMediaBytes: number;
  /** How long a Graph API call may take before it counts as failed (and is retried). */
  timeoutMs: number;
}

export function readWhatsAppConfig(env: NodeJS.ProcessEnv = process.env): WhatsAppConfig | null {
  const phoneNumberId = env.WHATSAPP_PHONE_NUMBER_ID;
  const token = env.WHATSAPP_TOKEN;
  const appSecret = env.WHATSAPP_APP_SECRET;
  const verifyToken = env.WHATSAPP_VERIFY_TOKEN;
  const given = [phoneNumberId, token, appSecret, verifyToken].filter(Boolean).length;
  if (given === 0) return null;
  if (!phoneNumberId || !token || !appSecret || !verifyToken) {
    throw new Error(
      'WhatsApp needs all of WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_TOKEN, WHATSAPP_APP_SECRET and WHATSAPP_VERIFY_TOKEN (or none of them)',
    );
  }
  const apiUrl = (env.WHATSAPP_API_URL || 'https://graph.facebook.com/v21.0').replace(/\/+$/, '');
  if (!/^https?:\/\//.test(apiUrl))
    throw new Error(`WHATSAPP_API_URL must be an http(s) URL, got "${apiUrl}"`);
  const maxMediaBytes = Number(env.WHATSAPP_MAX_MEDIA_BYTES ?? 5 * 1024 * 1024);
  if (!Number.isInteger(maxMediaBytes) || maxMediaBytes <= 0) {
    throw new Error(
      `WHATSAPP_MAX_MEDIA_BYTES must be a positive whole number, got "${env.WHATSAPP_MAX_MEDIA_BYTES}"`,
    );
  }
  return { apiUrl, phoneNumberId, token, appSecret, verifyToken, maxMediaBytes, timeoutMs: 15_000 };
}
