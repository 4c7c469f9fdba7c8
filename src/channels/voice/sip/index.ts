// The self-hosted SIP path: a SIP user agent in the service that answers calls from a trunk, a PBX or a
// softphone and walks them through the IVR (see ua.ts for what it speaks, session.ts for how a call is
// carried out turn by turn). Started from main.ts when SIP_LISTEN is set.
import type { Deps } from '../../../deps.ts';
import { takeTurn } from '../engine.ts';
import type { SipConfig } from './config.ts';
import { promptAudio, warmPrompts } from './prompts.ts';
import type { SessionLog } from './session.ts';
import { createSpeech } from './speech.ts';
import { type SipAgent, startSipAgent } from './ua.ts';

export { readSipConfig, type SipConfig } from './config.ts';
export type { AudioFor, Engine } from './session.ts';
export { type SipAgent, type SipAgentOptions, startSipAgent } from './ua.ts';

/** Starts the SIP path with the IVR engine and the catalogue's prompts in the placeholder voice. */
export async function startSip(
  deps: Pick<Deps, 'db' | 'clock'>,
  config: SipConfig,
  log: SessionLog,
): Promise<SipAgent> {
  const speech = createSpeech({ log });
  const agent = await startSipAgent({
    host: config.host,
    port: config.port,
    rtpPorts: config.rtpPorts,
    advertise: config.advertise,
    silenceSeconds: config.silenceSeconds,
    log,
    engine: (call, input) => takeTurn(deps, call, input),
    audioFor: promptAudio(speech),
  });
  warmPrompts(speech).then(
    (n) => log.info({ prompts: n }, 'SIP prompts spoken'),
    (err) => log.error({ err }, 'SIP prompts could not be spoken'),
  );
  return agent;
}
