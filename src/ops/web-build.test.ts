// The start-up build's last step: a finished build replaces dist/web whole, also when two nodes started
// from one checkout finish at once, and a node serving dist/web meanwhile never sees a mix of the two.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { installBuild } from './web-build.ts';

const build = (dir: string, name: string) => {
  mkdirSync(path.join(dir, 'assets'), { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), name);
  writeFileSync(path.join(dir, 'assets', `${name}.js`), name);
};

describe('installing the web build', () => {
  it('replaces the old build whole and leaves nothing behind', () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'web-build-'));
    const target = path.join(dist, 'web');
    build(target, 'old');
    build(`${target}.building-1`, 'new');
    installBuild(`${target}.building-1`, target);
    expect(readFileSync(path.join(target, 'index.html'), 'utf8')).toBe('new');
    expect(readdirSync(path.join(target, 'assets'))).toEqual(['new.js']);
    expect(readdirSync(dist)).toEqual(['web']);
  });

  it('installs into an empty dist, and two nodes finishing together leave one whole build', () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'web-build-'));
    const target = path.join(dist, 'web');
    build(`${target}.building-1`, 'one');
    build(`${target}.building-2`, 'two');
    installBuild(`${target}.building-1`, target);
    // The second node's build arrives while the first one's is in place: it replaces it whole.
    installBuild(`${target}.building-2`, target);
    expect(readFileSync(path.join(target, 'index.html'), 'utf8')).toBe('two');
    expect(readdirSync(path.join(target, 'assets'))).toEqual(['two.js']);
    expect(readdirSync(dist)).toEqual(['web']);
  });
});
