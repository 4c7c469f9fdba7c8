// A call's media: one UDP socket on a port from the configured RTP range, the sender on the shared
// pacer, and the inbound packets sorted into keypad digits (RFC 4733) and the caller's audio (PCMU).
import { createSocket, type Socket } from 'node:dgram';
import { telephoneEventReader } from './dtmf.ts';
import { type Pacer, PT_PCMU, parseRtp, type RtpPacket, type RtpSender } from './rtp.ts';

export interface PortRange {
  first: number;
  last: number;
}

export interface CallMedia {
  readonly port: number;
  readonly sender: RtpSender;
  /** Where the caller's SDP asks for our audio; null while on hold or unknown (an offerless INVITE). */
  setRemote(remote: { address: string; port: number } | null, telephoneEvent: number | null): void;
  onDigit: ((digit: string) => void) | null;
  onAudio: ((packet: RtpPacket) => void) | null;
  /** RTP packets received (any kind) and digits read from them. */
  readonly received: number;
  close(): void;
}

/** Hands out RTP ports, even numbers (RTCP conventionally takes the odd one above), round-robin. */
export function createPortPool(range: PortRange) {
  const inUse = new Set<number>();
  let next = range.first + (range.first % 2);
  const count = Math.floor((range.last - range.first) / 2) + 1;
  return {
    /** Tries each free port once; returns the bound socket, or null when the range is full. */
    async open(host: string): Promise<{ socket: Socket; port: number } | null> {
      for (let tries = 0; tries < count; tries++) {
        const port = next;
        next = next + 2 > range.last ? range.first + (range.first % 2) : next + 2;
        if (inUse.has(port)) continue;
        const socket = createSocket({ type: host.includes(':') ? 'udp6' : 'udp4' });
        const bound = await new Promise<boolean>((resolve) => {
          socket.once('error', () => resolve(false));
          socket.bind(port, host, () => resolve(true));
        });
        if (!bound) {
          socket.close();
          continue; // taken by another process: try the next
        }
        inUse.add(port);
        return { socket, port };
      }
      return null;
    },
    release(port: number) {
      inUse.delete(port);
    },
    get inUse() {
      return inUse.size;
    },
  };
}

export type PortPool = ReturnType<typeof createPortPool>;

export async function openMedia(
  pool: PortPool,
  host: string,
  pacer: Pacer,
  log: { warn(obj: object, msg: string): void },
): Promise<CallMedia | null> {
  const opened = await pool.open(host);
  if (!opened) return null;
  const { socket, port } = opened;
  const sender = pacer.sender(socket, null);
  let telephoneEvent: number | null = null;
  let readDigit = telephoneEventReader();
  let received = 0;
  let closed = false;
  const media: CallMedia = {
    port,
    sender,
    onDigit: null,
    onAudio: null,
    get received() {
      return received;
    },
    setRemote(remote, event) {
      sender.setRemote(remote);
      if (event !== telephoneEvent) readDigit = telephoneEventReader();
      telephoneEvent = event;
    },
    close() {
      if (closed) return;
      closed = true;
      sender.close();
      socket.close();
      pool.release(port);
    },
  };
  socket.on('error', (err) => log.warn({ err, port }, 'RTP socket error'));
  socket.on('message', (data) => {
    const packet = parseRtp(data);
    if (!packet) return;
    received++;
    if (telephoneEvent !== null && packet.payloadType === telephoneEvent) {
      const digit = readDigit(packet.timestamp, packet.payload);
      if (digit) media.onDigit?.(digit);
    } else if (packet.payloadType === PT_PCMU) {
      media.onAudio?.(packet);
    }
  });
  return media;
}
