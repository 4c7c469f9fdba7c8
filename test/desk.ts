// Builders for desk tests: agents (accounts with the agent role and a desk profile), queues, and calls
// that arrive through the voice seam (src/calls) as the IVR or a PBX would put them.
import type { Kysely } from 'kysely';
import { enqueueCall, recordStep, startCall } from '../src/calls/index.ts';
import type { DB } from '../src/db/schema.ts';
import { type AgentProfile, saveAgent, setAgentState } from '../src/desk/index.ts';

let n = 0;

/** An account with the agent role, set up at the desk; `availableAt` makes them available from then. */
export async function buildAgent(
  db: Kysely<DB>,
  now: Date,
  name: string,
  profile: Partial<AgentProfile> = {},
  availableAt?: Date,
) {
  const { id } = await db
    .insertInto('users')
    .values({
      kind: 'staff',
      email: `agent${++n}.${Math.random().toString(36).slice(2, 8)}@example.gov.in`,
      name,
      password_hash: null,
      totp_secret: null,
      totp_enabled_at: null,
      officer_id: null,
      locked_until: null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('role_grants')
    .values({ user_id: id, role: 'agent', department_id: null, place_id: null })
    .execute();
  await saveAgent(db, now, id, { languages: ['hi'], placeIds: [], skills: ['grievance'], ...profile });
  if (availableAt) await setAgentState(db, availableAt, id, 'available', { byChoice: true, who: null });
  return id;
}

export async function buildQueue(
  db: Kysely<DB>,
  q: { code?: string; language?: string | null; placeId?: number | null; skill?: string } = {},
) {
  const row = await db
    .insertInto('call_queues')
    .values({
      code: q.code ?? `Q${++n}`,
      name: JSON.stringify({ en: `Queue ${n}` }),
      language: q.language ?? null,
      place_id: q.placeId ?? null,
      skill: q.skill ?? 'grievance',
      calendar_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A call through the IVR into `queueId` at `at`: the caller chose a language and pressed digits. */
export async function queuedCall(
  db: Kysely<DB>,
  at: Date,
  queueId: number,
  caller: string | null = `+9170${String(++n).padStart(8, '0')}`,
  language = 'hi',
) {
  const call = await startCall(db, at, { provider: 'test', providerCallId: `c${++n}`, caller, language });
  await recordStep(db, call.id, { node: 'language', input: '2', at: at.toISOString() }, { language });
  await enqueueCall(db, at, call.id, queueId);
  return call.id;
}
