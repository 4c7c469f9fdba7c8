// Numbers that are not numbers (1e309 parses to Infinity; the schema's coercion turns "Infinity" into
// it) and values a check constraint refuses are the request's fault: 400 with a code, never 500.
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, type Deployment } from '../../test/factories.ts';
import type { Database } from '../db/index.ts';
import { installErrorHandler } from './errors.ts';
import { normaliseInput } from './text.ts';

describe('numbers and constraints at the edge', () => {
  it('refuses a number that is not finite, naming the field', () => {
    expect(() => normaliseInput({ location: { latitude: Number.POSITIVE_INFINITY } }, 'body')).toThrow(
      expect.objectContaining({
        details: [{ field: 'location.latitude', message: 'must be a finite number', code: 'number_invalid' }],
      }),
    );
    expect(normaliseInput({ n: 1.5 }, 'body')).toEqual({ n: 1.5 });
  });

  it('maps a check-constraint violation (23514) to 400', async () => {
    const app = Fastify();
    installErrorHandler(app);
    app.get('/x', async () => {
      throw Object.assign(new Error('new row for relation "grievances" violates check constraint'), {
        code: '23514',
      });
    });
    const res = await app.inject({ url: '/x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation_failed');
    await app.close();
  });
});

describe.each(databases)('non-finite numbers through the API on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  let d: Deployment;
  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
    d = await buildDeployment(api.deps);
  });
  afterAll(async () => {
    await api?.raw.close();
    await database?.close();
  });

  it('answers 400 for Infinity and 1e309, and stores nothing', async () => {
    const before = await database.db
      .selectFrom('grievances')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const body = (latitude: string) =>
      `{"categoryId":${d.category.id},"placeId":${d.village.id},"subject":"Pump","description":"Broken.",` +
      `"language":"en","channel":"web","latitude":${latitude},"longitude":77.4}`;
    for (const latitude of ['"Infinity"', '1e309', '-1e309', '"NaN"']) {
      const res = await api.app.inject({
        method: 'POST',
        url: '/api/grievances',
        headers: { 'content-type': 'application/json' },
        payload: body(latitude),
      });
      expect(res.statusCode, `${latitude}: ${res.body}`).toBe(400);
      expect(res.json().code).toBe('validation_failed');
    }
    const after = await database.db
      .selectFrom('grievances')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
