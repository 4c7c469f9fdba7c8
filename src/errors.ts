// One error type with a closed set of codes; routes never invent status codes, `httpStatus` maps them.
export type ErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'illegal_transition'
  | 'conflict'
  | 'idempotency_key_reused'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unauthenticated'
  | 'forbidden'
  | 'internal';

const statusByCode: Record<ErrorCode, number> = {
  validation_failed: 400,
  not_found: 404,
  illegal_transition: 409,
  conflict: 409,
  idempotency_key_reused: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unauthenticated: 401,
  forbidden: 403,
  internal: 500,
};

export interface ErrorDetail {
  field?: string;
  message: string;
  /** A stable code for the problem with this field (the web app's catalogues say it in each language). */
  code?: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function httpStatus(code: ErrorCode): number {
  return statusByCode[code];
}

export const notFound = (what: string, id: string | number) =>
  new AppError('not_found', `${what} ${id} does not exist`);

export const invalid = (field: string, message: string, code?: string) =>
  new AppError('validation_failed', `${field}: ${message}`, [{ field, message, ...(code ? { code } : {}) }]);
