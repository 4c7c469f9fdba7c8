// Text is checked and normalised once, at the edge, so what is validated, stored, hashed and shown is the
// same string. Every string the API accepts (body, query, path; keys as well as values) must be
// well-formed Unicode without NUL: a lone UTF-16 surrogate would be stored as U+FFFD (so the stored text
// would differ from what was checked and hashed), and PostgreSQL refuses NUL outright, half-way through
// whatever the request was doing. Such input is refused with the field named, before anything is done;
// everything else is put in Unicode normal form C, so the same Hindi word typed on two keyboards is one
// string for search and comparison.
import { AppError, type ErrorDetail } from '../errors.ts';

/** The first problem with one string, or null when it is fine. */
export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'contains a NUL character';
  if (!value.isWellFormed()) return 'contains an unpaired surrogate (broken Unicode)';
  return null;
}

/** Normalises text that arrives other than through the API (a channel's message): bad characters become U+FFFD. */
export function cleanText(value: string): string {
  return value.toWellFormed().replaceAll('\u0000', '\uFFFD').normalize('NFC');
}

/**
 * Checks every string in `value` and returns it in normal form C; throws `validation_failed` naming
 * each field that holds text that is not text.
 */
export function normaliseInput<T>(value: T, where: string): T {
  const problems: ErrorDetail[] = [];
  const walk = (v: unknown, path: string): unknown => {
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) {
        problems.push({ field: path || where, message: problem, code: 'text_invalid' });
        return v;
      }
      return v.normalize('NFC');
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, path ? `${path}.${i}` : String(i)));
    // Plain objects, and the parsed query string (its prototype is an empty object without one).
    const proto = v && typeof v === 'object' ? Object.getPrototypeOf(v) : undefined;
    if (proto === Object.prototype || proto === null || (proto && Object.getPrototypeOf(proto) === null)) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(v as object)) {
        const keyProblem = textProblem(key);
        if (keyProblem) {
          problems.push({
            field: path || where,
            message: `a field name ${keyProblem}`,
            code: 'text_invalid',
          });
          continue;
        }
        const name = key.normalize('NFC');
        out[name] = walk(item, path ? `${path}.${name}` : name);
      }
      return out;
    }
    return v;
  };
  const result = walk(value, '') as T;
  if (problems.length) {
    throw new AppError(
      'validation_failed',
      problems.map((p) => `${p.field}: ${p.message}`).join('; '),
      problems,
    );
  }
  return result;
}
