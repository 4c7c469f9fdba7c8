// SDP (RFC 4566) offer/answer, for the one kind of session we take: a single audio stream in PCMU
// (G.711 mu-law, payload type 0, 8 kHz) with RFC 4733 telephone-events for the keypad. Every carrier
// and softphone offers PCMU, so we neither transcode nor negotiate anything else.

export interface SdpOffer {
  /** Where the caller wants our RTP: the audio stream's connection address and port. */
  address: string;
  port: number;
  /** Whether PCMU is among the offered formats. */
  pcmu: boolean;
  /** The payload type the caller uses for telephone-event/8000, when offered. */
  telephoneEvent: number | null;
  /** a=sendonly / recvonly / inactive / sendrecv (the default). */
  direction: 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';
}

export function parseSdpOffer(body: string): SdpOffer | undefined {
  const lines = body.split(/\r?\n/).map((l) => l.trim());
  let sessionAddress: string | undefined;
  let audio: { port: number; formats: number[]; address?: string; lines: string[] } | undefined;
  let inAudio = false;
  for (const line of lines) {
    if (line.startsWith('m=')) {
      inAudio = false;
      const m = /^m=audio (\d+)(?:\/\d+)? RTP\/(?:S)?AVP((?: \d+)+)$/.exec(line);
      // The first audio stream is ours; any other media (video) is declined by the answer's port 0.
      if (m && !audio) {
        audio = { port: Number(m[1]), formats: (m[2] as string).trim().split(/\s+/).map(Number), lines: [] };
        inAudio = true;
      }
      continue;
    }
    const c = /^c=IN IP[46] ([^\s/]+)/.exec(line);
    if (c) {
      if (inAudio && audio) audio.address = c[1];
      else if (!audio) sessionAddress = c[1];
      continue;
    }
    if (inAudio && audio) audio.lines.push(line);
  }
  const address = audio?.address ?? sessionAddress;
  if (!audio || !address || audio.port > 65535) return undefined;

  let telephoneEvent: number | null = null;
  let direction: SdpOffer['direction'] = 'sendrecv';
  const rtpmap = new Map<number, string>();
  for (const line of audio.lines) {
    const map = /^a=rtpmap:(\d+) ([^/\s]+)\/(\d+)/.exec(line);
    if (map) rtpmap.set(Number(map[1]), `${(map[2] as string).toLowerCase()}/${map[3]}`);
    const dir = /^a=(sendrecv|sendonly|recvonly|inactive)$/.exec(line);
    if (dir) direction = dir[1] as SdpOffer['direction'];
  }
  for (const pt of audio.formats) {
    if (rtpmap.get(pt) === 'telephone-event/8000') telephoneEvent = pt;
  }
  // PCMU is static payload type 0; an rtpmap may also name it under a dynamic number, which we do not take.
  const pcmu = audio.formats.includes(0) && (rtpmap.get(0) ?? 'pcmu/8000') === 'pcmu/8000';
  return { address, port: audio.port, pcmu, telephoneEvent, direction };
}

export interface SdpAnswer {
  /** Our session id, kept for the dialog; the version goes up on each new answer (re-INVITE). */
  sessionId: number;
  version: number;
  address: string;
  port: number;
  telephoneEvent: number | null;
  /** Answer a held call (sendonly offer) with recvonly, an inactive one with inactive. */
  direction: SdpOffer['direction'];
}

export function buildSdpAnswer(a: SdpAnswer): string {
  const ip = a.address.includes(':') ? 'IP6' : 'IP4';
  const formats = a.telephoneEvent === null ? '0' : `0 ${a.telephoneEvent}`;
  const answerDirection =
    a.direction === 'sendonly' ? 'recvonly' : a.direction === 'recvonly' ? 'sendonly' : a.direction;
  const lines = [
    'v=0',
    `o=civicline ${a.sessionId} ${a.version} IN ${ip} ${a.address}`,
    's=CivicLine',
    `c=IN ${ip} ${a.address}`,
    't=0 0',
    `m=audio ${a.port} RTP/AVP ${formats}`,
    'a=rtpmap:0 PCMU/8000',
    ...(a.telephoneEvent === null
      ? []
      : [`a=rtpmap:${a.telephoneEvent} telephone-event/8000`, `a=fmtp:${a.telephoneEvent} 0-15`]),
    'a=ptime:20',
    `a=${answerDirection}`,
  ];
  return `${lines.join('\r\n')}\r\n`;
}
