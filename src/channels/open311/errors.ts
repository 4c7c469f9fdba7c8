// Errors in the specification's shape: a list of {code, description}, in the format the address asked
// for (JSON when it named none we have). The code is the HTTP status; the description leads with our
// stable code (the API's own, catalogued in every language), so a client can act on it.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import { describeError } from '../../http/errors.ts';
import { type Format, formatOf, send } from './format.ts';

export function installErrors(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const { status, body } = describeError(error, request.log);
    const errors = body.details.length
      ? body.details.map((d) => ({
          code: status,
          description: `${d.code ?? body.code}: ${d.field ? `${d.field}: ` : ''}${d.message}`,
        }))
      : [{ code: status, description: `${body.code}: ${body.message}` }];
    return sendErrors(reply, request, status, errors);
  });
  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    sendErrors(reply, request, 404, [
      { code: 404, description: `not_found: no Open311 address ${request.url.split('?')[0]}` },
    ]);
  app.setNotFoundHandler(notFound);
  // When the web app is served, its static files answer every address the router has no route for
  // (a wildcard at the root), and a miss there reaches the root's not-found handler, not the one above.
  // A wildcard of our own under the prefix is more specific, so an unknown Open311 address stays ours.
  app.all('/*', { schema: { hide: true } }, notFound);
}

/** The errors, never kept by a cache. Also for the router's own refusals (a malformed address: app.ts). */
export function sendErrors(
  reply: FastifyReply,
  request: Pick<FastifyRequest, 'params' | 'url'>,
  status: number,
  errors: { code: number; description: string }[],
) {
  reply.status(status).header('cache-control', 'no-store');
  return send(reply, formatIn(request), 'errors', errors);
}

/** The format named by the address, for answering an error in it (JSON when it names none we have). */
function formatIn(request: Pick<FastifyRequest, 'params' | 'url'>): Format {
  const named = (request.params as Record<string, unknown> | undefined)?.format;
  const fromPath = /\.([a-z]+)(?:\?|$)/i.exec(request.url)?.[1];
  return formatOf(named ?? fromPath) ?? 'json';
}

export function formatOrFail(extension: string): Format {
  const format = formatOf(extension);
  if (!format)
    throw new AppError('not_found', 'the format must be json or xml', [
      { field: 'format', message: 'json or xml', code: 'format_unknown' },
    ]);
  return format;
}

export const missing = (field: string, message: string) =>
  new AppError('not_found', message, [{ field, message, code: 'does_not_exist' }]);
