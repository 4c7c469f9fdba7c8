import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/api.ts';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, type Deployment } from '../../test/factories.ts';
import { staffCaller } from '../../test/principals.ts';
import type { Database } from '../db/index.ts';
import { createDepartment, createPosition, getPosition } from '../directory/index.ts';
import { generateReference } from './reference.ts';

describe.each(databases)('grievance API on $name', ({ open }) => {
  let database: Database;
  let app: TestApp;
  let d: Deployment;
  let clock: Awaited<ReturnType<typeof startApi>>['clock'];
  let api: Awaited<ReturnType<typeof startApi>>;
  const body = () => ({
    categoryId: d.category.id,
    placeId: d.village.id,
    subject: 'हैंडपंप खराब है',
    description: 'स्कूल के पास का हैंडपंप एक सप्ताह से खराब है।',
    language: 'hi',
    channel: 'web',
    citizen: { phone: '+919811111111', name: 'Ramesh Kumar' },
  });
  const post = (payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/api/grievances', payload: payload as object, headers });

  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
    app = api.app;
    clock = api.clock;
    d = await buildDeployment(api.deps);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('registers a grievance and returns it with its reference, routed to L1', async () => {
    const res = await post(body());
    expect(res.statusCode).toBe(201);
    const g = res.json();
    expect(g.reference).toMatch(/^[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}$/);
    expect(g).toMatchObject({
      status: 'assigned',
      language: 'hi',
      subject: 'हैंडपंप खराब है',
      citizen: { phone: '+919811111111', name: 'Ramesh Kumar' },
      position: { id: d.chain[0]?.id },
      level: 1,
      category: { id: d.category.id },
      place: { id: d.village.id },
    });
    const read = await app.inject({
      url: `/api/grievances/${g.reference.toLowerCase().replaceAll('-', ' ')}`,
    });
    expect(read.statusCode).toBe(200);
    expect(read.json().reference).toBe(g.reference);
  });

  it('answers many lookups at once, each with its own grievance (they share statements)', async () => {
    const made: { reference: string; subject: string }[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await post({ ...body(), subject: `Lookup ${i}`, citizen: null });
      made.push({ reference: res.json().reference, subject: `Lookup ${i}` });
    }
    const missing = generateReference();
    const asked = [...made, ...made, ...made, ...made, { reference: missing, subject: '' }].sort(
      () => Math.random() - 0.5,
    );
    const answers = await Promise.all(
      asked.map((a) => app.inject({ url: `/api/grievances/${a.reference}` })),
    );
    for (const [i, res] of answers.entries()) {
      const a = asked[i] as (typeof asked)[number];
      if (a.reference === missing) expect(res.statusCode).toBe(404);
      else expect(res.json()).toMatchObject({ reference: a.reference, subject: a.subject });
    }
  });

  // The names come from each node's reference cache, which a change clears on every node (NOTIFY).
  it('names a grievance as its category, department, place and position are called now, on every node', async () => {
    const other = await startApi(database);
    try {
      const g = (await post({ ...body(), citizen: null })).json();
      const nodes = [app, other.app];
      const seen = async (node: TestApp) => {
        const one = (await node.inject({ url: `/api/grievances/${g.reference}` })).json();
        const list = (
          await node.inject({ url: `/api/grievances?positionId=${g.position.id}&limit=5` })
        ).json();
        const inList = list.items.find((i: { reference: string }) => i.reference === g.reference);
        return [one, inList].map((v) => [
          v.category.name.en,
          v.department.name.en,
          v.place.name.en,
          v.position.title.en,
        ]);
      };
      const before = [d.category.name.en, d.department.name.en, d.village.name.en, g.position.title.en];
      // Both nodes hold the old names first.
      for (const node of nodes) expect(await seen(node)).toEqual([before, before]);

      const renamed = ['Drinking water', 'Jal Shakti', 'Rampur Kalan', 'Junior engineer (water)'];
      const renames = [
        { url: `/api/categories/${d.category.id}`, payload: { name: { en: renamed[0] } } },
        { url: `/api/departments/${d.department.id}`, payload: { name: { en: renamed[1] } } },
        { url: `/api/places/${d.village.id}`, payload: { name: { en: renamed[2] } } },
        { url: `/api/positions/${g.position.id}`, payload: { title: { en: renamed[3] } } },
      ];
      for (const r of renames) expect((await app.inject({ method: 'PATCH', ...r })).statusCode).toBe(200);
      for (const node of nodes) {
        let now = await seen(node);
        for (let i = 0; i < 100 && JSON.stringify(now) !== JSON.stringify([renamed, renamed]); i++) {
          await new Promise((r) => setTimeout(r, 50));
          now = await seen(node);
        }
        expect(now).toEqual([renamed, renamed]);
      }
    } finally {
      await other.app.close();
    }
  });

  it('returns the same grievance for a retried request with the same Idempotency-Key', async () => {
    const key = 'retry-7f3a9c';
    const first = await post(body(), { 'idempotency-key': key });
    const again = await post(body(), { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().reference).toBe(first.json().reference);
    const all = await app.inject({
      url: `/api/grievances?phone=${encodeURIComponent('+919811111111')}&limit=200`,
    });
    expect(
      all.json().items.filter((g: { reference: string }) => g.reference === first.json().reference),
    ).toHaveLength(1);

    const different = await post({ ...body(), subject: 'Something else' }, { 'idempotency-key': key });
    expect(different.statusCode).toBe(422);
    expect(different.json().code).toBe('idempotency_key_reused');
  });

  it('makes one grievance from many simultaneous retries with one key', async () => {
    const key = 'burst-1';
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => post(body(), { 'idempotency-key': key })),
    );
    expect(responses.every((r) => r.statusCode === 200 || r.statusCode === 201)).toBe(true);
    expect(new Set(responses.map((r) => r.json().reference)).size).toBe(1);
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1);
  });

  it('hides who raised an anonymous grievance, and phone search does not find it', async () => {
    const res = await post({ ...body(), anonymous: true, citizen: { phone: '+919822222222' } });
    expect(res.statusCode).toBe(201);
    expect(res.json().citizen).toBeNull();
    expect(JSON.stringify(res.json())).not.toContain('9822222222');
    const search = await app.inject({ url: `/api/grievances?phone=${encodeURIComponent('+919822222222')}` });
    expect(search.json().total).toBe(0);
  });

  it('keeps “no location” as no location, not the point 0, 0', async () => {
    const res = await post({ ...body(), latitude: null, longitude: null, address: null });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ location: null, address: null });
    const placed = await post({ ...body(), latitude: 23.75, longitude: 76.81 });
    expect(placed.json().location).toEqual({ latitude: 23.75, longitude: 76.81 });
  });

  it('says a transfer was done even when it takes the grievance out of the officer’s reach', async () => {
    const reference = (await post(body())).json().reference;
    const officerId = (await getPosition(database.db, d.chain[0]?.id as number)).officerId as number;
    const officer = await staffCaller(api.raw, database, clock, 'officer', [], officerId);
    const forest = await createDepartment(database.db, { code: 'FOREST-REACH', name: { en: 'Forest' } });
    const ranger = await createPosition(database.db, {
      departmentId: forest.id,
      placeId: d.district.id,
      level: 1,
      title: { en: 'Range officer' },
    });
    const res = await api.raw.inject({
      method: 'POST',
      url: `/api/grievances/${reference}/actions`,
      headers: officer.headers,
      payload: { type: 'transfer', positionId: ranger.id, note: 'The pump is inside the forest range' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ reference, status: 'assigned', outOfReach: true });
    const now = await app.inject({ url: `/api/grievances/${reference}` });
    expect(now.json().position.id).toBe(ranger.id);
  });

  it('acts on a grievance through the actions endpoint and lists its history', async () => {
    const { reference } = (await post(body())).json();
    const act = (payload: object) =>
      app.inject({ method: 'POST', url: `/api/grievances/${reference}/actions`, payload });
    expect((await act({ type: 'start' })).json().status).toBe('in_progress');
    clock.advance(3_600_000);
    const resolved = await act({ type: 'resolve', note: 'Hand pump repaired' });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json().status).toBe('resolved');

    const illegal = await act({ type: 'start' });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json()).toMatchObject({ code: 'illegal_transition' });
    expect(illegal.json().message).toContain('resolved');

    const missing = await act({ type: 'reopen' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'validation_failed', details: [{ field: 'note' }] });

    const note = await app.inject({
      method: 'POST',
      url: `/api/grievances/${reference}/notes`,
      payload: { note: 'Called the citizen', internal: true },
    });
    expect(note.statusCode).toBe(201);
    expect(note.json()).toMatchObject({ kind: 'note', note: 'Called the citizen', public: false });

    const history = await app.inject({ url: `/api/grievances/${reference}/history` });
    expect(history.json().events.map((e: { kind: string }) => e.kind)).toEqual([
      'registered',
      'assigned',
      'started',
      'resolved',
      'note',
    ]);
  });

  it('searches by reference, phone, status, department, place subtree, category, channel, text and date', async () => {
    clock.set('2026-04-10T06:00:00Z');
    const a = (
      await post({
        ...body(),
        citizen: { phone: '+919833333333' },
        channel: 'whatsapp',
        subject: 'Pipeline leak near market',
      })
    ).json();
    clock.set('2026-04-12T06:00:00Z');
    const b = (
      await post({
        ...body(),
        citizen: { phone: '+919844444444' },
        placeId: d.otherDistrict.id,
        subject: 'Tank not cleaned',
      })
    ).json();
    const search = async (query: string) =>
      (
        await app.inject({ url: `/api/grievances?${query}${query.includes('limit=') ? '' : '&limit=200'}` })
      ).json();
    const refs = (result: { items: { reference: string }[] }) => result.items.map((g) => g.reference);

    expect(refs(await search(`reference=${a.reference}`))).toEqual([a.reference]);
    expect(refs(await search(`phone=${encodeURIComponent('+919833333333')}`))).toEqual([a.reference]);
    expect(refs(await search('status=registered'))).toContain(b.reference); // unrouted
    expect(refs(await search('status=registered'))).not.toContain(a.reference);
    expect(refs(await search('status=registered&status=assigned'))).toEqual(
      expect.arrayContaining([a.reference, b.reference]),
    );
    expect(refs(await search(`placeId=${d.district.id}`))).toContain(a.reference);
    expect(refs(await search(`placeId=${d.district.id}`))).not.toContain(b.reference);
    expect(refs(await search(`placeId=${d.state.id}`))).toEqual(
      expect.arrayContaining([a.reference, b.reference]),
    );
    expect(refs(await search(`departmentId=${d.otherDepartment.id}`))).toEqual([]);
    expect(refs(await search(`categoryId=${d.category.id}&channel=whatsapp`))).toEqual([a.reference]);
    expect(refs(await search('q=pipeline'))).toEqual([a.reference]);
    // Words are not counted beyond what is shown: the total says how many, and whether there are more.
    expect(await search('q=pipeline')).toMatchObject({ total: 1, totalIsLowerBound: false, next: null });
    const words = await search('q=e&limit=1');
    expect(words).toMatchObject({ total: 1, totalIsLowerBound: true });
    expect(words.next).toEqual(expect.any(String));
    expect(refs(await search('from=2026-04-11T00:00:00Z'))).toEqual([b.reference]);
    expect(refs(await search('from=2026-04-10T00:00:00Z&to=2026-04-11T00:00:00Z'))).toEqual([a.reference]);
    const paged = await search('status=assigned&limit=1');
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBeGreaterThan(1);
  });

  it('answers bad input with 400 {code, message, details} and writes nothing', async () => {
    const count = async () => (await app.inject({ url: '/api/grievances?limit=1' })).json().total;
    const before = await count();
    const cases: [object, string][] = [
      [{ ...body(), categoryId: undefined }, 'categoryId'],
      [{ ...body(), subject: '' }, 'subject'],
      [{ ...body(), subject: '   ' }, 'subject'],
      [{ ...body(), channel: 'pigeon' }, 'channel'],
      [{ ...body(), citizen: { phone: '98765' } }, 'citizen'],
      [{ ...body(), latitude: 123 }, 'latitude'],
      [{ ...body(), surprise: true }, 'surprise'],
      [{ ...body(), description: 'x'.repeat(5001) }, 'description'],
      [{ ...body(), categoryId: 999_999 }, 'categoryId'],
      [{ ...body(), placeId: 999_999 }, 'placeId'],
      [{ ...body(), interactionId: 999_999 }, 'interactionId'],
    ];
    for (const [payload, field] of cases) {
      const res = await post(payload);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      const error = res.json();
      expect(error.code).toBe('validation_failed');
      expect(typeof error.message).toBe('string');
      expect(error.details.map((x: { field: string }) => x.field).join(' ')).toContain(field);
    }
    const broken = await app.inject({
      method: 'POST',
      url: '/api/grievances',
      payload: '{"subject":',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().code).toBe('validation_failed');
    expect(await count()).toBe(before);
  });

  it('takes a mobile number as people type it, and says what is wrong with stable codes', async () => {
    const typed = await post({ ...body(), citizen: { phone: '098113 22334', name: 'Meena' } });
    expect(typed.statusCode, typed.body).toBe(201);
    expect(typed.json().citizen.phone).toBe('+919811322334');
    const found = await app.inject({ url: `/api/grievances?phone=${encodeURIComponent('98113 22334')}` });
    expect(found.json().items.map((g: { reference: string }) => g.reference)).toContain(
      typed.json().reference,
    );

    const problems = async (payload: object) =>
      (await post(payload))
        .json()
        .details.map((d: { field: string; code: string }) => `${d.field} ${d.code}`);
    expect(await problems({ ...body(), citizen: { phone: '98765' } })).toEqual([
      'citizen.phone phone_invalid',
    ]);
    expect(await problems({ ...body(), subject: '   ', surprise: 1 })).toEqual(
      expect.arrayContaining(['subject blank', 'surprise unknown_field']),
    );
    expect(await problems({ ...body(), description: 'x'.repeat(5001), channel: 'pigeon' })).toEqual(
      expect.arrayContaining(['description too_long', 'channel not_allowed_value']),
    );
    expect(await problems({ ...body(), placeId: 999_999 })).toEqual(['placeId does_not_exist']);
    const typo = await app.inject({ url: '/api/grievances/K7M-4QX-9P0' });
    expect(typo.json().details[0].code).toBe('reference_invalid');
    // Every problem the API answers with carries a code, whoever raised it.
    const action = await app.inject({
      method: 'POST',
      url: `/api/grievances/${typed.json().reference}/actions`,
      payload: { type: 'transfer' },
    });
    expect(action.json().details).toEqual([
      expect.objectContaining({ field: 'positionId', code: 'required' }),
    ]);
  });

  it('says 404 for an unknown reference and 400 for one that cannot be a reference', async () => {
    const unknown = await app.inject({ url: '/api/grievances/222-222-222' });
    // 222-222-22x: the check character decides; find a valid but unused one.
    expect([400, 404]).toContain(unknown.statusCode);
    const typo = await app.inject({ url: '/api/grievances/K7M-4QX-9P0' });
    expect(typo.statusCode).toBe(400);
    expect(typo.json()).toMatchObject({ code: 'validation_failed', details: [{ field: 'reference' }] });
    const { generateReference } = await import('./reference.ts');
    const fresh = await app.inject({ url: `/api/grievances/${generateReference()}` });
    expect(fresh.statusCode).toBe(404);
    expect(fresh.json().code).toBe('not_found');
    const route = await app.inject({ url: '/api/nothing-here' });
    expect(route.statusCode).toBe(404);
    expect(route.json().code).toBe('not_found');
  });
});
