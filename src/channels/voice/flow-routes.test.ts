// Administrators read, check and save the call flow over the API: problems come back by node with a
// stable code (each has a message in the web catalogues), a good flow becomes a new active version,
// and the change is in the audit log.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../../test/api.ts';
import { databases } from '../../../test/databases.ts';
import { buildDeployment } from '../../../test/factories.ts';
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

  it('lists the versions saved, newest first', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/api/voice/flow/versions' });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { version: number; active: boolean; note: string | null }[];
    expect(items.map((v) => [v.version, v.active, v.note])).toEqual([
      [2, true, 'Hindi first'],
      [1, false, 'the default flow'],
    ]);
  });

  it('walks a test call through an unsaved flow with the real engine, and keeps nothing of it', async () => {
    const d = await buildDeployment({ db: database.db, clock: api.clock });
    const [queue] = await database.db
      .insertInto('call_queues')
      .values({
        code: 'sim-district',
        name: JSON.stringify({ en: 'Rajgarh district' }),
        language: null,
        place_id: d.district.id,
        calendar_id: null,
      })
      .returning('id')
      .execute();
    await database.db
      .insertInto('ivr_district_codes')
      .values({ digits: '0634', place_id: d.district.id })
      .execute();
    const definition = defaultFlow();
    const turn = async (body: Record<string, unknown>) => {
      const res = await api.app.inject({
        method: 'POST',
        url: '/api/voice/flow/simulate',
        payload: { definition, ...body },
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as {
        instruction: { kind: string };
        prompts: { text: string; language: string }[];
        state: unknown;
        ended: boolean;
        queue: { id: number; code: string } | null;
      };
    };
    const menu = await turn({});
    expect(menu.instruction.kind).toBe('gather');
    expect(menu.prompts.map((p) => p.text)).toContain('हिंदी के लिए 2 दबाएँ।');
    const main = await turn({ state: menu.state, digits: '2' });
    expect(main.prompts[0]?.text).toMatch(/^नई शिकायत/);
    const ask = await turn({ state: main.state, digits: '4' });
    const wrong = await turn({ state: ask.state, digits: '7777' });
    expect(wrong.prompts[0]?.text).toBe('क्षमा करें, 7 7 7 7 कोई ज़िला कोड नहीं है।');
    const queued = await turn({ state: wrong.state, digits: '0634' });
    expect(queued.instruction.kind).toBe('enqueue');
    expect(queued.queue).toMatchObject({ id: queue?.id, code: 'sim-district' });
    const done = await turn({ state: queued.state, hangup: true });
    expect(done.ended).toBe(true);
    // Nothing of the test call was kept: no call, interaction or audit entry.
    const calls = await database.db
      .selectFrom('calls')
      .select('id')
      .where('provider', '=', 'simulator')
      .execute();
    expect(calls).toEqual([]);
    const interactions = await database.db
      .selectFrom('interactions')
      .select('id')
      .where('external_id', 'like', 'simulator:%')
      .execute();
    expect(interactions).toEqual([]);

    // A flow with a dead end is not walked: its problems come back as for saving.
    const broken = defaultFlow();
    broken.nodes.main = { ...(broken.nodes.main as object), choices: { '1': 'nowhere' } } as never;
    const refused = await api.app.inject({
      method: 'POST',
      url: '/api/voice/flow/simulate',
      payload: { definition: broken },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().details).toContainEqual(expect.objectContaining({ code: 'flow_dangling' }));
  });
});
