// Runs sipp (Debian's sip-tester) as a citizen's phone against the service's SIP path on loopback.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SIPP = process.env.SIPP ?? '/usr/bin/sipp';
export const SCENARIOS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/sip');

export interface SippRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** sipp's error log (unexpected messages, timeouts), when it wrote one. */
  errors: string;
}

/**
 * Runs one sipp scenario in a fresh working directory holding `files` (the pcaps it plays), and
 * resolves when sipp exits. `keys` fill [name] in the scenario's messages; `vars` set its variables.
 */
export async function runSipp(options: {
  scenario: string;
  target: { host: string; port: number };
  files?: Record<string, Buffer>;
  keys?: Record<string, string>;
  vars?: Record<string, string>;
  args?: string[];
  timeoutSeconds?: number;
  /** Calls to place (default 1), at most `limit` at once, `rate` new calls a second. */
  calls?: number;
  limit?: number;
  rate?: number;
}): Promise<SippRun> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sipp-'));
  try {
    for (const [name, content] of Object.entries(options.files ?? {})) {
      await writeFile(path.join(dir, name), content);
    }
    const args = [
      `${options.target.host}:${options.target.port}`,
      '-sf',
      path.join(SCENARIOS, options.scenario),
      '-i',
      '127.0.0.1',
      '-mi',
      '127.0.0.1',
      '-p',
      '0',
      '-mp',
      String(20000 + 2 * Math.floor(Math.random() * 10000)),
      '-m',
      String(options.calls ?? 1),
      ...(options.limit ? ['-l', String(options.limit)] : []),
      ...(options.rate ? ['-r', String(options.rate)] : []),
      '-timeout',
      `${options.timeoutSeconds ?? 20}s`,
      '-timeout_error',
      '-nostdin',
      '-trace_err',
      '-error_file',
      path.join(dir, 'errors.log'),
      ...Object.entries(options.keys ?? {}).flatMap(([k, v]) => ['-key', k, v]),
      ...Object.entries(options.vars ?? {}).flatMap(([k, v]) => ['-set', k, v]),
      ...(options.args ?? []),
    ];
    return await new Promise<SippRun>((resolve) => {
      execFile(SIPP, args, { cwd: dir, maxBuffer: 8 * 1024 * 1024 }, async (err, stdout, stderr) => {
        const errors = await readFile(path.join(dir, 'errors.log'), 'utf8').catch(() => '');
        const exit = (err as { code?: unknown } | null)?.code;
        resolve({ code: err ? (typeof exit === 'number' ? exit : null) : 0, stdout, stderr, errors });
      });
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
