// The characters that once broke the audit chain (finding 1 of the security review), in every field of
// every route. The routes and their fields come from the API's own document, as fuzz.test.ts finds the
// public routes, so a route added tomorrow is fuzzed without anyone listing it here.
//
// Into each string and number field of each JSON body and query string, on a request otherwise made as
// valid as the schema lets us guess, goes each of: lone surrogates, NUL, numbers JSON cannot hold (1e309
// written raw into the body text, so it parses to Infinity), and the words "Infinity" and "NaN" (which
// the schema's coercion would turn into numbers). Every answer is a 2xx or a 4xx with a stable code;
// surrogates, NUL and 1e309 are never taken. Afterwards the audit log seals, and its chain verifies
// with no broken row: nothing stored differs from what was hashed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { type Caller, citizenCaller } from '../../test/principals.ts';
import type { Database } from '../db/index.ts';
import { DETAIL_CODES, ERROR_CODES } from '../errors.ts';
import { sealAudit, verifyAuditChain } from './audit-seal.ts';
import { createStaffUser } from './users.ts';

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  maxLength?: number;
  minItems?: number;
  minProperties?: number;
  additionalProperties?: Schema | boolean;
  patternProperties?: Record<string, Schema>;
  default?: unknown;
}

interface Operation {
  parameters?: { in: string; name: string; schema: Schema }[];
  requestBody?: { content?: Record<string, { schema: Schema }> };
}

/** What goes into a body field, written as JSON text (1e309 cannot be made with JSON.stringify). */
const BODY_VALUES = [
  { raw: '"\\ud800"', refused: true },
  { raw: '"a\\udc00b"', refused: true },
  { raw: '"x\\u0000"', refused: true },
  { raw: '1e309', refused: true },
  { raw: '-1e309', refused: true },
  { raw: '"Infinity"', refused: false },
  { raw: '"NaN"', refused: false },
];
/** What goes into a query parameter, percent-encoded: a lone surrogate as its (invalid) UTF-8 bytes. */
const QUERY_VALUES = [
  { raw: '%ED%A0%80', refused: false },
  { raw: 'a%ED%B0%80b', refused: false },
  { raw: 'x%00', refused: true },
  { raw: '1e309', refused: false },
  { raw: '-1e309', refused: false },
  { raw: 'Infinity', refused: false },
  { raw: 'NaN', refused: false },
];
const MARK = '\u0001fuzz\u0001';

const CODES = new Set<string>(ERROR_CODES.filter((c) => c !== 'internal'));
const DETAILS = new Set<string>(DETAIL_CODES);

function first(schema: Schema): Schema {
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return first(options.find((o) => o.type !== 'null') ?? (options[0] as Schema));
  if (schema.allOf?.length) return Object.assign({}, ...schema.allOf.map(first));
  return schema;
}

function typeOf(schema: Schema): string | undefined {
  const t = first(schema).type;
  return Array.isArray(t) ? t.find((x) => x !== 'null') : t;
}

describe.each(databases)(
  'lone surrogates, NUL and non-finite numbers in every field on $name',
  ({ open }) => {
    let database: Database;
    let api: Awaited<ReturnType<typeof startApi>>;
    let d: Deployment;
    let reference: string;
    let citizen: Caller;
    let throwawayUserId: number;
    const now = '2026-03-02T05:00:00.000Z';

    beforeAll(async () => {
      database = await open();
      api = await startApi(database);
      d = await buildDeployment(api.deps);
      const phone = '+919800000099';
      ({ reference } = await buildGrievance(api.deps, d, { citizen: { phone } }));
      citizen = await citizenCaller(api.raw, database, 'citizen', phone);
      // Routes that change a user act on this one, never on the test's own super-user key.
      throwawayUserId = (
        await createStaffUser(database.db, api.clock, {
          email: 'fuzz-target@example.gov.in',
          name: 'Fuzz Target',
          password: 'correct horse battery staple',
          grants: [{ role: 'monitor' }],
        })
      ).id;
    });
    afterAll(async () => {
      await api?.raw.close();
      await database?.close();
    });

    /** A value the schema would accept, guessed from its type, format and the field's name. */
    const sample = (schema: Schema, name = ''): unknown => {
      const s = first(schema);
      if (s.const !== undefined) return s.const;
      if (s.enum?.length) return s.enum[0];
      if (s.default !== undefined) return s.default;
      const ids: Record<string, number> = {
        categoryId: d.category.id,
        placeId: d.village.id,
        departmentId: d.department.id,
        positionId: d.chain[0]?.id ?? 1,
        parentId: d.district.id,
        userId: throwawayUserId,
      };
      switch (typeOf(s)) {
        case 'object': {
          const out: Record<string, unknown> = {};
          for (const key of s.required ?? []) out[key] = sample(s.properties?.[key] ?? {}, key);
          // A change must change something; a text in several languages ({en: ...}) must hold one.
          if ((s.minProperties ?? 0) > Object.keys(out).length) {
            const [key, property] = Object.entries(s.properties ?? {}).find(([k]) => !(k in out)) ?? [];
            if (key && property) out[key] = sample(property, key);
            else
              out.en = sample(
                Object.values(s.patternProperties ?? {})[0] ??
                  (typeof s.additionalProperties === 'object' ? s.additionalProperties : {}),
              );
          }
          return out;
        }
        case 'array':
          return s.minItems ? Array.from({ length: s.minItems }, () => sample(s.items ?? {}, name)) : [];
        case 'integer':
        case 'number':
          return ids[name] ?? Math.max(1, s.minimum ?? (s.exclusiveMinimum ?? 0) + 1);
        case 'boolean':
          return false;
        case 'string': {
          if (s.format === 'date-time') return now;
          if (s.format === 'date') return now.slice(0, 10);
          if (s.format === 'email' || /email/i.test(name)) return 'fuzz@example.gov.in';
          if (/phone/i.test(name)) return '+919800000098';
          if (/reference/i.test(name)) return reference;
          if (/language/i.test(name)) return 'en';
          if (/timeZone/i.test(name)) return 'Asia/Kolkata';
          // The first of a few everyday values that the field's pattern and lengths take.
          const fits = (v: string) =>
            v.length >= (s.minLength ?? 0) &&
            v.length <= (s.maxLength ?? Number.POSITIVE_INFINITY) &&
            (!s.pattern || new RegExp(s.pattern, 'u').test(v));
          const everyday = ['fuzz', 'en', '09:00', '1', '123456', 'fuzz_key', 'https://example.gov.in/'];
          return everyday.find(fits) ?? 'f'.repeat(Math.max(4, s.minLength ?? 0));
        }
        default:
          return 'fuzz';
      }
    };

    /** Paths (as key lists) of every string and number field, nested objects and array items included. */
    const fields = (schema: Schema, at: (string | number)[] = [], depth = 0): (string | number)[][] => {
      const s = first(schema);
      const type = typeOf(s);
      if (type === 'string' || type === 'number' || type === 'integer') return [at];
      if (depth > 3) return [];
      if (type === 'object')
        return Object.entries(s.properties ?? {}).flatMap(([k, v]) => fields(v, [...at, k], depth + 1));
      if (type === 'array' && s.items) return fields(s.items, [...at, 0], depth + 1);
      return [];
    };

    /** The sample body with the field at `path` set to the mark (arrays and objects made on the way). */
    const withMark = (body: unknown, schema: Schema, path: (string | number)[]): unknown => {
      if (path.length === 0) return MARK;
      const [key, ...rest] = path as [string | number, ...(string | number)[]];
      const s = first(schema);
      if (typeof key === 'number') {
        const items = s.items ?? {};
        const list = Array.isArray(body) ? [...body] : [];
        list[0] = withMark(list[0] ?? sample(items), items, rest);
        return list;
      }
      const child = s.properties?.[key] ?? {};
      const object = (body && typeof body === 'object' ? { ...body } : {}) as Record<string, unknown>;
      object[key] = withMark(object[key] ?? sample(child, key), child, rest);
      return object;
    };

    const fillPath = (path: string) =>
      path.replace(/\{([^}]+)\}/g, (_, name: string) => {
        if (/ref/i.test(name)) return reference;
        if (/phone/i.test(name)) return encodeURIComponent('+919800000099');
        if (path.startsWith('/api/users') || path.startsWith('/api/api-')) return String(throwawayUserId);
        return '1';
      });

    const send = async (method: string, url: string, payload?: string) => {
      const headers = payload === undefined ? {} : { 'content-type': 'application/json' };
      // As a super-user first; routes only a citizen may use refuse that, so then as the citizen.
      let res = await api.app.inject({ method: method as 'POST', url, payload, headers });
      if (res.statusCode === 401 || res.statusCode === 403) {
        res = await api.raw.inject({
          method: method as 'POST',
          url,
          payload,
          headers: { ...headers, ...citizen.headers },
        });
      }
      return res;
    };

    it('answers each with a 2xx or a clean 4xx, refuses what is not text, and the audit chain verifies', async () => {
      const doc = (await api.raw.inject({ url: '/openapi.json' })).json();
      let requests = 0;
      const covered = new Set<string>();
      const failures: string[] = [];
      const statuses: Record<number, number> = {};
      for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Operation>>)) {
        if (!path.startsWith('/api/') || path.endsWith('/live')) continue; // streams never end
        // Signing out would end the citizen's session half-way; it takes no fields anyway.
        if (path === '/api/auth/sign-out') continue;
        for (const [verb, op] of Object.entries(ops)) {
          const method = verb.toUpperCase();
          const url = fillPath(path);
          const bodySchema = op.requestBody?.content?.['application/json']?.schema;
          const query = (op.parameters ?? []).filter((p) => p.in === 'query');
          if (!bodySchema && query.length === 0) continue;
          covered.add(`${method} ${path}`);
          const check = (res: { statusCode: number; body: string }, refused: boolean, what: string) => {
            requests++;
            const status = res.statusCode;
            statuses[status] = (statuses[status] ?? 0) + 1;
            let body: { code?: string; details?: { code?: string }[] } = {};
            try {
              body = JSON.parse(res.body);
            } catch {}
            const clean =
              status < 500 &&
              (status < 400 ||
                (CODES.has(String(body.code)) &&
                  (body.details ?? []).every((x) => DETAILS.has(String(x.code))))) &&
              !(refused && status < 300);
            if (!clean) failures.push(`${what} -> ${status} ${res.body.slice(0, 160)}`);
          };
          if (bodySchema) {
            const base = sample(bodySchema);
            for (const field of fields(bodySchema)) {
              const text = JSON.stringify(withMark(base, bodySchema, field));
              for (const value of BODY_VALUES) {
                const payload = text.replace(JSON.stringify(MARK), value.raw);
                const res = await send(method, url, payload);
                check(res, value.refused, `${method} ${path} ${field.join('.')}=${value.raw}`);
              }
            }
          }
          for (const param of query) {
            for (const value of QUERY_VALUES) {
              const res = await send(
                method,
                `${url}?${param.name}=${value.raw}`,
                bodySchema ? JSON.stringify(sample(bodySchema)) : undefined,
              );
              check(res, value.refused, `${method} ${path}?${param.name}=${value.raw}`);
            }
          }
        }
      }
      expect(failures).toEqual([]);
      // Every route that takes fields was reached; a route added later is in this list without a word.
      expect(covered.size).toBeGreaterThan(60);
      expect(requests).toBeGreaterThan(1000);
      // Enough requests got past the schema to reach the routes' own logic and the database.
      const taken = Object.entries(statuses).filter(([status]) => Number(status) < 300);
      expect(taken.reduce((sum, [, n]) => sum + n, 0)).toBeGreaterThan(100);
      for (const route of ['POST /api/grievances/{ref}/notes', 'POST /api/grievances/bulk-actions']) {
        expect(
          [...covered].some((c) => c.replace(/\{[^}]+\}/, '{ref}') === route),
          route,
        ).toBe(true);
      }

      await sealAudit(database.db, api.clock.now());
      const report = await verifyAuditChain(database.db, api.clock.now());
      expect(report.problems).toEqual([]);
      expect(report.unsealed.count).toBe(0);
      expect(report.ok).toBe(true);
      expect(report.rows).toBeGreaterThan(0);
    }, 120_000);
  },
);
