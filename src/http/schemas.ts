// TypeBox pieces shared by many routes. Every route declares its schemas, which both validate requests
// and produce the OpenAPI document.
import { type TLiteral, type TSchema, type TUnion, Type } from '@sinclair/typebox';

export const Id = Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 });
export const IdParams = Type.Object({ id: Id });

/** A name in one or more languages, keyed by ISO 639 code: {"en": "...", "hi": "..."}. */
export const I18nText = Type.Record(
  Type.String({ pattern: '^[a-z]{2,3}$' }),
  Type.String({ minLength: 1, maxLength: 300 }),
  {
    minProperties: 1,
    additionalProperties: false,
    maxProperties: 20,
    description: 'Text per language code, e.g. {"en": "Water supply", "hi": "जल आपूर्ति"}',
  },
);

export const Language = Type.String({
  pattern: '^[a-z]{2,3}$',
  description: 'ISO 639 language code, e.g. en, hi, sw',
});

export const PhoneE164 = Type.String({
  pattern: '^\\+[1-9][0-9]{6,14}$',
  description: 'Mobile number in E.164, e.g. +919876543210',
});

export const Code = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$',
  description: 'Stable short code',
});

/**
 * A number or null. Not `Nullable(Type.Number())`: with type coercion on (Fastify's default), ajv tries
 * the number branch of the union first and turns null into 0, so "no value" would be stored as zero.
 * One schema with `nullable` coerces only what is neither a number nor null.
 */
export const NullableNumber = (options: { minimum?: number; maximum?: number; description?: string }) =>
  Type.Unsafe<number | null>({ type: 'number', nullable: true, ...options });

/**
 * Degrees north (WGS 84, as a phone's GPS reports them). The schema lets "Infinity" through (ajv
 * coerces it to a number and its range check does not catch it): code using one checks it is finite.
 */
export const Latitude = Type.Number({ minimum: -90, maximum: 90, description: 'Degrees north, WGS 84' });
/** Degrees east (WGS 84); the same caveat as Latitude. */
export const Longitude = Type.Number({ minimum: -180, maximum: 180, description: 'Degrees east, WGS 84' });

export const ErrorBody = Type.Object({
  code: Type.String(),
  message: Type.String(),
  details: Type.Array(
    Type.Object({
      field: Type.Optional(Type.String()),
      message: Type.String(),
      code: Type.Optional(Type.String()),
    }),
  ),
});

export const errorResponses = {
  400: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
};

export const Paging = {
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
};

export const listOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer() });

/** A page of a list that may be long: the total is exact up to a cap, and `next` fetches the page after. */
export const pageOf = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer({
      description:
        'How many match (exact, up to the cap; see totalIsLowerBound). Grievances searched by words (q) are not counted: the total is how many were shown up to this page, a lower bound when the page is full',
    }),
    totalIsLowerBound: Type.Boolean({ description: 'More match than the total says ("10,000+")' }),
    next: Type.Union([Type.Null(), Type.String()], {
      description: 'Pass as `after` for the next page (keyset paging); null on the last page',
    }),
  });

/** A timestamp in responses: a Date in code, an ISO 8601 string on the wire. */
export const DateTime = Type.Unsafe<Date>({ type: 'string', format: 'date-time' });
/**
 * T or null. Null is the first branch on purpose: with type coercion on (Fastify's default), ajv would
 * otherwise try T first and turn null into 0, "" or false, storing "no value" as a value.
 */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([Type.Null(), schema]);

/** One of a fixed list of strings, typed as that union. */
export function oneOf<const T extends readonly string[]>(values: T, options: { description?: string } = {}) {
  return Type.Union(
    values.map((v) => Type.Literal(v)),
    options,
  ) as unknown as TUnion<TLiteral<T[number]>[]>;
}

export const CHANNELS = ['phone', 'web', 'whatsapp', 'sms', 'email', 'walk_in', 'open311', 'app'] as const;
export const Channel = oneOf(CHANNELS, { description: 'Where the contact came from' });
