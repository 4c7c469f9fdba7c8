// The built web app as a slow phone receives it: hashed assets compressed (brotli, else gzip) and kept a
// year, the page itself revalidated on every visit. Served from a small build of our own (the app's webRoot).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../../test/databases.ts';
import { buildApp } from '../app.ts';
import { manualClock } from '../clock.ts';
import type { Database } from '../db/index.ts';
import { webCacheControl } from './web-cache.ts';

const SCRIPT = `console.log(${JSON.stringify('नमस्ते '.repeat(400))});`;

describe('serving the web app', () => {
  let database: Database;
  let app: FastifyInstance;

  beforeAll(async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'civicline-web-'));
    mkdirSync(path.join(root, 'assets'));
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>CivicLine</title>');
    const script = path.join(root, 'assets', 'index-Dz30ldQF.js');
    writeFileSync(script, SCRIPT);
    writeFileSync(`${script}.br`, brotliCompressSync(SCRIPT));
    writeFileSync(`${script}.gz`, gzipSync(SCRIPT));
    database = await (databases[0] as (typeof databases)[number]).open();
    app = await buildApp(
      { db: database.db, clock: manualClock('2026-03-02T04:30:00Z') },
      { rateLimit: false, cookieSecure: false, listen: database.listen, webRoot: root },
    );
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers });

  it('sends hashed assets as brotli, else gzip, else as they are, kept for a year', async () => {
    const br = await get('/assets/index-Dz30ldQF.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toContain('accept-encoding');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT);
    expect(br.rawPayload.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 5);

    const gz = await get('/assets/index-Dz30ldQF.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);

    const plain = await get('/assets/index-Dz30ldQF.js', { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('has the page itself revalidated on every visit, at / and at the app’s own addresses', async () => {
    const home = await get('/', { accept: 'text/html' });
    expect(home.statusCode).toBe(200);
    expect(home.headers['cache-control']).toBe('no-cache');
    const etag = home.headers.etag as string;
    expect(etag).toBeTruthy();
    expect((await get('/', { accept: 'text/html', 'if-none-match': etag })).statusCode).toBe(304);
    const track = await get('/track', { accept: 'text/html' });
    expect(track.statusCode).toBe(200);
    expect(track.headers['cache-control']).toBe('no-cache');
  });

  it('answers an address the app does not know with the app (which says "not found") and a 404', async () => {
    const lost = await get('/trak', { accept: 'text/html' });
    expect(lost.statusCode).toBe(404);
    expect(lost.headers['content-type']).toContain('text/html');
    expect(lost.body).toBe((await get('/', { accept: 'text/html' })).body);
    expect((await get('/desk/walk-in', { accept: 'text/html' })).statusCode).toBe(200);
    // An API route that does not exist is still JSON.
    const api = await get('/api/nothing-here', { accept: 'text/html' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ code: 'not_found' });
  });

  it('keeps only files named by their content', () => {
    expect(webCacheControl('/srv/dist/web/assets/hi-Vg3FcDRN.js.br')).toBe(
      'public, max-age=31536000, immutable',
    );
    expect(webCacheControl('/srv/dist/web/index.html')).toBe('no-cache');
    expect(webCacheControl('/srv/dist/web/favicon.svg')).toBe('no-cache');
  });
});
