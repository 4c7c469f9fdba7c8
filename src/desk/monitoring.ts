// Listen-in and barge: a supervisor joins an agent's call, silently (listen), speaking to the agent only
// (whisper), or to both (barge). Only the system that carries the call can do this, so it is a capability
// of the telephony adapter, declared here, and the desk asks the adapter of the call's provider:
//
//   provider           adapter                              modes
//   pbx:<source>       the generic telephony webhook        none: it only tells us of calls; the PBX's
//                                                           own console does listen-in
//   sip, twilio, ...   none registered yet                  none
//
// An adapter that can (a provider with a conference or "monitor" API, an Asterisk ChanSpy over AMI) is one
// file that registers itself with `registerCallControl`. Where none can, the wallboard says so and still
// shows who is on which call.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';

export const MONITOR_MODES = ['listen', 'whisper', 'barge'] as const;
export type MonitorMode = (typeof MONITOR_MODES)[number];

export interface CallControl {
  /** Which providers' calls it controls: `pbx:centre`, `sip`, `twilio`... */
  handles(provider: string): boolean;
  /** The modes it offers. */
  modes: readonly MonitorMode[];
  /**
   * Joins the supervisor to the call (the provider's own call id) in `mode`, ringing them at `reach` (their
   * extension or number). Throws when the provider refuses; the desk reports it.
   */
  monitor(
    call: { provider: string; providerCallId: string },
    reach: string,
    mode: MonitorMode,
  ): Promise<void>;
}

const controls: CallControl[] = [];

export function registerCallControl(control: CallControl): () => void {
  controls.push(control);
  return () => {
    const at = controls.indexOf(control);
    if (at >= 0) controls.splice(at, 1);
  };
}

/** The modes a supervisor has on a call carried by `provider` (empty: see who is on it, nothing more). */
export function monitorModes(provider: string): readonly MonitorMode[] {
  return controls.find((c) => c.handles(provider))?.modes ?? [];
}

/** A supervisor joins a call; refused with `monitoring_unsupported` where the telephony cannot. */
export async function monitorCall(
  db: Kysely<DB>,
  callId: number,
  supervisorUserId: number,
  mode: MonitorMode,
) {
  const call = await db
    .selectFrom('calls')
    .select(['provider', 'provider_call_id as providerCallId', 'state'])
    .where('id', '=', callId)
    .executeTakeFirst();
  if (!call) throw notFound('call', callId);
  if (call.state !== 'connected')
    throw new AppError('illegal_transition', 'only a call in progress can be joined', [
      { field: 'id', message: `the call is ${call.state}`, code: 'not_in_this_state' },
    ]);
  const control = controls.find((c) => c.handles(call.provider));
  if (!control?.modes.includes(mode))
    throw new AppError('conflict', `the phone system carrying this call (${call.provider}) cannot ${mode}`, [
      { field: 'mode', message: 'not offered by this telephony', code: 'monitoring_unsupported' },
    ]);
  const me = await db
    .selectFrom('desk_agents')
    .select('extension')
    .where('user_id', '=', supervisorUserId)
    .executeTakeFirst();
  if (!me?.extension)
    throw new AppError('conflict', 'set your extension at the desk first: the phone system rings you there', [
      { field: 'extension', message: 'no extension', code: 'extension_needed' },
    ]);
  await control.monitor(call, me.extension, mode);
  return { callId, mode };
}
