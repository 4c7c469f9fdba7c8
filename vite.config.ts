// The web app: one React app with an area per role, built into dist/web and served by the API server.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/web',
  base: '/',
  // JSX through esbuild; no dev-server plugins are needed for a production build.
  esbuild: { jsx: 'automatic' },
  build: { outDir: '../../dist/web', emptyOutDir: true, target: 'es2020', sourcemap: false },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
