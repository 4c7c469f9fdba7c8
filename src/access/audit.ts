// The audit log: who did what, when, from where and why.
//
// An entry is appended in the transaction that makes the change it records, so it commits if and only
// if the change does: nothing succeeds unaudited, and a crash cannot keep one without the other. The
// append is a plain insert with no lock, so audited requests run side by side. A background sealer
// (audit-seal.ts) then links committed entries into a hash chain, in batches, in the order it seals them,
// each seal a row of its own (the entry is never written again); from then on an edit or deletion of
// any sealed entry shows when the chain is verified.
import type { Kysely } from 'kysely';
import { escapeLike } from '../db/like.ts';
import type { DB } from '../db/schema.ts';
import { cleanText } from '../http/text.ts';

export interface AuditEntry {
  actorKind: string;
  actorId: number | null;
  ip?: string | null;
  action: string;
  entity?: string | null;
  entityId?: string | null;
  reason?: string | null;
  data?: Record<string, unknown>;
}

/** Who is acting, and from where: what every entry written on their behalf shares. */
export interface AuditWho {
  actorKind: string;
  actorId: number | null;
  ip: string | null;
}

/**
 * The row for an entry. Its text is made storable first (an unpaired surrogate or NUL becomes U+FFFD):
 * the API refuses such text at the edge, and whatever reaches the log another way must never make the
 * entry, and with it the change it records, fail to commit.
 */
export function auditRow(now: Date, entry: AuditEntry) {
  const text = (v: string | null | undefined) => (v == null ? null : cleanText(v));
  return {
    at: now,
    actor_kind: cleanText(entry.actorKind),
    actor_id: entry.actorId,
    ip: text(entry.ip),
    action: cleanText(entry.action),
    entity: text(entry.entity),
    entity_id: text(entry.entityId),
    reason: text(entry.reason),
    data: JSON.stringify(cleanDeep(entry.data ?? {})),
  };
}

function cleanDeep(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) return value.map(cleanDeep);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanText(k), cleanDeep(v)]));
  }
  return value;
}

/**
 * Appends entries. Pass the transaction that makes the change they record; a lone read of personal
 * data may pass the plain `db` (the entry is then its own one-statement transaction).
 */
export async function appendAudit(db: Kysely<DB>, now: Date, ...entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('audit_log')
    .values(entries.map((e) => auditRow(now, e)))
    .execute();
}

/**
 * The log as an auditor searches it, newest first: by who (kind, account), what (an action prefix),
 * the object (entity and its id, such as a grievance reference), when, and free text across the action,
 * the object, the reason, the address and the account's name or email. Each row names the account that
 * acted where there is one (staff and API clients), so the screen can say who without another lookup.
 */
export async function searchAudit(
  db: Kysely<DB>,
  filter: {
    q?: string;
    actorKind?: string;
    actorId?: number;
    action?: string;
    entity?: string;
    entityId?: string;
    from?: Date;
    to?: Date;
    limit: number;
    offset: number;
  },
) {
  let query = db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', (join) =>
      join.onRef('u.id', '=', 'a.actor_id').on('a.actor_kind', 'in', ['staff', 'api']),
    )
    .leftJoin('audit_seals as s', 's.entry_id', 'a.id')
    .select([
      'a.id',
      'a.at',
      'a.actor_kind as actorKind',
      'a.actor_id as actorId',
      'u.name as actorName',
      'a.ip',
      'a.action',
      'a.entity',
      'a.entity_id as entityId',
      'a.reason',
      'a.data',
      's.seq',
      's.sealed_at as sealedAt',
    ])
    .select((eb) => eb.fn.countAll<number>().over().as('total'));
  if (filter.q?.trim()) {
    const like = `%${escapeLike(filter.q.trim())}%`;
    query = query.where((eb) =>
      eb.or([
        eb('a.action', 'ilike', like),
        eb('a.entity_id', 'ilike', like),
        eb('a.reason', 'ilike', like),
        eb('a.ip', 'ilike', like),
        eb('u.name', 'ilike', like),
        eb('u.email', 'ilike', like),
      ]),
    );
  }
  if (filter.actorKind) query = query.where('a.actor_kind', '=', filter.actorKind);
  if (filter.actorId !== undefined) query = query.where('a.actor_id', '=', filter.actorId);
  if (filter.action) query = query.where('a.action', 'like', `${escapeLike(filter.action)}%`);
  if (filter.entity) query = query.where('a.entity', '=', filter.entity);
  if (filter.entityId) query = query.where('a.entity_id', '=', filter.entityId);
  if (filter.from) query = query.where('a.at', '>=', filter.from);
  if (filter.to) query = query.where('a.at', '<', filter.to);
  const rows = await query.orderBy('a.id', 'desc').limit(filter.limit).offset(filter.offset).execute();
  return { items: rows.map(({ total: _, ...r }) => r), total: rows.length ? Number(rows[0]?.total) : 0 };
}
