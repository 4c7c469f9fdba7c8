import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/api.ts';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, type Deployment } from '../../test/factories.ts';
import type { Database } from '../db/index.ts';

describe.each(databases)('SLA configuration API on $name', ({ open }) => {
  let database: Database;
  let app: TestApp;
  let d: Deployment;
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
    const api = await startApi(database, '2026-03-02T04:30:00Z'); // Monday 10:00 in India
    app = api.app;
    d = await buildDeployment(api.deps);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('configures a Tanzanian calendar for a department and the due time follows it', async () => {
    const created = await call('POST', '/api/calendars', {
      name: 'Tanzania offices',
      timeZone: 'Africa/Dar_es_Salaam',
      hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '07:30', closes: '15:30' })),
    });
    expect(created.status).toBe(201);
    expect(created.body.hours).toHaveLength(5);
    expect(
      (await call('PUT', `/api/departments/${d.department.id}/calendar`, { calendarId: created.body.id }))
        .status,
    ).toBe(204);
    expect((await call('GET', `/api/departments/${d.department.id}`)).body.calendarId).toBe(created.body.id);

    const cat = await call('PATCH', `/api/categories/${d.category.id}`, {
      resolutionValue: 8,
      resolutionUnit: 'working_hours',
    });
    expect(cat.status).toBe(200);
    const g = await call('POST', '/api/grievances', {
      categoryId: d.category.id,
      placeId: d.village.id,
      subject: 'Maji hayatoki',
      description: 'Bomba la maji limevunjika.',
      language: 'sw',
      channel: 'whatsapp',
    });
    // Monday 07:30 EAT is 04:30Z: 8 working hours end at 15:30 EAT, 12:30Z.
    expect(g.body.dueAt).toBe('2026-03-02T12:30:00.000Z');

    const holiday = await call('POST', '/api/holidays', {
      placeId: d.state.id,
      day: '2026-03-03',
      name: { en: 'Public holiday', sw: 'Sikukuu' },
    });
    expect(holiday.status).toBe(201);
    expect((await call('GET', `/api/holidays?placeId=${d.state.id}`)).body).toHaveLength(1);
    expect(
      (await call('POST', '/api/holidays', { placeId: d.state.id, day: '2026-03-03', name: { en: 'again' } }))
        .status,
    ).toBe(409);
    expect((await call('DELETE', `/api/holidays/${holiday.body.id}`)).status).toBe(204);
    expect((await call('DELETE', `/api/holidays/${holiday.body.id}`)).status).toBe(404);
  });

  it('sets per-level times and the reminder policy', async () => {
    const times = await call('PUT', `/api/categories/${d.category.id}/level-times`, [
      { level: 2, resolutionValue: 3, resolutionUnit: 'calendar_days' },
      { level: 3, resolutionValue: 24, resolutionUnit: 'working_hours' },
    ]);
    expect(times.status).toBe(200);
    expect(times.body).toHaveLength(2);
    const policy = await call('PUT', '/api/sla-policy', {
      reminderPercents: [75, 50, 90],
      closeResolvedAfterDays: 10,
    });
    // Retention is left as it was when a change does not mention it.
    expect(policy.body).toEqual({
      reminderPercents: [50, 75, 90],
      closeResolvedAfterDays: 10,
      retentionYears: 7,
    });
    const retention = await call('PUT', '/api/sla-policy', {
      reminderPercents: [50, 90],
      closeResolvedAfterDays: 7,
      retentionYears: 10,
    });
    expect(retention.status).toBe(200);
    expect((await call('GET', '/api/sla-policy')).body).toEqual({
      reminderPercents: [50, 90],
      closeResolvedAfterDays: 7,
      retentionYears: 10,
    });
  });

  it('refuses bad calendars, holidays, policies and level times with a clear error', async () => {
    const hours = [{ weekday: 1, opens: '10:00', closes: '18:00' }];
    const cases: [string, string, unknown, number, string][] = [
      ['POST', '/api/calendars', { name: 'x', timeZone: 'Mars/Olympus', hours }, 400, 'timeZone'],
      [
        'POST',
        '/api/calendars',
        { name: 'x', timeZone: 'Asia/Kolkata', hours: [{ weekday: 1, opens: '18:00', closes: '10:00' }] },
        400,
        'hours[0]',
      ],
      [
        'POST',
        '/api/calendars',
        {
          name: 'x',
          timeZone: 'Asia/Kolkata',
          hours: [...hours, { weekday: 1, opens: '17:00', closes: '19:00' }],
        },
        400,
        'hours[0]',
      ],
      [
        'POST',
        '/api/calendars',
        { name: 'x', timeZone: 'Asia/Kolkata', hours: [{ weekday: 8, opens: '10:00', closes: '18:00' }] },
        400,
        'weekday',
      ],
      [
        'POST',
        '/api/calendars',
        { name: 'x', timeZone: 'Asia/Kolkata', hours: [{ weekday: 1, opens: '25:00', closes: '26:00' }] },
        400,
        'opens',
      ],
      ['POST', '/api/calendars', { name: 'x', timeZone: 'Asia/Kolkata', hours: [] }, 400, 'hours'],
      ['POST', '/api/calendars', { name: 'Office hours', timeZone: 'Asia/Kolkata', hours }, 409, ''],
      ['PUT', '/api/calendars/999999', { name: 'y', timeZone: 'Asia/Kolkata', hours }, 404, ''],
      ['GET', '/api/calendars/999999', undefined, 404, ''],
      ['PUT', '/api/places/999999/calendar', { calendarId: null }, 404, ''],
      ['PUT', '/api/departments/1/calendar', { calendarId: 999_999 }, 404, ''],
      ['POST', '/api/holidays', { placeId: 1, day: '2026-02-30', name: { en: 'x' } }, 400, 'day'],
      ['POST', '/api/holidays', { placeId: 999_999, day: '2026-02-20', name: { en: 'x' } }, 400, 'placeId'],
      ['GET', '/api/holidays?from=yesterday', undefined, 400, 'from'],
      [
        'PUT',
        '/api/sla-policy',
        { reminderPercents: [100], closeResolvedAfterDays: 7 },
        400,
        'reminderPercents',
      ],
      [
        'PUT',
        '/api/sla-policy',
        { reminderPercents: [50, 50], closeResolvedAfterDays: 7 },
        400,
        'reminderPercents',
      ],
      [
        'PUT',
        '/api/sla-policy',
        { reminderPercents: [50], closeResolvedAfterDays: 0 },
        400,
        'closeResolvedAfterDays',
      ],
      [
        'PUT',
        '/api/sla-policy',
        { reminderPercents: [50], closeResolvedAfterDays: 7, retentionYears: 0 },
        400,
        'retentionYears',
      ],
      [
        'PUT',
        '/api/categories/1/level-times',
        [{ level: 7, resolutionValue: 1, resolutionUnit: 'calendar_days' }],
        400,
        'level',
      ],
      ['PUT', '/api/categories/999999/level-times', [], 404, ''],
    ];
    for (const [method, url, payload, status, field] of cases) {
      const res = await call(method, url, payload);
      expect(res.status, `${method} ${url} ${JSON.stringify(payload)} -> ${JSON.stringify(res.body)}`).toBe(
        status,
      );
      expect(res.body.code).toBe({ 400: 'validation_failed', 404: 'not_found', 409: 'conflict' }[status]);
      if (field) expect(res.body.details.map((x: { field: string }) => x.field).join(' ')).toContain(field);
    }
  });
});
