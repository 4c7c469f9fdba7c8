import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: PGlite instances are memory-hungry WASM, so keep the file-level parallelism modest.
    maxWorkers: 2,
    // Each worker loads the app's modules once for all its files, not once per file: importing them
    // was a fifth of the suite's time. Tests share nothing else: each opens databases of its own.
    isolate: false,
  },
});
