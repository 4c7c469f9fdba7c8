// Hostile input at every public route: random JSON, wrong types, oversize and unicode edge cases,
// injection strings. Each answer is a 2xx or a 4xx with a stable code and a message, never a 500, and
// nothing is left half-written.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { jpeg, pdf, png, webp } from '../../test/files.ts';
import { citizenCaller } from '../../test/principals.ts';
import { sniff, stripMetadata } from '../attachments/index.ts';
import type { Database } from '../db/index.ts';
import { DETAIL_CODES } from '../errors.ts';
import { createArticle } from '../knowledge/index.ts';
import { updatePlace } from '../places/index.ts';
import { SYSTEM } from './principal.ts';
import { createApiClient } from './users.ts';

const CODES = new Set([
  'validation_failed',
  'not_found',
  'illegal_transition',
  'conflict',
  'idempotency_key_reused',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'unauthenticated',
  'forbidden',
]);

const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    "' OR '1'='1' --",
    "'); drop table grievances; --",
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '\u0000',
    'a\u0000b',
    '\u202e\u0644\u0627',
    'ज़िला \u200d\u200c',
    '🇮🇳👨‍👩‍👧‍👦',
    '\ud800',
    '../../../etc/passwd',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4shell-style probe, meant literally
    '${jndi:ldap://127.0.0.1/a}',
    '%00%27',
    '=cmd|"/c calc"!A1',
    ' ',
    '',
    '1e309',
    '-0',
    'null',
  ),
  fc.integer({ min: 1, max: 4 }).map((n) => 'x'.repeat(n * 60_000)),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 0, 2 ** 63),
  fc.array(hostileText, { maxLength: 3 }),
  fc.dictionary(hostileText, hostileText, { maxKeys: 3 }),
);

describe.each(databases)('hostile input on public routes on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  let d: Deployment;
  let open311Key: string;

  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
    d = await buildDeployment(api.deps);
    open311Key = (
      await createApiClient(database.db, api.clock, { name: 'city app', grants: [{ role: 'intake' }] })
    ).key;
  });
  afterAll(async () => {
    await api?.app.close();
    await database?.close();
  });

  // Open311 addresses end in their format: fuzz them in JSON (`{format}` as the route is documented).
  const send = (method: string, url: string, payload?: unknown) =>
    api.raw.inject({
      method: method as 'POST',
      url: url.replace('{format}', 'json'),
      ...(payload === undefined
        ? {}
        : { payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } }),
    });

  const assertClean = (res: { statusCode: number; body: string }, what: string) => {
    expect(res.statusCode, `${what} -> ${res.body.slice(0, 200)}`).toBeLessThan(500);
    if (res.statusCode >= 400 && what.includes(' /open311/')) {
      // The Open311 specification's errors: [{code, description}], our stable code leading the description.
      const errors = JSON.parse(res.body) as { code: number; description: string }[];
      expect(errors.length, what).toBeGreaterThan(0);
      for (const error of errors) {
        expect(error.code).toBe(res.statusCode);
        const code = /^([a-z_]+): /.exec(error.description)?.[1] ?? '';
        expect(
          CODES.has(code) || (DETAIL_CODES as readonly string[]).includes(code),
          `${what} -> ${res.body.slice(0, 200)}`,
        ).toBe(true);
        expect(error.description).not.toMatch(/ at .*:\d+:\d+/);
      }
    } else if (res.statusCode >= 400) {
      const body = JSON.parse(res.body);
      expect(CODES.has(body.code), `${what} -> ${res.body.slice(0, 200)}`).toBe(true);
      expect(typeof body.message).toBe('string');
      expect(body.message).not.toMatch(/ at .*:\d+:\d+/); // no stack trace
    }
  };

  const counts = async () => {
    const one = async (
      table: 'grievances' | 'citizens' | 'grievance_events' | 'notifications' | 'citizen_otps',
    ) =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      grievances: await one('grievances'),
      events: await one('grievance_events'),
      notifications: await one('notifications'),
      otps: await one('citizen_otps'),
    };
  };

  const bodyRoutes: [string, string, () => Record<string, unknown>][] = [
    ['POST', '/api/auth/sign-in', () => ({ email: 'a@b.org', password: 'x' })],
    ['POST', '/api/auth/citizen/otp', () => ({ phone: '+919800000001' })],
    ['POST', '/api/auth/citizen/verify', () => ({ phone: '+919800000001', code: '123456' })],
    ['POST', '/api/auth/sign-out', () => ({})],
    ['POST', '/api/auth/totp', () => ({ code: '123456' })],
    ['POST', '/api/feedback-links/{token}', () => ({ satisfied: false, rating: 2, reason: 'still broken' })],
    [
      'POST',
      '/api/grievances',
      () => ({
        categoryId: d.category.id,
        placeId: d.village.id,
        subject: 's',
        description: 'd',
        language: 'en',
        channel: 'web',
      }),
    ],
    [
      'POST',
      '/open311/v2/requests.{format}',
      () => ({
        api_key: open311Key,
        service_code: d.category.code,
        address_id: d.village.code,
        description: 'Hand pump broken',
      }),
    ],
  ];
  const getRoutes = [
    '/api/auth/me',
    '/api/place-levels',
    '/api/places',
    '/api/places/{id}',
    '/api/places/nearest',
    '/api/settings',
    '/api/departments',
    '/api/departments/{id}',
    '/api/categories',
    '/api/categories/{id}',
    '/api/escalation-levels',
    '/api/grievances/{id}',
    '/api/grievances',
    '/api/knowledge',
    '/api/knowledge/{id}',
    // Insight's public transparency page: counts only, no sign-in.
    '/api/public/figures',
    // The feedback page of a resolution email: the signed link in the address is the permission.
    '/api/feedback-links/{token}',
    // The Open311 GeoReport v2 endpoint (channels/open311): public reads, no personal data.
    '/open311/v2/discovery.{format}',
    '/open311/v2/services.{format}',
    '/open311/v2/services/{code}.{format}',
    '/open311/v2/requests.{format}',
    '/open311/v2/requests/{id}.{format}',
    '/open311/v2/tokens/{token}.{format}',
  ];

  it('covers every route that answers without signing in', async () => {
    // Call each API route as the public; whatever does not say 401 is public and must be fuzzed above.
    const doc = (await api.raw.inject({ url: '/openapi.json' })).json();
    const fuzzed = new Set([
      ...bodyRoutes.map(([m, url]) => `${m} ${url}`),
      ...getRoutes.map((url) => `GET ${url}`),
    ]);
    const open: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      if (!path.startsWith('/api/') && !path.startsWith('/open311/')) continue;
      for (const method of Object.keys(ops).map((m) => m.toUpperCase())) {
        const url = path.replace(/\{[^}]+\}/g, '1');
        const res = await api.raw.inject({
          method: method as 'GET',
          url,
          // A stream never ends: the status is all this needs.
          ...(path === '/api/live' ? { payloadAsStream: true } : {}),
          ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
        });
        if (path === '/api/live') res.stream().destroy();
        if (res.statusCode !== 401) open.push(`${method} ${path}`);
      }
    }
    expect(open.length).toBeGreaterThan(10);
    expect(open.filter((route) => !fuzzed.has(route))).toEqual([]);
  });

  it('answers random bodies and hostile field values with 2xx or a clean 4xx', async () => {
    const before = await counts();
    let created = 0;
    for (const [method, url, valid] of bodyRoutes) {
      await fc.assert(
        fc.asyncProperty(
          Object.keys(valid()).length
            ? fc.oneof(
                hostileValue,
                fc.record({ field: fc.constantFrom(...Object.keys(valid())), value: hostileValue }),
              )
            : hostileValue,
          async (input) => {
            const payload =
              input &&
              typeof input === 'object' &&
              'field' in input &&
              'value' in input &&
              Object.keys(input).length === 2
                ? { ...valid(), [input.field as string]: input.value }
                : input;
            // A feedback link that is not ours: the body is still read and checked before the link.
            const res = await send(
              method,
              url.replace('{token}', '1.2.3.4.AAAAAAAAAAAAAAAAAAAAAAAA'),
              payload,
            );
            assertClean(res, `${method} ${url} ${JSON.stringify(payload)?.slice(0, 100)}`);
            if ((url === '/api/grievances' || url.startsWith('/open311/')) && res.statusCode === 201)
              created++;
          },
        ),
        { numRuns: 60, endOnFailure: true },
      );
    }
    // Nothing half-written: each grievance made has its first event; no other rows appeared without one.
    const after = await counts();
    expect(after.grievances - before.grievances).toBe(created);
    const orphans = await database.db
      .selectFrom('grievances as g')
      .leftJoin('grievance_events as e', (j) =>
        j.onRef('e.grievance_id', '=', 'g.id').on('e.kind', '=', 'registered'),
      )
      .select('g.id')
      .where('e.id', 'is', null)
      .execute();
    expect(orphans).toEqual([]);
  }, 240_000);

  it('answers hostile paths and query strings with 2xx or a clean 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...getRoutes),
        hostileText,
        hostileText,
        async (route, segment, query) => {
          // Lone surrogates cannot be percent-encoded; a client would send U+FFFD.
          const safe = (text: string) =>
            text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
          const url = `${route.replace(/\{(id|code|token)\}/, encodeURIComponent(safe(segment.slice(0, 2000))))}?${new URLSearchParams({ q: safe(query.slice(0, 2000)), limit: safe(query.slice(0, 10)), placeId: safe(query.slice(0, 10)) })}`;
          const res = await send('GET', url);
          assertClean(res, `GET ${url.slice(0, 120)}`);
        },
      ),
      { numRuns: 300, endOnFailure: true },
    );
  }, 240_000);

  // The list above always sends a placeId, which the knowledge search refuses as unknown; here the
  // hostile text reaches the search itself, both as a search box and as a question being typed.
  it('searches the knowledge base with hostile text and answers 2xx or a clean 4xx', async () => {
    await createArticle(
      database.db,
      api.clock,
      {
        code: 'FUZZ-PENSION',
        kind: 'scheme',
        title: { en: 'Widow pension 100%_off', hi: 'विधवा पेंशन' },
        summary: { en: 'A monthly pension \\ for widows.' },
        tags: ['ज़िला', "o'brien"],
        published: true,
      },
      SYSTEM,
    );
    const safe = (text: string) =>
      text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostileText,
          fc.array(hostileText, { maxLength: 12 }).map((w) => w.join(' ')),
        ),
        fc.constantFrom('all', 'any'),
        async (q, match) => {
          const url = `/api/knowledge?${new URLSearchParams({ q: safe(q.slice(0, 700)), match })}`;
          const res = await send('GET', url);
          assertClean(res, `GET ${url.slice(0, 120)}`);
        },
      ),
      { numRuns: 200, endOnFailure: true },
    );
  }, 240_000);

  it('answers hostile coordinates to the nearest-place search with 2xx or a clean 4xx', async () => {
    // The factory's village on the map, so some searches find it and run the whole query.
    await updatePlace(database.db, d.village.id, { latitude: 23.95, longitude: 76.93 });
    const coordinate = fc.oneof(
      hostileText,
      fc.double().map(String),
      fc.constantFrom('Infinity', '-Infinity', 'NaN', '1e309', '-1e-400', '0x10', '23.2.1', '90', '-180'),
    );
    const near = (from: number) => fc.double({ min: from - 0.1, max: from + 0.1, noNaN: true }).map(String);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(coordinate, near(23.95)),
        fc.oneof(coordinate, near(76.93)),
        fc.boolean(),
        async (latitude, longitude, extra) => {
          const safe = (text: string) =>
            text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
          const query = new URLSearchParams({
            latitude: safe(latitude.slice(0, 2000)),
            longitude: safe(longitude.slice(0, 2000)),
            ...(extra ? { radius: '1e9' } : {}),
          });
          const res = await send('GET', `/api/places/nearest?${query}`);
          assertClean(res, `GET /api/places/nearest?${query.toString().slice(0, 120)}`);
        },
      ),
      { numRuns: 200, endOnFailure: true },
    );
  }, 120_000);

  it('refuses a body over the size limit and a wrong content type with clear codes', async () => {
    const big = await send('POST', '/api/grievances', { description: 'x'.repeat(1_100_000) });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('payload_too_large');
    const xml = await api.raw.inject({
      method: 'POST',
      url: '/api/grievances',
      payload: '<grievance/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().code).toBe('unsupported_media_type');
  });
  // The citizen's upload route is not public (a citizen signs in first), but it takes the most hostile
  // input of all: files. Damaged, truncated, mislabelled and random files, odd names, odd field names.
  it('answers hostile uploads with 2xx or a clean 4xx, and stores only files that check out', async () => {
    const phone = '+919800000077';
    const { reference } = await buildGrievance(api.deps, d, { citizen: { phone } });
    const citizen = await citizenCaller(api.raw, database, 'citizen', phone);
    const rows = async () =>
      database.db.selectFrom('attachments').select(['id', 'media_type', 'content']).orderBy('id').execute();
    const before = (await rows()).length;
    let accepted = 0;
    const good = [jpeg({ xmp: true, iptc: true, comment: true }), png(), webp(), pdf()];
    const damaged = fc
      .record({
        base: fc.constantFrom(...good),
        cut: fc.nat(),
        flips: fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), {
          maxLength: 6,
        }),
      })
      .map(({ base, cut, flips }) => {
        const bytes = Buffer.from(base.subarray(0, base.length - (cut % 40)));
        for (const f of flips) bytes[f.at % bytes.length] = f.value;
        return bytes;
      });
    const file = fc.record({
      bytes: fc.oneof(
        { arbitrary: fc.constantFrom(...good), weight: 3 },
        damaged,
        fc.uint8Array({ maxLength: 3000 }),
      ),
      name: hostileText.map((t) => t.slice(0, 300)),
      type: fc.constantFrom('image/jpeg', 'text/html', 'image/svg+xml', 'application/x-msdownload', ''),
      field: fc.oneof(fc.constant('file'), fc.string({ maxLength: 20 }), fc.constant('__proto__')),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(file, { minLength: 1, maxLength: 4 }), async (files) => {
        const data = new FormData();
        for (const f of files)
          data.append(f.field, new Blob([Uint8Array.from(f.bytes)], { type: f.type }), f.name);
        const res = await api.raw.inject({
          method: 'POST',
          url: `/api/grievances/${reference}/attachments`,
          headers: citizen.headers,
          payload: data,
        });
        assertClean(res, `upload of ${files.length} files`);
        if (res.statusCode === 201) accepted += res.json().items.length;
      }),
      { numRuns: 80, endOnFailure: true },
    );
    // Nothing from a refused request was kept, and everything kept is an accepted type, already clean.
    const stored = (await rows()).slice(before);
    expect(stored).toHaveLength(accepted);
    for (const row of stored) {
      const content = row.content as Uint8Array;
      expect(sniff(content)).toBe(row.media_type);
      expect(Buffer.from(stripMetadata(row.media_type, content))).toEqual(Buffer.from(content));
    }
  }, 240_000);
});
