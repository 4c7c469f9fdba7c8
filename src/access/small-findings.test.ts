// Finding 10 of the security review, its smaller items, each checked where it could slip back:
// - every way a grievance is registered leaves an audit entry naming it by its reference;
// - a locked account answers exactly as an unknown email does (status, body, headers);
// - /metrics answers only to its own token (not to a session or API key, however powerful);
// - every API answer is kept out of caches (no-store) except the few that carry no personal data and
//   are meant to be cached (the public settings, the category catalogue, the public figures), derived
//   from the API's own document so a new route is covered without being listed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { citizenCaller } from '../../test/principals.ts';
import type { Database } from '../db/index.ts';
import { createStaffUser } from './users.ts';

describe.each(databases)('the smaller findings on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  let d: Deployment;
  beforeAll(async () => {
    database = await open();
    api = await startApi(database, undefined, { metricsToken: 'scrape-me-7f3a' });
    d = await buildDeployment(api.deps);
  });
  afterAll(async () => {
    await api?.raw.close();
    await database?.close();
  });

  const registration = (extra: Record<string, unknown> = {}) => ({
    categoryId: d.category.id,
    placeId: d.village.id,
    subject: 'No water',
    description: 'The hand pump near the school is broken.',
    language: 'en',
    channel: 'web',
    ...extra,
  });
  const auditedAs = async (reference: string) =>
    database.db
      .selectFrom('audit_log')
      .select(['entity', 'entity_id', 'actor_kind'])
      .where('action', '=', 'grievance.register')
      .where('entity_id', '=', reference)
      .execute();

  it('names the grievance by its reference in the audit entry of every registration', async () => {
    const anonymous = await api.raw.inject({
      method: 'POST',
      url: '/api/grievances',
      payload: registration({ anonymous: true }),
    });
    expect(anonymous.statusCode, anonymous.body).toBe(201);
    const phone = '+919833300001';
    await buildGrievance(api.deps, d, { citizen: { phone } }); // so the number is known and can sign in
    const citizen = await citizenCaller(api.raw, database, 'citizen', phone);
    const own = await api.raw.inject({
      method: 'POST',
      url: '/api/grievances',
      headers: citizen.headers,
      payload: registration(),
    });
    expect(own.statusCode, own.body).toBe(201);
    const byKey = await api.app.inject({
      method: 'POST',
      url: '/api/grievances',
      payload: registration({ channel: 'phone', citizen: { phone: '+919833300002' } }),
    });
    expect(byKey.statusCode, byKey.body).toBe(201);
    // As a channel adapter registers, with no request at all.
    const channel = await buildGrievance(api.deps, d, {
      channel: 'sms',
      citizen: { phone: '+919833300003' },
    });

    const expected = [
      [anonymous.json().reference, 'public'],
      [own.json().reference, 'citizen'],
      [byKey.json().reference, 'api'],
      [channel.reference, undefined],
    ] as const;
    for (const [reference, actor] of expected) {
      const rows = await auditedAs(reference);
      expect(rows, reference).toHaveLength(1);
      expect(rows[0]).toMatchObject({ entity: 'grievance', entity_id: reference });
      if (actor) expect(rows[0]?.actor_kind).toBe(actor);
    }
  });

  it('answers a locked account exactly as an unknown email: same status, body and headers', async () => {
    const password = 'correct horse battery staple';
    await createStaffUser(database.db, api.clock, {
      email: 'locked.out@example.gov.in',
      name: 'Locked Out',
      password,
      grants: [{ role: 'monitor' }],
    });
    const signIn = (email: string, pw: string) =>
      api.raw.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password: pw } });
    for (let i = 0; i < 5; i++) await signIn('locked.out@example.gov.in', `wrong ${i}`);
    const locked = await signIn('locked.out@example.gov.in', password);
    const unknown = await signIn('nobody.here@example.gov.in', password);
    const wrong = await signIn('locked.out@example.gov.in', 'wrong again');
    const shape = (res: typeof locked) => {
      const { date: _date, ...headers } = res.headers;
      return { status: res.statusCode, body: res.body, headers };
    };
    expect(locked.statusCode).toBe(401);
    expect(shape(locked)).toEqual(shape(unknown));
    expect(shape(wrong)).toEqual(shape(unknown));
  });

  it('serves /metrics only for its own token, never for a session or an API key', async () => {
    expect((await api.raw.inject({ url: '/metrics' })).statusCode).toBe(401);
    expect((await api.app.inject({ url: '/metrics' })).statusCode).toBe(401); // the super-user key
    const wrong = await api.raw.inject({
      url: '/metrics',
      headers: { authorization: 'Bearer scrape-me-7f3b' },
    });
    expect(wrong.statusCode).toBe(401);
    const right = await api.raw.inject({
      url: '/metrics',
      headers: { authorization: 'Bearer scrape-me-7f3a' },
    });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('# TYPE');
    expect(right.headers['cache-control']).toBe('no-store');
  });

  it('marks every API answer no-store, but the public settings, catalogue, figures and Open311 reads', async () => {
    const { reference } = await buildGrievance(api.deps, d, { citizen: { phone: '+919833300009' } });
    // Open311's public reads show only what a city app filed there, openly.
    const filed = await buildGrievance(api.deps, d, { channel: 'open311', citizen: null });
    const doc = (await api.raw.inject({ url: '/openapi.json' })).json();
    const cacheable: string[] = [];
    let checked = 0;
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      if ((!path.startsWith('/api/') && !path.startsWith('/open311/')) || !('get' in ops)) continue;
      // A live stream never ends: its headers are all this needs.
      const stream = path.endsWith('/live');
      // Open311 addresses end in their format and name a request by its reference, a service by its code.
      const url = path
        .replace('{format}', 'json')
        .replace(/\{(reference|ref)\}/, reference)
        .replace(/^(\/open311\/.*)\{(id|token)\}/, `$1${filed.reference}`)
        .replace(/^(\/open311\/.*)\{code\}/, `$1${d.category.code}`)
        .replace(/\{phone\}/, encodeURIComponent('+919833300009'))
        .replace(/\{[^}]+\}/g, '1');
      for (const as of ['super-user', 'public']) {
        const options = { url, ...(stream ? { payloadAsStream: true as const } : {}) };
        const res = as === 'public' ? await api.raw.inject(options) : await api.app.inject(options);
        if (stream) res.stream().destroy();
        checked++;
        if (res.headers['cache-control'] !== 'no-store')
          cacheable.push(`${path} ${res.headers['cache-control']}`);
      }
    }
    expect(checked).toBeGreaterThan(60);
    // Each asked as a signed-in user and as the public: the same answer for both.
    expect(cacheable).toEqual(
      [
        '/api/settings public, max-age=300',
        '/api/categories public, no-cache',
        '/api/public/figures public, max-age=300',
        // Open311 (channels/open311): public reads with no personal data in them.
        '/open311/v2/discovery.{format} public, max-age=3600',
        '/open311/v2/services.{format} public, max-age=300',
        '/open311/v2/services/{code}.{format} public, max-age=300',
        '/open311/v2/requests.{format} public, max-age=60',
        '/open311/v2/requests/{id}.{format} public, max-age=60',
        '/open311/v2/tokens/{token}.{format} public, max-age=60',
      ].flatMap((line) => [line, line]),
    );
  });
});
