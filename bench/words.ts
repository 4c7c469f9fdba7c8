// Search by words, word by word, on a kept schema: how long the first page and the page after it take
// for each word (one at a time, in process, no HTTP), and with WORDS_EXPLAIN=1 the plans PostgreSQL
// ran for them (auto_explain with ANALYZE and BUFFERS, sent back to this client as notices).
//
//   SCALE_SCHEMA=civicline_scale npx tsx bench/words.ts
//   WORDS_TIMES   searches per word and page (default 30, after 3 not counted)
//   WORDS         comma-separated words (default: SEARCH_WORDS in bench/data.ts)
//   WORDS_READER  whose plans WORDS_EXPLAIN shows: desk (default) or department
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Principal } from '../src/access/principal.ts';
import { preparing } from '../src/db/connection.ts';
import { type DB, openPostgres } from '../src/db/index.ts';
import { searchGrievances } from '../src/grievances/index.ts';
import { loadedDeployment, SEARCH_WORDS } from './data.ts';
import { POSTGRES_URL } from './lib.ts';

const SCHEMA = process.env.SCALE_SCHEMA ?? 'civicline_scale';
const TIMES = Number(process.env.WORDS_TIMES ?? 30);
const WORDS = process.env.WORDS ? process.env.WORDS.split(',') : SEARCH_WORDS;
const EXPLAIN = process.env.WORDS_EXPLAIN === '1';

const database = await openPostgres(POSTGRES_URL, { schema: SCHEMA, max: 1 });
const d = await loadedDeployment(database);
// The desk (every grievance) and a reader of one department (the policy's condition in the plan).
const readers: [string, Principal][] = [
  [
    'desk',
    {
      kind: 'api',
      userId: 0,
      name: 'bench',
      grants: [{ role: 'agent', departmentId: null, placePath: null }],
      positionIds: [],
      mfaPending: false,
    },
  ],
  [
    'one department',
    {
      kind: 'api',
      userId: 0,
      name: 'bench',
      grants: [{ role: 'monitor', departmentId: d.departmentId, placePath: null }],
      positionIds: [],
      mfaPending: false,
    },
  ],
];

const ms = (n: number) => n.toFixed(n < 10 ? 2 : 1);
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

async function time(run: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await run();
  const took: number[] = [];
  for (let i = 0; i < TIMES; i++) {
    const started = performance.now();
    await run();
    took.push(performance.now() - started);
  }
  took.sort((a, b) => a - b);
  return `p50 ${ms(pct(took, 0.5))} ms, p95 ${ms(pct(took, 0.95))} ms, max ${ms(took.at(-1) ?? 0)} ms`;
}

for (const [who, principal] of readers) {
  for (const q of WORDS) {
    const filter = { q, limit: 50, offset: 0 };
    const first = await searchGrievances(database.db, filter, principal);
    const next = first.next;
    const second = next ? await searchGrievances(database.db, { ...filter, after: next }, principal) : null;
    console.log(
      `${who}, "${q}": ${first.items.length}${next ? '+' : ''} found; page 1 ${await time(() =>
        searchGrievances(database.db, filter, principal),
      )}${
        next
          ? `; page 2 (${second?.items.length}) ${await time(() =>
              searchGrievances(database.db, { ...filter, after: next }, principal),
            )}`
          : ''
      }`,
    );
  }
}
await database.close();

if (EXPLAIN) {
  // Statements prepared as the service prepares them (src/db/connection.ts), so the plans shown are the
  // ones it runs (generic ones after five executions, where PostgreSQL chooses them).
  const pool = new pg.Pool({ connectionString: POSTGRES_URL, max: 1, options: `-c search_path=${SCHEMA}` });
  const plans: string[] = [];
  pool.on('connect', (client) => {
    client.on('notice', (n) => plans.push(n.message ?? ''));
    client.query(
      `set max_parallel_workers_per_gather = 0; set jit = off; load 'auto_explain'; set auto_explain.log_min_duration = 0;
       set auto_explain.log_analyze = on; set auto_explain.log_buffers = on; set auto_explain.log_level = notice`,
    );
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparing(pool) }) });
  const [who, reader] = readers[process.env.WORDS_READER === 'department' ? 1 : 0] as [string, Principal];
  for (const q of WORDS) {
    for (let i = 0; i < 6; i++) await searchGrievances(db, { q, limit: 50, offset: 0 }, reader);
    plans.length = 0;
    await searchGrievances(db, { q, limit: 50, offset: 0 }, reader);
    console.log(
      `\n=== ${who}, "${q}", page 1, the 7th time\n${plans.filter((p) => !p.includes('g.id in')).join('\n')}`,
    );
  }
  await db.destroy();
}
