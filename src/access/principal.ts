// Who is asking. Every request has a principal: the public, a citizen signed in by OTP, a staff member
// (with role grants and the positions their officer holds), or an API client (with its grants).
import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/schema.ts';

export interface Grant {
  role: Role;
  /** null: every department. */
  departmentId: number | null;
  /** null: everywhere. Otherwise the place's path: the grant covers it and everything under it. */
  placePath: string | null;
}

export type Principal =
  | { kind: 'public' }
  /** The service itself: jobs, the demo loader, tests. Never the result of a request. */
  | { kind: 'system' }
  | { kind: 'citizen'; citizenId: number; phone: string }
  | {
      kind: 'staff' | 'api';
      userId: number;
      name: string;
      grants: Grant[];
      /** Positions this account's officer holds now: their grievances are theirs to act on. */
      positionIds: number[];
      /** Signed in with a password but the second factor is still owed. */
      mfaPending: boolean;
    };

export type StaffPrincipal = Extract<Principal, { kind: 'staff' | 'api' }>;

export const PUBLIC: Principal = { kind: 'public' };
export const SYSTEM: Principal = { kind: 'system' };

export async function loadStaffPrincipal(
  db: Kysely<DB>,
  userId: number,
  mfaPending: boolean,
): Promise<StaffPrincipal | null> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'kind', 'name', 'officer_id', 'active'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user?.active) return null;
  const [grants, positions] = await Promise.all([
    db
      .selectFrom('role_grants as r')
      .leftJoin('places as p', 'p.id', 'r.place_id')
      .select(['r.role', 'r.department_id as departmentId', 'p.path as placePath'])
      .where('r.user_id', '=', userId)
      .execute(),
    user.officer_id === null
      ? Promise.resolve([])
      : db
          .selectFrom('position_holders')
          .select('position_id')
          .where('officer_id', '=', user.officer_id)
          .where('ended_at', 'is', null)
          .execute(),
  ]);
  const positionIds = positions.map((p) => p.position_id);
  // Holding a position is what makes someone an officer; no separate grant is needed.
  const all: Grant[] = positionIds.length
    ? [...grants, { role: 'officer', departmentId: null, placePath: null }]
    : grants;
  return { kind: user.kind, userId: user.id, name: user.name, grants: all, positionIds, mfaPending };
}

export function hasRole(principal: Principal, ...roles: Role[]): boolean {
  return (
    (principal.kind === 'staff' || principal.kind === 'api') &&
    !principal.mfaPending &&
    principal.grants.some((g) => roles.includes(g.role))
  );
}

/**
 * The actor recorded on events and attachments for this principal. A citizen is recorded as "the
 * citizen", never by id: the same id on an anonymous grievance's events and on their named ones would
 * tell an officer who raised it. The grievance row says whose it is; the audit log records the account.
 */
export function actorOf(principal: Principal): {
  kind: 'citizen' | 'officer' | 'agent' | 'supervisor' | 'api' | 'system';
  id: number | null;
} {
  if (principal.kind === 'citizen' || principal.kind === 'public') return { kind: 'citizen', id: null };
  if (principal.kind === 'system') return { kind: 'system', id: null };
  if (principal.kind === 'api') return { kind: 'api', id: principal.userId };
  const roles = principal.grants.map((g) => g.role);
  const kind = roles.includes('supervisor') ? 'supervisor' : roles.includes('agent') ? 'agent' : 'officer';
  return { kind, id: principal.userId };
}
