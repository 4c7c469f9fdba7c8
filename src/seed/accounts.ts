// Demo sign-ins for the demo deployment: one account per role, all with one password, and an API key
// for trying the API with curl. Printed once, at the first start; never created outside the demo.
import { createApiClient, createStaffUser, type GrantInput } from '../access/users.ts';
import type { Deps } from '../deps.ts';

export const DEMO_PASSWORD = 'civicline-demo-2026';

export async function seedDemoAccounts({ db, clock }: Deps) {
  const phe = await db
    .selectFrom('departments')
    .select('id')
    .where('code', '=', 'PHE')
    .executeTakeFirstOrThrow();
  const district = await db
    .selectFrom('places')
    .select(['id', 'name'])
    .where('depth', '=', 3)
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  // The officer in PHE's first block-level seat: their queue has work in it.
  const seat = await db
    .selectFrom('positions as p')
    .innerJoin('position_holders as h', (j) =>
      j.onRef('h.position_id', '=', 'p.id').on('h.ended_at', 'is', null),
    )
    .select(['h.officer_id'])
    .where('p.department_id', '=', phe.id)
    .where('p.level', '=', 1)
    .orderBy('p.id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const accounts: { email: string; name: string; grants: GrantInput[]; officerId?: number; what: string }[] =
    [
      {
        email: 'admin@civicline.demo',
        name: 'Demo Administrator',
        grants: [{ role: 'admin' }],
        what: 'configuration (asks to set up an authenticator app)',
      },
      {
        email: 'supervisor@civicline.demo',
        name: 'Demo Supervisor',
        grants: [{ role: 'supervisor' }],
        what: 'call-centre supervisor (authenticator app required)',
      },
      {
        email: 'agent@civicline.demo',
        name: 'Demo Agent',
        grants: [{ role: 'agent' }],
        what: 'call-centre agent',
      },
      {
        email: 'officer@civicline.demo',
        name: 'Demo Officer',
        grants: [],
        officerId: seat.officer_id,
        what: 'L1 water-supply officer of one block',
      },
      {
        email: 'nodal@civicline.demo',
        name: 'Demo Nodal Officer',
        grants: [{ role: 'nodal_officer', departmentId: phe.id }],
        what: 'water-supply department, statewide',
      },
      {
        email: 'monitor@civicline.demo',
        name: 'Demo District Monitor',
        grants: [{ role: 'monitor', placeId: district.id }],
        what: `all departments in ${district.name.en} district`,
      },
      {
        email: 'auditor@civicline.demo',
        name: 'Demo Auditor',
        grants: [{ role: 'auditor' }],
        what: 'read-only, audit log',
      },
    ];
  for (const a of accounts)
    await createStaffUser(db, clock, {
      email: a.email,
      name: a.name,
      password: DEMO_PASSWORD,
      grants: a.grants,
      officerId: a.officerId,
    });
  const api = await createApiClient(db, clock, {
    name: 'Demo integration (curl)',
    // The demo's curl examples act as a supervisor; a real deployment gives keys narrower roles.
    dangerousScope: true,
    grants: [{ role: 'agent' }, { role: 'supervisor' }, { role: 'nodal_officer' }, { role: 'intake' }],
  });
  return {
    password: DEMO_PASSWORD,
    apiKey: api.key,
    accounts: accounts.map((a) => ({ email: a.email, what: a.what })),
  };
}

export function describeDemoAccounts(
  demo: Awaited<ReturnType<typeof seedDemoAccounts>>,
  baseUrl: string,
): string {
  return [
    `Demo sign-ins (password for all: ${demo.password}):`,
    ...demo.accounts.map((a) => `  ${a.email.padEnd(28)} ${a.what}`),
    `Demo API key (agent, supervisor, nodal officer, intake): ${demo.apiKey}`,
    `  e.g. curl -H "authorization: Bearer <key>" '${baseUrl}/api/grievances?overdue=true'`,
  ].join('\n');
}

/** Whether this database holds the demo deployment (its demo accounts exist). */
export async function isDemoDeployment({ db }: Pick<Deps, 'db'>): Promise<boolean> {
  return Boolean(
    await db.selectFrom('users').select('id').where('email', '=', 'admin@civicline.demo').executeTakeFirst(),
  );
}
