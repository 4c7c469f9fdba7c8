// The Open311 GeoReport v2 endpoint over HTTP, as a city app uses it: discovery, services in Hindi,
// posting with good and bad keys, the grievance routed with its SLA, acknowledged by SMS and visible to
// its officer, the public reads in JSON and XML (read back strictly), and never a person in them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../../test/api.ts';
import { databases } from '../../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../../test/factories.ts';
import { staffCaller } from '../../../test/principals.ts';
import { childrenNamed, childText, parseXml } from '../../../test/xml.ts';
import { createApiClient, revokeApiKey } from '../../access/users.ts';
import type { Database } from '../../db/index.ts';
import { createCategory } from '../../directory/index.ts';
import { updatePlace } from '../../places/index.ts';

const PHONE = '+919812300001';
const NAME = ['Sunita', 'Verma'];
const EMAIL = 'sunita.verma@example.org';
const TEXT = 'Hand pump near the school is broken since Monday';
// The citizen's own point: 1.1 km from the village's representative point.
const POINT = { lat: '23.6412', long: '77.0455' };

describe.each(databases)('Open311 GeoReport v2 on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  let d: Deployment;
  let key: string;
  let monitorKey: string;
  let revokedKey: string;
  let meterCode: string;
  const publicBodies: string[] = [];

  beforeAll(async () => {
    database = await open();
    api = await startApi(database, '2026-03-02T04:30:00Z', {
      open311: { jurisdictionId: 'mp.gov.in', language: 'en' },
    });
    d = await buildDeployment(api.deps);
    await updatePlace(database.db, d.village.id, { latitude: 23.6312, longitude: 77.0455 });
    const meter = await createCategory(database.db, {
      departmentId: d.department.id,
      code: `METER-${Math.random().toString(36).slice(2, 8)}`,
      name: { en: 'Water meter faulty', hi: 'पानी का मीटर खराब' },
      resolutionValue: 2,
      resolutionUnit: 'calendar_days',
      fields: [
        { key: 'consumer_number', label: { en: 'Consumer number', hi: 'उपभोक्ता क्रमांक' }, required: true },
      ],
    });
    meterCode = meter.code;
    const client = (grants: { role: 'intake' | 'monitor' }[]) =>
      createApiClient(database.db, api.clock, { name: `city app ${Math.random()}`, grants });
    key = (await client([{ role: 'intake' }])).key;
    monitorKey = (await client([{ role: 'monitor' }])).key;
    const revoked = await client([{ role: 'intake' }]);
    await revokeApiKey(database.db, api.clock, revoked.keyId);
    revokedKey = revoked.key;
  });
  afterAll(async () => {
    await api?.app.close();
    await database?.close();
  });

  const get = async (url: string) => {
    const res = await api.raw.inject({ url });
    publicBodies.push(res.body);
    return res;
  };
  const post = (format: 'json' | 'xml', fields: Record<string, string>) =>
    api.raw.inject({
      method: 'POST',
      url: `/open311/v2/requests.${format}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
  const valid = () => ({
    api_key: key,
    jurisdiction_id: 'mp.gov.in',
    service_code: d.category.code,
    ...POINT,
    description: TEXT,
    first_name: NAME[0] as string,
    last_name: NAME[1] as string,
    email: EMAIL,
    phone: '098123 00001',
    media_url: 'https://city.example.org/photos/42.jpg',
    device_id: 'device-7',
    account_id: 'acct-9',
  });
  /** Our stable code leads each error's description. */
  const codes = (res: { json(): unknown }) =>
    (res.json() as { code: number; description: string }[]).map((e) => e.description.split(':')[0]);

  it('describes itself and lists our categories as services, in Hindi when asked', async () => {
    const discovery = await get('/open311/v2/discovery.json');
    expect(discovery.statusCode).toBe(200);
    expect(discovery.headers['cache-control']).toBe('public, max-age=3600');
    expect(discovery.json().endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      url: 'http://localhost:80/open311/v2',
      formats: ['application/json', 'text/xml'],
    });
    const xml = parseXml((await get('/open311/v2/discovery.xml')).body);
    expect(xml.name).toBe('discovery');
    const endpoint = childrenNamed(childrenNamed(xml, 'endpoints')[0] as never, 'endpoint')[0];
    expect(
      childrenNamed(childrenNamed(endpoint as never, 'formats')[0] as never, 'format').map((f) => f.text),
    ).toEqual(['application/json', 'text/xml']);

    const hindi = await get('/open311/v2/services.json?locale=hi_IN');
    expect(hindi.headers['content-type']).toBe('application/json; charset=utf-8');
    const pump = hindi.json().find((s: { service_code: string }) => s.service_code === d.category.code);
    expect(pump).toEqual({
      service_code: d.category.code,
      service_name: 'हैंडपंप खराब',
      description: 'हैंडपंप खराब (लोक स्वास्थ्य यांत्रिकी)',
      metadata: false,
      type: 'realtime',
      keywords: '',
      group: 'लोक स्वास्थ्य यांत्रिकी',
    });
    // No locale, or one we lack: the deployment's language.
    const english = (await get('/open311/v2/services.json?locale=fr')).json();
    expect(english.find((s: { service_code: string }) => s.service_code === meterCode)).toMatchObject({
      service_name: 'Water meter faulty',
      metadata: true,
      group: 'Public Health Engineering',
    });
    const services = parseXml((await get('/open311/v2/services.xml')).body);
    expect(childrenNamed(services, 'service').map((s) => childText(s, 'service_code'))).toContain(meterCode);

    const definition = await get(`/open311/v2/services/${meterCode}.json?locale=hi`);
    expect(definition.json()).toEqual({
      service_code: meterCode,
      attributes: [
        {
          variable: true,
          code: 'consumer_number',
          datatype: 'string',
          required: true,
          datatype_description: null,
          order: 1,
          description: 'उपभोक्ता क्रमांक',
        },
      ],
    });
    const definitionXml = parseXml((await get(`/open311/v2/services/${meterCode}.xml`)).body);
    const attribute = childrenNamed(childrenNamed(definitionXml, 'attributes')[0] as never, 'attribute')[0];
    expect(childText(attribute as never, 'required')).toBe('true');
    const unknown = await get('/open311/v2/services/NO-SUCH.json');
    expect(unknown.statusCode).toBe(404);
    expect(codes(unknown)).toEqual(['does_not_exist']);
  });

  it('answers an unknown format, address or jurisdiction with the specification’s errors', async () => {
    const format = await get('/open311/v2/services.html');
    expect(format.statusCode).toBe(404);
    expect(format.json()).toEqual([{ code: 404, description: 'format_unknown: format: json or xml' }]);
    expect(format.headers['cache-control']).toBe('no-store');
    const nowhere = await get('/open311/v2/nothing.xml');
    expect(nowhere.statusCode).toBe(404);
    expect(childText(childrenNamed(parseXml(nowhere.body), 'error')[0] as never, 'code')).toBe('404');
    const other = await get('/open311/v2/services.json?jurisdiction_id=ke.go.nairobi');
    expect(other.statusCode).toBe(404);
    expect(codes(other)).toEqual(['jurisdiction_unknown']);
  });

  it('registers a request from a city app: routed with its SLA, acknowledged by SMS, on the citizen’s history', async () => {
    const res = await post('json', valid());
    expect(res.statusCode, res.body).toBe(201);
    const [answer] = res.json();
    expect(answer).toEqual({
      service_request_id: expect.stringMatching(/^[0-9A-Z-]+$/),
      service_notice: `Registered as ${answer.service_request_id} and sent to the responsible officer.`,
      account_id: 'acct-9',
    });
    const g = await database.db
      .selectFrom('grievances as g')
      .innerJoin('citizens as c', 'c.id', 'g.citizen_id')
      .select(['g.id', 'g.channel', 'g.position_id', 'g.due_at', 'g.status', 'g.details', 'g.description'])
      .select(['g.latitude', 'c.phone', 'c.name'])
      .where('g.reference', '=', answer.service_request_id)
      .executeTakeFirstOrThrow();
    expect(g).toMatchObject({
      channel: 'open311',
      position_id: d.chain[0]?.id,
      status: 'assigned',
      latitude: 23.6412,
      phone: PHONE,
      name: 'Sunita Verma',
      details: { media_url: 'https://city.example.org/photos/42.jpg' },
    });
    expect(g.due_at?.toISOString()).toBe('2026-03-05T04:30:00.000Z');
    expect(g.description).toContain('Photo: https://city.example.org/photos/42.jpg');
    // The acknowledgement waits in the outbox for the SMS worker, to the number given.
    const sms = await database.db
      .selectFrom('notifications as n')
      .innerJoin('citizens as c', 'c.id', 'n.citizen_id')
      .select(['n.channel', 'n.template', 'c.phone'])
      .where('n.grievance_id', '=', g.id)
      .where('n.recipient_kind', '=', 'citizen')
      .execute();
    expect(sms).toEqual([{ channel: 'sms', template: 'grievance_registered', phone: PHONE }]);
    // The contact is on the citizen's history, linked to the grievance.
    const contact = await database.db
      .selectFrom('interaction_grievances as ig')
      .innerJoin('interactions as i', 'i.id', 'ig.interaction_id')
      .innerJoin('citizens as c', 'c.id', 'i.citizen_id')
      .select(['i.channel', 'c.phone'])
      .where('ig.grievance_id', '=', g.id)
      .execute();
    expect(contact).toEqual([{ channel: 'open311', phone: PHONE }]);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['actor_kind', 'action'])
      .where('entity_id', '=', answer.service_request_id)
      .execute();
    expect(audit.map((a) => a.actor_kind)).toContain('api');
    // Its officer sees it in their queue.
    const holder = await database.db
      .selectFrom('position_holders')
      .select('officer_id')
      .where('position_id', '=', d.chain[0]?.id as number)
      .executeTakeFirstOrThrow();
    const officer = await staffCaller(api.raw, database, api.clock, 'L1 officer', [], holder.officer_id);
    const seen = await api.raw.inject({
      url: `/api/grievances/${answer.service_request_id}`,
      headers: officer.headers,
    });
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({ channel: 'open311', description: expect.stringContaining(TEXT) });
  });

  it('refuses a missing, unknown, revoked or non-intake key, and bad fields, with stable codes', async () => {
    const { api_key: _, ...keyless } = valid();
    const cases: [Record<string, string>, number, string[]][] = [
      [keyless, 403, ['api_key_missing']],
      [{ ...valid(), api_key: 'cl_not-a-key' }, 403, ['api_key_invalid']],
      [{ ...valid(), api_key: revokedKey }, 403, ['api_key_invalid']],
      [{ ...valid(), api_key: monitorKey }, 403, ['role_needed']],
      [{ ...valid(), service_code: '' }, 400, ['required']],
      [{ ...valid(), service_code: 'NO-SUCH' }, 400, ['does_not_exist']],
      [{ ...valid(), description: 'x'.repeat(4001) }, 400, ['too_long']],
      [{ ...valid(), lat: 'north' }, 400, ['format_invalid']],
      [{ ...valid(), lat: '91' }, 400, ['out_of_range']],
      [{ ...valid(), long: '' }, 400, ['coordinates_pair']],
      [{ ...valid(), lat: '-33.86', long: '151.2' }, 400, ['place_outside_area']],
      [{ ...valid(), lat: '', long: '' }, 400, ['location_required']],
      [
        { ...valid(), lat: '', long: '', address_string: 'Somewhere else entirely' },
        400,
        ['address_unknown'],
      ],
      [{ ...valid(), media_url: 'file:///etc/passwd' }, 400, ['media_url_invalid']],
      [{ ...valid(), phone: '12' }, 400, ['phone_invalid']],
      [{ ...valid(), jurisdiction_id: 'ke.go.nairobi' }, 404, ['jurisdiction_unknown']],
      [{ ...valid(), service_code: meterCode }, 400, ['required']],
    ];
    const before = await database.db
      .selectFrom('grievances')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    for (const [fields, status, expected] of cases) {
      const res = await post('json', fields);
      expect(res.statusCode, `${JSON.stringify(fields)} -> ${res.body}`).toBe(status);
      expect(codes(res), JSON.stringify(fields)).toEqual(expected);
      expect(res.json()[0].code).toBe(status);
    }
    const xml = await post('xml', keyless);
    const error = childrenNamed(parseXml(xml.body), 'error')[0];
    expect(childText(error as never, 'description')).toMatch(/^api_key_missing: /);
    const after = await database.db
      .selectFrom('grievances')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    // A JSON body that is not an object is refused cleanly too.
    const junk = await api.raw.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/json' },
      payload: '[1,2]',
    });
    expect(junk.statusCode).toBe(400);
  });

  it('takes a request with no contact details, and an anonymous one, by address or by place code', async () => {
    const bare = await post('xml', {
      api_key: key,
      service_code: meterCode,
      address_string: 'Opposite the temple, Kachnariya, Biaora',
      description: 'Meter running backwards',
      'attribute[consumer_number]': 'C-1001',
    });
    expect(bare.statusCode, bare.body).toBe(201);
    const request = childrenNamed(parseXml(bare.body), 'request')[0];
    const reference = childText(request as never, 'service_request_id') as string;
    const row = await database.db
      .selectFrom('grievances')
      .select(['citizen_id', 'place_id', 'details', 'address'])
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      citizen_id: null,
      place_id: d.village.id,
      details: { consumer_number: 'C-1001' },
      address: 'Opposite the temple, Kachnariya, Biaora',
    });

    const anonymous = await post('json', {
      ...valid(),
      lat: '',
      long: '',
      address_id: d.village.code,
      anonymous: 'true',
      phone: '+919812300002',
    });
    expect(anonymous.statusCode, anonymous.body).toBe(201);
    const anon = anonymous.json()[0].service_request_id;
    const stored = await database.db
      .selectFrom('grievances')
      .select(['anonymous', 'place_id'])
      .where('reference', '=', anon)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ anonymous: true, place_id: d.village.id });
    // Filed anonymously: not among the public reads at all.
    const shown = await get(`/open311/v2/requests/${anon}.json`);
    expect(shown.statusCode).toBe(404);
    expect(codes(shown)).toEqual(['does_not_exist']);

    // Only a service and a place, as the specification allows: the service's name describes it.
    const minimal = await post('json', {
      api_key: key,
      service_code: d.category.code,
      address_id: d.village.code,
    });
    expect(minimal.statusCode, minimal.body).toBe(201);
    const described = await database.db
      .selectFrom('grievances')
      .select(['subject', 'description'])
      .where('reference', '=', minimal.json()[0].service_request_id)
      .executeTakeFirstOrThrow();
    expect(described).toEqual({ subject: 'Hand pump not working', description: 'Hand pump not working' });

    // A city app that retries with its Idempotency-Key gets the first request back, once.
    const retry = () =>
      api.raw.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': 'city-42' },
        payload: new URLSearchParams({ ...valid(), phone: '+919812300003' }).toString(),
      });
    const first = await retry();
    const again = await retry();
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect(again.json()[0].service_request_id).toBe(first.json()[0].service_request_id);
    const contacts = await database.db
      .selectFrom('interactions as i')
      .innerJoin('citizens as c', 'c.id', 'i.citizen_id')
      .select('i.id')
      .where('c.phone', '=', '+919812300003')
      .execute();
    expect(contacts).toHaveLength(1);
  });

  it('lists and shows requests by the specification’s filters, in JSON and XML', async () => {
    await post('json', valid());
    api.clock.advance(60_000);
    const all = await get('/open311/v2/requests.json');
    expect(all.statusCode).toBe(200);
    expect(all.headers['cache-control']).toBe('public, max-age=60');
    const list = all.json();
    expect(list.length).toBeGreaterThanOrEqual(4);
    const mine = list.find((r: { media_url: string | null }) => r.media_url);
    expect(mine).toMatchObject({
      status: 'open',
      status_notes: 'With the responsible officer.',
      service_code: d.category.code,
      service_name: 'Hand pump not working',
      agency_responsible: 'Public Health Engineering',
      address: 'Kachnariya, Biaora, Rajgarh, North Division',
      address_id: d.village.code,
      // The village's point, not the citizen's.
      lat: 23.6312,
      long: 77.0455,
      media_url: 'https://city.example.org/photos/42.jpg',
    });
    expect(mine.requested_datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);
    expect(mine.expected_datetime).toMatch(/^2026-03-05T/);
    expect(mine).not.toHaveProperty('description');

    const hindi = (await get(`/open311/v2/requests/${mine.service_request_id}.json?locale=hi`)).json();
    expect(hindi[0]).toMatchObject({ service_name: 'हैंडपंप खराब', status_notes: 'संबंधित अधिकारी के पास।' });
    const byCode = (await get(`/open311/v2/requests.json?service_code=${meterCode}`)).json();
    expect(byCode.every((r: { service_code: string }) => r.service_code === meterCode)).toBe(true);
    expect(byCode.length).toBeGreaterThan(0);
    expect((await get('/open311/v2/requests.json?status=closed')).json()).toEqual([]);
    expect((await get('/open311/v2/requests.json?status=open,closed')).json().length).toBe(list.length);
    const two = list.slice(0, 2).map((r: { service_request_id: string }) => r.service_request_id);
    const picked = (
      await get(`/open311/v2/requests.json?service_request_id=${two.join(',')}&status=closed`)
    ).json();
    expect(picked.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual(
      [...two].sort(),
    );
    const past = (await get('/open311/v2/requests.json?start_date=2025-01-01&end_date=2025-03-01')).json();
    expect(past).toEqual([]);
    const tooLong = await get('/open311/v2/requests.json?start_date=2025-01-01&end_date=2026-03-01');
    expect(tooLong.statusCode).toBe(400);
    expect(codes(tooLong)).toEqual(['date_range_too_long']);
    expect(codes(await get('/open311/v2/requests.json?status=pending'))).toEqual(['not_allowed_value']);
    expect(codes(await get('/open311/v2/requests.json?start_date=yesterday'))).toEqual(['date_invalid']);

    const xml = parseXml((await get('/open311/v2/requests.xml')).body);
    expect(xml.name).toBe('service_requests');
    const requests = childrenNamed(xml, 'request');
    expect(requests.length).toBe(list.length);
    expect(childText(requests[0] as never, 'service_request_id')).toBe(list[0].service_request_id);

    const token = (await get(`/open311/v2/tokens/${mine.service_request_id}.json`)).json();
    expect(token).toEqual([{ service_request_id: mine.service_request_id, token: mine.service_request_id }]);
    expect((await get('/open311/v2/requests/AAAA-BBBB-C.json')).statusCode).toBe(404);
  });

  it('shows the public only what city apps filed openly: not other channels, not anonymous posts', async () => {
    const web = await buildGrievance(api.deps, d, { channel: 'web' });
    const phone = await buildGrievance(api.deps, d, { channel: 'phone', anonymous: true });
    const anonymous = await post('json', { ...valid(), anonymous: 'true', phone: '+919812300002' });
    expect(anonymous.statusCode, anonymous.body).toBe(201);
    const anon = anonymous.json()[0].service_request_id as string;
    const open = await post('json', valid());
    expect(open.statusCode, open.body).toBe(201);
    const filed = open.json()[0].service_request_id as string;

    const listed = async (query = '') =>
      (await get(`/open311/v2/requests.json${query}`))
        .json()
        .map((r: { service_request_id: string }) => r.service_request_id);
    const hidden = [web.reference, phone.reference, anon];
    for (const ids of [
      await listed(),
      await listed(`?service_code=${d.category.code}`),
      await listed(`?service_request_id=${[...hidden, filed].join(',')}`),
    ]) {
      expect(ids).toContain(filed);
      for (const reference of hidden) expect(ids).not.toContain(reference);
    }
    const xml = parseXml((await get('/open311/v2/requests.xml')).body);
    const xmlIds = childrenNamed(xml, 'request').map((r) => childText(r, 'service_request_id'));
    expect(xmlIds).toContain(filed);
    for (const reference of hidden) expect(xmlIds).not.toContain(reference);

    for (const reference of hidden) {
      for (const url of [`/open311/v2/requests/${reference}.json`, `/open311/v2/tokens/${reference}.json`]) {
        const res = await get(url);
        expect(res.statusCode, url).toBe(404);
        expect(res.body, url).not.toContain(reference.slice(0, -1) === '' ? 'never' : 'Hand pump');
      }
    }
    const one = await get(`/open311/v2/requests/${filed}.json`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual([expect.objectContaining({ service_request_id: filed, status: 'open' })]);
    expect((await get(`/open311/v2/tokens/${filed}.json`)).json()).toEqual([
      { service_request_id: filed, token: filed },
    ]);
  });

  it('escapes text in XML so it always reads back', async () => {
    const odd = await createCategory(database.db, {
      departmentId: d.department.id,
      code: `ODD-${Math.random().toString(36).slice(2, 8)}`,
      name: { en: 'Drains & <culverts> "blocked" \u0001' },
      resolutionValue: 1,
      resolutionUnit: 'calendar_days',
    });
    const services = parseXml((await get('/open311/v2/services.xml')).body);
    const found = childrenNamed(services, 'service').find((s) => childText(s, 'service_code') === odd.code);
    expect(childText(found as never, 'service_name')).toBe('Drains & <culverts> "blocked" ');
  });

  it('never shows a person in any public answer', async () => {
    expect(publicBodies.length).toBeGreaterThan(20);
    const all = publicBodies.join('\n');
    for (const secret of [
      PHONE,
      '9812300001',
      '9812300002',
      '9812300003',
      ...NAME,
      EMAIL,
      TEXT,
      'Meter running backwards',
      'device-7',
      'acct-9',
      '23.6412',
      'Opposite the temple',
      'C-1001',
    ]) {
      expect(all, secret).not.toContain(secret);
    }
  });
});
