// Any list or report as CSV or XLSX, streamed: a table is a header and rows that arrive a page at a
// time, and each format turns them into bytes as they come, so an export of a million rows starts at
// once and holds one page in memory.
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { type Cell, xlsx } from './xlsx.ts';

export const FORMATS = ['csv', 'xlsx'] as const;
export type Format = (typeof FORMATS)[number];

export interface Table {
  /** The sheet's name and the file's. */
  title: string;
  header: string[];
  batches: AsyncIterable<Cell[][]>;
}

/** A CSV field: quoted when it must be, and text a spreadsheet would run as a formula defused. */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

async function* csv(table: Table): AsyncGenerator<string> {
  // The byte-order mark makes spreadsheets read the file as UTF-8 (Hindi names survive).
  yield `\uFEFF${table.header.map(csvField).join(',')}\r\n`;
  for await (const batch of table.batches) {
    let text = '';
    for (const cells of batch) text += `${cells.map(csvField).join(',')}\r\n`;
    if (text) yield text;
  }
}

export function render(format: Format, table: Table, now: Date): AsyncIterable<string | Buffer> {
  return format === 'csv' ? csv(table) : xlsx(table.title, table.header, table.batches, now);
}

const TYPES: Record<Format, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Sends a table as a download; the stream pulls the next page only when the client has taken the last. */
export function sendTable(reply: FastifyReply, format: Format, table: Table, now: Date) {
  const file = `${table.title.replace(/[^\w.-]+/g, '-')}.${format}`;
  reply.header('content-type', TYPES[format]);
  reply.header('content-disposition', `attachment; filename="${file}"`);
  return reply.send(Readable.from(render(format, table, now)));
}

/** Rows in pages from a keyset-paged reader: `page(after)` gives the rows and the next marker. */
export async function* paged<T>(
  first: { items: T[]; next: string | null },
  page: (after: string) => Promise<{ items: T[]; next: string | null }>,
  row: (item: T) => Cell[],
): AsyncGenerator<Cell[][]> {
  let current = first;
  for (;;) {
    yield current.items.map(row);
    if (!current.next) return;
    current = await page(current.next);
  }
}
