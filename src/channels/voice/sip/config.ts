// The SIP path's settings, from the environment. It is off unless SIP_LISTEN names where to listen.
//
//   SIP_LISTEN     host:port for SIP over UDP, e.g. 0.0.0.0:5060 or [::]:5060
//   SIP_RTP_PORTS  first-last UDP ports for the calls' audio (default 10000-10999: 500 calls)
//   SIP_ADVERTISE  the address callers reach us at, put in SDP and Contact (default: the listen host, or
//                  this machine's first non-loopback IPv4 address when listening on every interface)
//   SIP_RECORD_SILENCE_SECONDS  silence that ends a recording (default 5)
import { networkInterfaces } from 'node:os';

export interface SipConfig {
  host: string;
  port: number;
  rtpPorts: { first: number; last: number };
  advertise: string;
  silenceSeconds: number;
}

export function readSipConfig(env: NodeJS.ProcessEnv): SipConfig | null {
  const listen = env.SIP_LISTEN?.trim();
  if (!listen) return null;
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(listen);
  const host = m?.[1] ?? m?.[2];
  const port = Number(m?.[3]);
  if (!host || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`SIP_LISTEN must be host:port (e.g. 0.0.0.0:5060), got "${listen}"`);
  }
  const range = (env.SIP_RTP_PORTS ?? '10000-10999').trim();
  const r = /^(\d{1,5})-(\d{1,5})$/.exec(range);
  const first = Number(r?.[1]);
  const last = Number(r?.[2]);
  if (!r || first < 1024 || last > 65535 || last - first < 1) {
    throw new Error(`SIP_RTP_PORTS must be a range of UDP ports like 10000-10999, got "${range}"`);
  }
  const silence = Number(env.SIP_RECORD_SILENCE_SECONDS ?? 5);
  if (!(silence > 0 && silence <= 60)) {
    throw new Error(
      `SIP_RECORD_SILENCE_SECONDS must be between 0 and 60, got "${env.SIP_RECORD_SILENCE_SECONDS}"`,
    );
  }
  const advertise = env.SIP_ADVERTISE?.trim() || defaultAdvertise(host);
  return { host, port, rtpPorts: { first, last }, advertise, silenceSeconds: silence };
}

function defaultAdvertise(host: string): string {
  if (host !== '0.0.0.0' && host !== '::') return host;
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}
