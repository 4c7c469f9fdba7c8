// The Open311 GeoReport v2 endpoint, under /open311/v2 (http://wiki.open311.org/GeoReport_v2). Each
// address ends in its format, `.json` or `.xml`; any other is the specification's 404. Every error is
// the specification's list of {code, description}: the HTTP status as the code, and our stable code
// (the same as the rest of the API's, catalogued in every language) leading the description.
//
// The reads are public and the same for everyone, so browsers and proxies may keep them a little while;
// they show only requests filed here openly and never carry personal data (requests.ts). Registering needs an intake API key (keys.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { deploymentZone } from '../../sla/calendars.ts';
import { discoveryWords } from './catalogue.ts';
import { languageOf, type Open311Config } from './config.ts';
import { formatOrFail, installErrors, missing } from './errors.ts';
import { formOf } from './form.ts';
import { send } from './format.ts';
import { postRequest } from './post.ts';
import { filterOf, findRequests, MAX_DAYS, MAX_REQUESTS } from './requests.ts';
import { listServices, serviceDefinition } from './services.ts';

const CHANGESET = '2026-12-01T00:00:00Z';
const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
const tags = ['open311'];

type Limit = { max: number; timeWindow: string } | false;

const Common = {
  jurisdiction_id: Type.Optional(Type.String({ maxLength: 200 })),
  locale: Type.Optional(Type.String({ maxLength: 20, description: 'en, hi or sw (hi_IN, sw-KE...)' })),
};
const FormatParam = Type.String({ description: 'json or xml' });
const ListQuery = Type.Object({
  ...Common,
  service_request_id: Type.Optional(Type.String({ description: 'Comma-separated references' })),
  service_code: Type.Optional(Type.String({ description: 'Comma-separated service codes' })),
  start_date: Type.Optional(Type.String({ description: 'ISO 8601; the span may not exceed 90 days' })),
  end_date: Type.Optional(Type.String()),
  status: Type.Optional(Type.String({ description: 'open, closed, or both comma-separated' })),
});
const PostBody = Type.Object(
  {
    api_key: Type.Optional(Type.String()),
    ...Common,
    service_code: Type.Optional(Type.String()),
    lat: Type.Optional(Type.String()),
    long: Type.Optional(Type.String()),
    address_string: Type.Optional(Type.String()),
    address_id: Type.Optional(Type.String()),
    email: Type.Optional(Type.String({ description: 'Not kept' })),
    device_id: Type.Optional(Type.String({ description: 'Not kept' })),
    account_id: Type.Optional(Type.String({ description: 'Echoed back' })),
    first_name: Type.Optional(Type.String()),
    last_name: Type.Optional(Type.String()),
    phone: Type.Optional(Type.String({ description: 'The SMS acknowledgement goes to it' })),
    description: Type.Optional(Type.String({ maxLength: 20_000 })),
    media_url: Type.Optional(Type.String()),
    anonymous: Type.Optional(
      Type.String({ description: 'Our extension: "true" keeps who reported it from the department' }),
    ),
  },
  { description: 'Form fields (application/x-www-form-urlencoded) or JSON; attribute[code]=value too' },
);

export function open311Routes(
  deps: Deps,
  config: Open311Config,
  limits: { read: Limit; post: Limit },
): FastifyPluginAsyncTypebox {
  const { db } = deps;
  const languageFor = (request: FastifyRequest) =>
    languageOf(
      (request.query as Record<string, unknown>)?.locale ??
        (request.body as Record<string, unknown> | undefined)?.locale,
      config.language,
    );
  const readLimit = limits.read ? { rateLimit: limits.read } : {};

  return async (app) => {
    // City apps post forms, as the specification shows; a repeated field (attribute[x][]) is a list.
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 65_536 },
      (_request, body, done) => done(null, formOf(String(body))),
    );
    installErrors(app);
    // Every call may name the jurisdiction; one this endpoint does not answer for is refused.
    app.addHook('preHandler', async (request) => {
      const given =
        (request.query as Record<string, unknown>)?.jurisdiction_id ??
        (request.body as Record<string, unknown> | undefined)?.jurisdiction_id;
      if (
        config.jurisdictionId &&
        typeof given === 'string' &&
        given.trim() &&
        given.trim() !== config.jurisdictionId
      )
        throw new AppError('not_found', `this endpoint answers for ${config.jurisdictionId} only`, [
          { field: 'jurisdiction_id', message: `not ${config.jurisdictionId}`, code: 'jurisdiction_unknown' },
        ]);
    });

    app.get(
      '/discovery.:format',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Open311 service discovery',
          params: Type.Object({ format: FormatParam }),
          querystring: Type.Object(Common),
        },
      },
      async (request, reply) => {
        const format = formatOrFail(request.params.format);
        const words = discoveryWords(languageFor(request));
        reply.header('cache-control', 'public, max-age=3600');
        return send(reply, format, 'discovery', {
          changeset: CHANGESET,
          contact: words.contact,
          key_service: words.keyService,
          endpoints: [
            {
              specification: SPECIFICATION,
              url: `${request.protocol}://${request.host}/open311/v2`,
              changeset: CHANGESET,
              type: 'production',
              formats: ['application/json', 'text/xml'],
            },
          ],
        });
      },
    );

    app.get(
      '/services.:format',
      {
        config: { access: 'public', ...readLimit },
        schema: {
          tags,
          summary: 'Open311 service list: our categories',
          params: Type.Object({ format: FormatParam }),
          querystring: Type.Object(Common),
        },
      },
      async (request, reply) => {
        const format = formatOrFail(request.params.format);
        const services = await listServices(db, languageFor(request));
        reply.header('cache-control', 'public, max-age=300');
        return send(reply, format, 'services', services);
      },
    );

    app.get(
      '/services/:code.:format',
      {
        config: { access: 'public', ...readLimit },
        schema: {
          tags,
          summary: 'Open311 service definition: the extra fields a category asks for',
          params: Type.Object({ code: Type.String(), format: FormatParam }),
          querystring: Type.Object(Common),
        },
      },
      async (request, reply) => {
        const format = formatOrFail(request.params.format);
        const definition = await serviceDefinition(db, request.params.code, languageFor(request));
        if (!definition) throw missing('service_code', `no service has the code ${request.params.code}`);
        reply.header('cache-control', 'public, max-age=300');
        return send(reply, format, 'service_definition', definition);
      },
    );

    app.post(
      '/requests.:format',
      {
        config: {
          access: 'public',
          auditedElsewhere: true,
          ...(limits.post ? { rateLimit: limits.post } : {}),
        },
        schema: {
          tags,
          summary: 'Open311 POST service request: register a grievance (intake API key)',
          params: Type.Object({ format: FormatParam }),
          headers: Type.Object({
            'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          }),
          body: PostBody,
        },
      },
      async (request, reply) => {
        const format = formatOrFail(request.params.format);
        const form = { ...(request.query as Record<string, unknown>), ...(request.body ?? {}) };
        const result = await postRequest(
          deps,
          request,
          form,
          languageFor(request),
          request.headers['idempotency-key'],
        );
        reply.status(result.replayed ? 200 : 201);
        return send(reply, format, 'service_requests', result.body);
      },
    );

    app.get(
      '/requests.:format',
      {
        config: { access: 'public', ...readLimit },
        schema: {
          tags,
          summary: `Open311 service requests filed through Open311, not anonymously: at most ${MAX_REQUESTS}, newest first, over at most ${MAX_DAYS} days (the last ${MAX_DAYS} by default); no personal data`,
          params: Type.Object({ format: FormatParam }),
          querystring: ListQuery,
        },
      },
      async (request, reply) => {
        const format = formatOrFail(request.params.format);
        const filter = filterOf(request.query as Record<string, unknown>, deps.clock.now());
        const requests = await findRequests(db, filter, languageFor(request), await deploymentZone(db));
        reply.header('cache-control', 'public, max-age=60');
        return send(reply, format, 'service_requests', requests);
      },
    );

    app.get(
      '/requests/:id.:format',
      {
        config: { access: 'public', ...readLimit },
        schema: {
          tags,
          summary:
            'Open311 service request by its id (our reference), if filed through Open311 and not anonymously; no personal data',
          params: Type.Object({ id: Type.String(), format: FormatParam }),
          querystring: Type.Object(Common),
        },
      },
      async (request, reply) => one(request, reply, request.params.id, request.params.format),
    );

    app.get(
      '/tokens/:token.:format',
      {
        config: { access: 'public', ...readLimit },
        schema: {
          tags,
          summary:
            'Open311 service request id from a token: requests are registered at once, so the token is the id',
          params: Type.Object({ token: Type.String(), format: FormatParam }),
          querystring: Type.Object(Common),
        },
      },
      async (request, reply) => {
        const format = formatOrFail(request.params.format);
        const [found] = await findRequests(
          db,
          { references: [request.params.token] },
          config.language,
          'UTC',
        );
        if (!found) throw missing('token', 'no service request has that token');
        reply.header('cache-control', 'public, max-age=60');
        return send(reply, format, 'service_requests', [
          { service_request_id: found.service_request_id, token: request.params.token },
        ]);
      },
    );
  };

  async function one(request: FastifyRequest, reply: FastifyReply, id: string, extension: string) {
    const format = formatOrFail(extension);
    const found = await findRequests(
      db,
      { references: [id] },
      languageFor(request),
      await deploymentZone(db),
    );
    if (!found.length) throw missing('service_request_id', `no service request ${id}`);
    reply.header('cache-control', 'public, max-age=60');
    return send(reply, format, 'service_requests', found);
  }
}
