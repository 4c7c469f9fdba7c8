// Request logs say what was asked for, never the personal data in the query string.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../../test/databases.ts';
import { apiCaller } from '../../test/principals.ts';
import { buildApp } from '../app.ts';
import { manualClock } from '../clock.ts';
import { readConfig } from '../config.ts';
import type { Database } from '../db/index.ts';
import { logOptions } from './log.ts';

describe('request logs', () => {
  let database: Database;
  const lines: string[] = [];
  let app: Awaited<ReturnType<typeof buildApp>>;
  const clock = manualClock('2026-03-02T04:30:00Z');

  beforeAll(async () => {
    database = await (databases[0] as (typeof databases)[number]).open();
    app = await buildApp(
      { db: database.db, clock },
      {
        logger: logOptions('info', { write: (line) => lines.push(line) }),
        rateLimit: false,
        listen: database.listen,
      },
    );
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('logs the path of a search by phone number but not the number', async () => {
    const agent = await apiCaller(database, clock, 'agent', [{ role: 'agent' }]);
    const res = await app.inject({
      url: '/api/grievances?phone=%2B919812345678&limit=5',
      headers: agent.headers,
    });
    expect(res.statusCode).toBe(200);
    const logged = lines.join('\n');
    expect(logged).toContain('"url":"/api/grievances"');
    expect(logged).not.toContain('919812345678');
  });
});

describe('request logs in the embedded demo', () => {
  it('are off by default in the demo, on with PostgreSQL, and LOG_REQUESTS decides either way', () => {
    expect(readConfig({}).logRequests).toBe(false);
    expect(readConfig({ DATABASE_URL: 'postgres://db/civicline' }).logRequests).toBe(true);
    expect(readConfig({ SEED_DEMO: 'false' }).logRequests).toBe(true);
    expect(readConfig({ LOG_REQUESTS: 'true' }).logRequests).toBe(true);
    expect(readConfig({ DATABASE_URL: 'postgres://db/x', LOG_REQUESTS: 'false' }).logRequests).toBe(false);
  });

  it('leaves requests out of the log when told, and still logs what the service says', async () => {
    const database = await (databases[0] as (typeof databases)[number]).open();
    const lines: string[] = [];
    const app = await buildApp(
      { db: database.db, clock: manualClock('2026-03-02T04:30:00Z') },
      {
        logger: logOptions('info', { write: (line) => lines.push(line) }),
        logRequests: false,
        rateLimit: false,
        listen: database.listen,
      },
    );
    try {
      expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
      app.log.info('started');
      expect(lines.join('\n')).not.toContain('"url":"/health"');
      expect(lines.join('\n')).toContain('started');
    } finally {
      await app.close();
      await database.close();
    }
  });
});
