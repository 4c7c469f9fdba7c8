// How the built web app is cached. Vite names every script and stylesheet after its content
// (assets/index-BYX9FIlU.js), so a file at such an address never changes: a browser keeps it a year and
// never asks again (immutable). index.html names those files, so it is revalidated on every visit
// (no-cache: an ETag check that answers 304 when nothing changed) and a new release is seen at once.
// The files are compressed at build time (brotli and gzip beside each one, vite.config.ts) and sent as
// the browser accepts, so a slow line carries a fifth of the bytes and the server spends no CPU on it.

const HASHED = /[/\\]assets[/\\][^/\\]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+(\.(br|gz))?$/;

export function webCacheControl(file: string): string {
  return HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

export function setWebCacheHeaders(reply: { header(name: string, value: string): unknown }, file: string) {
  reply.header('cache-control', webCacheControl(file));
}
