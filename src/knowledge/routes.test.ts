// The knowledge base through the API: articles written, published and withdrawn; search in English and
// Hindi with filters and ranking; bad requests refused with nothing written; and who may read drafts
// and write articles (admins everywhere, nodal officers in their own department, statewide only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, type Deployment } from '../../test/factories.ts';
import { apiCaller, type Caller, citizenCaller, PUBLIC_CALLER } from '../../test/principals.ts';
import type { Database } from '../db/index.ts';

const ladli = {
  code: 'WCD-LADLI-BEHNA',
  kind: 'scheme',
  title: { en: 'Mukhyamantri Ladli Behna Yojana', hi: 'मुख्यमंत्री लाड़ली बहना योजना' },
  summary: {
    en: 'A monthly amount for women of Madhya Pradesh aged 21 to 60, paid into their own bank account.',
    hi: 'मध्यप्रदेश की 21 से 60 वर्ष की महिलाओं को उनके अपने बैंक खाते में हर महीने राशि।',
  },
  eligibility: { en: 'Married, widowed, divorced or abandoned women aged 21 to 60.' },
  benefits: { en: 'Rs 1,250 a month.' },
  howToApply: { en: 'At the camp in your gram panchayat or ward.' },
  documents: { en: ['Samagra ID', 'Aadhaar card'], hi: ['समग्र आईडी', 'आधार कार्ड'] },
  shortAnswer: { en: 'Women aged 21 to 60 get a monthly amount; apply at the panchayat camp.' },
  tags: ['women', 'महिला', ' Women ', 'DBT'],
  officialLink: 'https://cmladlibahna.mp.gov.in',
  published: true,
};
const pension = {
  code: 'SJ-WIDOW-PENSION',
  kind: 'scheme',
  title: { en: 'Widow pension (Kalyani pension)', hi: 'विधवा पेंशन (कल्याणी पेंशन)' },
  summary: { en: 'A monthly pension for widows.', hi: 'विधवा महिलाओं को मासिक पेंशन।' },
  tags: ['kalyani'],
  published: true,
};
const certificate = {
  code: 'REV-CERTIFICATES',
  kind: 'service',
  title: { en: 'Income, caste and domicile certificates', hi: 'आय, जाति और मूल निवासी प्रमाण पत्र' },
  summary: {
    en: 'How to get a certificate at the Lok Seva Kendra; women and pensioners often need one.',
    hi: 'लोक सेवा केंद्र से प्रमाण पत्र कैसे बनवाएं।',
  },
  published: true,
};

describe.each(databases)('knowledge base on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  let d: Deployment;
  const ids: Record<string, number> = {};
  let nodal: Caller;
  let districtNodal: Caller;
  let agent: Caller;
  let monitor: Caller;
  let citizen: Caller;

  const call = async (method: string, url: string, payload?: unknown, caller?: Caller) => {
    const options = {
      method: method as 'GET',
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
    };
    const res = caller
      ? await api.raw.inject({ ...options, headers: caller.headers })
      : await api.app.inject(options);
    return { status: res.statusCode, body: res.body ? res.json() : null };
  };
  const codes = (body: { items: { code: string }[] }) => body.items.map((a) => a.code);
  const count = async () =>
    Number(
      (
        await database.db
          .selectFrom('knowledge_articles')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
    d = await buildDeployment(api.deps);
    const { clock } = api;
    nodal = await apiCaller(database, clock, 'nodal', [
      { role: 'nodal_officer', departmentId: d.department.id },
    ]);
    districtNodal = await apiCaller(database, clock, 'district nodal', [
      { role: 'nodal_officer', departmentId: d.department.id, placeId: d.district.id },
    ]);
    agent = await apiCaller(database, clock, 'agent', [{ role: 'agent' }]);
    monitor = await apiCaller(database, clock, 'monitor', [{ role: 'monitor' }]);
    citizen = await citizenCaller(api.raw, database, 'citizen', '+919811122233');
  });
  afterAll(async () => {
    await api?.app.close();
    await database?.close();
  });

  it('adds, reads, changes and lists articles', async () => {
    const created = await call('POST', '/api/knowledge', { ...ladli, departmentId: d.department.id });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: 'WCD-LADLI-BEHNA',
      kind: 'scheme',
      department: { id: d.department.id, name: { en: 'Public Health Engineering' } },
      documents: { hi: ['समग्र आईडी', 'आधार कार्ड'] },
      // Trimmed and each once, whatever the case.
      tags: ['women', 'महिला', 'DBT'],
      published: true,
      publishedAt: '2026-03-02T04:30:00.000Z',
      createdAt: '2026-03-02T04:30:00.000Z',
    });
    ids.ladli = created.body.id;
    ids.pension = (await call('POST', '/api/knowledge', pension)).body.id;
    ids.certificate = (
      await call('POST', '/api/knowledge', { ...certificate, departmentId: d.otherDepartment.id })
    ).body.id;

    const read = await call('GET', `/api/knowledge/${ids.ladli}`, undefined, PUBLIC_CALLER);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);

    api.clock.advance(60_000);
    const changed = await call('PATCH', `/api/knowledge/${ids.ladli}`, {
      benefits: { en: 'Rs 1,250 a month.', hi: '1,250 रुपये प्रति माह।' },
      officialLink: null,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      benefits: { hi: '1,250 रुपये प्रति माह।' },
      officialLink: null,
      title: ladli.title,
      updatedAt: '2026-03-02T04:31:00.000Z',
      publishedAt: '2026-03-02T04:30:00.000Z',
    });

    const list = await call('GET', '/api/knowledge', undefined, PUBLIC_CALLER);
    expect(list.body.total).toBe(3);
    // Lists leave out the long texts.
    expect(list.body.items[0]).not.toHaveProperty('eligibility');
    expect(list.body.items[0]).toHaveProperty('shortAnswer');
    // Ordered by title in the reader's language.
    expect(codes(list.body)).toEqual(['REV-CERTIFICATES', 'WCD-LADLI-BEHNA', 'SJ-WIDOW-PENSION']);

    // Every change is in the audit log, by the onSend hook.
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'entity', 'entity_id'])
      .where('entity', '=', 'knowledge')
      .orderBy('id')
      .execute();
    expect(audit).toContainEqual({
      action: 'PATCH /api/knowledge/:id',
      entity: 'knowledge',
      entity_id: String(ids.ladli),
    });
  });

  it('shows drafts and withdrawn articles to staff only', async () => {
    const draft = await call('POST', '/api/knowledge', {
      code: 'PHE-NEW-CONNECTION',
      kind: 'service',
      departmentId: d.department.id,
      title: { en: 'New tap connection under Jal Jeevan Mission' },
      summary: { en: 'Not yet announced.' },
    });
    expect(draft.body).toMatchObject({ published: false, publishedAt: null });
    ids.draft = draft.body.id;

    for (const caller of [PUBLIC_CALLER, citizen, monitor]) {
      expect((await call('GET', `/api/knowledge/${ids.draft}`, undefined, caller)).status).toBe(404);
      const all = await call('GET', '/api/knowledge?q=tap', undefined, caller);
      expect(all.body.total).toBe(0);
    }
    expect((await call('GET', '/api/knowledge?status=all', undefined, PUBLIC_CALLER)).body.code).toBe(
      'unauthenticated',
    );
    expect((await call('GET', '/api/knowledge?status=unpublished', undefined, citizen)).status).toBe(403);
    expect((await call('GET', '/api/knowledge?status=all', undefined, monitor)).status).toBe(403);

    // Agents see drafts when they ask for them; the default is what the public sees.
    expect((await call('GET', `/api/knowledge/${ids.draft}`, undefined, agent)).status).toBe(200);
    expect(codes((await call('GET', '/api/knowledge?status=unpublished', undefined, agent)).body)).toEqual([
      'PHE-NEW-CONNECTION',
    ]);
    expect((await call('GET', '/api/knowledge', undefined, agent)).body.total).toBe(3);
    expect((await call('GET', '/api/knowledge?status=all', undefined, agent)).body.total).toBe(4);

    // Publishing makes it public; withdrawing hides it again, and the public total never counts it.
    const published = await call('PATCH', `/api/knowledge/${ids.draft}`, { published: true });
    expect(published.body).toMatchObject({ published: true, publishedAt: '2026-03-02T04:31:00.000Z' });
    expect((await call('GET', `/api/knowledge/${ids.draft}`, undefined, PUBLIC_CALLER)).status).toBe(200);
    expect((await call('GET', '/api/knowledge', undefined, PUBLIC_CALLER)).body.total).toBe(4);
    const withdrawn = await call('PATCH', `/api/knowledge/${ids.draft}`, { published: false });
    expect(withdrawn.body).toMatchObject({ published: false, publishedAt: null });
    expect((await call('GET', `/api/knowledge/${ids.draft}`, undefined, PUBLIC_CALLER)).status).toBe(404);
    expect((await call('GET', '/api/knowledge?q=tap', undefined, PUBLIC_CALLER)).body).toEqual({
      items: [],
      total: 0,
    });
  });

  it('searches titles, summaries and tags in English and Hindi, title matches first', async () => {
    const search = async (query: string) =>
      codes((await call('GET', `/api/knowledge?${query}`, undefined, PUBLIC_CALLER)).body);
    expect(await search('q=ladli')).toEqual(['WCD-LADLI-BEHNA']);
    expect(await search('q=LADLI%20behna')).toEqual(['WCD-LADLI-BEHNA']);
    expect(await search(`q=${encodeURIComponent('लाड़ली बहना')}`)).toEqual(['WCD-LADLI-BEHNA']);
    // Typed without the nukta, as many keyboards do.
    expect(await search(`q=${encodeURIComponent('लाडली')}`)).toEqual(['WCD-LADLI-BEHNA']);
    expect(await search(`q=${encodeURIComponent('पेंशन')}`)).toEqual(['SJ-WIDOW-PENSION']);
    // Tags: in any language, any case.
    expect(await search('q=KALYANI')).toEqual(['SJ-WIDOW-PENSION']);
    // Parts of words count too: "महिला" is in the tag "महिला" and in "महिलाओं" in two summaries.
    expect(await search(`q=${encodeURIComponent('महिला')}`)).toEqual(['WCD-LADLI-BEHNA', 'SJ-WIDOW-PENSION']);
    // A word in the title ranks above the same word in a summary.
    expect(await search('q=pension')).toEqual(['SJ-WIDOW-PENSION', 'REV-CERTIFICATES']);
    expect(await search('q=women')).toEqual(['WCD-LADLI-BEHNA', 'REV-CERTIFICATES']);
    // Every word must be found, in any of the three.
    expect(await search('q=widow%20monthly')).toEqual(['SJ-WIDOW-PENSION']);
    expect(await search('q=widow%20certificate')).toEqual([]);
    // Punctuation alone is no search at all (and LIKE's wildcards never reach the database as such).
    expect(await search('q=%25_')).toHaveLength(3);
    // Filters.
    expect(await search(`departmentId=${d.otherDepartment.id}`)).toEqual(['REV-CERTIFICATES']);
    expect(await search('kind=service')).toEqual(['REV-CERTIFICATES']);
    expect(await search(`q=pension&kind=scheme`)).toEqual(['SJ-WIDOW-PENSION']);
    expect(await search(`q=women&departmentId=${d.department.id}`)).toEqual(['WCD-LADLI-BEHNA']);
    // Ordered by the Hindi title for a Hindi reader.
    expect(await search('language=hi')).toEqual(['REV-CERTIFICATES', 'WCD-LADLI-BEHNA', 'SJ-WIDOW-PENSION']);
    const paged = await call('GET', '/api/knowledge?limit=1&offset=1', undefined, PUBLIC_CALLER);
    expect(paged.body).toMatchObject({ total: 3, items: [{ code: 'WCD-LADLI-BEHNA' }] });
  });

  it('suggests articles for a question as it is typed', async () => {
    const suggest = async (question: string) =>
      codes(
        (
          await call(
            'GET',
            `/api/knowledge?match=any&limit=3&q=${encodeURIComponent(question)}`,
            undefined,
            PUBLIC_CALLER,
          )
        ).body,
      );
    expect(await suggest('How can my mother get the widow pension?')).toEqual([
      'SJ-WIDOW-PENSION',
      'REV-CERTIFICATES',
    ]);
    expect(await suggest('मेरी माँ को विधवा पेंशन कैसे मिलेगी?')).toEqual(['SJ-WIDOW-PENSION']);
    expect(await suggest('लाडली बहना योजना में आवेदन कैसे करें')).toEqual(['WCD-LADLI-BEHNA']);
    // Nothing but little words yet: nothing to suggest.
    expect(await suggest('how do I')).toEqual([]);
  });

  it('refuses bad requests with a clear 400 and writes nothing', async () => {
    const before = await count();
    const bad: [unknown, string][] = [
      [{ ...ladli, code: 'has space' }, 'code'],
      [{ ...ladli, code: 'NEW-1', kind: 'rumour' }, 'kind'],
      [{ ...ladli, code: 'NEW-2', title: {} }, 'title'],
      [{ ...ladli, code: 'NEW-3', summary: { english: 'x' } }, 'summary'],
      [{ ...ladli, code: 'NEW-4', officialLink: 'javascript:alert(1)' }, 'officialLink'],
      [{ ...ladli, code: 'NEW-5', documents: { en: ['Aadhaar', ''] } }, 'documents.en.1'],
      [{ ...ladli, code: 'NEW-6', eligibility: { en: '   ' } }, 'eligibility.en'],
      [{ ...ladli, code: 'NEW-7', tags: ['x'.repeat(61)] }, 'tags.0'],
      [{ ...ladli, code: 'NEW-8', departmentId: 999_999 }, 'departmentId'],
      [{ ...ladli, code: 'NEW-9', secret: true }, 'secret'],
      [{ code: 'NEW-10', kind: 'faq', title: { en: 'No summary' } }, 'summary'],
    ];
    for (const [payload, field] of bad) {
      const res = await call('POST', '/api/knowledge', payload);
      expect(res.status, JSON.stringify(payload)).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.message).toEqual(expect.any(String));
      const named = res.body.details.map((x: { field: string }) => x.field);
      expect(
        named.some((f: string) => f.startsWith(field)),
        `${field} in ${named}`,
      ).toBe(true);
    }
    const duplicate = await call('POST', '/api/knowledge', ladli);
    expect(duplicate).toMatchObject({ status: 409, body: { code: 'conflict' } });
    expect((await call('PATCH', `/api/knowledge/${ids.ladli}`, {})).status).toBe(400);
    expect((await call('PATCH', `/api/knowledge/${ids.ladli}`, { code: 'RENAMED' })).status).toBe(400);
    expect((await call('PATCH', `/api/knowledge/${ids.ladli}`, { departmentId: 999_999 })).status).toBe(400);
    expect((await call('GET', '/api/knowledge?status=drafts')).status).toBe(400);
    expect((await call('GET', '/api/knowledge?limit=0')).status).toBe(400);
    expect(await count()).toBe(before);
    expect((await call('GET', `/api/knowledge/${ids.ladli}`)).body.department.id).toBe(d.department.id);
  });

  it('answers 404 for unknown articles', async () => {
    for (const [method, payload] of [
      ['GET', undefined],
      ['PATCH', { published: false }],
    ] as const) {
      const res = await call(method, '/api/knowledge/999999', payload);
      expect(res).toMatchObject({ status: 404, body: { code: 'not_found', details: [] } });
    }
  });

  it('lets admins write everything and nodal officers only their own department, statewide', async () => {
    const before = await count();
    const article = (code: string, departmentId: number | null) => ({
      code,
      kind: 'faq',
      departmentId,
      title: { en: `Question ${code}` },
      summary: { en: 'Answer' },
    });
    for (const caller of [PUBLIC_CALLER, citizen]) {
      const res = await call('POST', '/api/knowledge', article('X-1', d.department.id), caller);
      expect(res.status).toBe(caller === PUBLIC_CALLER ? 401 : 403);
      expect((await call('PATCH', `/api/knowledge/${ids.ladli}`, { published: false }, caller)).status).toBe(
        caller === PUBLIC_CALLER ? 401 : 403,
      );
    }
    for (const caller of [agent, monitor, districtNodal]) {
      const res = await call('POST', '/api/knowledge', article('X-2', d.department.id), caller);
      expect(res.status, caller.name).toBe(403);
      expect(res.body.code).toBe('forbidden');
      const patch = await call('PATCH', `/api/knowledge/${ids.ladli}`, { kind: 'faq' }, caller);
      expect(patch.status, caller.name).toBe(403);
    }
    expect(await count()).toBe(before);

    // The statewide nodal officer of the department writes its articles...
    const own = await call('POST', '/api/knowledge', article('PHE-FAQ-1', d.department.id), nodal);
    expect(own.status).toBe(201);
    expect(
      (await call('PATCH', `/api/knowledge/${ids.ladli}`, { tags: ['ladli', 'लाड़ली'] }, nodal)).status,
    ).toBe(200);
    // ...and sees its drafts, but not another department's.
    expect((await call('GET', `/api/knowledge/${ids.draft}`, undefined, nodal)).status).toBe(200);
    const otherDraft = await call('POST', '/api/knowledge', article('ENERGY-FAQ-1', d.otherDepartment.id));
    expect((await call('GET', `/api/knowledge/${otherDraft.body.id}`, undefined, nodal)).status).toBe(404);
    expect(
      codes((await call('GET', '/api/knowledge?status=unpublished', undefined, nodal)).body).sort(),
    ).toEqual(['PHE-FAQ-1', 'PHE-NEW-CONNECTION']);
    // Not another department's, nor one of no department, nor moving one out of theirs.
    const other = await call('POST', '/api/knowledge', article('X-3', d.otherDepartment.id), nodal);
    expect(other).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect((await call('POST', '/api/knowledge', article('X-4', null), nodal)).status).toBe(403);
    expect(
      (await call('PATCH', `/api/knowledge/${ids.certificate}`, { published: false }, nodal)).status,
    ).toBe(403);
    expect((await call('PATCH', `/api/knowledge/${ids.pension}`, { tags: [] }, nodal)).status).toBe(403);
    const move = await call(
      'PATCH',
      `/api/knowledge/${own.body.id}`,
      { departmentId: d.otherDepartment.id },
      nodal,
    );
    expect(move.status).toBe(403);
    expect((await call('PATCH', `/api/knowledge/${otherDraft.body.id}`, { kind: 'faq' }, nodal)).status).toBe(
      404,
    );
    // The admin (the test's super-user) may do all of that.
    expect(
      (await call('PATCH', `/api/knowledge/${own.body.id}`, { departmentId: null, published: true })).body,
    ).toMatchObject({ department: null, published: true });
    expect(await count()).toBe(before + 2);
  });
});
