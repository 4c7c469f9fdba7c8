import path from 'node:path';

// The phone line's settings, from the environment. A provider is served only when its credentials are
// set; without any, the IVR still runs for the SIP path and the admin simulator.

export interface TwilioConfig {
  /** Signs every webhook (X-Twilio-Signature); requests that do not verify are refused with 403. */
  authToken: string;
  /** With the auth token, fetches recordings (HTTP basic authentication). */
  accountSid: string | null;
  /** Hosts recordings may be fetched from (the signature vouches for the URL; this bounds it further). */
  recordingHosts: string[];
}

export interface VoiceConfig {
  /**
   * The address providers call us at (https://helpline.example.gov.in), for checking signatures over
   * the full URL. Without it, the URL is rebuilt from the request (Host and X-Forwarded-Proto).
   */
  publicUrl: string | null;
  twilio: TwilioConfig | null;
  /** Where the placeholder prompt clips (espeak-ng) are cached. */
  promptDir: string;
}

export function readVoiceConfig(env: NodeJS.ProcessEnv = process.env, dataDir = './data'): VoiceConfig {
  const list = (value: string | undefined, fallback: string[]) =>
    value
      ? value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : fallback;
  return {
    publicUrl: env.VOICE_PUBLIC_URL ? env.VOICE_PUBLIC_URL.replace(/\/+$/, '') : null,
    twilio: env.TWILIO_AUTH_TOKEN
      ? {
          authToken: env.TWILIO_AUTH_TOKEN,
          accountSid: env.TWILIO_ACCOUNT_SID || null,
          recordingHosts: list(env.TWILIO_RECORDING_HOSTS, ['api.twilio.com']),
        }
      : null,
    promptDir: path.resolve(env.VOICE_PROMPT_DIR ?? path.join(dataDir, 'prompts')),
  };
}
