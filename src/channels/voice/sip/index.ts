// The self-hosted SIP path: a SIP user agent in the service that answers calls from a trunk, a PBX or a
// softphone and walks them through the IVR (see ua.ts for what it speaks, session.ts for how a call is
// carried out turn by turn).
export { readSipConfig, type SipConfig } from './config.ts';
export type { AudioFor, Engine } from './session.ts';
export { type SipAgent, type SipAgentOptions, startSipAgent } from './ua.ts';
