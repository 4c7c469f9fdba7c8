// The authenticator's QR code: the SVG drawn for a short otpauth:// URI is read back here by a small,
// independent QR reader (version 1, byte mode: the function patterns, the zigzag data order and the
// eight masks written out from the standard), and the one the enrolment API sends is the URI's matrix
// with its finder patterns and quiet zone.
import { encode } from 'uqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { cookieOf } from '../../test/principals.ts';
import type { Database } from '../db/index.ts';
import { otpauthQrSvg } from './totp-qr.ts';
import { createStaffUser } from './users.ts';

const QUIET = 4;

/** The dark modules an SVG of ours draws, as a matrix, without the quiet zone. */
function matrixOf(svg: string): boolean[][] {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  expect(size).toBeGreaterThan(2 * QUIET);
  const m = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const [, x, y] of svg.matchAll(/M(\d+),(\d+)h1v1h-1z/g)) {
    const row = m[Number(y)];
    if (!row) throw new Error(`module at row ${y} is outside the ${size}-module symbol`);
    row[Number(x)] = true;
  }
  return m.slice(QUIET, size - QUIET).map((row) => row.slice(QUIET, size - QUIET));
}

/** A finder pattern: a 7x7 dark ring, a light ring, a 3x3 dark centre, with (row, col) its top left. */
function isFinder(m: boolean[][], row: number, col: number) {
  for (let r = 0; r < 7; r++)
    for (let c = 0; c < 7; c++) {
      const ring = Math.max(Math.abs(r - 3), Math.abs(c - 3));
      if (m[row + r]?.[col + c] !== (ring !== 2)) return false;
    }
  return true;
}

const MASKS: ((row: number, col: number) => boolean)[] = [
  (i, j) => (i + j) % 2 === 0,
  (i) => i % 2 === 0,
  (_, j) => j % 3 === 0,
  (i, j) => (i + j) % 3 === 0,
  (i, j) => (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0,
  (i, j) => ((i * j) % 2) + ((i * j) % 3) === 0,
  (i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2 === 0,
  (i, j) => (((i + j) % 2) + ((i * j) % 3)) % 2 === 0,
];

/** Reads a version 1 symbol in byte mode under each mask; returns the texts that decode cleanly. */
function readVersion1(m: boolean[][]): string[] {
  const size = m.length;
  expect(size).toBe(21);
  // Finder patterns with their separators and format areas, and the timing row and column.
  const fixed = (i: number, j: number) =>
    (i < 9 && j < 9) || (i < 9 && j >= size - 8) || (i >= size - 8 && j < 9) || i === 6 || j === 6;
  const texts: string[] = [];
  for (const mask of MASKS) {
    const bits: number[] = [];
    let upward = true;
    for (let right = size - 1; right >= 1; right -= 2) {
      if (right === 6) right = 5;
      for (let step = 0; step < size; step++) {
        const i = upward ? size - 1 - step : step;
        for (const j of [right, right - 1]) {
          if (!fixed(i, j)) bits.push(Number(m[i]?.[j]) ^ Number(mask(i, j)));
        }
      }
      upward = !upward;
    }
    const read = (from: number, n: number) => bits.slice(from, from + n).reduce((v, b) => v * 2 + b, 0);
    if (read(0, 4) !== 0b0100) continue; // byte mode
    const length = read(4, 8);
    if (length === 0 || 12 + length * 8 > bits.length) continue;
    const bytes = Array.from({ length }, (_, k) => read(12 + k * 8, 8));
    texts.push(Buffer.from(bytes).toString('utf8'));
  }
  return texts;
}

describe('the QR code of an authenticator key', () => {
  it('reads back as the URI it was drawn for', () => {
    const uri = 'otpauth://t/a';
    const m = matrixOf(otpauthQrSvg(uri));
    expect([isFinder(m, 0, 0), isFinder(m, 0, 14), isFinder(m, 14, 0)]).toEqual([true, true, true]);
    expect(readVersion1(m)).toContain(uri);
    // And not as something else: one changed byte reads back changed.
    expect(readVersion1(matrixOf(otpauthQrSvg('otpauth://t/b')))).not.toContain(uri);
  });
});

describe.each(databases)('authenticator enrolment on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
  });
  afterAll(async () => {
    await api?.raw.close();
    await database?.close();
  });

  it('sends the otpauth:// URI as a QR code beside the key', async () => {
    const email = 'qr.admin@example.gov.in';
    const password = 'correct horse battery staple';
    await createStaffUser(database.db, api.clock, {
      email,
      name: 'QR Admin',
      password,
      grants: [{ role: 'admin' }],
    });
    const signIn = await api.raw.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email, password },
    });
    const headers = { cookie: cookieOf(signIn), 'x-csrf-token': signIn.json().csrfToken };
    const enrol = (await api.raw.inject({ method: 'POST', url: '/api/auth/totp/enrol', headers })).json();
    expect(enrol.uri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    expect(enrol.uri).toContain(enrol.secret);
    expect(enrol.qrSvg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+">/);
    expect(enrol.qrSvg).not.toMatch(/<script|on\w+=/i);
    const m = matrixOf(enrol.qrSvg);
    const size = m.length;
    expect((size - 17) % 4).toBe(0); // 17 + 4 x version
    expect([isFinder(m, 0, 0), isFinder(m, 0, size - 7), isFinder(m, size - 7, 0)]).toEqual([
      true,
      true,
      true,
    ]);
    expect(m).toEqual(encode(enrol.uri, { ecc: 'M', border: 0 }).data);
  });
});
