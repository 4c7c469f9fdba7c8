// Audit entries for things done through a request: who and from where come from the request, so
// every route records them the same way.
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../deps.ts';
import { type AuditEntry, audit } from './audit.ts';
import type { Principal } from './principal.ts';

/** The id the audit log records for a principal: the citizen's or the account's. */
export const principalId = (p: Principal) =>
  p.kind === 'citizen' ? p.citizenId : p.kind === 'staff' || p.kind === 'api' ? p.userId : null;

/** Records `entry` as done by the request's principal from its address; actor fields may be overridden
 * (a failed sign-in is recorded before there is a principal). */
export function auditRequest(
  deps: Pick<Deps, 'db' | 'clock'>,
  request: FastifyRequest,
  entry: Omit<AuditEntry, 'actorKind' | 'actorId' | 'ip'> &
    Partial<Pick<AuditEntry, 'actorKind' | 'actorId'>>,
) {
  return audit(deps.db, deps.clock.now(), {
    ...entry,
    actorKind: entry.actorKind ?? request.principal.kind,
    actorId: entry.actorId !== undefined ? entry.actorId : principalId(request.principal),
    ip: request.ip,
  });
}
