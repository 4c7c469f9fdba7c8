import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Tests that measure their own process's memory: each runs in a fresh process, alone with its heap (in a
 * worker shared with other files, forcing a full collection every 250 ms took export-memory past its
 * minute). Projects extend the settings here and lists are joined, so each names its own files.
 */
const ALONE = ['src/insight/export-memory.test.ts', 'src/http/xlsx.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: PGlite instances are memory-hungry WASM, so keep the file-level parallelism modest.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...ALONE],
          // Each worker loads the app's modules once for all its files, not once per file: importing
          // them was a fifth of the suite's time. Files share nothing else: each opens databases of its
          // own (docs/ARCHITECTURE.md).
          isolate: false,
        },
      },
      { extends: true, test: { name: 'alone', include: ALONE } },
    ],
  },
});
