// Keypad digits, the two ways a SIP phone or trunk sends them.
//
// RFC 4733 telephone-events in the RTP stream: one event is a run of packets sharing one RTP timestamp
// (the event's start), its duration growing, and the last three carrying the end bit. Packets are lost,
// duplicated and reordered, so a digit is reported the first time a timestamp is seen (quick barge-in,
// and nothing lost when the start packets are) and never again for that timestamp, whatever else
// arrives for it. SIP INFO with application/dtmf-relay (`Signal=5`) or application/dtmf (`5`), the way
// some PBXs and trunks relay digits, is read by the same rules elsewhere (deduplicated by CSeq).

export const EVENT_DIGITS = '0123456789*#ABCD';

export interface TelephoneEvent {
  digit: string;
  end: boolean;
  volume: number;
  duration: number;
}

export function parseTelephoneEvent(payload: Buffer): TelephoneEvent | undefined {
  if (payload.length < 4) return undefined;
  const digit = EVENT_DIGITS[payload[0] as number];
  // Events above 15 (tones, line events) are not keypad digits.
  if (digit === undefined) return undefined;
  const flags = payload[1] as number;
  return { digit, end: (flags & 0x80) !== 0, volume: flags & 0x3f, duration: payload.readUInt16BE(2) };
}

export function buildTelephoneEvent(e: TelephoneEvent): Buffer {
  const out = Buffer.alloc(4);
  out[0] = EVENT_DIGITS.indexOf(e.digit);
  out[1] = (e.end ? 0x80 : 0) | (e.volume & 0x3f);
  out.writeUInt16BE(e.duration & 0xffff, 2);
  return out;
}

/**
 * Turns a stream of telephone-event packets into digits: returns the digit for a packet that starts a
 * new event, undefined for the rest of the event (continuations, end-bit repeats, late duplicates).
 */
export function telephoneEventReader(
  memory = 32,
): (timestamp: number, payload: Buffer) => string | undefined {
  const seen: number[] = [];
  return (timestamp, payload) => {
    const event = parseTelephoneEvent(payload);
    if (!event || seen.includes(timestamp)) return undefined;
    seen.push(timestamp);
    if (seen.length > memory) seen.shift();
    return event.digit;
  };
}

/** The digit in a SIP INFO body, or undefined when the body carries none. */
export function parseDtmfInfo(contentType: string | undefined, body: string): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  let signal: string | undefined;
  if (type === 'application/dtmf-relay') {
    signal = /^\s*signal\s*=\s*(\S+)\s*$/im.exec(body)?.[1];
  } else if (type === 'application/dtmf') {
    signal = body.trim();
  }
  if (!signal) return undefined;
  // Some senders give the event number (10 for *, 11 for #) rather than the key.
  if (/^\d{2}$/.test(signal) && Number(signal) <= 15) return EVENT_DIGITS[Number(signal)];
  const key = signal.toUpperCase();
  return key.length === 1 && EVENT_DIGITS.includes(key) ? key : undefined;
}
