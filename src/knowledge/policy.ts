// Who may read unpublished articles and who may write. Checked inside the knowledge functions, so the
// routes, the agent desk and the IVR all go through the same rules.
//
//   caller                        reads                                   writes
//   public, citizens, intake      published articles                      -
//   agent, supervisor             + drafts and withdrawn articles         -
//                                   (briefed before a launch; can say a scheme has closed)
//   nodal_officer                 + unpublished ones of their department  their department's articles, when
//                                                                         the grant covers the whole state
//   admin                         everything                              everything
//
// Articles are read statewide, so a nodal officer whose grant is limited to a district or block may
// not change them: what one district writes would be read out in every other. An article with no
// department (how the helpline works, a scheme of a department the deployment does not have) is the
// admins' alone.
import type { Grant, Principal } from '../access/principal.ts';
import { refusal } from '../errors.ts';

function grantsOf(principal: Principal): Grant[] {
  return (principal.kind === 'staff' || principal.kind === 'api') && !principal.mfaPending
    ? principal.grants
    : [];
}

/** A place path of one segment is the root of the tree: the grant covers everything. */
const statewide = (grant: Grant) => grant.placePath === null || /^\/\d+\/$/.test(grant.placePath);

/**
 * Which unpublished articles a principal may read: all of them, those of some departments, or none.
 */
export function unpublishedScope(principal: Principal): 'all' | number[] {
  if (principal.kind === 'system') return 'all';
  const departments: number[] = [];
  for (const grant of grantsOf(principal)) {
    if (['admin', 'agent', 'supervisor'].includes(grant.role)) return 'all';
    if (grant.role === 'nodal_officer') {
      if (grant.departmentId === null) return 'all';
      departments.push(grant.departmentId);
    }
  }
  return departments;
}

export function mayReadUnpublished(principal: Principal, departmentId: number | null): boolean {
  const scope = unpublishedScope(principal);
  return scope === 'all' || (departmentId !== null && scope.includes(departmentId));
}

export function mayEdit(principal: Principal, departmentId: number | null): boolean {
  if (principal.kind === 'system') return true;
  return grantsOf(principal).some(
    (grant) =>
      grant.role === 'admin' ||
      (grant.role === 'nodal_officer' &&
        statewide(grant) &&
        departmentId !== null &&
        (grant.departmentId === null || grant.departmentId === departmentId)),
  );
}

/** Whether the principal may write any article at all (for a clear refusal before looking at one). */
export function mayEditSome(principal: Principal): boolean {
  if (principal.kind === 'system') return true;
  return grantsOf(principal).some(
    (grant) => grant.role === 'admin' || (grant.role === 'nodal_officer' && statewide(grant)),
  );
}

/** Refuses, before any article is looked at, a caller who may write none at all. */
export function assertMayEditSome(principal: Principal) {
  if (!mayEditSome(principal))
    throw refusal(
      'forbidden',
      'article_not_yours',
      'changing articles needs the admin role, or a nodal officer grant for the whole state',
    );
}

export function assertMayEdit(principal: Principal, departmentId: number | null) {
  if (mayEdit(principal, departmentId)) return;
  assertMayEditSome(principal);
  throw refusal(
    'forbidden',
    'article_not_yours',
    departmentId === null
      ? 'only an admin may change articles that belong to no department'
      : `you may change only your own department's articles, not those of department ${departmentId}`,
  );
}
