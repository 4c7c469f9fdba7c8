// The web app: one React app with an area per role, built into dist/web and served by the API server.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/**
 * Brotli and gzip copies beside every text file of the build (x.js.br, x.js.gz), made once at build time
 * at the highest levels, which would be too slow per request: the server sends whichever the browser
 * accepts (@fastify/static preCompressed). Files under 1 kB are left alone: the headers would cost more.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'civicline-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((name) => {
          const file = path.join(dir, name);
          return statSync(file).isDirectory() ? walk(file) : [file];
        });
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|json|txt|map)$/.test(file)) continue;
        const content = readFileSync(file);
        if (content.length < 1024) continue;
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(content, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
            },
          }),
        );
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: 'src/web',
  base: '/',
  // JSX through esbuild; no dev-server plugins are needed for a production build.
  esbuild: { jsx: 'automatic' },
  plugins: [precompress()],
  build: { outDir: '../../dist/web', emptyOutDir: true, target: 'es2020', sourcemap: false },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
