// The management API: places, levels, departments, categories, positions, officers, routing rules and
// contacts; the happy path of each, and a bad request to every route answered with a clear 400/404/409.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/api.ts';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import type { Database } from '../db/index.ts';

describe.each(databases)('management API on $name', ({ open }) => {
  let database: Database;
  let app: TestApp;
  const call = async (method: string, url: string, payload?: unknown) => {
    const res = await app.inject({
      method: method as 'GET',
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: res.statusCode, body: res.body ? res.json() : null };
  };

  beforeAll(async () => {
    database = await open();
    app = (await startApi(database)).app;
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('sets up a deployment end to end through the API and routes a grievance with it', async () => {
    expect((await call('GET', '/api/escalation-levels')).body).toHaveLength(4);
    const levels = await call(
      'PUT',
      '/api/escalation-levels',
      [1, 2, 3, 4, 5].map((level) => ({ level, name: { en: `L${level}` } })),
    );
    expect(levels.status).toBe(200);
    expect(levels.body).toHaveLength(5);

    const state = await call('POST', '/api/places', {
      parentId: null,
      code: 'TZ',
      name: { en: 'Tanzania', sw: 'Tanzania' },
    });
    expect(state.status).toBe(201);
    expect(state.body).toMatchObject({ depth: 1, path: `/${state.body.id}/` });
    const region = await call('POST', '/api/places', {
      parentId: state.body.id,
      code: 'TZ-DSM',
      name: { en: 'Dar es Salaam' },
    });
    const district = await call('POST', '/api/places', {
      parentId: region.body.id,
      code: 'TZ-DSM-ILA',
      name: { en: 'Ilala' },
    });
    expect(district.body.depth).toBe(3);
    const lineage = await call('GET', `/api/places/${district.body.id}`);
    expect(lineage.body.lineage.map((p: { code: string }) => p.code)).toEqual(['TZ', 'TZ-DSM', 'TZ-DSM-ILA']);
    const children = await call('GET', `/api/places?parentId=${region.body.id}`);
    expect(children.body).toMatchObject({ total: 1, items: [{ code: 'TZ-DSM-ILA' }] });
    expect((await call('GET', '/api/places?q=ilala')).body.total).toBe(1);
    expect(
      (
        await call('PATCH', `/api/places/${district.body.id}`, {
          name: { en: 'Ilala Municipal', sw: 'Manispaa ya Ilala' },
        })
      ).body.name.sw,
    ).toBe('Manispaa ya Ilala');

    const dept = await call('POST', '/api/departments', { code: 'WATER', name: { en: 'Water', sw: 'Maji' } });
    expect(dept.status).toBe(201);
    const category = await call('POST', '/api/categories', {
      departmentId: dept.body.id,
      code: 'WATER-NO-SUPPLY',
      name: { en: 'No water supply', sw: 'Hakuna maji' },
      resolutionValue: 48,
      resolutionUnit: 'working_hours',
      priority: 'high',
      fields: [{ key: 'meter_number', label: { en: 'Meter number' }, required: true }],
    });
    expect(category.status).toBe(201);
    expect(category.body).toMatchObject({
      kind: 'complaint',
      resolutionValue: 48,
      resolutionUnit: 'working_hours',
    });
    const patched = await call('PATCH', `/api/categories/${category.body.id}`, { resolutionValue: 24 });
    expect(patched.body.resolutionValue).toBe(24);
    expect((await call('GET', `/api/categories?departmentId=${dept.body.id}`)).body).toHaveLength(1);

    const positions = [];
    for (const [level, place] of [
      [1, district],
      [2, region],
      [3, region],
      [4, state],
      [5, state],
    ] as const) {
      const pos = await call('POST', '/api/positions', {
        departmentId: dept.body.id,
        placeId: place.body.id,
        level,
        title: { en: `Water L${level}` },
      });
      expect(pos.status).toBe(201);
      positions.push(pos.body);
    }
    const officer = await call('POST', '/api/officers', {
      name: 'Neema Mushi',
      phone: '+255712345678',
      email: 'neema@example.go.tz',
    });
    expect(officer.status).toBe(201);
    const posted = await call('PUT', `/api/positions/${positions[0].id}/holder`, {
      officerId: officer.body.id,
    });
    expect(posted.body).toMatchObject({ officerId: officer.body.id, officerName: 'Neema Mushi' });
    const successor = await call('POST', '/api/officers', { name: 'Juma Hassan' });
    await call('PUT', `/api/positions/${positions[0].id}/holder`, { officerId: successor.body.id });
    const history = await call('GET', `/api/officers/${officer.body.id}`);
    expect(history.body.positions[0].endedAt).not.toBeNull(); // transferred out; the position kept its grievances
    expect((await call('DELETE', `/api/positions/${positions[0].id}/holder`)).body.officerId).toBeNull();
    expect((await call('GET', `/api/positions?departmentId=${dept.body.id}&level=1`)).body.total).toBe(1);
    // Finding a seat to transfer to: by words of its title, and anywhere under a place.
    const titled = await call('GET', `/api/positions?departmentId=${dept.body.id}&q=water%20l2`);
    expect(titled.body.items.map((p: { id: number }) => p.id)).toEqual([positions[1].id]);
    const under = await call('GET', `/api/positions?departmentId=${dept.body.id}&within=${region.body.id}`);
    expect(under.body.total).toBe(3); // L1 in the district, L2 and L3 in the region; not the state's L4 and L5
    const activeUnder = await call('GET', `/api/positions?within=${district.body.id}&activeOnly=true`);
    expect(activeUnder.body.items.every((p: { active: boolean }) => p.active)).toBe(true);
    expect((await call('GET', '/api/officers?q=juma')).body.total).toBe(1);

    const rule = await call('PUT', '/api/routing-rules', {
      categoryId: category.body.id,
      placeId: region.body.id,
      steps: positions.map((p, i) => ({ level: i + 1, positionId: p.id })),
    });
    expect(rule.status).toBe(200);
    const resolved = await call(
      'GET',
      `/api/routing-rules/resolve?categoryId=${category.body.id}&placeId=${district.body.id}`,
    );
    expect(resolved.body).toMatchObject({
      ruleId: rule.body.id,
      placeId: region.body.id,
      steps: [{ level: 1, positionId: positions[0].id }, {}, {}, {}, {}],
    });
    expect(
      (
        await call(
          'GET',
          `/api/routing-rules/resolve?categoryId=${category.body.id}&placeId=${state.body.id}`,
        )
      ).body,
    ).toBeNull();

    const contact = await call('POST', '/api/interactions', {
      channel: 'phone',
      phone: '+255754000111',
      externalId: 'call-1',
      summary: 'No water since Monday',
    });
    expect(contact.status).toBe(201);
    const repeat = await call('POST', '/api/interactions', {
      channel: 'phone',
      phone: '+255754000111',
      externalId: 'call-1',
    });
    expect(repeat.body.id).toBe(contact.body.id);
    const g = await call('POST', '/api/grievances', {
      categoryId: category.body.id,
      placeId: district.body.id,
      subject: 'Hakuna maji tangu Jumatatu',
      description: 'Hakuna maji mtaani kwetu tangu Jumatatu.',
      language: 'sw',
      channel: 'phone',
      citizen: { phone: '+255754000111' },
      details: { meter_number: 'M-1234' },
      interactionId: contact.body.id,
    });
    expect(g.status).toBe(201);
    expect(g.body).toMatchObject({ status: 'assigned', position: { id: positions[0].id }, level: 1 });
    const timeline = await call('GET', `/api/citizens/${encodeURIComponent('+255754000111')}/history`);
    expect(timeline.body.interactions[0]).toMatchObject({
      id: contact.body.id,
      references: [g.body.reference],
    });
    expect(timeline.body.grievances[0].reference).toBe(g.body.reference);

    const missingField = await call('POST', '/api/grievances', { ...g.body, details: {} });
    expect(missingField.status).toBe(400);
    expect((await call('DELETE', `/api/routing-rules/${rule.body.id}`)).status).toBe(204);
    expect((await call('GET', `/api/routing-rules/${rule.body.id}`)).status).toBe(404);
  });

  it('refuses bad routing chains: gaps, wrong levels, repeats, other departments, unknown positions', async () => {
    const state = (await call('POST', '/api/places', { parentId: null, code: 'ROOT2', name: { en: 'x' } }))
      .body;
    // The tree has a root already (from the first test on this database) or this is it.
    const root = state?.id ? state : (await call('GET', '/api/places?depth=1')).body.items[0];
    const a = (await call('POST', '/api/departments', { code: 'A', name: { en: 'A' } })).body;
    const b = (await call('POST', '/api/departments', { code: 'B', name: { en: 'B' } })).body;
    const cat = (
      await call('POST', '/api/categories', {
        departmentId: a.id,
        code: 'A-1',
        name: { en: 'a' },
        resolutionValue: 7,
        resolutionUnit: 'calendar_days',
      })
    ).body;
    const pos = async (departmentId: number, level: number) =>
      (await call('POST', '/api/positions', { departmentId, placeId: root.id, level, title: { en: 'p' } }))
        .body.id;
    const a1 = await pos(a.id, 1);
    const a2 = await pos(a.id, 2);
    const b2 = await pos(b.id, 2);
    const rule = (steps: [number, number][]) =>
      call('PUT', '/api/routing-rules', {
        categoryId: cat.id,
        placeId: root.id,
        steps: steps.map(([level, positionId]) => ({ level, positionId })),
      });
    const cases: [[number, number][], string][] = [
      [[[2, a2]], 'steps[0].level'],
      [
        [
          [1, a1],
          [3, a2],
        ],
        'steps[1].level',
      ],
      [[[1, a2]], 'steps[0].positionId'],
      [
        [
          [1, a1],
          [2, a1],
        ],
        'steps[1].positionId',
      ],
      [
        [
          [1, a1],
          [2, b2],
        ],
        'steps[1].positionId',
      ],
      [[[1, 999_999]], 'steps[0].positionId'],
    ];
    for (const [steps, field] of cases) {
      const res = await rule(steps);
      expect(res.status, JSON.stringify(steps)).toBe(400);
      expect(res.body.details[0].field).toBe(field);
    }
    expect(
      (
        await rule([
          [1, a1],
          [2, a2],
        ])
      ).status,
    ).toBe(200);
    expect((await rule([[1, a1]])).body.steps).toHaveLength(1); // replaced, not duplicated
  });

  it('answers bad input on every management route with a clear error and no change', async () => {
    const cases: [string, string, unknown, number, string][] = [
      ['PUT', '/api/place-levels', [{ depth: 2, name: { en: 'x' } }], 400, 'levels[0].depth'],
      ['PUT', '/api/place-levels', [], 400, 'body'],
      ['PUT', '/api/escalation-levels', [{ level: 1, name: {} }], 400, '0.name'],
      ['PUT', '/api/escalation-levels', [{ level: 1, name: { en: 'L1' } }], 409, ''],
      ['GET', '/api/places?depth=99', undefined, 400, 'depth'],
      ['GET', '/api/places/abc', undefined, 400, 'id'],
      ['GET', '/api/places/999999', undefined, 404, ''],
      ['POST', '/api/places', { parentId: 999_999, code: 'X1', name: { en: 'x' } }, 400, 'parentId'],
      ['POST', '/api/places', { parentId: null, code: 'bad code!', name: { en: 'x' } }, 400, 'code'],
      ['POST', '/api/places', { parentId: null, code: 'DUP', name: { en: 'x' } }, 400, 'parentId'],
      ['PATCH', '/api/places/1', {}, 400, 'body'],
      ['POST', '/api/departments', { code: 'A', name: { en: 'dup' } }, 409, ''],
      ['POST', '/api/departments', { code: 'NEW', name: { english: 'x' } }, 400, 'name'],
      ['PATCH', '/api/departments/999999', { active: false }, 404, ''],
      ['GET', '/api/departments/999999', undefined, 404, ''],
      [
        'POST',
        '/api/categories',
        {
          departmentId: 999_999,
          code: 'C-X',
          name: { en: 'x' },
          resolutionValue: 1,
          resolutionUnit: 'calendar_days',
        },
        400,
        'departmentId',
      ],
      [
        'POST',
        '/api/categories',
        {
          departmentId: 1,
          code: 'C-Y',
          name: { en: 'x' },
          resolutionValue: 0,
          resolutionUnit: 'calendar_days',
        },
        400,
        'resolutionValue',
      ],
      [
        'POST',
        '/api/categories',
        { departmentId: 1, code: 'C-Z', name: { en: 'x' }, resolutionValue: 1, resolutionUnit: 'fortnights' },
        400,
        'resolutionUnit',
      ],
      [
        'POST',
        '/api/categories',
        {
          departmentId: 1,
          code: 'C-W',
          name: { en: 'x' },
          resolutionValue: 1,
          resolutionUnit: 'calendar_days',
          fields: [
            { key: 'a', label: { en: 'A' }, required: true },
            { key: 'a', label: { en: 'A' }, required: false },
          ],
        },
        400,
        'fields[1].key',
      ],
      ['GET', '/api/categories/999999', undefined, 404, ''],
      ['PATCH', '/api/categories/1', { priority: 'whenever' }, 400, 'priority'],
      ['POST', '/api/positions', { departmentId: 1, placeId: 1, level: 9, title: { en: 'x' } }, 400, 'level'],
      [
        'POST',
        '/api/positions',
        { departmentId: 1, placeId: 999_999, level: 1, title: { en: 'x' } },
        400,
        'placeId',
      ],
      ['GET', '/api/positions?level=0', undefined, 400, 'level'],
      ['GET', '/api/positions/999999', undefined, 404, ''],
      ['PATCH', '/api/positions/999999', { active: false }, 404, ''],
      ['PUT', '/api/positions/1/holder', { officerId: 999_999 }, 400, 'officerId'],
      ['PUT', '/api/positions/999999/holder', { officerId: 1 }, 404, ''],
      ['DELETE', '/api/positions/999999/holder', undefined, 404, ''],
      ['POST', '/api/officers', { name: '' }, 400, 'name'],
      ['POST', '/api/officers', { name: 'A', phone: '12345' }, 400, 'phone'],
      ['POST', '/api/officers', { name: 'A', email: 'not-an-email' }, 400, 'email'],
      ['GET', '/api/officers/999999', undefined, 404, ''],
      ['PATCH', '/api/officers/999999', { active: false }, 404, ''],
      ['GET', '/api/officers?limit=1000', undefined, 400, 'limit'],
      [
        'PUT',
        '/api/routing-rules',
        { categoryId: 999_999, placeId: 1, steps: [{ level: 1, positionId: 1 }] },
        400,
        'categoryId',
      ],
      ['PUT', '/api/routing-rules', { categoryId: 1, placeId: 1, steps: [] }, 400, 'steps'],
      ['GET', '/api/routing-rules/999999', undefined, 404, ''],
      ['DELETE', '/api/routing-rules/999999', undefined, 404, ''],
      ['GET', '/api/routing-rules/resolve?categoryId=x', undefined, 400, 'categoryId'],
      ['POST', '/api/interactions', { channel: 'carrier-pigeon' }, 400, 'channel'],
      ['POST', '/api/interactions', { channel: 'sms', phone: '+0123' }, 400, 'phone'],
      ['GET', '/api/interactions/999999', undefined, 404, ''],
      ['GET', '/api/citizens/12345/history', undefined, 400, 'phone'],
      ['GET', `/api/citizens/${encodeURIComponent('+919999999999')}/history`, undefined, 404, ''],
    ];
    await call('POST', '/api/places', { parentId: null, code: 'DUP', name: { en: 'x' } });
    for (const [method, url, payload, status, field] of cases) {
      const res = await call(method, url, payload);
      expect(res.status, `${method} ${url} ${JSON.stringify(res.body)}`).toBe(status);
      expect(res.body.code).toBe({ 400: 'validation_failed', 404: 'not_found', 409: 'conflict' }[status]);
      expect(res.body.message.length).toBeGreaterThan(5);
      if (field)
        expect(
          res.body.details.map((x: { field: string }) => x.field).join(' '),
          `${method} ${url}`,
        ).toContain(field);
    }
  });
});
