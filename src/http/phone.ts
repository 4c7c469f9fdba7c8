// Mobile numbers as people type them: "98123 45678", "098123-45678", "+91 98123 45678", "0091...".
// The API stores and compares E.164 (+919812345678), so every field named `phone` in a request (body,
// query string, path) is put in that form here, once, before its schema checks it; the deployment's
// country calling code (PHONE_COUNTRY_CODE, 91 by default) completes a national number. Anything that
// is not a number after removing spaces, dashes, dots and brackets is left as it is, for the schema to
// refuse with `phone_invalid`.

/**
 * Digits in a national mobile number, where we know them: a national number of another length is a
 * typing mistake, left for the schema to refuse rather than completed into someone else's number.
 */
const NATIONAL_DIGITS: Record<string, number> = { '1': 10, '44': 10, '91': 10, '254': 9, '255': 9, '256': 9 };

/** `raw` in E.164 if it reads as a phone number in the country of `callingCode`; otherwise unchanged. */
export function normalisePhone(raw: string, callingCode: string): string {
  const compact = raw.replace(/[\s\u00a0\-.()/]/g, '');
  if (!/^\+?\d+$/.test(compact)) return raw;
  if (compact.startsWith('+')) return compact;
  if (compact.startsWith('00')) return `+${compact.slice(2)}`;
  const national = (digits: string) => {
    const expected = NATIONAL_DIGITS[callingCode];
    return expected === undefined || digits.length === expected ? `+${callingCode}${digits}` : raw;
  };
  // A leading 0 is the trunk prefix dialled within the country (098123 45678).
  if (compact.startsWith('0')) return national(compact.slice(1));
  // Country code written without the plus: long enough to hold a national number after it.
  if (compact.startsWith(callingCode) && compact.length >= callingCode.length + 9) return `+${compact}`;
  return national(compact);
}

/** Every string under a key named `phone` in `value`, normalised; everything else untouched. */
export function normalisePhones<T>(value: T, callingCode: string): T {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    // Plain objects, and the parsed query string (its prototype is an empty object without one).
    const proto = v && typeof v === 'object' ? Object.getPrototypeOf(v) : undefined;
    if (proto === Object.prototype || proto === null || (proto && Object.getPrototypeOf(proto) === null)) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(v as object))
        out[key] =
          key === 'phone' && typeof item === 'string' ? normalisePhone(item, callingCode) : walk(item);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}
