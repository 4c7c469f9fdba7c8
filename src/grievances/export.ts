// CSV and XLSX export of a search, streamed: the same scope as search (what the caller may not read is
// not selected) and the same identity rule (no one's identity for an anonymous grievance). It walks the
// search's own keyset pages, 1,000 rows at a time, so an export of every grievance holds one page in
// memory and its first bytes leave at once.

import type { Kysely } from 'kysely';
import type { Principal } from '../access/principal.ts';
import type { ReferenceCache } from '../cache/reference.ts';
import type { DB } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { paged, type Table } from '../http/export.ts';
import { mayExport } from './policy.ts';
import { type SearchFilter, searchGrievances } from './queries.ts';

const PAGE = 1_000;

const HEADER = [
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

type Item = Awaited<ReturnType<typeof searchGrievances>>['items'][number];

const row = (g: Item) => [
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
  // present() leaves the citizen out when the caller may not see who raised it (anonymous ones).
  g.citizen?.phone ?? '',
  g.citizen?.name ?? '',
  g.subject,
];

/**
 * The export as a table whose rows arrive page by page. The first page is read before the answer
 * starts, so a bad query is a clean 4xx rather than a cut stream; each later page is read only when the
 * client has taken the one before.
 */
export async function exportGrievances(
  db: Kysely<DB>,
  filter: Omit<SearchFilter, 'limit' | 'offset' | 'after' | 'uncounted'>,
  principal: Principal,
  now?: Date,
  cache?: ReferenceCache,
): Promise<Table> {
  if (!mayExport(principal)) throw new AppError('forbidden', 'your role may not export grievances');
  const query: SearchFilter = { ...filter, limit: PAGE, offset: 0, uncounted: true };
  const first = await searchGrievances(db, query, principal, now, cache);
  return {
    title: 'grievances',
    header: HEADER,
    batches: paged(first, (after) => searchGrievances(db, { ...query, after }, principal, now, cache), row),
  };
}
