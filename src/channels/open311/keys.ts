// Open311 clients send their key as the `api_key` field of the form they post. It is one of our own
// API keys (an integration made in the admin area, with the intake role): the same keys, revocation
// and grants as everywhere else; an `Authorization: Bearer` header works too.
import type { FastifyRequest } from 'fastify';
import { hasRole, type StaffPrincipal } from '../../access/principal.ts';
import { resolveApiKey } from '../../access/sessions.ts';
import type { Deps } from '../../deps.ts';
import { AppError, refusal } from '../../errors.ts';

export async function integrationOf(
  deps: Deps,
  request: FastifyRequest,
  apiKey: string | undefined,
): Promise<StaffPrincipal> {
  let principal = request.principal;
  if (principal.kind !== 'api') {
    if (!apiKey)
      throw refusal('forbidden', 'api_key_missing', 'api_key is required to post a service request');
    const now = deps.clock.now();
    const found = deps.access
      ? await deps.access.apiKey(deps.db, now, apiKey)
      : await resolveApiKey(deps.db, now, apiKey);
    if (!found) throw refusal('forbidden', 'api_key_invalid', 'the api_key is not valid or has been revoked');
    principal = found;
  }
  if (principal.kind !== 'api' || !hasRole(principal, 'intake'))
    throw refusal('forbidden', 'role_needed', 'this api_key is not allowed to register requests (intake)');
  return principal;
}

/** An intake grant limited to a department or a place covers requests there only. */
export function assertCovers(principal: StaffPrincipal, departmentId: number, placePath: string) {
  const covered = principal.grants.some(
    (g) =>
      g.role === 'intake' &&
      (g.departmentId === null || g.departmentId === departmentId) &&
      (g.placePath === null || placePath.startsWith(g.placePath)),
  );
  if (!covered)
    throw new AppError('forbidden', 'this api_key may not register requests for that service or place', [
      { message: 'outside the key’s department or place', code: 'key_scope_outside' },
    ]);
}
