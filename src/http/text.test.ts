// Security review findings 1 and 2: text that is not text (an unpaired surrogate, NUL) is refused at the
// edge, before anything is done, and every change that is done commits with its audit entry, so the
// chain verifies afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { sealAudit, verifyAuditChain } from '../access/audit-seal.ts';
import type { Database } from '../db/index.ts';
import { getGrievance, grievanceHistory } from '../grievances/index.ts';
import { cleanText, normaliseInput, textProblem } from './text.ts';

describe('text at the edge', () => {
  it('names each field holding a NUL or an unpaired surrogate, in keys as well as values', () => {
    expect(textProblem('ज़िला ok')).toBeNull();
    expect(textProblem('a\u0000b')).toMatch(/NUL/);
    expect(textProblem('thank you \ud800')).toMatch(/surrogate/);
    expect(textProblem('😀')).toBeNull();
    expect(() => normaliseInput({ note: 'x\ud800', list: ['ok', 'y\u0000'], 'k\udc00': 1 }, 'body')).toThrow(
      expect.objectContaining({
        code: 'validation_failed',
        details: [
          { field: 'note', message: expect.stringMatching(/surrogate/), code: 'text_invalid' },
          { field: 'list.1', message: expect.stringMatching(/NUL/), code: 'text_invalid' },
          { field: 'body', message: expect.stringMatching(/field name/), code: 'text_invalid' },
        ],
      }),
    );
  });

  it('puts text in normal form C, so one word typed two ways is one string', () => {
    const decomposed = 'क़'.normalize('NFD');
    expect(decomposed.length).toBe(2);
    expect(normaliseInput({ q: decomposed }, 'query')).toEqual({ q: 'क़'.normalize('NFC') });
    // Fastify's parsed query string inherits from an empty object without a prototype: checked all the same.
    const query = Object.assign(Object.create(Object.create(null)), { q: decomposed, bad: 'x\u0000' });
    expect(() => normaliseInput(query, 'query')).toThrow(/bad/);
    expect(cleanText('a\u0000b\ud800')).toBe('a\uFFFDb\uFFFD');
  });
});

describe.each(databases)('refusing broken text before acting, on $name', ({ open }) => {
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

  it('refuses a note with a lone surrogate (400, nothing written) and the audit chain still verifies', async () => {
    const g = await buildGrievance(api.deps, d);
    const before = (await grievanceHistory(database.db, g.reference, { kind: 'system' })).length;
    const res = await api.app.inject({
      method: 'POST',
      url: `/api/grievances/${g.reference}/notes`,
      headers: { 'content-type': 'application/json' },
      payload: '{"note":"thank you \\ud800"}',
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'validation_failed',
      details: [{ field: 'note', code: 'text_invalid' }],
    });
    expect((await grievanceHistory(database.db, g.reference, { kind: 'system' })).length).toBe(before);

    const ok = await api.app.inject({
      method: 'POST',
      url: `/api/grievances/${g.reference}/notes`,
      payload: { note: 'धन्यवाद 😀' },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    await sealAudit(database.db, api.clock.now());
    expect(await verifyAuditChain(database.db, api.clock.now())).toMatchObject({ ok: true, problems: [] });
  });

  it('refuses a bulk action naming "x\\u0000" before acting on any grievance, and audits every one it does', async () => {
    const gs = await Promise.all([1, 2].map(() => buildGrievance(api.deps, d)));
    const refused = await api.app.inject({
      method: 'POST',
      url: '/api/grievances/bulk-actions',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({
        references: [...gs.map((g) => g.reference), 'x\u0000'],
        type: 'escalate',
        note: 'water crisis',
      }),
    });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json().details).toEqual([
      expect.objectContaining({ field: 'references.2', code: 'text_invalid' }),
    ]);
    for (const g of gs) expect((await getGrievance(database.db, g.reference)).level).toBe(1);

    const done = await api.app.inject({
      method: 'POST',
      url: '/api/grievances/bulk-actions',
      payload: { references: gs.map((g) => g.reference), type: 'escalate', note: 'water crisis' },
    });
    expect(done.statusCode, done.body).toBe(200);
    const entries = await database.db
      .selectFrom('audit_log')
      .select(['entity_id', 'action', 'reason'])
      .where('action', '=', 'grievance.escalate')
      .execute();
    expect(entries.map((e) => e.entity_id).sort()).toEqual(gs.map((g) => g.reference).sort());
    expect(entries.every((e) => e.reason === 'water crisis')).toBe(true);
  });

  it('names the new grievance in the audit entry of its registration', async () => {
    const res = await api.app.inject({
      method: 'POST',
      url: '/api/grievances',
      payload: {
        categoryId: d.category.id,
        placeId: d.village.id,
        subject: 'No water',
        description: 'The hand pump is broken.',
        language: 'hi',
        channel: 'phone',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const entry = await database.db
      .selectFrom('audit_log')
      .select(['action', 'entity', 'entity_id'])
      .where('entity_id', '=', res.json().reference)
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({
      action: 'grievance.register',
      entity: 'grievance',
      entity_id: res.json().reference,
    });
  });
});
