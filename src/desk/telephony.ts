// The generic telephony webhook: any PBX or provider that can post JSON tells the desk of a new call,
// its answer and its hang-up, and the call lands in the same queues as the IVR's (through the voice
// seam in src/calls). A centre with its own phone system uses the desk without our IVR.
//
// Each posting system is a telephony source with a shared secret. Every request carries
//   X-CivicLine-Timestamp: <unix seconds>
//   X-CivicLine-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
// The timestamp must be within five minutes of our clock, so a captured request cannot be replayed
// later; a repeat within the window is harmless because (source, call id) names one call and every
// event is idempotent.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import {
  announceQueue,
  endCall,
  enqueueCall,
  findCall,
  queuesFor,
  recordStep,
  startCall,
} from '../calls/index.ts';
import type { DB } from '../db/schema.ts';
import { AppError, invalid } from '../errors.ts';
import { queueHours } from './hours.ts';
import { answerCall } from './routing.ts';

export const SIGNATURE_HEADER = 'x-civicline-signature';
export const TIMESTAMP_HEADER = 'x-civicline-timestamp';
const TOLERANCE_SECONDS = 300;

export function signTelephony(secret: string, timestamp: number, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

const refused = () => new AppError('unauthenticated', 'the telephony signature is missing, stale or wrong');

/** The source named in the address, if the request is signed with its secret; else 401 (never which part failed). */
export async function verifyTelephony(
  db: Kysely<DB>,
  now: Date,
  code: string,
  headers: Record<string, unknown>,
  rawBody: string,
) {
  const source = await db
    .selectFrom('telephony_sources')
    .select(['id', 'code', 'secret', 'default_queue_id as defaultQueueId'])
    .where('code', '=', code)
    .where('active', '=', true)
    .executeTakeFirst();
  const timestamp = Number(headers[TIMESTAMP_HEADER]);
  const given = String(headers[SIGNATURE_HEADER] ?? '');
  if (!source || !Number.isSafeInteger(timestamp)) throw refused();
  if (Math.abs(now.getTime() / 1000 - timestamp) > TOLERANCE_SECONDS) throw refused();
  const expected = Buffer.from(signTelephony(source.secret, timestamp, rawBody));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw refused();
  return source;
}

export async function createTelephonySource(
  db: Kysely<DB>,
  now: Date,
  input: { code: string; name: string; defaultQueueId?: number | null },
) {
  const secret = randomBytes(32).toString('base64url');
  const row = await db
    .insertInto('telephony_sources')
    .values({
      code: input.code,
      name: input.name,
      secret,
      default_queue_id: input.defaultQueueId ?? null,
      created_at: now,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .returning(['id', 'code', 'name'])
    .executeTakeFirst();
  if (!row) throw new AppError('conflict', `a telephony source ${input.code} exists already`);
  // The only time the secret is shown: the PBX's administrator copies it into their webhook settings.
  return { ...row, secret };
}

export interface TelephonyEvent {
  event: 'new' | 'answered' | 'hangup';
  callId: string;
  caller?: string | null;
  called?: string | null;
  /** The queue's code; else the source's default, else the queue for the language and district. */
  queue?: string;
  language?: string;
  /** The district's place code, when the PBX's own menu asked for it. */
  district?: string;
  /** What the caller pressed in the PBX's menu. */
  digits?: string;
  /** The agent's extension, on `answered` (a PBX that routes by itself says who took the call). */
  agent?: string;
  /** Where the PBX keeps the recording (quality reviewers play it from there). */
  recordingUrl?: string;
}

export async function handleTelephonyEvent(
  trx: Transaction<DB>,
  now: Date,
  source: { code: string; defaultQueueId: number | null },
  e: TelephonyEvent,
) {
  const provider = `pbx:${source.code}`;
  if (e.event === 'new') {
    const call = await startCall(trx, now, {
      provider,
      providerCallId: e.callId,
      caller: e.caller ?? null,
      called: e.called ?? null,
      language: e.language ?? null,
    });
    if (call.state !== 'ivr') return { callId: call.id, state: call.state }; // a repeat
    const district = e.district
      ? await trx.selectFrom('places').select('id').where('code', '=', e.district).executeTakeFirst()
      : undefined;
    if (e.district && !district) throw invalid('district', `no place with code ${e.district}`);
    if (e.digits || district || e.language)
      await recordStep(
        trx,
        call.id,
        { node: 'pbx', ...(e.digits ? { input: e.digits } : {}), at: now.toISOString() },
        { ...(e.language ? { language: e.language } : {}), ...(district ? { districtId: district.id } : {}) },
      );
    const queueId = await pickQueue(trx, source, e, district?.id ?? null);
    // Out of the queue's hours the call is not queued: it ends as an after-hours call, which puts the
    // caller on the desk's callback list, and the PBX hears when the queue opens (to say so, or play its
    // own closed message).
    const queue = await trx
      .selectFrom('call_queues')
      .select(['calendar_id', 'place_id'])
      .where('id', '=', queueId)
      .executeTakeFirstOrThrow();
    const hours = await queueHours(trx, now, queue);
    if (!hours.open) {
      await endCall(trx, now, call.id, { outcome: 'after_hours' });
      return { callId: call.id, state: 'closed', opensAt: hours.opensAt };
    }
    await enqueueCall(trx, now, call.id, queueId);
    return { callId: call.id, state: 'queued' };
  }
  const call = await findCall(trx, provider, e.callId);
  if (!call) throw invalid('callId', `no call ${e.callId} from ${source.code}: post "new" first`);
  if (e.recordingUrl)
    await trx.updateTable('calls').set({ recording_url: e.recordingUrl }).where('id', '=', call.id).execute();
  if (e.event === 'answered') {
    const agent = e.agent
      ? await trx
          .selectFrom('desk_agents')
          .select('user_id')
          .where('extension', '=', e.agent)
          .executeTakeFirst()
      : undefined;
    if (e.agent && !agent) throw invalid('agent', `no agent with extension ${e.agent}`);
    const current = await trx
      .selectFrom('calls')
      .select(['agent_user_id', 'state'])
      .where('id', '=', call.id)
      .executeTakeFirstOrThrow();
    const userId = agent?.user_id ?? current.agent_user_id;
    if (userId === null)
      throw invalid('agent', 'the call was not offered to an agent: say which extension answered');
    await answerCall(trx, now, call.id, userId, null);
    return { callId: call.id, state: 'connected' };
  }
  await endCall(trx, now, call.id, { outcome: 'hung_up' });
  const ended = await trx
    .selectFrom('calls')
    .select(['state', 'queue_id'])
    .where('id', '=', call.id)
    .executeTakeFirstOrThrow();
  // endCall announces calls that were in a queue; the desk hears it and frees or wraps up the agent.
  if (ended.queue_id === null) await announceQueue(trx, { callId: call.id, queueId: 0 });
  return { callId: call.id, state: ended.state };
}

async function pickQueue(
  trx: Transaction<DB>,
  source: { defaultQueueId: number | null },
  e: TelephonyEvent,
  districtId: number | null,
): Promise<number> {
  if (e.queue) {
    const queue = await trx
      .selectFrom('call_queues')
      .select('id')
      .where('code', '=', e.queue)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!queue) throw invalid('queue', `no open queue ${e.queue}`);
    return queue.id;
  }
  if (source.defaultQueueId !== null) return source.defaultQueueId;
  const [best] = await queuesFor(trx, { language: e.language ?? null, districtId });
  if (!best) throw invalid('queue', 'no queue serves this call: name one, or give the source a default');
  return best.id;
}
