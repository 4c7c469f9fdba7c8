// What every benchmark needs: a throw-away PostgreSQL schema or PGlite folder, the service running as
// its own process (as in production: one Node process, its own event loop), wrk as the load (a C
// program, so the load generator takes little of the two cores), pgbench for the database's own
// ceiling in the same run, and figures reported as min/median/max of repeated runs.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { canSpeak, warmPrompts } from '../src/channels/voice/index.ts';
import { type Database, migrate, openPglite, openPostgres } from '../src/db/index.ts';
import { type ServerProcess, startServerProcess } from '../test/server.ts';
import { SUBJECTS } from './bulk.ts';
import type { BenchDeployment } from './data.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const POSTGRES_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Seconds per measured figure (the issue measured 15 s; 10 s keeps the whole bench near ten minutes). */
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Runs per figure: min/median/max of these. */
export const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const run = promisify(execFile);

/** A URL whose connections work in `schema` (the server process gets it through DATABASE_URL). */
export function schemaUrl(schema: string) {
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

export async function withPostgres<T>(
  fn: (database: Database, schema: string) => Promise<T>,
  options: { max?: number } = {},
): Promise<T> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = await openPostgres(POSTGRES_URL, { max: 1 });
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  const database = await openPostgres(POSTGRES_URL, { schema, max: options.max ?? 10 });
  try {
    await migrate(database);
    return await fn(database, schema);
  } finally {
    await database.close();
    await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.db);
    await admin.close();
  }
}

/** A PGlite database in a folder (so a server process can open it after us), removed afterwards. */
export async function withPgliteDir<T>(fn: (dir: string, database: Database) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'civicline-bench-'));
  try {
    const database = await openPglite(dir);
    await migrate(database);
    return await fn(dir, database);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export type Server = ServerProcess;

/**
 * The phone prompts every bench server shares. A server synthesizes any clip missing from its prompt
 * folder with espeak-ng as it starts; in a fresh folder (a PGlite bench's new DATA_DIR, or a fresh
 * clone) that is a minute of child processes competing with whatever is being measured. So the bench
 * makes them once, before the first server, in one folder all its servers read.
 */
const PROMPT_DIR = path.join(ROOT, 'data', 'prompts');
let promptsWarmed: Promise<unknown> | null = null;

/** `npm start`'s program on a free port with `env` (see test/server.ts). */
export async function startServer(env: Record<string, string>, nodeArgs: string[] = []) {
  promptsWarmed ??= canSpeak().then((yes) => (yes ? warmPrompts({ dir: PROMPT_DIR }) : 0));
  await promptsWarmed;
  return startServerProcess({ VOICE_PROMPT_DIR: PROMPT_DIR, ...env }, { nodeArgs });
}

export interface Load {
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

/** wrk against `url` with a Lua script, `connections` at once, for SECONDS; latencies in ms. */
export async function wrk(
  url: string,
  script: string,
  connections: number,
  env: Record<string, string>,
): Promise<Load> {
  const { stdout } = await run(
    'wrk',
    [
      '-t2',
      `-c${connections}`,
      `-d${SECONDS}s`,
      '--latency',
      '--timeout',
      '10s',
      '-s',
      path.join(ROOT, 'bench/wrk', script),
      url,
    ],
    { env: { ...process.env, ...env }, maxBuffer: 10_000_000 },
  );
  const ms = (label: string) => {
    const m = new RegExp(`^\\s+${label}%\\s+([\\d.]+)(us|ms|s)`, 'm').exec(stdout);
    if (!m) return Number.NaN;
    const value = Number(m[1]);
    return m[2] === 'us' ? value / 1000 : m[2] === 's' ? value * 1000 : value;
  };
  const perSecond = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]);
  const errors =
    Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0) +
    Number(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout)?.[4] ?? 0);
  return { perSecond, p50: ms('50'), p99: ms('99'), errors };
}

export interface PacedLoad {
  /** Requests a second offered (the schedule) and answered. */
  offered: number;
  answered: number;
  /** Latency from when each request was due (ms). */
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  /** From when it went out (ms): below the above by however late the connections fell behind. */
  serviceP50: number;
  serviceP99: number;
  errors: number;
}

/**
 * An open loop (bench/wrk/paced.lua): GETs of `paths` (a file) offered at `rate` a second over
 * `connections`, each connection on its own schedule, for SECONDS; latencies counted from when each
 * request was due. One wrk thread per connection (the script needs it); they sleep between requests.
 */
export async function paced(
  url: string,
  paths: string,
  connections: number,
  rate: number,
  key: string,
): Promise<PacedLoad> {
  const { stdout } = await run(
    'wrk',
    [
      `-t${connections}`,
      `-c${connections}`,
      `-d${SECONDS}s`,
      '--timeout',
      '10s',
      '-s',
      path.join(ROOT, 'bench/wrk/paced.lua'),
      url,
    ],
    {
      env: {
        ...process.env,
        BENCH_KEY: key,
        BENCH_PATHS: paths,
        BENCH_RATE: String(rate),
        BENCH_CONNECTIONS: String(connections),
      },
      maxBuffer: 10_000_000,
    },
  );
  const line = /^PACED (.*)$/m.exec(stdout)?.[1];
  if (!line) throw new Error(`wrk (paced) printed no figures: ${stdout}`);
  return JSON.parse(line.replace(/-?nan|-?inf/g, 'null')) as PacedLoad;
}

/**
 * pgbench with `script` (a file in bench/pgbench, or a path) in `schema`, `clients` at once, prepared
 * statements, for SECONDS: transactions/s.
 */
export async function pgbench(
  schema: string,
  script: string,
  clients: number,
  variables: Record<string, number>,
): Promise<number> {
  const url = new URL(POSTGRES_URL);
  const { stdout } = await run(
    'pgbench',
    [
      '-n',
      '-M',
      'prepared',
      `-c${clients}`,
      '-j2',
      `-T${SECONDS}`,
      ...Object.entries(variables).flatMap(([k, v]) => ['-D', `${k}=${v}`]),
      '-f',
      path.resolve(ROOT, 'bench/pgbench', script),
      '-h',
      url.hostname,
      '-p',
      url.port || '5432',
      '-U',
      decodeURIComponent(url.username) || 'postgres',
      url.pathname.slice(1),
    ],
    { env: { ...process.env, PGOPTIONS: `-c search_path=${schema}` } },
  );
  return Number(/tps = ([\d.]+)/.exec(stdout)?.[1]);
}

/** Writes lines to a temporary file (paths for wrk to choose from) and returns its name. */
export async function linesFile(lines: string[]): Promise<string> {
  const file = path.join(tmpdir(), `civicline-bench-${randomBytes(4).toString('hex')}.txt`);
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

/** What bench/wrk/register.lua needs: the desk's key, where the complaints are from, and their texts. */
export async function registerEnv(d: BenchDeployment): Promise<Record<string, string>> {
  const texts = SUBJECTS.map(([language, subject, description]) =>
    JSON.stringify({ subject, description, language }).slice(1, -1),
  );
  return {
    BENCH_KEY: d.deskKey,
    BENCH_CATEGORY: String(d.categoryId),
    BENCH_PLACE: String(d.placeId),
    BENCH_TEXTS: await linesFile(texts),
  };
}

export interface Figure {
  what: string;
  unit: string;
  runs: number[];
  /** The ceiling it is compared with, measured in the same run, and what that ceiling is. */
  ceiling?: { what: string; runs: number[] };
  /** Lower is better (latencies). */
  lowerIsBetter?: boolean;
}

/** The median of a figure's runs (the mean of the middle two when there is an even number). */
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2
    ? (s[(s.length - 1) / 2] as number)
    : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};
// A figure with no answers at all (a paced run the service could not answer) has null, not a number.
const fmt = (n: number) =>
  !Number.isFinite(n) ? 'n/a' : n >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(n >= 10 ? 1 : 2);

/** The one table `npm run bench` prints (Markdown, so it goes into the README as it is). */
export function table(figures: Figure[], against = 'database ceiling, same run'): string {
  const rows = figures.map((f) => {
    const range = (xs: number[]) => `${fmt(Math.min(...xs))} / ${fmt(median(xs))} / ${fmt(Math.max(...xs))}`;
    const ceiling = f.ceiling ? `${range(f.ceiling.runs)} (${f.ceiling.what})` : '';
    const ratio = f.ceiling ? (median(f.runs) / median(f.ceiling.runs)).toFixed(2) : '';
    return `| ${f.what} | ${range(f.runs)} ${f.unit} | ${ceiling} | ${ratio} |`;
  });
  return [
    `| figure | min / median / max | ${against} (min / median / max) | ratio (median) |`,
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

export async function repeat<T>(n: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(await fn(i));
  return out;
}
