import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.ts';
import { refusal } from '../errors.ts';
import { DateTime, errorResponses, Id, IdParams, Nullable, oneOf, PhoneE164 } from '../http/schemas.ts';
import { auditRoutes } from './audit-routes.ts';
import { audited, auditRead } from './audited.ts';
import { requestOtp, verifyOtp } from './citizen-otp.ts';
import { exportCitizenData } from './data-protection.ts';
import type { Access } from './plugin.ts';
import type { Principal } from './principal.ts';
import { ROLES } from './roles.ts';
import { sha256 } from './secrets.ts';
import { endSession, SESSION_COOKIE, startSession } from './sessions.ts';
import { otpauthQrSvg } from './totp-qr.ts';
import {
  beginTotpEnrolment,
  checkSecondFactor,
  createApiClient,
  createStaffUser,
  getUser,
  listUsers,
  resetAuthenticator,
  revokeApiKey,
  signInStaff,
  updateUser,
} from './users.ts';

const Grant = Type.Object(
  { role: oneOf(ROLES), departmentId: Type.Optional(Nullable(Id)), placeId: Type.Optional(Nullable(Id)) },
  { additionalProperties: false },
);
const Password = Type.String({ minLength: 12, maxLength: 200, description: 'At least 12 characters' });
const Email = Type.String({ format: 'email', maxLength: 200 });
const Name = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });
const Code = Type.String({ pattern: '^[0-9]{6}$', description: 'Six digits' });
const User = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  email: Nullable(Type.String()),
  name: Type.String(),
  officerId: Nullable(Type.Integer()),
  active: Type.Boolean(),
  mfaEnabled: Type.Boolean(),
  mfaEnrolRequired: Type.Boolean({
    description: 'Their authenticator was reset: they set up a new one at their next sign-in',
  }),
  createdAt: DateTime,
  grants: Type.Array(
    Type.Object({
      role: Type.String(),
      departmentId: Nullable(Type.Integer()),
      placeId: Nullable(Type.Integer()),
    }),
  ),
  apiKeys: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      prefix: Type.String({ description: 'The first characters of the key, to tell keys apart' }),
      createdAt: DateTime,
      lastUsedAt: Nullable(DateTime),
      revokedAt: Nullable(DateTime),
    }),
    { description: "An API client's keys (the keys themselves are never shown again)" },
  ),
});
const SessionBody = Type.Object({
  kind: Type.String(),
  csrfToken: Nullable(Type.String()),
  mfa: Type.Optional(oneOf(['none', 'required', 'enrol'] as const)),
  name: Type.Optional(Type.String()),
  roles: Type.Optional(Type.Array(Type.String())),
  phone: Type.Optional(Type.String()),
});
const strict = { additionalProperties: false } as const;
const tags = ['access'];
const ADMIN: { access: Access } = { access: ['admin'] };

export function accessRoutes(
  deps: Deps,
  options: { cookieSecure: boolean; strictLimit: object | false; demoOtp: boolean },
): FastifyPluginAsyncTypebox {
  const { db, clock } = deps;
  const rateLimit = options.strictLimit ? { rateLimit: options.strictLimit } : {};

  // A lifetime in seconds rather than an expiry date: the browser's clock need not agree with ours.
  const setCookie = (reply: FastifyReply, token: string, expires: Date) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      secure: options.cookieSecure,
      sameSite: 'lax',
      maxAge: Math.max(0, Math.round((expires.getTime() - clock.now().getTime()) / 1000)),
    });

  /** Replaces the request's session (if any) with a new one: privilege changes always get a fresh token. */
  async function rotate(
    request: FastifyRequest,
    reply: FastifyReply,
    start: { userId?: number; citizenId?: number; mfaPassed: boolean },
  ) {
    if (request.sessionToken) await endSession(db, request.sessionToken);
    deps.access?.clear();
    const session = await startSession(db, clock.now(), {
      ...start,
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
    });
    setCookie(reply, session.token, session.expiresAt);
    return session.csrfToken;
  }

  const record = (
    request: FastifyRequest,
    action: string,
    extra: {
      actorKind?: string;
      actorId?: number | null;
      entity?: string;
      entityId?: string;
      reason?: string;
      data?: Record<string, unknown>;
    } = {},
  ) => auditRead(deps, request, { action, ...extra });

  return async (app) => {
    app.get(
      '/api/auth/me',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Who am I (and the CSRF token to send with changes)',
          response: { 200: SessionBody },
        },
      },
      async (request) => describe(request.principal, request.csrfToken),
    );

    app.post(
      '/api/auth/sign-in',
      {
        config: { access: 'public', ...rateLimit },
        schema: {
          tags,
          summary: 'Staff sign-in with email and password',
          description:
            'mfa "required": send a TOTP code to /api/auth/totp; "enrol": set up an authenticator first (admins and supervisors must).',
          body: Type.Object(
            { email: Email, password: Type.String({ minLength: 1, maxLength: 200 }) },
            strict,
          ),
          response: {
            200: SessionBody,
            ...errorResponses,
            401: errorResponses[400],
            429: errorResponses[400],
          },
        },
      },
      async (request, reply) => {
        let outcome: Awaited<ReturnType<typeof signInStaff>>;
        try {
          outcome = await signInStaff(db, clock, request.body.email, request.body.password);
        } catch (error) {
          await record(request, 'auth.sign_in_failed', {
            actorKind: 'public',
            actorId: null,
            data: { email: request.body.email.toLowerCase() },
          });
          throw error;
        }
        const csrfToken = await rotate(request, reply, {
          userId: outcome.userId,
          mfaPassed: outcome.mfa === 'none',
        });
        await record(request, outcome.mfa === 'none' ? 'auth.sign_in' : 'auth.password_ok', {
          actorKind: 'staff',
          actorId: outcome.userId,
        });
        const user = await getUser(db, outcome.userId);
        return {
          kind: 'staff',
          csrfToken,
          mfa: outcome.mfa,
          name: user.name,
          roles: user.grants.map((g) => g.role),
        };
      },
    );

    app.post(
      '/api/auth/totp/enrol',
      {
        config: { access: 'mfa' },
        schema: {
          tags,
          summary:
            'Start setting up an authenticator app (returns the secret, its otpauth:// URI and that URI as an SVG QR code)',
          response: {
            200: Type.Object({
              secret: Type.String(),
              uri: Type.String(),
              qrSvg: Type.String({ description: 'The URI as a QR code, an SVG image' }),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const enrolment = await beginTotpEnrolment(db, (request.principal as { userId: number }).userId);
        return { ...enrolment, qrSvg: otpauthQrSvg(enrolment.uri) };
      },
    );

    app.post(
      '/api/auth/totp',
      {
        config: { access: 'mfa', ...rateLimit },
        schema: {
          tags,
          summary: 'Give the authenticator code to finish signing in (or to confirm enrolment)',
          body: Type.Object({ code: Code }, strict),
          response: { 200: SessionBody, ...errorResponses, 401: errorResponses[400] },
        },
      },
      async (request, reply) => {
        const userId = (request.principal as { userId: number }).userId;
        try {
          await checkSecondFactor(
            db,
            clock,
            userId,
            request.body.code,
            request.sessionToken ? sha256(request.sessionToken) : null,
          );
        } catch (error) {
          // The session may have ended at its limit: no node may keep it in its cache.
          deps.access?.clear();
          await record(request, 'auth.totp_failed');
          throw error;
        }
        const csrfToken = await rotate(request, reply, { userId, mfaPassed: true });
        await record(request, 'auth.sign_in', { data: { mfa: true } });
        return { kind: 'staff', csrfToken, mfa: 'none' as const };
      },
    );

    app.post(
      '/api/auth/sign-out',
      {
        config: { access: 'public' },
        schema: { tags, summary: 'Sign out (ends the session)', response: { 204: Type.Null() } },
      },
      async (request, reply) => {
        if (request.sessionToken) {
          await endSession(db, request.sessionToken);
          deps.access?.clear();
          await record(request, 'auth.sign_out');
        }
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/auth/citizen/otp',
      {
        config: { access: 'public', ...rateLimit },
        schema: {
          tags,
          summary: "Send a one-time code by SMS to a citizen's mobile number",
          body: Type.Object(
            { phone: PhoneE164, language: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}$' })) },
            strict,
          ),
          response: {
            202: Type.Object({
              expiresAt: DateTime,
              demoCode: Type.Optional(
                Type.String({ description: 'Only on a demo deployment without an SMS gateway' }),
              ),
            }),
            ...errorResponses,
            429: errorResponses[400],
          },
        },
      },
      async (request, reply) => {
        const sent = await requestOtp(db, clock, request.body.phone, request.body.language);
        // The demo shows the code on screen only while no SMS channel is configured: once one is (in the
        // environment or the admin area, src/channels/registry.ts), the code goes by SMS alone.
        const onScreen = options.demoOtp && !deps.channels?.adapters.sms;
        return reply
          .status(202)
          .send({ expiresAt: sent.expiresAt, ...(onScreen ? { demoCode: sent.code } : {}) });
      },
    );

    app.post(
      '/api/auth/citizen/verify',
      {
        config: { access: 'public', ...rateLimit },
        schema: {
          tags,
          summary: 'Check the code; signs the citizen in to track and act on their own grievances',
          body: Type.Object({ phone: PhoneE164, code: Code }, strict),
          response: { 200: SessionBody, ...errorResponses, 401: errorResponses[400] },
        },
      },
      async (request, reply) => {
        const citizenId = await verifyOtp(db, clock, request.body.phone, request.body.code);
        const csrfToken = await rotate(request, reply, { citizenId, mfaPassed: true });
        await record(request, 'auth.citizen_sign_in', { actorKind: 'citizen', actorId: citizenId });
        return { kind: 'citizen', csrfToken, phone: request.body.phone };
      },
    );

    app.get(
      '/api/me/export',
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary: 'Everything the helpline holds about the signed-in citizen (data-access request)',
        },
      },
      async (request) => {
        const p = request.principal;
        if (p.kind !== 'citizen')
          throw refusal(
            'forbidden',
            'citizen_only',
            'only a citizen can export their own data; staff use the audit and search tools',
          );
        await record(request, 'citizen.export_own_data', {
          entity: 'citizen',
          entityId: String(p.citizenId),
        });
        return exportCitizenData(db, p.citizenId);
      },
    );

    // Administration of accounts --------------------------------------------------------------------

    app.get(
      '/api/users',
      {
        config: ADMIN,
        schema: { tags, summary: 'Staff and API accounts', response: { 200: Type.Array(User) } },
      },
      async () => listUsers(db),
    );
    app.get(
      '/api/users/:id',
      {
        config: ADMIN,
        schema: { tags, summary: 'An account', params: IdParams, response: { 200: User, ...errorResponses } },
      },
      async (request) => getUser(db, request.params.id),
    );
    app.post(
      '/api/users',
      {
        config: ADMIN,
        schema: {
          tags,
          summary: 'Add a staff account with its roles (each limited to a department and/or a place, or not)',
          body: Type.Object(
            {
              email: Email,
              name: Name,
              password: Password,
              officerId: Type.Optional(Nullable(Id)),
              grants: Type.Array(Grant, { maxItems: 50 }),
            },
            strict,
          ),
          response: { 201: User, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await audited(
            deps,
            request,
            (trx) => createStaffUser(trx, clock, request.body),
            (user) => ({ entityId: String(user.id), data: { grants: request.body.grants } }),
          ),
        ),
    );
    app.patch(
      '/api/users/:id',
      {
        config: ADMIN,
        schema: {
          tags,
          summary: 'Change an account: name, active, password, officer, roles (its sessions end)',
          params: IdParams,
          body: Type.Object(
            {
              name: Type.Optional(Name),
              active: Type.Optional(Type.Boolean()),
              password: Type.Optional(Password),
              officerId: Type.Optional(Nullable(Id)),
              grants: Type.Optional(Type.Array(Grant, { maxItems: 50 })),
            },
            { additionalProperties: false, minProperties: 1 },
          ),
          response: { 200: User, ...errorResponses },
        },
      },
      async (request) =>
        audited(deps, request, (trx) => updateUser(trx, request.params.id, request.body), {
          data: { changed: Object.keys(request.body), grants: request.body.grants },
        }),
    );
    app.post(
      '/api/users/:id/authenticator/reset',
      {
        config: ADMIN,
        schema: {
          tags,
          summary: "Reset a staff user's authenticator (lost phone): they set up a new one at next sign-in",
          description:
            "Ends the user's sessions. The admin confirms with a fresh code from their own authenticator (not the one they signed in with); an API key cannot do this.",
          params: IdParams,
          body: Type.Object(
            { code: Code, reason: Type.Optional(Type.String({ maxLength: 500, pattern: '\\S' })) },
            strict,
          ),
          response: { 200: User, ...errorResponses, 401: errorResponses[400] },
        },
      },
      async (request) => {
        const admin = request.principal;
        // An unknown account is said before a code is spent on it.
        await getUser(db, request.params.id);
        // A key skips the second factor, so it may not take one away: only a person, with their own code.
        if (admin.kind !== 'staff')
          throw refusal(
            'forbidden',
            'totp_person_only',
            'only a signed-in administrator can reset an authenticator',
          );
        try {
          await checkSecondFactor(
            db,
            clock,
            admin.userId,
            request.body.code,
            request.sessionToken ? sha256(request.sessionToken) : null,
          );
        } catch (error) {
          deps.access?.clear();
          await record(request, 'auth.totp_failed', { data: { for: 'authenticator_reset' } });
          throw error;
        }
        return audited(deps, request, (trx) => resetAuthenticator(trx, clock, request.params.id), {
          action: 'user.authenticator_reset',
          entity: 'users',
        });
      },
    );
    app.post(
      '/api/api-clients',
      {
        config: ADMIN,
        schema: {
          tags,
          summary: 'Add an integration with its roles; the key is shown once, here',
          body: Type.Object(
            {
              name: Name,
              grants: Type.Array(Grant, { minItems: 1, maxItems: 20 }),
              dangerousScope: Type.Optional(
                Type.Boolean({
                  description:
                    'Required for admin or supervisor roles: a key skips the second factor, so say you mean it',
                }),
              ),
            },
            strict,
          ),
          response: {
            201: Type.Object({
              userId: Type.Integer(),
              keyId: Type.Integer(),
              prefix: Type.String(),
              key: Type.String(),
            }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await audited(
            deps,
            request,
            (trx) => createApiClient(trx, clock, request.body),
            (client) => ({
              entityId: String(client.userId),
              data: { grants: request.body.grants, dangerousScope: request.body.dangerousScope ?? false },
            }),
          ),
        ),
    );
    app.delete(
      '/api/api-keys/:id',
      {
        config: ADMIN,
        schema: {
          tags,
          summary: 'Revoke an API key',
          params: IdParams,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await audited(deps, request, (trx) => revokeApiKey(trx, clock, request.params.id));
        return reply.status(204).send(null);
      },
    );

    // The audit log's own screen: search and verification (audit-routes.ts).
    await app.register(auditRoutes(deps));
  };
}

function describe(principal: Principal, csrfToken: string | null) {
  if (principal.kind === 'citizen') return { kind: 'citizen', csrfToken, phone: principal.phone };
  if (principal.kind === 'staff' || principal.kind === 'api') {
    return {
      kind: principal.kind,
      csrfToken,
      name: principal.name,
      roles: principal.grants.map((g) => g.role),
      mfa: principal.mfaPending ? ('required' as const) : ('none' as const),
    };
  }
  return { kind: 'public', csrfToken: null };
}
