// Service requests as the public sees them through GeoReport v2: the requests city apps filed here
// (channel 'open311'), and only those not filed anonymously, with what a city app needs to follow them
// and nothing that says who raised them. What a city app filed, it (and anyone) can follow, as
// FixMyStreet-style clients expect.
//
// Grievances from every other channel are simply not here (a 404 for one, absent from a list). The
// rest of the product holds that a reference alone reveals nothing (src/web/citizen/Track.tsx,
// src/channels/sms/inbound.ts) and suppresses small counts on the public page; a public list of every
// grievance, with category, department, village, status and the time to the second, would undo both:
// an anonymous "bribe asked" from a small village at its exact time can name who made it, and the list
// would hand out every reference. Anonymous Open311 requests are left out for the same reason.
//
// What is left out of the requests shown, and why:
// - names, phone numbers, email addresses, the citizen's id: never read here at all;
// - the description and subject: free text, often with a name, house or neighbour in it. The city app
//   that posted a request has its own copy; the public has no need of it;
// - the point the citizen gave: it is often their doorstep. A request is shown at its place's
//   representative point (the village or ward it was placed in), and only when the citizen gave a
//   point at all; the address is the place's name and its parents', never the address typed;
// - media_url: the link the city app posted with the request (it is public where that app keeps it),
//   never our own attachments, which need signing in.
//
// The times (requested_datetime, updated_datetime) stay to the second, as the specification has them:
// a request shown here was filed openly, through a city app that already publishes it with its own
// time, so the exact time adds little, and clients use it to order and sync requests.
import { type Kysely, sql } from 'kysely';
import type { DB, Status } from '../../db/schema.ts';
import { invalid } from '../../errors.ts';
import { normalizeReference } from '../../grievances/index.ts';
import { statusNote } from './catalogue.ts';
import type { Open311Language } from './config.ts';
import { text } from './form.ts';
import { localName } from './services.ts';
import { parseTime, w3cTime } from './time.ts';

export const OPEN: Status[] = ['registered', 'assigned', 'in_progress', 'awaiting_info'];
export const CLOSED: Status[] = ['resolved', 'closed', 'rejected'];
/** The specification's ceiling on one answer, and on the span of dates one search covers. */
export const MAX_REQUESTS = 1000;
export const MAX_DAYS = 90;

export interface RequestFilter {
  /** References (service_request_id); when given, nothing else filters. */
  references?: string[];
  serviceCodes?: string[];
  statuses?: Status[];
  from?: Date;
  to?: Date;
}

export async function findRequests(
  db: Kysely<DB>,
  filter: RequestFilter,
  language: Open311Language,
  timeZone: string,
) {
  let query = db
    .selectFrom('grievances as g')
    .innerJoin('categories as c', 'c.id', 'g.category_id')
    .innerJoin('departments as d', 'd.id', 'g.department_id')
    .innerJoin('places as p', 'p.id', 'g.place_id')
    .select([
      'g.reference',
      'g.status',
      'g.created_at as createdAt',
      'g.updated_at as updatedAt',
      'g.due_at as dueAt',
      'c.code as serviceCode',
      'c.name as serviceName',
      'd.name as department',
      'p.code as placeCode',
      'p.path as placePath',
      'p.latitude as placeLatitude',
      'p.longitude as placeLongitude',
    ])
    .select([
      sql<boolean>`g.latitude is not null`.as('pointed'),
      sql<string | null>`g.details->>'media_url'`.as('mediaUrl'),
    ])
    .where('c.kind', '!=', 'information')
    // Served by grievances_open311_public (migration 0132), a partial index of just these rows.
    .where('g.channel', '=', 'open311')
    .where('g.anonymous', '=', false);
  if (filter.references) {
    const references = filter.references.map(normalizeReference).filter((r): r is string => r !== null);
    if (!references.length) return [];
    query = query.where('g.reference', 'in', references);
  } else {
    if (filter.serviceCodes?.length) query = query.where('c.code', 'in', filter.serviceCodes);
    if (filter.statuses?.length) query = query.where('g.status', 'in', filter.statuses);
    if (filter.from) query = query.where('g.created_at', '>=', filter.from);
    if (filter.to) query = query.where('g.created_at', '<=', filter.to);
  }
  const rows = await query
    .orderBy('g.created_at', 'desc')
    .orderBy('g.id', 'desc')
    .limit(MAX_REQUESTS)
    .execute();
  const names = await placeNames(
    db,
    rows.map((r) => r.placePath),
  );
  return rows.map((row) => {
    const open = OPEN.includes(row.status);
    const shownAt = row.pointed && row.placeLatitude !== null && row.placeLongitude !== null;
    return {
      service_request_id: row.reference,
      status: open ? 'open' : 'closed',
      status_notes: statusNote(language, row.status),
      service_name: localName(row.serviceName, language),
      service_code: row.serviceCode,
      agency_responsible: localName(row.department, language),
      service_notice: null,
      requested_datetime: w3cTime(row.createdAt, timeZone),
      updated_datetime: w3cTime(row.updatedAt, timeZone),
      expected_datetime: open && row.dueAt ? w3cTime(row.dueAt, timeZone) : null,
      address: addressOf(row.placePath, names, language),
      address_id: row.placeCode,
      ...(shownAt ? { lat: Number(row.placeLatitude), long: Number(row.placeLongitude) } : {}),
      media_url: row.mediaUrl,
    };
  });
}

/** The names of every place on these paths, by id, in one read. */
async function placeNames(db: Kysely<DB>, paths: string[]) {
  const ids = [...new Set(paths.flatMap(idsOf))];
  if (!ids.length) return new Map<number, Record<string, string>>();
  const rows = await db.selectFrom('places').select(['id', 'name', 'depth']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}

const idsOf = (path: string) => path.split('/').filter(Boolean).map(Number);

/** "Kachnariya, Biaora, Rajgarh, North Division": the place, then its parents, without the root. */
function addressOf(path: string, names: Map<number, Record<string, string>>, language: Open311Language) {
  const ids = idsOf(path);
  const shown = ids.length > 1 ? ids.slice(1) : ids;
  return shown
    .reverse()
    .map((id) => localName(names.get(id) ?? {}, language))
    .filter(Boolean)
    .join(', ');
}

/** The search a list request asks for, checked against the specification's limits. */
export function filterOf(query: Record<string, unknown>, now: Date): RequestFilter {
  const list = (key: string) =>
    text(query, key)
      ?.split(',')
      .map((v) => v.trim())
      .filter(Boolean);
  const references = list('service_request_id');
  if (references) {
    if (references.length > MAX_REQUESTS)
      throw invalid('service_request_id', `at most ${MAX_REQUESTS} at once`, 'too_many');
    return { references };
  }
  const statuses: Status[] = [];
  for (const status of list('status') ?? []) {
    if (status === 'open') statuses.push(...OPEN);
    else if (status === 'closed') statuses.push(...CLOSED);
    else throw invalid('status', 'must be open, closed or both', 'not_allowed_value');
  }
  const time = (key: string) => {
    const given = text(query, key);
    if (!given) return null;
    const at = parseTime(given);
    if (!at)
      throw invalid(key, 'must be an ISO 8601 date or time (2026-03-02T10:00:00+05:30)', 'date_invalid');
    return at;
  };
  const day = 86_400_000;
  const start = time('start_date');
  const end =
    time('end_date') ?? (start ? new Date(Math.min(start.getTime() + MAX_DAYS * day, now.getTime())) : now);
  const from = start ?? new Date(end.getTime() - MAX_DAYS * day);
  if (from > end) throw invalid('end_date', 'must not be before start_date', 'date_invalid');
  if (end.getTime() - from.getTime() > MAX_DAYS * day)
    throw invalid('end_date', `the dates may span at most ${MAX_DAYS} days`, 'date_range_too_long');
  return { serviceCodes: list('service_code'), statuses, from, to: end };
}
