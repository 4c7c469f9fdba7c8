// The audit log: who did what, when, from where and why. Append-only in the database (a trigger
// refuses updates and deletes) and chained: each row's hash covers its own content and the previous
// row's hash. Someone with enough access to disable the trigger and edit or delete a row still cannot
// make the chain add up again without recomputing every later hash, and `verifyAuditChain` finds the
// first row where it stops adding up.
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { escapeLike } from '../db/like.ts';
import type { DB } from '../db/schema.ts';

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

const GENESIS = '0'.repeat(64);
// Appends take turns so each sees the hash before it; the lock is released when the transaction ends.
const AUDIT_LOCK = 74_231_182;

function rowHash(
  prev: string,
  row: {
    at: Date;
    actorKind: string;
    actorId: number | null;
    ip: string | null;
    action: string;
    entity: string | null;
    entityId: string | null;
    reason: string | null;
    data: unknown;
  },
) {
  const content = JSON.stringify([
    row.at.toISOString(),
    row.actorKind,
    row.actorId,
    row.ip,
    row.action,
    row.entity,
    row.entityId,
    row.reason,
    canonical(row.data),
  ]);
  return createHash('sha256').update(prev).update(content).digest('hex');
}

/** Writes one entry. Pass the business transaction when there is one, so the entry commits with it. */
export async function audit(db: Kysely<DB>, now: Date, entry: AuditEntry): Promise<void> {
  const write = async (trx: Kysely<DB>) => {
    await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(trx);
    const last = await trx
      .selectFrom('audit_log')
      .select('hash')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const row = {
      at: now,
      actorKind: entry.actorKind,
      actorId: entry.actorId,
      ip: entry.ip ?? null,
      action: entry.action,
      entity: entry.entity ?? null,
      entityId: entry.entityId ?? null,
      reason: entry.reason ?? null,
      data: entry.data ?? {},
    };
    const prev = last?.hash ?? GENESIS;
    await trx
      .insertInto('audit_log')
      .values({
        at: row.at,
        actor_kind: row.actorKind,
        actor_id: row.actorId,
        ip: row.ip,
        action: row.action,
        entity: row.entity,
        entity_id: row.entityId,
        reason: row.reason,
        data: JSON.stringify(row.data),
        prev_hash: prev,
        hash: rowHash(prev, row),
      })
      .execute();
  };
  if (db.isTransaction) await write(db);
  else await db.transaction().execute(write);
}

export interface ChainReport {
  ok: boolean;
  rows: number;
  /** The first row whose hash or link does not add up, and why. */
  brokenAt?: { id: number; problem: string };
}

/** Recomputes the whole chain in id order. */
export async function verifyAuditChain(db: Kysely<DB>): Promise<ChainReport> {
  let prev = GENESIS;
  let rows = 0;
  let lastId = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(5000)
      .execute();
    for (const r of page) {
      if (r.prev_hash !== prev) {
        return {
          ok: false,
          rows,
          brokenAt: {
            id: r.id,
            problem: 'its link to the previous row is broken (a row before it was deleted or changed)',
          },
        };
      }
      const expected = rowHash(prev, {
        at: r.at,
        actorKind: r.actor_kind,
        actorId: r.actor_id,
        ip: r.ip,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        reason: r.reason,
        data: r.data,
      });
      if (expected !== r.hash)
        return {
          ok: false,
          rows,
          brokenAt: { id: r.id, problem: 'its content does not match its hash (the row was edited)' },
        };
      prev = r.hash;
      lastId = r.id;
      rows++;
    }
    if (page.length < 5000) return { ok: true, rows };
  }
}

export async function searchAudit(
  db: Kysely<DB>,
  filter: {
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
    .selectFrom('audit_log')
    .select([
      'id',
      'at',
      'actor_kind as actorKind',
      'actor_id as actorId',
      'ip',
      'action',
      'entity',
      'entity_id as entityId',
      'reason',
      'data',
    ])
    .select((eb) => eb.fn.countAll<number>().over().as('total'));
  if (filter.actorKind) query = query.where('actor_kind', '=', filter.actorKind);
  if (filter.actorId !== undefined) query = query.where('actor_id', '=', filter.actorId);
  if (filter.action) query = query.where('action', 'like', `${escapeLike(filter.action)}%`);
  if (filter.entity) query = query.where('entity', '=', filter.entity);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  if (filter.from) query = query.where('at', '>=', filter.from);
  if (filter.to) query = query.where('at', '<', filter.to);
  const rows = await query.orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute();
  return { items: rows.map(({ total: _, ...r }) => r), total: rows.length ? Number(rows[0]?.total) : 0 };
}

/** JSON with object keys sorted, so a jsonb round trip (which reorders keys) hashes the same. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}
