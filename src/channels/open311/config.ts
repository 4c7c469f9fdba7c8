// The Open311 GeoReport v2 endpoint's settings. Both have defaults, so the endpoint is always served:
// a city app needs only the address and an intake API key.
export const OPEN311_LANGUAGES = ['en', 'hi', 'sw'] as const;
export type Open311Language = (typeof OPEN311_LANGUAGES)[number];

export interface Open311Config {
  /**
   * OPEN311_JURISDICTION_ID: the jurisdiction_id this endpoint answers for (a city's domain, such as
   * "mp.gov.in"). When set, a request naming another is refused; a request naming none is accepted,
   * as the specification allows for an endpoint that serves one jurisdiction. Unset: not checked.
   */
  jurisdictionId: string | null;
  /** OPEN311_LANGUAGE: service names and status notes when a request asks for no `locale` we have. */
  language: Open311Language;
}

export const DEFAULT_OPEN311: Open311Config = { jurisdictionId: null, language: 'en' };

export function readOpen311Config(env: NodeJS.ProcessEnv): Open311Config {
  const language = env.OPEN311_LANGUAGE || 'en';
  if (!isOpen311Language(language))
    throw new Error(`OPEN311_LANGUAGE must be one of ${OPEN311_LANGUAGES.join(', ')}, got "${language}"`);
  return { jurisdictionId: env.OPEN311_JURISDICTION_ID?.trim() || null, language };
}

export const isOpen311Language = (value: string): value is Open311Language =>
  (OPEN311_LANGUAGES as readonly string[]).includes(value);

/** `locale` as clients send it ("hi", "hi_IN", "hi-IN", "sw-KE"): its language if we have it. */
export function languageOf(locale: unknown, fallback: Open311Language): Open311Language {
  const language = typeof locale === 'string' ? locale.trim().slice(0, 2).toLowerCase() : '';
  return isOpen311Language(language) ? language : fallback;
}
