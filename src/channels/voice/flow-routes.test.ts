// Administrators read, check and save the call flow over the API: problems come back by node with a
// stable code (each has a message in the web catalogues), a good flow becomes a new active version,
// and the change is in the audit log.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../../test/api.ts';
import { databases } from '../../../test/databases.ts';
import type { Database } from '../../db/index.ts';
import { defaultFlow } from './default-flow.ts';

describe.each(databases)('call flow administration on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
  }, 240_000);
  afterAll(async () => {
    await api?.app.close();
    await database?.close();
  });

  it('shows the active flow, names every problem of a bad one, and saves a good one as a new version', async () => {
    const current = await api.app.inject({ method: 'GET', url: '/api/voice/flow' });
    expect(current.statusCode, current.body).toBe(200);
    expect(current.json()).toMatchObject({ version: 1, problems: [] });

    const bad = defaultFlow();
    bad.nodes.main = {
      ...(bad.nodes.main as object),
      choices: { '1': 'complaint', '2': 'nowhere' },
    } as never;
    const checked = await api.app.inject({ method: 'POST', url: '/api/voice/flow/check', payload: bad });
    expect(checked.statusCode, checked.body).toBe(200);
    const codes = checked.json().problems.map((p: { node: string; code: string }) => `${p.node}:${p.code}`);
    expect(codes).toContain('main:flow_dangling');

    const refused = await api.app.inject({
      method: 'PUT',
      url: '/api/voice/flow',
      payload: { definition: bad },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().details).toContainEqual(
      expect.objectContaining({ field: 'nodes.main', code: 'flow_dangling' }),
    );
    // Every problem code has a message in each language's catalogue.
    const catalogue = JSON.parse(
      readFileSync(path.join(import.meta.dirname, '../../web/locales/hi/voice.json'), 'utf8'),
    );
    expect(catalogue.voice.problems.flow_dangling).toBeTruthy();

    // A shape the schema refuses never reaches the validator.
    const malformed = await api.app.inject({
      method: 'POST',
      url: '/api/voice/flow/check',
      payload: { ...bad, nodes: { main: { kind: 'gather', prompts: 'x' } } },
    });
    expect(malformed.statusCode).toBe(400);

    const good = defaultFlow([
      { code: 'hi', digit: '1' },
      { code: 'en', digit: '2' },
    ]);
    const saved = await api.app.inject({
      method: 'PUT',
      url: '/api/voice/flow',
      payload: { definition: good, note: 'Hindi first' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().version).toBe(2);
    const after = await api.app.inject({ method: 'GET', url: '/api/voice/flow' });
    expect(after.json().definition.languages[0].code).toBe('hi');
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'entity'])
      .where('entity', '=', 'ivr_flow')
      .execute();
    expect(audit).toHaveLength(1);
  });
});
