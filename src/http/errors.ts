// Every error leaves as JSON `{code, message, details}` with a stable code. Validation failures name
// the field; unexpected errors are logged in full and shown to the user only as "internal".
import type { FastifyBaseLogger, FastifyError, FastifyInstance } from 'fastify';
import { AppError, type DetailCode, type ErrorDetail, httpStatus } from '../errors.ts';
import { KEY_PATTERN } from '../insight/formula-parts.ts';
import { isPage } from '../web/shell/routes.ts';

export interface ErrorAnswer {
  status: number;
  body: { code: string; message: string; details: ErrorDetail[] };
}

/** The status and `{code, message, details}` body for any error a route or hook throws. */
export function describeError(error: FastifyError | AppError, log: FastifyBaseLogger): ErrorAnswer {
  const answer = (status: number, code: string, message: string, details: ErrorDetail[] = []) => ({
    status,
    body: { code, message, details },
  });
  if (error instanceof AppError)
    return answer(httpStatus(error.code), error.code, error.message, error.details);
  if (error.validation) {
    const all = error.validation.map((v) => {
      const field = fieldName(error.validationContext, v.instancePath, v.params);
      return { field, message: v.message ?? 'is invalid', code: problemOf(v, field) };
    });
    // A union (an object or null) fails as a whole as well as in the branch that was meant: keep the
    // most specific problem, the one inside the object.
    // And a value outside a union of constants fails once per constant, and then as the union: one
    // problem at one field is said once.
    const details = all.filter(
      (d, n) =>
        !all.some((e) => e.field.startsWith(`${d.field}.`)) &&
        all.findIndex((e) => e.field === d.field && e.code === d.code) === n,
    );
    const message = details.map((d) => `${d.field}: ${d.message}`).join('; ');
    return answer(400, 'validation_failed', message, details);
  }
  // Input the schemas let through but the database refused as a value (a number out of range, text
  // with a NUL byte, an impossible date): the request was wrong, not the server, and the transaction
  // it was in has rolled back.
  const sqlState = (error as { code?: string }).code;
  if (sqlState && BAD_VALUE_STATES.has(sqlState)) {
    return answer(400, 'validation_failed', `a value in the request is not valid: ${error.message}`, [
      { message: 'not a value the database accepts', code: 'invalid' },
    ]);
  }
  const status = error.statusCode ?? 500;
  if (status === 413) return answer(413, 'payload_too_large', 'the request body is too large');
  if (status === 415)
    return answer(415, 'unsupported_media_type', 'send JSON with Content-Type: application/json');
  if (status === 429) return answer(429, 'rate_limited', 'too many requests; wait and try again');
  // Fastify's own client errors (malformed JSON, empty body with a JSON content type...).
  if (status >= 400 && status < 500) return answer(400, 'validation_failed', error.message);
  log.error({ err: error }, 'unhandled error');
  return answer(500, 'internal', 'something went wrong on our side; it has been logged');
}

export function installErrorHandler(app: FastifyInstance, options: { spaFallback?: boolean } = {}) {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const { status, body } = describeError(error, request.log);
    return reply.status(status).send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    // The web app's own addresses (/track, /officer...) are pages of the single-page app; a missing
    // file (anything with an extension) or API route is a real 404.
    const path = request.url.split('?')[0] ?? '';
    const page = request.method === 'GET' && !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path);
    if (options.spaFallback && page && request.headers.accept?.includes('text/html')) {
      // The app shows its "not found" page for an address it does not know; the status says so too.
      return reply
        .status(isPage(path) ? 200 : 404)
        .type('text/html')
        .sendFile('index.html');
    }
    return reply
      .status(404)
      .send({ code: 'not_found', message: `no route ${request.method} ${path}`, details: [] });
  });
}

// PostgreSQL's data exception class (22xxx), a check constraint refusing a value (23514: a latitude of
// Infinity, a count below zero) and "program limit exceeded" for over-long index keys.
const BAD_VALUE_STATES = new Set([
  '22001',
  '22003',
  '22007',
  '22008',
  '22021',
  '22P02',
  '22P05',
  '23514',
  '54000',
]);

function fieldName(
  context: string | undefined,
  instancePath: string,
  params: Record<string, unknown>,
): string {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  const missing = typeof params.missingProperty === 'string' ? params.missingProperty : undefined;
  const extra = typeof params.additionalProperty === 'string' ? params.additionalProperty : undefined;
  const leaf = [path, missing ?? extra].filter(Boolean).join('.');
  return leaf || context || 'body';
}

/**
 * The stable code of one schema problem, from the JSON Schema keyword that failed (and, for patterns,
 * the field: a phone number's pattern is the E.164 form, a code's is letters and digits).
 */
function problemOf(
  v: { keyword: string; params: Record<string, unknown>; schema?: unknown },
  field: string,
): DetailCode {
  const leaf = field.split('.').at(-1) ?? field;
  switch (v.keyword) {
    case 'required':
      return 'required';
    case 'minLength':
      return v.params.limit === 1 ? 'blank' : 'too_short';
    case 'maxLength':
      return 'too_long';
    case 'pattern':
      if (/phone/i.test(leaf)) return 'phone_invalid';
      if (v.params.pattern === '\\S') return 'blank';
      if (leaf === 'code' || leaf.endsWith('Code')) return 'code_invalid';
      // A key inside a grading formula (an indicator's, a penalty's...): its own rule, said in words.
      if (v.params.pattern === KEY_PATTERN) return 'key_invalid';
      return 'format_invalid';
    case 'format':
      if (v.params.format === 'email') return 'email_invalid';
      if (String(v.params.format).startsWith('date') || v.params.format === 'time') return 'date_invalid';
      return 'format_invalid';
    case 'enum':
    case 'const':
    case 'anyOf':
    case 'oneOf':
      return 'not_allowed_value';
    case 'type':
      return 'wrong_type';
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'multipleOf':
      return 'out_of_range';
    case 'additionalProperties':
      return 'unknown_field';
    case 'maxItems':
    case 'maxProperties':
      return 'too_many';
    case 'minItems':
    case 'minProperties':
      return 'too_few';
    case 'uniqueItems':
      return 'duplicate';
    default:
      return 'invalid';
  }
}
