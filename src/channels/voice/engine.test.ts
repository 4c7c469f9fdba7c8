// The engine driven as the SIP path drives it (takeTurn, no webhook numbering): the default flow's
// language menu, district routing with a spoken retry on an unknown code, silence that ends in the
// agent queue, and the call's path and interaction on the caller's history.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../../../test/databases.ts';
import { buildDeployment, type Deployment } from '../../../test/factories.ts';
import { manualClock } from '../../clock.ts';
import type { Database } from '../../db/index.ts';
import { defaultFlow } from './default-flow.ts';
import { takeTurn } from './engine.ts';
import type { FlowDefinition } from './flow.ts';
import { checkFlow, saveFlow } from './flows.ts';
import type { TurnCall } from './instructions.ts';

let n = 0;
const newCall = (caller: string | null = '+919800011111'): TurnCall => ({
  provider: 'sip',
  providerCallId: `engine-${++n}-${Date.now()}`,
  caller,
  called: '+91181',
});

describe('flow validation', () => {
  it('accepts the default flow', () => {
    expect(checkFlow(defaultFlow())).toEqual([]);
  });

  it('finds dead ends, dangling branches, unknown prompts and loops that never wait', () => {
    const flow: FlowDefinition = {
      start: 'a',
      languages: [{ code: 'en', digit: '1' }],
      nodes: {
        a: {
          kind: 'gather',
          prompts: [{ key: 'main.menu' }],
          maxDigits: 1,
          timeoutSeconds: 5,
          choices: { '1': 'b', '2': 'nowhere' },
          retries: 1,
          retryPrompts: [{ key: 'no.such.prompt' }],
          fail: 'a',
        },
        b: { kind: 'redirect', next: 'c' },
        c: { kind: 'redirect', next: 'b' },
      },
    };
    const codes = checkFlow(flow).map((p) => `${p.node}:${p.code}`);
    expect(codes).toEqual(expect.arrayContaining(['a:flow_dangling', 'a:flow_unknown_prompt']));
    const closedLoop: FlowDefinition = {
      ...flow,
      nodes: {
        ...flow.nodes,
        a: {
          kind: 'gather',
          prompts: [],
          maxDigits: 1,
          timeoutSeconds: 5,
          choices: { '1': 'b' },
          retries: 1,
          retryPrompts: [],
          fail: 'a',
        },
      },
    };
    expect(
      checkFlow(closedLoop)
        .map((p) => `${p.node}:${p.code}`)
        .sort(),
    ).toEqual(['a:flow_dead_end', 'b:flow_dead_end', 'b:flow_loop', 'c:flow_dead_end', 'c:flow_loop'].sort());
  });
});

describe.each(databases)('IVR engine on $name', ({ open }) => {
  let database: Database;
  let d: Deployment;
  const clock = manualClock('2026-03-02T06:00:00Z'); // a Monday, 11:30 in India
  let districtQueue: number;
  let stateQueue: number;
  const code = `rajgarh-${Date.now()}`;

  beforeAll(async () => {
    database = await open();
    d = await buildDeployment({ db: database.db, clock });
    const q = await database.db
      .insertInto('call_queues')
      .values([
        {
          code,
          name: JSON.stringify({ en: 'Rajgarh' }),
          language: null,
          place_id: d.district.id,
          calendar_id: null,
        },
        {
          code: `state-${code}`,
          name: JSON.stringify({ en: 'State' }),
          language: null,
          place_id: null,
          calendar_id: null,
        },
      ])
      .returning('id')
      .execute();
    districtQueue = q[0]?.id as number;
    stateQueue = q[1]?.id as number;
    await database.db
      .insertInto('ivr_district_codes')
      .values({ digits: '0634', place_id: d.district.id })
      .execute();
  }, 240_000);
  afterAll(async () => {
    await database?.close();
  });

  it('routes a caller by language and district code, with a spoken retry on an unknown code', async () => {
    const deps = { db: database.db, clock };
    const call = newCall();
    const first = await takeTurn(deps, call, {});
    expect(first).toMatchObject({ kind: 'gather', maxDigits: 1 });
    if (first.kind !== 'gather') throw new Error('a language menu');
    expect(first.prompts.map((p) => p.params?.lang)).toEqual(['en', 'en', 'hi', 'sw']);

    expect(await takeTurn(deps, call, { digits: '2' })).toMatchObject({
      kind: 'gather',
      prompts: [{ key: 'main.menu' }],
    });
    expect(await takeTurn(deps, call, { digits: '4' })).toMatchObject({
      kind: 'gather',
      prompts: [{ key: 'district.ask' }],
      finishOnKey: '#',
    });
    expect(await takeTurn(deps, call, { digits: '7777' })).toMatchObject({
      kind: 'gather',
      prompts: [{ key: 'district.unknown', params: { digits: '7777' } }, { key: 'district.ask' }],
    });
    const queued = await takeTurn(deps, call, { digits: '0634' });
    expect(queued).toMatchObject({
      kind: 'enqueue',
      queueId: districtQueue,
      prompts: [{ key: 'queue.connecting' }],
    });

    const row = await database.db
      .selectFrom('calls')
      .selectAll()
      .where('provider_call_id', '=', call.providerCallId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      state: 'queued',
      queue_id: districtQueue,
      language: 'hi',
      district_id: d.district.id,
    });
    expect(row.path.map((s) => `${s.node}=${s.input ?? ''}`)).toEqual([
      'language=2',
      'lang.hi=hi',
      'main=4',
      'district=7777',
      'district.lookup=invalid',
      'district=0634',
      'district.lookup=found',
      `queue=${code}`,
    ]);

    // The caller leaves the queue: the call ends, its interaction on the caller's history with it.
    await takeTurn(deps, call, { hangup: true });
    const ended = await database.db
      .selectFrom('calls')
      .innerJoin('interactions as i', 'i.id', 'calls.interaction_id')
      .select(['calls.state', 'calls.outcome', 'i.ended_at', 'i.summary', 'i.citizen_id'])
      .where('calls.id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(ended).toMatchObject({ state: 'abandoned', outcome: 'queued' });
    expect(ended.ended_at).not.toBeNull();
    expect(ended.citizen_id).toBe(row.citizen_id);
  });

  it('after silence and wrong keys, asks again and then puts the caller in the agent queue', async () => {
    const deps = { db: database.db, clock };
    const call = newCall(null);
    await takeTurn(deps, call, {});
    const again = await takeTurn(deps, call, { timeout: true });
    if (again.kind !== 'gather') throw new Error('the language menu again');
    expect(again.prompts.map((p) => p.key)).toEqual([
      'retry.nothing',
      'welcome',
      ...Array(3).fill('language.choose'),
    ]);
    await takeTurn(deps, call, { digits: '1' });
    expect(await takeTurn(deps, call, { digits: '7' })).toMatchObject({
      kind: 'gather',
      prompts: [{ key: 'retry.nothing' }, { key: 'main.menu' }],
    });
    await takeTurn(deps, call, { timeout: true });
    expect(await takeTurn(deps, call, { digits: '8' })).toMatchObject({
      kind: 'enqueue',
      queueId: stateQueue,
    });
  });

  it('takes 9 to an agent from any menu, and runs the version of the flow a call started on', async () => {
    const deps = { db: database.db, clock };
    const call = newCall();
    await takeTurn(deps, call, {});
    // An administrator saves a new version mid-call: this call keeps its own.
    const edited = defaultFlow();
    edited.nodes.main = { ...(edited.nodes.main as object), choices: { '1': 'record' } } as never;
    const problems = checkFlow(edited);
    expect(problems.map((p) => p.code)).toContain('flow_unreachable');
    const saved = await saveFlow(database.db, clock.now(), { definition: defaultFlow(), note: 'same again' });
    expect(saved.version).toBeGreaterThan(1);
    await takeTurn(deps, call, { digits: '1' });
    expect(await takeTurn(deps, call, { digits: '9' })).toMatchObject({
      kind: 'enqueue',
      queueId: stateQueue,
    });
    const count = await sql<{ n: string }>`select count(*) as n from ivr_flows where active`.execute(
      database.db,
    );
    expect(Number(count.rows[0]?.n)).toBe(1);
  });
});
