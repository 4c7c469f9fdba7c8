// Environment -> typed config. Every setting has a default that suits the embedded mode, so
// `npm start` on a fresh machine needs none of them.
import path from 'node:path';
import { DEFAULT_UPLOAD_CAP, type UploadCap } from './attachments/cap.ts';
import { type Open311Config, readOpen311Config } from './channels/open311/config.ts';
import { readVoiceConfig, type VoiceConfig } from './channels/voice/config.ts';
import { readSipConfig, type SipConfig } from './channels/voice/sip/config.ts';

export interface Config {
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  databaseUrl: string | undefined;
  /** Folder for the embedded database's files. */
  dataDir: string;
  host: string;
  port: number;
  logLevel: string;
  /** A log line per request (Fastify's); off by default in the embedded demo. */
  logRequests: boolean;
  /** Load the demo deployment on first start of an empty embedded database. */
  seedDemo: boolean;
  /** Mark session cookies Secure (HTTPS only). Browsers accept Secure cookies on http://localhost too. */
  cookieSecure: boolean;
  /** Per-IP request limits; off only for load tests. */
  rateLimit: boolean;
  /** Show citizens their one-time code on screen: the demo has no SMS gateway. Never in production. */
  demoOtp: boolean;
  /** The map citizens place a grievance on: where its tiles come from and whom to credit. */
  map: MapConfig;
  // Security settings ---------------------------------------------------------------------------------
  /**
   * Proxies whose X-Forwarded-For is believed (addresses or CIDRs, from TRUST_PROXY, comma-separated);
   * false (the default) believes none, so a client cannot choose the address that rate limits and the
   * audit log see.
   */
  trustProxy: string[] | false;
  /** Bearer token that /metrics asks for (METRICS_TOKEN); without one /metrics is off. */
  metricsToken: string | null;
  /** The deployment secret that keys sealed values such as SMS codes (SECRET_KEY); see access/secrets.ts. */
  secretKey: string | null;
  /** The phone line's providers (channels/voice/config.ts). */
  voice: VoiceConfig;
  /** The self-hosted SIP path (src/channels/voice/sip); null unless SIP_LISTEN is set. */
  sip: SipConfig | null;
  /** The country calling code that completes a national mobile number typed without one ("91"). */
  phoneCountryCode: string;
  /** Files and bytes of each kind one grievance may hold (GRIEVANCE_FILES, GRIEVANCE_MB). */
  uploadCap: UploadCap;
  /** The Open311 endpoint (OPEN311_JURISDICTION_ID, OPEN311_LANGUAGE; src/channels/open311/config.ts). */
  open311: Open311Config;
}

export interface MapConfig {
  /** Leaflet tile URL template with {z}, {x} and {y} (and optionally {s}); https, or a path on this server. */
  tileUrl: string;
  /** Credit shown on the map, as HTML (links allowed): the tile provider's licence usually requires it. */
  attribution: string;
}

/** OpenStreetMap's standard tiles: fine for a pilot; a state deployment should run or buy its own. */
export const DEFAULT_MAP: MapConfig = {
  tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
};

/**
 * The Content-Security-Policy source that lets the browser load the configured tiles: the scheme and
 * host of the template (a {s} subdomain becomes a wildcard), or null for tiles served by this server.
 * Throws on a template that is not an http(s) URL or a path, so a mistake stops the start.
 */
export function tileSource(tileUrl: string): string | null {
  if (!/\{z\}/.test(tileUrl) || !/\{x\}/.test(tileUrl) || !/\{y\}/.test(tileUrl)) {
    throw new Error(`MAP_TILE_URL must contain {z}, {x} and {y}, got "${tileUrl}"`);
  }
  if (tileUrl.startsWith('/') && !tileUrl.startsWith('//')) return null;
  const match = /^(https?):\/\/([^/?#]+)/i.exec(tileUrl);
  if (!match) throw new Error(`MAP_TILE_URL must be an http(s) URL or a path, got "${tileUrl}"`);
  const [, scheme, authority] = match as unknown as [string, string, string];
  const labels = authority.split('.');
  // Everything up to the last label holding a placeholder ({s}, a load-balancing letter) may vary.
  const last = labels.findLastIndex((l) => l.includes('{'));
  const host = last === -1 ? authority : ['*', ...labels.slice(last + 1)].join('.');
  if (!/^(\*\.)?[A-Za-z0-9.-]+(:\d{1,5})?$/.test(host) || host.split('.').length < 2) {
    throw new Error(`MAP_TILE_URL has a host a browser policy cannot name: "${tileUrl}"`);
  }
  return `${scheme.toLowerCase()}://${host.toLowerCase()}`;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  }
  const map: MapConfig = {
    tileUrl: env.MAP_TILE_URL || DEFAULT_MAP.tileUrl,
    attribution: env.MAP_ATTRIBUTION ?? DEFAULT_MAP.attribution,
  };
  tileSource(map.tileUrl);
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    host: env.HOST ?? '127.0.0.1',
    port,
    logLevel: env.LOG_LEVEL ?? 'info',
    // A line per request drowns the embedded demo's console (and the sign-ins printed at the end of
    // its start); a deployment on PostgreSQL keeps them. LOG_REQUESTS=true|false decides either way.
    logRequests: env.LOG_REQUESTS
      ? env.LOG_REQUESTS === 'true'
      : Boolean(env.DATABASE_URL) || (env.SEED_DEMO ?? 'true') === 'false',
    seedDemo: (env.SEED_DEMO ?? 'true') !== 'false',
    cookieSecure: (env.COOKIE_SECURE ?? 'true') !== 'false',
    rateLimit: (env.RATE_LIMIT ?? 'true') !== 'false',
    // Only the embedded demo (no DATABASE_URL, demo data on) shows codes on screen, unless told otherwise.
    demoOtp: env.DEMO_OTP
      ? env.DEMO_OTP === 'true'
      : !env.DATABASE_URL && (env.SEED_DEMO ?? 'true') !== 'false',
    map,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    metricsToken: env.METRICS_TOKEN || null,
    secretKey: env.SECRET_KEY || null,
    voice: readVoiceConfig(env, path.resolve(env.DATA_DIR ?? './data')),
    sip: readSipConfig(env),
    phoneCountryCode: phoneCountryCode(env.PHONE_COUNTRY_CODE),
    open311: readOpen311Config(env),
    uploadCap: {
      files: positive('GRIEVANCE_FILES', env.GRIEVANCE_FILES, DEFAULT_UPLOAD_CAP.files),
      bytes: Math.round(
        positive('GRIEVANCE_MB', env.GRIEVANCE_MB, DEFAULT_UPLOAD_CAP.bytes / 1024 / 1024) * 1024 * 1024,
      ),
    },
  };
}

/** A positive number from the environment, or the default when unset; anything else stops the start. */
function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${value}"`);
  return n;
}

/** TRUST_PROXY: a comma-separated list of proxy addresses or CIDRs; empty or unset trusts none. */
export function parseTrustProxy(value: string | undefined): string[] | false {
  const list = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of list) {
    if (!/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(entry))
      throw new Error(`TRUST_PROXY must list proxy addresses or CIDRs (e.g. 10.0.0.0/8), got "${entry}"`);
  }
  return list.length ? list : false;
}

function phoneCountryCode(value: string | undefined): string {
  const code = (value ?? '91').replace(/^\+/, '');
  if (!/^[1-9]\d{0,2}$/.test(code)) throw new Error(`PHONE_COUNTRY_CODE must be 1-3 digits, got "${value}"`);
  return code;
}
