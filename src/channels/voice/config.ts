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

/** Providers that sign nothing: a secret path token and, where set, their addresses (providers/common.ts). */
export interface GateConfig {
  token: string;
  allowIps: string[];
  /** Hosts recordings may be fetched from; a recording elsewhere is kept as its URL on the draft. */
  recordingHosts: string[];
}

export interface ExotelConfig extends GateConfig {
  /** The numbers Exotel's Connect applet rings for a queued call (the call centre's line). */
  agentNumbers: string[];
}

export interface KooKooConfig extends GateConfig {
  /** The number KooKoo dials for a queued call (the call centre's line). */
  agentNumber: string | null;
}

export interface PlivoConfig {
  /** Signs every webhook (X-Plivo-Signature-V3 with its nonce); requests that do not verify get 403. */
  authToken: string;
  /** With the token, fetches recordings (HTTP basic authentication). */
  authId: string | null;
  recordingHosts: string[];
}

export interface VoiceConfig {
  /**
   * The address providers call us at (https://helpline.example.gov.in), for checking signatures over
   * the full URL. Without it, the URL is rebuilt from the request (Host and X-Forwarded-Proto).
   */
  publicUrl: string | null;
  twilio: TwilioConfig | null;
  exotel?: ExotelConfig | null;
  kookoo?: KooKooConfig | null;
  africasTalking?: GateConfig | null;
  plivo?: PlivoConfig | null;
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
    exotel: env.EXOTEL_TOKEN
      ? {
          token: env.EXOTEL_TOKEN,
          allowIps: list(env.EXOTEL_ALLOW_IPS, []),
          recordingHosts: list(env.EXOTEL_RECORDING_HOSTS, ['recordings.exotel.com']),
          agentNumbers: list(env.EXOTEL_AGENT_NUMBERS, []),
        }
      : null,
    kookoo: env.KOOKOO_TOKEN
      ? {
          token: env.KOOKOO_TOKEN,
          allowIps: list(env.KOOKOO_ALLOW_IPS, []),
          recordingHosts: list(env.KOOKOO_RECORDING_HOSTS, ['recordings.kookoo.in']),
          agentNumber: env.KOOKOO_AGENT_NUMBER || null,
        }
      : null,
    africasTalking: env.AT_VOICE_TOKEN
      ? {
          token: env.AT_VOICE_TOKEN,
          allowIps: list(env.AT_ALLOW_IPS, []),
          recordingHosts: list(env.AT_RECORDING_HOSTS, []),
        }
      : null,
    plivo: env.PLIVO_AUTH_TOKEN
      ? {
          authToken: env.PLIVO_AUTH_TOKEN,
          authId: env.PLIVO_AUTH_ID || null,
          recordingHosts: list(env.PLIVO_RECORDING_HOSTS, ['media.plivo.com']),
        }
      : null,
    promptDir: path.resolve(env.VOICE_PROMPT_DIR ?? path.join(dataDir, 'prompts')),
  };
}
