// The web app's build at start: `npm start` builds it when its sources are newer than the build (or
// there is none), in a child process, while the database opens and the demo loads: on two cores the
// two take turns rather than one waiting for the other. An up-to-date build is not made again.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** What the build is made from: a change to any of these makes it stale. */
const SOURCES = ['src/web', 'vite.config.ts', 'package-lock.json'];

/** The newest modification time under `file` (a file or a folder), in ms. */
function newest(file: string): number {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const name of readdirSync(file)) latest = Math.max(latest, newest(path.join(file, name)));
  return latest;
}

/** True when `outDir` holds no build, or one older than its sources under `root`. */
export function webBuildIsStale(root: string, outDir: string): boolean {
  const index = path.join(outDir, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((source) => newest(path.join(root, source)) > built);
}

/**
 * Runs `vite build` in `root` and resolves when it is done, with how long it took; its output is kept
 * and shown only if it fails (the chunk listing would bury the start-up log).
 */
export function buildWeb(root: string): Promise<number> {
  const manifest = createRequire(path.join(root, 'package.json')).resolve('vite/package.json');
  const vite = path.join(path.dirname(manifest), 'bin/vite.js');
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(performance.now() - started);
      else reject(new Error(`the web app's build failed (vite build exited with ${code}):\n${output}`));
    });
  });
}
