// The web app's build at start: `npm start` builds it when its sources are newer than the build (or
// there is none), in a child process, while the database opens and the demo loads: on two cores the
// two take turns rather than one waiting for the other. An up-to-date build is not made again.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
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
 * and shown only if it fails (the chunk listing would bury the start-up log). The build is made in a
 * folder of its own and moved into dist/web when complete, so a node serving dist/web never sends a
 * half-written build, and two nodes started from one checkout do not write into each other's files.
 */
export function buildWeb(root: string): Promise<number> {
  const manifest = createRequire(path.join(root, 'package.json')).resolve('vite/package.json');
  const vite = path.join(path.dirname(manifest), 'bin/vite.js');
  const target = path.join(root, 'dist/web');
  const staging = `${target}.building-${process.pid}`;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--outDir', staging, '--emptyOutDir'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) {
        rmSync(staging, { recursive: true, force: true });
        reject(new Error(`the web app's build failed (vite build exited with ${code}):\n${output}`));
        return;
      }
      installBuild(staging, target);
      resolve(performance.now() - started);
    });
  });
}

/**
 * Moves a finished build from `staging` to `target` by two renames (the old build aside, the new one in),
 * then removes the old one. A node that finds another node's build already in place between the two
 * keeps that one: builds from the same sources are the same.
 */
export function installBuild(staging: string, target: string) {
  const aside = `${staging}.old`;
  try {
    renameSync(target, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  try {
    renameSync(staging, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    rmSync(staging, { recursive: true, force: true });
  }
  rmSync(aside, { recursive: true, force: true });
}
