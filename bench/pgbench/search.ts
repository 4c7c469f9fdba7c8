// The search's ceiling (`npm run bench`): the statements the service sends for each search word,
// recorded by running the search in this process as the service runs it (the desk's principal, a warm
// reference cache), written with their parameters in place into one pgbench script that picks a word
// at random each time, as wrk asks the words in turn. Recorded, not written by hand as the other reads'
// are (reads.ts): which statements a search sends depends on the word and the data (a walk of the
// newest grievances, then the trigram index a window of time at a time), so only running it says.
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { resolveApiKey } from '../../src/access/sessions.ts';
import { referenceCache } from '../../src/cache/reference.ts';
import type { Database } from '../../src/db/index.ts';
import { searchGrievances } from '../../src/grievances/index.ts';
import { LIST_READ } from './reads.ts';

/** A value written as an SQL literal, as PostgreSQL would have read the parameter. */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`;
  if (value instanceof Date) return quoted(value.toISOString());
  if (typeof value === 'string') return quoted(value);
  if (Array.isArray(value))
    return quoted(`{${value.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
  return quoted(JSON.stringify(value));
}

/** `text` with each `$n` replaced by its value (texts are the service's own: no `$n` inside a string). */
export const inlined = (text: string, values: unknown[]) =>
  text.replace(/\$(\d+)/g, (_, n: string) => literal(values[Number(n) - 1]));

/** Every statement `work` sends through `pg` in this process, with its parameters in place. */
async function recorded(work: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [first, second] = args as [unknown, unknown[] | undefined];
    if (typeof first === 'string') sent.push(inlined(first, second ?? []));
    else if (first && typeof first === 'object' && 'text' in first) {
      const q = first as { text: string; values?: unknown[] };
      sent.push(inlined(q.text, q.values ?? []));
    }
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = query;
  }
  return sent;
}

/**
 * Writes the script: for each of `words`, what the service sends to search for it as the holder of
 * `key` reads (page one, 50 a page), then the search's audit row. Returns the file.
 */
export async function searchScript(database: Database, key: string, words: string[]): Promise<string> {
  const principal = await resolveApiKey(database.db, new Date(), key);
  if (!principal) throw new Error('the search key is not a key of this database');
  const cache = referenceCache();
  const search = (q: string) =>
    searchGrievances(database.db, { q, limit: 50, offset: 0 }, principal, new Date(), cache);
  const branches: string[] = [];
  for (const [i, word] of words.entries()) {
    await search(word); // the reference cache warm, as the service's is
    const statements = await recorded(() => search(word));
    const body = statements.map((s) => `${s.replace(/\s+/g, ' ').trim()};`).join('\n');
    branches.push(`${i === 0 ? '\\if' : '\\elif'} :w = ${i}\n${body}`);
  }
  const script = `\\set w random(0, ${words.length - 1})\n${branches.join('\n')}\n\\endif\n${LIST_READ}\n`;
  const file = path.join(tmpdir(), 'civicline-ceiling-search.sql');
  await writeFile(file, script);
  return file;
}
