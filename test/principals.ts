// Signed-in callers for access tests: staff by password (cookie + CSRF token), integrations by API key,
// citizens by OTP (reading the code from the outbox, where the SMS adapter would pick it up).
import type { FastifyInstance } from 'fastify';
import { openOtpCode } from '../src/access/otp-sealing.ts';
import { totpCode } from '../src/access/secrets.ts';
import type { GrantInput } from '../src/access/users.ts';
import { createApiClient, createStaffUser } from '../src/access/users.ts';
import type { Clock } from '../src/clock.ts';
import type { Database } from '../src/db/index.ts';

export interface Caller {
  name: string;
  headers: Record<string, string>;
}

export const PUBLIC_CALLER: Caller = { name: 'public', headers: {} };

let n = 0;

export async function staffCaller(
  raw: FastifyInstance,
  database: Database,
  clock: Clock,
  name: string,
  grants: GrantInput[],
  officerId?: number,
): Promise<Caller> {
  const email = `${name.replace(/\W/g, '')}${++n}@example.gov.in`;
  const password = 'correct horse battery staple';
  await createStaffUser(database.db, clock, { email, name, password, grants, officerId });
  const res = await raw.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.body}`);
  const headers = { cookie: cookieOf(res), 'x-csrf-token': res.json().csrfToken };
  if (res.json().mfa === 'none') return { name, headers };
  // Admins and supervisors must set up an authenticator before they can do anything.
  const enrol = await raw.inject({ method: 'POST', url: '/api/auth/totp/enrol', headers });
  const done = await raw.inject({
    method: 'POST',
    url: '/api/auth/totp',
    headers,
    payload: { code: totpCode(enrol.json().secret, clock.now()) },
  });
  if (done.statusCode !== 200) throw new Error(`totp failed: ${done.body}`);
  return { name, headers: { cookie: cookieOf(done), 'x-csrf-token': done.json().csrfToken } };
}

export async function apiCaller(
  database: Database,
  clock: Clock,
  name: string,
  grants: GrantInput[],
): Promise<Caller> {
  // Tests stand for integrations an administrator deliberately gave whatever roles the test needs.
  const dangerousScope = grants.some((g) => g.role === 'admin' || g.role === 'supervisor');
  const client = await createApiClient(database.db, clock, {
    name: `${name} ${++n}`,
    grants,
    dangerousScope,
  });
  return { name, headers: { authorization: `Bearer ${client.key}` } };
}

export async function citizenCaller(
  raw: FastifyInstance,
  database: Database,
  name: string,
  phone: string,
): Promise<Caller> {
  const sent = await raw.inject({ method: 'POST', url: '/api/auth/citizen/otp', payload: { phone } });
  if (sent.statusCode !== 202) throw new Error(`otp failed: ${sent.body}`);
  const code = await lastOtp(database, phone);
  const res = await raw.inject({ method: 'POST', url: '/api/auth/citizen/verify', payload: { phone, code } });
  if (res.statusCode !== 200) throw new Error(`verify failed: ${res.body}`);
  return { name, headers: { cookie: cookieOf(res), 'x-csrf-token': res.json().csrfToken } };
}

export async function lastOtp(database: Database, phone: string): Promise<string> {
  const row = await database.db
    .selectFrom('notifications as n')
    .innerJoin('citizens as c', 'c.id', 'n.citizen_id')
    .select('n.params')
    .where('c.phone', '=', phone)
    .where('n.template', '=', 'otp')
    .orderBy('n.id', 'desc')
    .executeTakeFirstOrThrow();
  // The outbox holds the code sealed; the SMS adapter opens it as it renders the message.
  const code = openOtpCode(row.params);
  if (!code) throw new Error('the OTP notification holds no sealed code');
  return code;
}

export function cookieOf(res: { headers: Record<string, unknown> }): string {
  const set = res.headers['set-cookie'];
  const first = Array.isArray(set) ? set[0] : String(set);
  return String(first).split(';')[0] as string;
}
