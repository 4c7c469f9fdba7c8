// The self-hosted SIP path: a SIP user agent in the service that answers calls from a trunk, a PBX or a
// softphone and walks them through the IVR (see ua.ts for what it speaks, session.ts for how a call is
// carried out turn by turn). Started from main.ts when SIP_LISTEN is set.
import type { Deps } from '../../../deps.ts';
import { takeTurn } from '../engine.ts';
import { promptAudio } from '../prompts/audio.ts';
import type { SipConfig } from './config.ts';
import type { AudioFor, SessionLog } from './session.ts';
import { type SipAgent, startSipAgent } from './ua.ts';

export { readSipConfig, type SipConfig } from './config.ts';
export type { AudioFor, Engine } from './session.ts';
export { type SipAgent, type SipAgentOptions, startSipAgent } from './ua.ts';

/**
 * The catalogue's audio for the SIP path: an administrator's recording where one exists, else the
 * espeak-ng placeholder clips (cached on disk, made at start by main.ts). A prompt that cannot be spoken
 * (espeak-ng missing) is silence and a log line: the call goes on, never dropped.
 */
export function catalogueAudio(
  deps: Pick<Deps, 'db'>,
  promptDir: string,
  log: Pick<SessionLog, 'error'>,
): AudioFor {
  let warned = false;
  return async (prompts) => {
    try {
      return await promptAudio(deps.db, prompts, { dir: promptDir });
    } catch (error) {
      if (!warned) log.error({ err: error }, 'SIP prompts could not be spoken: the caller hears silence');
      warned = true;
      return new Int16Array(0);
    }
  };
}

/** Starts the SIP path with the IVR engine and the prompt catalogue's audio. */
export async function startSip(
  deps: Pick<Deps, 'db' | 'clock'>,
  config: SipConfig,
  promptDir: string,
  log: SessionLog,
): Promise<SipAgent> {
  return startSipAgent({
    host: config.host,
    port: config.port,
    rtpPorts: config.rtpPorts,
    advertise: config.advertise,
    silenceSeconds: config.silenceSeconds,
    log,
    engine: (call, input) => takeTurn(deps, call, input),
    audioFor: catalogueAudio(deps, promptDir, log),
  });
}
