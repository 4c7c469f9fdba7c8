// Loaded into the server process by `bench/cost.ts` (node --import): counts the statements the process
// sends to the database and the CPU time it spends, and prints both on SIGUSR2, so a benchmark can
// measure the cost of one request without trusting wall-clock figures on a shared, noisy machine.
//
//   probe {"user":µs,"system":µs,"statements":n,"texts":{"<first 120 chars>":n,...}}
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

let statements = 0;
const texts = new Map<string, number>();
const count = (text: unknown) => {
  statements++;
  const t =
    typeof text === 'string'
      ? text
      : text && typeof text === 'object' && 'text' in text
        ? String((text as { text: unknown }).text)
        : '?';
  const key = t.replace(/\s+/g, ' ').trim().slice(0, 120);
  texts.set(key, (texts.get(key) ?? 0) + 1);
};

const clientQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  count(args[0]);
  return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof clientQuery;

for (const method of ['query', 'exec'] as const) {
  const original = PGlite.prototype[method] as (...a: unknown[]) => unknown;
  (PGlite.prototype as unknown as Record<string, unknown>)[method] = function (
    this: PGlite,
    ...args: unknown[]
  ) {
    count(args[0]);
    return original.apply(this, args);
  };
}

process.on('SIGUSR2', () => {
  const cpu = process.cpuUsage();
  const top = Object.fromEntries([...texts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40));
  process.stderr.write(
    `probe ${JSON.stringify({ user: cpu.user, system: cpu.system, statements, texts: top })}\n`,
  );
});
