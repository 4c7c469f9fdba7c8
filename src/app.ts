// Builds the Fastify app from its parts. Used by main.ts and by tests (with `app.inject`).

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyReply, type FastifyServerOptions, LogController } from 'fastify';
import helmet from 'helmet';
import { installAccess } from './access/plugin.ts';
import { accessRoutes } from './access/routes.ts';
import { attachmentRoutes } from './attachments/index.ts';
import { startAccessCache, startReferenceCache } from './cache/index.ts';
import { emailAddressRoutes } from './channels/email/address-routes.ts';
import {
  DEFAULT_OPEN311,
  type Open311Config,
  open311Routes,
  sendOpen311Errors,
} from './channels/open311/index.ts';
import { preferenceRoutes } from './channels/preference.ts';
import { channelSettingsRoutes } from './channels/settings/routes.ts';
import { smsReceiptRoutes } from './channels/sms/http/routes.ts';
import type { VoiceConfig } from './channels/voice/config.ts';
import { voiceRoutes } from './channels/voice/routes.ts';
import { liveWhatsAppChannel, type WhatsAppConfig, whatsappRoutes } from './channels/whatsapp/index.ts';
import { citizenRoutes } from './citizens/routes.ts';
import { DEFAULT_MAP, type MapConfig, tileSource } from './config.ts';
import type { Listen } from './db/index.ts';
import { currentSchema } from './db/index.ts';
import type { Deps } from './deps.ts';
import { deskRoutes, startDeskFeed } from './desk/index.ts';
import { directoryRoutes } from './directory/routes.ts';
import { feedbackLinkRoutes } from './feedback/routes.ts';
import { grievanceRoutes } from './grievances/routes.ts';
import { installErrorHandler } from './http/errors.ts';
import { installNoStore } from './http/no-store.ts';
import { normalisePhones } from './http/phone.ts';
import { sharedSchemaCompilers } from './http/schema-compilers.ts';
import { normaliseInput } from './http/text.ts';
import { setWebCacheHeaders } from './http/web-cache.ts';
import {
  gradingRoutes,
  insightRoutes,
  mapRoutes,
  publicRoutes,
  reportRoutes,
  scheduleRoutes,
  wallRoutes,
} from './insight/index.ts';
import { knowledgeRoutes } from './knowledge/routes.ts';
import { liveRoutes, startLiveFeed } from './live/index.ts';
import { notifyRoutes } from './notify/routes.ts';
import { templateRoutes } from './notify/template-routes.ts';
import { createMetrics } from './ops/metrics.ts';
import { opsRoutes } from './ops/routes.ts';
import { placeRoutes } from './places/routes.ts';
import { routingRoutes } from './routing/routes.ts';
import { settingsRoutes } from './settings/routes.ts';
import { slaRoutes } from './sla/routes.ts';

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
  /** false: no log line per request (the embedded demo's console). */
  logRequests?: boolean;
  /** Session cookies only over HTTPS (default true). */
  cookieSecure?: boolean;
  /** Request limits per IP, stricter on sign-in, codes and public registration (default true). */
  rateLimit?: boolean;
  /** Demo only, with no SMS gateway: the one-time code is returned to the browser. */
  demoOtp?: boolean;
  /** How this node hears grievance changes made anywhere (the database's LISTEN), for the live feed. */
  listen: Listen;
  /** Live feed keep-alive and re-check interval (tests shorten it). */
  liveHeartbeatMs?: number;
  /** The citizens' map: tile URL and credit (default OpenStreetMap's standard tiles). */
  map?: MapConfig;
  /** Proxies whose X-Forwarded-For is believed (TRUST_PROXY); none by default. */
  trustProxy?: string[] | false;
  /** /metrics answers only with this bearer token (METRICS_TOKEN); without one it is off. */
  metricsToken?: string | null;
  /** The WhatsApp Cloud API channel (src/channels/whatsapp); absent: its webhook is not served. */
  whatsapp?: WhatsAppConfig | null;
  /** The phone line: which providers' webhooks are served, and the address they call (channels/voice). */
  voice?: VoiceConfig;
  /** Completes mobile numbers typed without a country code (default 91, India). */
  phoneCountryCode?: string;
  /** The Open311 GeoReport v2 endpoint's jurisdiction and default language (channels/open311). */
  open311?: Open311Config;
  /** The built web app's folder (default: WEB_DIST, else dist/web); a test serves its own build. */
  webRoot?: string;
}

/** The built web app (`npm run build`), served when present. WEB_DIST points elsewhere. */
const defaultWebRoot = () =>
  process.env.WEB_DIST
    ? path.resolve(process.env.WEB_DIST)
    : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/web');

export async function buildApp(given: Deps, options: AppOptions) {
  const schema = await currentSchema(given.db);
  // The reference cache drops what it holds whenever a change to reference data is announced.
  const reference = given.reference ?? (await startReferenceCache(options.listen, schema));
  const access = given.access ?? (await startAccessCache(options.listen, schema));
  const deps: Deps = { ...given, reference, access };
  const webRoot = options.webRoot ?? defaultWebRoot();
  const app = Fastify({
    // Behind the state data centre's load balancer the client address comes in X-Forwarded-For, but only
    // the configured proxies are believed: anyone else could write that header and choose the address
    // rate limits and the audit log see (TRUST_PROXY, config.ts).
    trustProxy: options.trustProxy || false,
    logger: options.logger ?? false,
    ...(options.logRequests === false
      ? { logController: new LogController({ disableRequestLogging: true }) }
      : {}),
    bodyLimit: 1_048_576,
    // Malformed URLs and over-long path segments are refused by the router itself; answer them in our
    // error format like everything else.
    frameworkErrors: (error, request, reply) => {
      const message = `the address is not valid: ${error.message.split(':')[0]}`;
      if (request.url.startsWith('/open311/'))
        return sendOpen311Errors(reply as FastifyReply, { url: request.url, params: {} }, 400, [
          { code: 400, description: `validation_failed: ${message}` },
        ]);
      (reply as FastifyReply).code(400).send({ code: 'validation_failed', message, details: [] });
    },
    // Report every schema problem at once, not only the first; reject unknown fields rather than drop them.
    ajv: { customOptions: { allErrors: true, removeAdditional: false } },
    schemaController: { compilersFactory: sharedSchemaCompilers },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const web = existsSync(path.join(webRoot, 'index.html'));
  installErrorHandler(app, { spaFallback: web });
  // Text is checked and normalised once, here, before any route's schema or logic sees it (http/text.ts).
  app.addHook('preValidation', async (request) => {
    if (request.body !== undefined && request.body !== null)
      request.body = normaliseInput(request.body, 'body');
    request.query = normaliseInput(request.query, 'query');
    request.params = normaliseInput(request.params, 'path');
    // Mobile numbers as people type them, in E.164 before any schema checks them (http/phone.ts).
    const country = options.phoneCountryCode ?? '91';
    if (request.body !== undefined && request.body !== null)
      request.body = normalisePhones(request.body, country);
    request.query = normalisePhones(request.query, country);
    request.params = normalisePhones(request.params, country);
  });
  // Schema coercion can turn the text "Infinity" into a number after the check above: check numbers again.
  app.addHook('preHandler', async (request) => {
    if (request.body !== undefined && request.body !== null) normaliseInput(request.body, 'body');
    normaliseInput(request.query, 'query');
  });
  installNoStore(app);
  const metrics = createMetrics(deps.db);
  metrics.install(app);

  // The map's tiles are images from the configured tile server, and nothing else from it.
  const map = options.map ?? DEFAULT_MAP;
  const tiles = tileSource(map.tileUrl);
  // Security headers on every answer. Helmet's middleware is built once here and only sets headers per
  // request; the Fastify plugin rebuilt it (parsing the policy again) on every request, 5% of a
  // registration's CPU time.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...(tiles ? [tiles] : [])],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, () => done());
  });
  await app.register(cookie);
  const rateLimited = options.rateLimit ?? true;
  if (rateLimited) await app.register(rateLimit, { global: true, max: 600, timeWindow: '1 minute' });
  installAccess(app, deps);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'CivicLine API',
        version: '0.1.0',
        description:
          'Citizen helpline and grievance redressal. Errors are JSON {code, message, details} with a stable code.',
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Sign-in, codes and public registration: a few a minute per address is plenty for a person.
  const strictLimit = rateLimited ? { max: 10, timeWindow: '1 minute' } : false;
  await app.register(
    accessRoutes(deps, {
      cookieSecure: options.cookieSecure ?? true,
      strictLimit,
      demoOtp: options.demoOtp ?? false,
    }),
  );
  await app.register(opsRoutes(deps, metrics, { metricsToken: options.metricsToken }));
  await app.register(placeRoutes(deps));
  await app.register(settingsRoutes(deps, map));
  await app.register(directoryRoutes(deps));
  await app.register(routingRoutes(deps));
  await app.register(slaRoutes(deps));
  await app.register(citizenRoutes(deps));
  await app.register(grievanceRoutes(deps, { strictLimit }));
  // Uploads are heavy: a person adds a few photos at a time.
  await app.register(
    attachmentRoutes(deps, { uploadLimit: rateLimited ? { max: 30, timeWindow: '1 minute' } : false }),
  );
  await app.register(knowledgeRoutes(deps));
  await app.register(notifyRoutes(deps));
  await app.register(templateRoutes(deps));
  await app.register(insightRoutes(deps));
  await app.register(gradingRoutes(deps));
  await app.register(wallRoutes(deps));
  await app.register(publicRoutes(deps));
  await app.register(reportRoutes(deps));
  await app.register(scheduleRoutes(deps));
  await app.register(mapRoutes(deps));
  const feed = await startLiveFeed(deps.db, options.listen, app.log);
  app.addHook('onClose', () => feed.close());
  if (!given.reference) app.addHook('onClose', () => reference.close());
  if (!given.access) app.addHook('onClose', () => access.close());
  await app.register(liveRoutes(deps, feed, { heartbeatMs: options.liveHeartbeatMs }));
  // The agent desk: routes waiting calls to agents on every queue change, from any node.
  const desk = await startDeskFeed(deps.db, deps.clock, options.listen, { log: app.log });
  app.addHook('onClose', () => desk.close());
  await app.register(deskRoutes(deps, desk, { heartbeatMs: options.liveHeartbeatMs }));
  await app.register(smsReceiptRoutes(deps));
  await app.register(channelSettingsRoutes(deps));
  await app.register(preferenceRoutes(deps));
  await app.register(emailAddressRoutes(deps));
  await app.register(feedbackLinkRoutes(deps));
  // With a channel registry the webhook follows the admin area's settings, as the adapters do.
  if (options.whatsapp || deps.channels)
    await app.register(whatsappRoutes(deps, liveWhatsAppChannel(deps, options.whatsapp ?? null)));
  // City apps and civic platforms: a few reads a second per address, and a gateway's posts for a city.
  await app.register(
    open311Routes(deps, options.open311 ?? DEFAULT_OPEN311, {
      read: rateLimited ? { max: 120, timeWindow: '1 minute' } : false,
      post: rateLimited ? { max: 120, timeWindow: '1 minute' } : false,
    }),
    { prefix: '/open311/v2' },
  );
  await app.register(
    voiceRoutes(deps, options.voice ?? { publicUrl: null, twilio: null, promptDir: 'data/prompts' }),
  );
  if (web)
    await app.register(fastifyStatic, {
      root: webRoot,
      prefix: '/',
      index: 'index.html',
      // Brotli or gzip made at build time, as the browser accepts; cached by content (http/web-cache.ts).
      preCompressed: true,
      cacheControl: false,
      setHeaders: setWebCacheHeaders,
    });
  return app;
}
