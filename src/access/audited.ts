// Audit entries for what is done through a request. A change commits together with its entry: either
// the route runs its work through `audited` (one transaction: the work, then the entry), or it hands
// `auditWho(request)` to a domain function that writes the entry in its own transaction (registering a
// grievance, acting on one). A read of personal data is recorded with `auditRead`.
//
// The safety net in plugin.ts reports any successful change whose route did neither; the permission
// matrix test fails on it.
import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Deps } from '../deps.ts';
import { type AuditEntry, type AuditWho, appendAudit } from './audit.ts';
import { appendReadAudit } from './audit-reads.ts';
import type { Principal } from './principal.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The route recorded (or handed over the recording of) what it changed. */
    auditHandled: boolean;
  }
}

/** The id the audit log records for a principal: the citizen's or the account's. */
export const principalId = (p: Principal) =>
  p.kind === 'citizen' ? p.citizenId : p.kind === 'staff' || p.kind === 'api' ? p.userId : null;

/** Who is acting and from where, for a domain function that writes the entry in its own transaction. */
export function auditWho(request: FastifyRequest): AuditWho {
  request.auditHandled = true;
  return { actorKind: request.principal.kind, actorId: principalId(request.principal), ip: request.ip };
}

type Described = Partial<Omit<AuditEntry, 'ip'>>;

/**
 * Runs `work` in a transaction and appends the request's audit entry to it before it commits. The entry
 * says by default what the route and its address say (`POST /api/places/:id`, the id, a note or reason in
 * the body); `describe` adds to it, from the result when it needs to (a new record's id).
 */
export async function audited<T>(
  deps: Pick<Deps, 'db' | 'clock' | 'access'>,
  request: FastifyRequest,
  work: (trx: Transaction<DB>) => Promise<T>,
  describe?: Described | ((result: T) => Described),
): Promise<T> {
  const result = await inTransaction(deps.db, async (trx) => {
    const value = await work(trx);
    const extra = typeof describe === 'function' ? describe(value) : (describe ?? {});
    await appendAudit(trx, deps.clock.now(), { ...defaultEntry(request), ...stripUndefined(extra) });
    return value;
  });
  request.auditHandled = true;
  // Every node drops its cached principals when accounts, grants, keys or postings change; this node
  // does so at once, so the caller's very next request already sees the change.
  deps.access?.clear();
  return result;
}

/**
 * Records a read of personal data (or another read worth recording) by the request's principal. The
 * entry is in the log before the answer goes; its flush to disk is asynchronous (audit-reads.ts).
 */
export async function auditRead(
  deps: Pick<Deps, 'db' | 'clock'>,
  request: FastifyRequest,
  entry: Omit<AuditEntry, 'actorKind' | 'actorId' | 'ip'> &
    Partial<Pick<AuditEntry, 'actorKind' | 'actorId'>>,
) {
  const who = auditWho(request);
  await appendReadAudit(deps.db, deps.clock.now(), { ...who, ...stripUndefined(entry) } as AuditEntry);
}

/** The entry a change through `request` gets when the route says nothing more. */
export function defaultEntry(request: FastifyRequest): AuditEntry {
  const route = request.routeOptions.url ?? '';
  const params = (request.params ?? {}) as Record<string, string | number>;
  const body = (request.body ?? {}) as Record<string, unknown>;
  return {
    actorKind: request.principal.kind,
    actorId: principalId(request.principal),
    ip: request.ip,
    action: `${request.method} ${route}`,
    entity: route.split('/')[2] ?? null,
    entityId: String(params.reference ?? params.id ?? '') || null,
    reason: typeof body.note === 'string' ? body.note : typeof body.reason === 'string' ? body.reason : null,
    data: {
      ...(typeof body.type === 'string' ? { type: body.type } : {}),
      // A bulk action names its grievances in the body rather than the address.
      ...(Array.isArray(body.references) ? { references: body.references } : {}),
    },
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
