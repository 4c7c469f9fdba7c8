// Who may see which grievances and do what to them. Checked inside the grievance functions, so every
// route, export and job that reads or changes a grievance goes through the same rules.
//
//   role           sees                                          may
//   citizen        their own grievances (public history only)    provide info, confirm (close), reopen, withdraw, comment
//   officer        grievances at positions they hold             start, request info, resolve, reject, transfer, note
//   nodal_officer  their department, in their place              + assign, escalate, de-escalate (bulk work on the queue)
//   supervisor     everything in their scope                     assign, transfer, escalate, de-escalate, reject, note, on a caller's behalf
//   agent          everything in their scope                     note, and on a caller's behalf: provide info, reopen, withdraw, confirm
//   monitor        everything in their place, all departments    read only
//   auditor        everything in scope                           read only
//   admin          everything in scope                           read only (admins run the configuration, not cases)
// A grant's scope is its department (or all) and its place with everything under it (or everywhere).
// Nobody but a supervisor, by an audited reveal, sees who raised an anonymous grievance.
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Grant, Principal } from '../access/principal.ts';
import type { DB, Role, Status } from '../db/schema.ts';
import { type ActionType, TRANSITIONS } from './lifecycle.ts';

const READERS: Role[] = ['admin', 'auditor', 'supervisor', 'agent', 'nodal_officer', 'monitor'];

const ACTIONS: Partial<Record<Role | 'citizen', ActionType[]>> = {
  citizen: ['provide_info', 'close', 'reopen', 'withdraw', 'note'],
  officer: ['start', 'request_info', 'resolve', 'reject', 'transfer', 'note'],
  nodal_officer: [
    'assign',
    'start',
    'request_info',
    'resolve',
    'reject',
    'transfer',
    'escalate',
    'deescalate',
    'note',
  ],
  supervisor: [
    'assign',
    'transfer',
    'escalate',
    'deescalate',
    'reject',
    'note',
    'provide_info',
    'reopen',
    'withdraw',
    'close',
  ],
  agent: ['note', 'provide_info', 'reopen', 'withdraw', 'close'],
};

/** What the policy needs to know about one grievance. */
export interface ScopedGrievance {
  departmentId: number;
  placePath: string;
  positionId: number | null;
  citizenId: number | null;
}

function grantCovers(grant: Grant, g: ScopedGrievance) {
  return (
    (grant.departmentId === null || grant.departmentId === g.departmentId) &&
    (grant.placePath === null || g.placePath.startsWith(grant.placePath))
  );
}

function staffGrants(principal: Principal): Grant[] {
  return principal.kind === 'staff' || principal.kind === 'api'
    ? principal.mfaPending
      ? []
      : principal.grants
    : [];
}

export function canRead(principal: Principal, g: ScopedGrievance): boolean {
  if (principal.kind === 'system') return true;
  if (principal.kind === 'citizen') return g.citizenId === principal.citizenId;
  if (principal.kind === 'public') return false;
  if (principal.mfaPending) return false;
  if (g.positionId !== null && principal.positionIds.includes(g.positionId)) return true;
  return staffGrants(principal).some((grant) => READERS.includes(grant.role) && grantCovers(grant, g));
}

/** Whether one of the principal's reading grants covers every department everywhere. */
export const readsEverywhere = (principal: Principal) =>
  principal.kind === 'system' ||
  staffGrants(principal).some(
    (grant) => READERS.includes(grant.role) && grant.departmentId === null && grant.placePath === null,
  );

export function canAct(principal: Principal, g: ScopedGrievance, action: ActionType): boolean {
  if (principal.kind === 'system') return true;
  if (principal.kind === 'citizen')
    return g.citizenId === principal.citizenId && (ACTIONS.citizen ?? []).includes(action);
  if (principal.kind === 'public' || principal.mfaPending) return false;
  if (
    g.positionId !== null &&
    principal.positionIds.includes(g.positionId) &&
    (ACTIONS.officer ?? []).includes(action)
  )
    return true;
  // An officer acts through the positions they hold (above), never through their role: holding a
  // position gives the officer role everywhere (for route access), which must not reach other positions'
  // grievances they happen to be able to read, say as the district's monitor.
  return staffGrants(principal).some(
    (grant) =>
      grant.role !== 'officer' && (ACTIONS[grant.role] ?? []).includes(action) && grantCovers(grant, g),
  );
}

/** Where a grievance stands, beside its scope: what decides which actions are open on it now. */
export interface ActionableGrievance extends ScopedGrievance {
  status: Status;
  level: number | null;
  /** The highest level on its routing chain; null when it is off any chain (placed by hand, unrouted). */
  chainTop: number | null;
}

/**
 * The actions this principal may take on this grievance as it stands: those its status allows, their
 * role allows, and its place on the routing chain allows (nothing to send down from L1, nothing to
 * escalate to above the top). The screens offer exactly these; the lifecycle checks them again.
 */
export function allowedActions(principal: Principal, g: ActionableGrievance): ActionType[] {
  return (Object.keys(TRANSITIONS) as ActionType[]).filter((action) => {
    if (!TRANSITIONS[action].from.includes(g.status)) return false;
    if (action === 'escalate' && (g.chainTop === null || g.level === null || g.level >= g.chainTop))
      return false;
    if (action === 'deescalate' && (g.chainTop === null || g.level === null || g.level <= 1)) return false;
    return canAct(principal, g, action);
  });
}

/** Only the full record for those who work on cases; the public history for the citizen. */
export const seesInternalHistory = (principal: Principal) =>
  principal.kind !== 'citizen' && principal.kind !== 'public';

/** Whether a reader sees who raised a grievance: never for an anonymous one. */
export const seesIdentity = (principal: Principal, g: { anonymous: boolean }) =>
  !g.anonymous && principal.kind !== 'public';

/** Who may register a grievance, and whether they may name the citizen it is for. */
export function mayRegister(
  principal: Principal,
  namesCitizen: boolean,
): 'yes' | 'verify-phone-first' | 'no' {
  if (principal.kind === 'system' || principal.kind === 'citizen') return 'yes';
  if (principal.kind === 'public') return namesCitizen ? 'verify-phone-first' : 'yes';
  return staffGrants(principal).some((g) => ['agent', 'supervisor', 'intake'].includes(g.role))
    ? 'yes'
    : 'no';
}

export const mayReveal = (principal: Principal, g: ScopedGrievance) =>
  principal.kind === 'staff' &&
  !principal.mfaPending &&
  principal.grants.some((grant) => grant.role === 'supervisor' && grantCovers(grant, g));

/** May export lists of grievances (an export is a bulk read of personal data, and audited). */
export const mayExport = (principal: Principal) =>
  staffGrants(principal).some((g) =>
    ['admin', 'auditor', 'supervisor', 'nodal_officer', 'monitor'].includes(g.role),
  );

/**
 * The same rule as `canRead`, as SQL over `grievances as g` joined to `places as pl`, for search,
 * exports and counts: what a principal may not read is never selected, so it cannot leak through a
 * total or a page.
 */
export function readableBy(principal: Principal) {
  return (
    eb: ExpressionBuilder<DB & { g: DB['grievances']; pl: DB['places'] }, 'g' | 'pl'>,
  ): Expression<SqlBool> => {
    if (principal.kind === 'system') return eb.lit(true);
    if (principal.kind === 'citizen') return eb('g.citizen_id', '=', principal.citizenId);
    if (principal.kind === 'public' || principal.mfaPending) return eb.lit(false);
    const conditions: Expression<SqlBool>[] = [];
    if (principal.positionIds.length) conditions.push(eb('g.position_id', 'in', principal.positionIds));
    for (const grant of staffGrants(principal)) {
      if (!READERS.includes(grant.role)) continue;
      const parts: Expression<SqlBool>[] = [];
      if (grant.departmentId !== null) parts.push(eb('g.department_id', '=', grant.departmentId));
      // The place is written into the statement, not sent as a parameter: PostgreSQL reuses one plan
      // for a prepared statement, and for `path like $1` that plan guesses one place whatever the
      // grant (at ten million grievances a district monitor's oldest open cases took 26 s on it, 0.3 ms
      // planned for the district). A path is digits and separators from our own places table, and
      // there are as many such statements as places granted.
      if (grant.placePath !== null) parts.push(eb('pl.path', 'like', sql.lit(`${grant.placePath}%`)));
      conditions.push(parts.length ? eb.and(parts) : eb.lit(true));
    }
    return conditions.length ? eb.or(conditions) : eb.lit(false);
  };
}
