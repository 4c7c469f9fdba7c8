// Environment -> typed config. Every setting has a default that suits the embedded mode, so
// `npm start` on a fresh machine needs none of them.
import path from 'node:path';

export interface Config {
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  databaseUrl: string | undefined;
  /** Folder for the embedded database's files. */
  dataDir: string;
  host: string;
  port: number;
  logLevel: string;
  /** Load the demo deployment on first start of an empty embedded database. */
  seedDemo: boolean;
  /** Mark session cookies Secure (HTTPS only). Browsers accept Secure cookies on http://localhost too. */
  cookieSecure: boolean;
  /** Per-IP request limits; off only for load tests. */
  rateLimit: boolean;
  /** Show citizens their one-time code on screen: the demo has no SMS gateway. Never in production. */
  demoOtp: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  }
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    host: env.HOST ?? '127.0.0.1',
    port,
    logLevel: env.LOG_LEVEL ?? 'info',
    seedDemo: (env.SEED_DEMO ?? 'true') !== 'false',
    cookieSecure: (env.COOKIE_SECURE ?? 'true') !== 'false',
    rateLimit: (env.RATE_LIMIT ?? 'true') !== 'false',
    // Only the embedded demo (no DATABASE_URL, demo data on) shows codes on screen, unless told otherwise.
    demoOtp: env.DEMO_OTP
      ? env.DEMO_OTP === 'true'
      : !env.DATABASE_URL && (env.SEED_DEMO ?? 'true') !== 'false',
  };
}
