// CSV and XLSX export of a search: the same scope as search (what the caller may not read is not selected) and
// the same identity rule (no one's identity for an anonymous grievance).
import type { Kysely } from 'kysely';
import type { Principal } from '../access/principal.ts';
import type { DB } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { mayExport } from './policy.ts';
import { type SearchFilter, searchGrievances } from './queries.ts';

const MAX_ROWS = 10_000;

export async function exportGrievances(
  db: Kysely<DB>,
  filter: Omit<SearchFilter, 'limit' | 'offset'>,
  principal: Principal,
  now?: Date,
) {
  if (!mayExport(principal)) throw new AppError('forbidden', 'your role may not export grievances');
  const { items } = await searchGrievances(db, { ...filter, limit: MAX_ROWS, offset: 0 }, principal, now);
  const header = [
    'reference',
    'status',
    'channel',
    'created_at',
    'department',
    'category',
    'place',
    'level',
    'due_at',
    'closed_at',
    'anonymous',
    'citizen_phone',
    'citizen_name',
    'subject',
  ];
  const rows = items.map((g) => [
    g.reference,
    g.status,
    g.channel,
    g.createdAt.toISOString(),
    g.department.code,
    g.category.code,
    g.place.code,
    g.level ?? '',
    g.dueAt?.toISOString() ?? '',
    g.closedAt?.toISOString() ?? '',
    g.anonymous ? 'yes' : 'no',
    g.citizen?.phone ?? '',
    g.citizen?.name ?? '',
    g.subject,
  ]);
  const lines = rows.map((cells) => cells.map(csvField).join(','));
  return { header, rows, csv: `${[header.join(','), ...lines].join('\r\n')}\r\n`, count: items.length };
}

/** Quotes a field, and defuses text a spreadsheet would run as a formula (=, +, -, @ at the start). */
function csvField(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
