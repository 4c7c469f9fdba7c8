// Start: read config, open the database, migrate, load demo data on a first embedded start, serve HTTP.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { startAuditSealer } from './access/audit-seal.ts';
import { loadDeploymentSecret } from './access/deployment-secret.ts';
import { buildApp } from './app.ts';
import { startReferenceCache } from './cache/index.ts';
import { readDeliveryOptions } from './channels/adapters.ts';
import { readEmailConfig, startEmailListener } from './channels/email/index.ts';
import { startChannels } from './channels/registry.ts';
import { effectiveSettings } from './channels/settings/store.ts';
import { canSpeak, warmPrompts } from './channels/voice/index.ts';
import { startSip } from './channels/voice/sip/index.ts';
import { readWhatsAppConfig } from './channels/whatsapp/index.ts';
import { systemClock } from './clock.ts';
import { readConfig } from './config.ts';
import { currentSchema, openDatabase } from './db/index.ts';
import type { Deps } from './deps.ts';
import { startJobs } from './jobs.ts';
import { startDelivery } from './notify/index.ts';
import { logOptions } from './ops/log.ts';
import { buildWeb, webBuildIsStale } from './ops/web-build.ts';
import { describeDemoAccounts, isDemoDeployment, seedDemoAccounts } from './seed/accounts.ts';
import { isEmpty, seedDemo } from './seed/seed.ts';

const config = readConfig();
// The web app is built (if its build is missing or stale) while the database opens and the demo loads.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// WEB_BUILD=false leaves the build alone (tests and benches start several nodes from one checkout).
const webBuild =
  process.env.WEB_BUILD !== 'false' &&
  !process.env.WEB_DIST &&
  webBuildIsStale(root, path.join(root, 'dist/web'))
    ? buildWeb(root)
    : null;
if (webBuild) console.log('Building the web app (its sources are newer than its build)...');
// Not left unhandled while the demo loads; awaited (and its failure reported) before the app is built.
webBuild?.catch(() => undefined);
const database = await openDatabase(config);
// One reference cache for the process, shared by requests and jobs (the SLA sweep), cleared on every
// node when reference data changes.
const reference = await startReferenceCache(database.listen, await currentSchema(database.db));
const deps: Deps = { db: database.db, clock: systemClock, reference, uploadCap: config.uploadCap };
loadDeploymentSecret(config, database.kind, (message) => console.warn(message));

// The demo is loaded before the app is built: whether the app shows one-time codes on screen depends
// on whether this database is the demo.
let demoAccounts = '';
if (database.kind === 'pglite' && config.seedDemo && (await isEmpty(deps.db))) {
  console.log('Empty embedded database: loading the demo deployment (once, a few seconds)...');
  const loadStarted = performance.now();
  const counts = await seedDemo(deps, {
    progress: (done, total) => done === total && console.log(`  demo grievances: ${done} registered`),
  });
  console.log(
    `Demo deployment loaded in ${Math.round((performance.now() - loadStarted) / 1000)} s:`,
    JSON.stringify(counts),
  );
  demoAccounts = describeDemoAccounts(await seedDemoAccounts(deps), `http://${config.host}:${config.port}`);
}

// The channel adapters, built from the environment with the admin area's channel settings over it, and
// built again on every node when those change (NOTIFY), without a restart. Made before the app, whose
// routes (delivery reports, the settings) use them; their log lines go to the app's log once it exists.
let appLog: {
  info(o: object, m?: string): void;
  warn(o: object, m?: string): void;
  error(o: object, m?: string): void;
} = {
  info: (o, m) => console.log(m, o),
  warn: (o, m) => console.warn(m, o),
  error: (o, m) => console.error(m, o),
};
const channelLog = {
  info: (o: object, m?: string) => appLog.info(o, m),
  warn: (o: object, m?: string) => appLog.warn(o, m),
  error: (o: object, m?: string) => appLog.error(o, m),
};
deps.channels = await startChannels(deps, process.env, {
  log: channelLog,
  settings: () =>
    effectiveSettings(deps.db, process.env, (name) =>
      channelLog.error(
        { setting: name },
        'a stored channel setting cannot be opened: was SECRET_KEY changed?',
      ),
    ),
  listen: database.listen,
  channel: `channel_settings_${await currentSchema(deps.db)}`,
});

if (webBuild) console.log(`Web app built in ${Math.round((await webBuild) / 1000)} s`);

// Log lines are written asynchronously, many per system call under load, instead of one write each.
const logStream = pino.destination({ dest: 1, sync: false });
const app = await buildApp(deps, {
  logger: logOptions(config.logLevel, logStream),
  logRequests: config.logRequests,
  cookieSecure: config.cookieSecure,
  rateLimit: config.rateLimit,
  // Codes on screen only where the demo accounts exist: a real deployment never has them, whatever its settings.
  demoOtp: config.demoOtp && (await isDemoDeployment(deps)),
  listen: database.listen,
  map: config.map,
  trustProxy: config.trustProxy,
  metricsToken: config.metricsToken,
  whatsapp: readWhatsAppConfig(deps.channels.env()),
  voice: config.voice,
  phoneCountryCode: config.phoneCountryCode,
  open311: config.open311,
});

appLog = app.log;
await app.listen({ host: config.host, port: config.port });
// Messages: the outbox is delivered on every channel with settings (README: Messages and channels).
deps.delivery = await startDelivery(deps, database.listen, {
  ...readDeliveryOptions(process.env),
  adapters: deps.channels.adapters,
  log: app.log,
});
const jobs = await startJobs(database, deps, { log: app.log });
const sealer = startAuditSealer(deps.db, deps.clock, app.log);
// Inbound email: our SMTP listener, when EMAIL_INBOUND_PORT is set (src/channels/email).
const email = readEmailConfig(deps.channels.env());
const emailListener = email?.inbound
  ? await startEmailListener(deps, { ...email, inbound: email.inbound }, app.log)
  : null;
// The phone line's placeholder prompts (espeak-ng), generated once in the background and cached on disk,
// so the SIP path and the simulator speak from the first call; anything missing is generated on demand.
const prompts = (async () => {
  if (!(await canSpeak()))
    return app.log.warn('espeak-ng or sox is missing: the phone line has no placeholder audio');
  const made = await warmPrompts({ dir: config.voice.promptDir });
  app.log.info({ clips: made, dir: config.voice.promptDir }, 'phone prompts ready');
})().catch((error) => app.log.error({ err: error }, 'could not generate the phone prompts'));
// The self-hosted SIP path, only where SIP_LISTEN names an address.
const sip = config.sip ? await startSip(deps, config.sip, config.voice.promptDir, app.log) : null;
const where = database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
// What to do next comes last, after the start-up log, where the reader's eye lands: wait (a little) for
// the last start-up line and for the log lines still buffered, then say it.
await Promise.race([prompts, new Promise((resolve) => setTimeout(resolve, 5_000))]);
try {
  logStream.flushSync();
} catch {
  // Not open yet: nothing was buffered.
}
console.log(`\nCivicLine is running at http://${config.host}:${config.port}  (API docs: /docs, ${where})\n`);
if (demoAccounts) console.log(`${demoAccounts}\n(shown once, at this first start)\n`);
if (sip) console.log(`SIP calls answered on udp ${sip.address.host}:${sip.address.port}\n`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    await sip?.stop();
    await app.close();
    await emailListener?.close();
    await jobs.stop();
    await deps.channels?.close();
    await deps.delivery?.close();
    await sealer.stop();
    await reference.close();
    await database.close();
    logStream.flushSync();
    process.exit(0);
  });
}
