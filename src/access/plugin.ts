// Every request gets a principal (from a bearer API key, a session cookie, or none), and every /api
// route declares who may call it in `config.access`. A route without a declaration fails the app at
// start, so nothing is reachable by accident. Cookie sessions must echo their CSRF token on every
// request that changes something; API keys are not sent by browsers and need not.
import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { refusal } from '../errors.ts';
import { hasRole, type Principal, PUBLIC } from './principal.ts';
import { sameText } from './secrets.ts';
import { resolveApiKey, resolveSession, SESSION_COOKIE } from './sessions.ts';

/**
 * public     anyone
 * signed-in  a citizen or staff member who has completed sign-in (finer rules apply inside)
 * mfa        a staff session that still owes its second factor (enrolment and code entry)
 * Role[]     staff or API clients holding one of these roles
 */
export type Access = 'public' | 'signed-in' | 'mfa' | Role[];

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
    sessionToken: string | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** The route records its own audit entries where they happen (sign-in and sign-out: see access/routes.ts). */
    auditedElsewhere?: boolean;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function installAccess(app: FastifyInstance, deps: Deps) {
  app.decorateRequest('principal', null as never);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('auditHandled', false);

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && !route.config?.access) {
      throw new Error(`${route.method} ${route.url} declares no access rule (config.access)`);
    }
  });

  app.addHook('onRequest', async (request) => {
    request.principal = PUBLIC;
    const credentials = await resolveCredentials(deps, request);
    if (credentials.kind === 'api-key') {
      if (!credentials.principal)
        throw refusal('unauthenticated', 'api_key_invalid', 'the API key is not valid or has been revoked');
      request.principal = credentials.principal;
    } else if (credentials.kind === 'session') {
      const { token, session } = credentials;
      if (session) {
        if (
          UNSAFE.has(request.method) &&
          !sameText(String(request.headers['x-csrf-token'] ?? ''), session.csrfToken)
        ) {
          throw refusal(
            'forbidden',
            'csrf',
            'missing or wrong X-CSRF-Token header; reload the page and try again',
          );
        }
        request.principal = session.principal;
        request.sessionToken = token;
        request.csrfToken = session.csrfToken;
      }
    }
    const access = request.routeOptions.config?.access;
    if (access) checkAccess(request, access);
  });

  // Every change made through the API is recorded in the transaction that makes it (audited.ts). This is
  // the safety net: a successful change whose route neither ran it through `audited` nor handed the
  // entry to the domain is a bug, reported loudly (the permission matrix test fails on it).
  app.addHook('onSend', async (request, reply, payload) => {
    const route = request.routeOptions.url ?? '';
    if (
      UNSAFE.has(request.method) &&
      reply.statusCode < 400 &&
      route.startsWith('/api/') &&
      !request.auditHandled &&
      !request.routeOptions.config?.auditedElsewhere
    ) {
      request.log.error({ route, method: request.method }, 'a change succeeded without an audit entry');
    }
    return payload;
  });
}

/** Who the request's credentials name now: its API key, else its session cookie, else nobody. */
async function resolveCredentials(deps: Deps, request: FastifyRequest) {
  const now = deps.clock.now();
  const bearer = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (bearer) {
    const principal = deps.access
      ? await deps.access.apiKey(deps.db, now, bearer)
      : await resolveApiKey(deps.db, now, bearer);
    return { kind: 'api-key' as const, principal };
  }
  const token = request.cookies[SESSION_COOKIE];
  if (token) {
    const session = deps.access
      ? await deps.access.session(deps.db, now, token)
      : await resolveSession(deps.db, now, token);
    return { kind: 'session' as const, token, session };
  }
  return { kind: 'none' as const };
}

/**
 * The request's principal as it stands now, for a long-lived request (the live feed) to re-check: null
 * once the key is revoked, the session has ended or expired, or the account is deactivated.
 */
export async function currentPrincipal(deps: Deps, request: FastifyRequest): Promise<Principal | null> {
  const credentials = await resolveCredentials(deps, request);
  if (credentials.kind === 'api-key') return credentials.principal;
  if (credentials.kind === 'session') return credentials.session?.principal ?? null;
  return null;
}

function checkAccess(request: FastifyRequest, access: Access) {
  const p = request.principal;
  if (access === 'public') return;
  if (access === 'mfa') {
    if (p.kind !== 'staff' || !request.sessionToken)
      throw refusal('unauthenticated', 'password_first', 'sign in with your password first');
    return;
  }
  if (p.kind === 'public') throw refusal('unauthenticated', 'sign_in_needed', 'sign in to do this');
  if ((p.kind === 'staff' || p.kind === 'api') && p.mfaPending) {
    throw refusal(
      'unauthenticated',
      'mfa_needed',
      'enter the code from your authenticator app to finish signing in',
    );
  }
  if (access === 'signed-in') return;
  if (!hasRole(p, ...access))
    throw refusal('forbidden', 'role_needed', `this needs one of the roles: ${access.join(', ')}`);
}
