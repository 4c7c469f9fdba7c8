// The streaming XLSX writer: the file passes a real zip reader's checks (Debian's unzip) and reads back
// cell for cell through another implementation (Python's zipfile and XML parser); it splits sheets at
// the row limit; and it holds one batch in memory however many rows pass through it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { readXlsx } from '../../test/xlsx.ts';
import { type Cell, MAX_SHEET_ROWS, xlsx } from './xlsx.ts';

async function toFile(chunks: AsyncIterable<Buffer>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(c);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'xlsx-')), 'out.xlsx');
  writeFileSync(file, Buffer.concat(parts));
  return file;
}

async function* batches(rows: Cell[][], size: number) {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

const now = new Date('2026-03-02T04:30:00Z');

describe('the streaming XLSX writer', () => {
  it('writes a workbook that reads back cell for cell, in any script, with awkward text', async () => {
    const rows: Cell[][] = [
      ['GRV-1', 'हैंडपंप खराब', 12, null, 'a < b & c > d'],
      ['GRV-2', 'Maji hayatoki', 0.5, '', '=HYPERLINK("x")'],
      ['GRV-3', 'bell\u0007 and tab\tnew\nline', -3, 'x', '  spaced  '],
    ];
    const file = await toFile(
      xlsx('Received', ['reference', 'subject', 'n', 'maybe', 'text'], batches(rows, 2), now),
    );
    // A real zip reader's own check of every entry's checksum.
    expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toContain('No errors detected');
    const book = readXlsx(file);
    expect(Object.keys(book)).toEqual(['Received']);
    expect(book.Received).toEqual([
      ['reference', 'subject', 'n', 'maybe', 'text'],
      ['GRV-1', 'हैंडपंप खराब', '12', '', 'a < b & c > d'],
      // A formula in a text cell stays text: an inline string is never calculated.
      ['GRV-2', 'Maji hayatoki', '0.5', '', '=HYPERLINK("x")'],
      ['GRV-3', 'bell and tab\tnew\nline', '-3', 'x', '  spaced  '],
    ]);
  });

  it('continues on a new sheet past the row limit, with the header again', async () => {
    const rows: Cell[][] = Array.from({ length: 7 }, (_, i) => [`R${i + 1}`, i + 1]);
    const file = await toFile(
      xlsx('A very long title that Excel would refuse: [x]', ['ref', 'n'], batches(rows, 3), now, 3),
    );
    const book = readXlsx(file);
    const names = Object.keys(book);
    expect(names).toHaveLength(3);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(31);
    expect(names[1]).toMatch(/ \(2\)$/);
    expect(Object.values(book).map((rows) => rows.map((r) => r[0]))).toEqual([
      ['ref', 'R1', 'R2', 'R3'],
      ['ref', 'R4', 'R5', 'R6'],
      ['ref', 'R7'],
    ]);
  });

  it('writes zip64 records when sizes and offsets pass 32 bits, and plain zip when they do not', async () => {
    // The zip64 path, without writing 4 GiB: everything above 200 bytes counts as "past 32 bits", so the
    // big sheet (its size and compressed size), every later entry's offset, and the central directory's
    // start all take their zip64 forms.
    const rows: Cell[][] = Array.from({ length: 500 }, (_, i) => [`GRV-${i}`, `हैंडपंप ${i}`, i]);
    const header = ['reference', 'subject', 'n'];
    const wide = await toFile(xlsx('Big', header, batches(rows, 100), now, MAX_SHEET_ROWS, 200));
    const plain = await toFile(xlsx('Big', header, batches(rows, 100), now));
    const bytes = readFileSync(wide);
    const signature = (n: number) => {
      const b = Buffer.alloc(4);
      b.writeUInt32LE(n);
      return b;
    };
    // The zip64 end record and its locator, and 0xFFFFFFFF where the plain end record's offset would be.
    expect(bytes.includes(signature(0x06064b50))).toBe(true);
    expect(bytes.includes(signature(0x07064b50))).toBe(true);
    expect(bytes.readUInt32LE(bytes.length - 6)).toBe(0xffff_ffff);
    expect(readFileSync(plain).includes(signature(0x06064b50))).toBe(false);
    for (const file of [wide, plain])
      expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toContain('No errors detected');
    // Python's zipfile takes the sizes and offsets from the zip64 fields and checks every checksum.
    const book = readXlsx(wide);
    expect(book).toEqual(readXlsx(plain));
    expect(book.Big).toHaveLength(501);
    expect(book.Big?.[500]).toEqual(['GRV-499', 'हैंडपंप 499', '499']);
    // Debian's unzip lists the same entries with the same sizes.
    const list = (file: string) =>
      execFileSync('unzip', ['-Z', '-l', file], { encoding: 'utf8' })
        .split('\n')
        .filter((l) => l.includes('.xml') || l.includes('.rels'))
        .map((l) => l.split(/\s+/).filter((w) => /^\d+$/.test(w) || /\.(xml|rels)$/.test(w)));
    expect(list(wide)).toEqual(list(plain));
  });

  it('holds one batch in memory however many rows pass through', async () => {
    // What the writer keeps, not the garbage it leaves: the heap is measured after a full collection,
    // every 40 batches while the rows stream through. (Without collecting, the heap's growth is mostly
    // garbage V8 has not yet collected: 47 and 90 MB were seen in CI's shared workers.)
    v8.setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    const batch = 1000;
    let rowsOut = 0;
    let peak = 0;
    const start = heap();
    async function* many(n: number) {
      for (let i = 0; i < n; i += batch) {
        if ((i / batch) % 40 === 39) peak = Math.max(peak, heap() - start);
        yield Array.from({ length: batch }, (_, j): Cell[] => {
          const k = i + j;
          return [
            `GRV-${k}`,
            '2026-03-02T04:30:00.000Z',
            'assigned',
            'Public Health Engineering',
            k,
            `Hand pump ${k} broken near the school`,
          ];
        });
        rowsOut += batch;
      }
    }
    let bytes = 0;
    for await (const chunk of xlsx('big', ['a', 'b', 'c', 'd', 'e', 'f'], many(200_000), now)) {
      bytes += chunk.length;
    }
    expect(rowsOut).toBe(200_000);
    // Some 25 MB of XML went through (compressed to a few); what stayed was a batch or two and the
    // compressor's window (0.5 MB). Keeping just two strings of each row holds 39 MB (checked).
    expect(bytes).toBeGreaterThan(1_000_000);
    expect(peak).toBeLessThan(8_000_000);
  }, 60_000);
});
