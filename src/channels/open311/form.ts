// What a client sends: a form (as the specification shows) or JSON, as one object of fields.
import { invalid } from '../../errors.ts';

/** The fields a client sent: each a text, or several for a repeated one (`attribute[x][]`). */
export type Form = Record<string, unknown>;

/** A form body as an object; a field given more than once becomes a list. */
export function formOf(body: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const had = out[key];
    out[key] = had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value];
  }
  return out;
}

/** One text field of the form, trimmed; a repeated field or anything else is refused. */
export function text(form: Form, key: string): string | undefined {
  const value = form[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') throw invalid(key, 'must be given once, as text', 'wrong_type');
  return value.trim() || undefined;
}
