// RTP as sipp replays it: a libpcap file of Ethernet/IPv4/UDP frames whose capture times set the pace.
// sipp's play_pcap_audio keeps each packet's RTP header and payload and sends it from its media port to
// the RTP address of the answer's SDP, so the addresses written here are placeholders.
import { buildTelephoneEvent } from '../src/channels/voice/sip/dtmf.ts';
import { encodeMulaw } from '../src/channels/voice/sip/mulaw.ts';
import { buildRtp } from '../src/channels/voice/sip/rtp.ts';

export interface PcapPacket {
  /** Seconds from the start of the capture. */
  at: number;
  rtp: Buffer;
}

export function pcapFile(packets: PcapPacket[]): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0); // microsecond timestamps, little-endian
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16); // snap length
  header.writeUInt32LE(1, 20); // Ethernet
  const records = packets.map(({ at, rtp }) => {
    const udp = Buffer.alloc(8);
    udp.writeUInt16BE(6000, 0);
    udp.writeUInt16BE(20000, 2);
    udp.writeUInt16BE(8 + rtp.length, 4); // checksum 0: none, as IPv4 allows
    const ip = Buffer.alloc(20);
    ip[0] = 0x45;
    ip.writeUInt16BE(20 + 8 + rtp.length, 2);
    ip[8] = 64; // TTL
    ip[9] = 17; // UDP
    Buffer.from([127, 0, 0, 1]).copy(ip, 12);
    Buffer.from([127, 0, 0, 1]).copy(ip, 16);
    ip.writeUInt16BE(ipChecksum(ip), 10);
    const ether = Buffer.alloc(14);
    ether.writeUInt16BE(0x0800, 12);
    const frame = Buffer.concat([ether, ip, udp, rtp]);
    const record = Buffer.alloc(16);
    const micros = Math.round(at * 1e6);
    record.writeUInt32LE(1_700_000_000 + Math.floor(micros / 1e6), 0);
    record.writeUInt32LE(micros % 1e6, 4);
    record.writeUInt32LE(frame.length, 8);
    record.writeUInt32LE(frame.length, 12);
    return Buffer.concat([record, frame]);
  });
  return Buffer.concat([header, ...records]);
}

function ipChecksum(header: Buffer) {
  let sum = 0;
  for (let i = 0; i < header.length; i += 2) sum += header.readUInt16BE(i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** Builds one caller's RTP, in order: digits as RFC 4733 events, speech as PCMU, with pauses. */
export function callerRtp(options: { ssrc?: number; eventType?: number } = {}) {
  const ssrc = options.ssrc ?? 0x5eed;
  const eventType = options.eventType ?? 101;
  const packets: PcapPacket[] = [];
  let at = 0;
  let sequence = 1;
  let timestamp = 8000;
  const builder = {
    /** A key press: start and progress packets every 20 ms for 140 ms, then the end packet three times. */
    digit(digit: string) {
      for (let i = 1; i <= 7; i++) {
        const payload = buildTelephoneEvent({ digit, end: false, volume: 10, duration: i * 160 });
        packets.push({
          at,
          rtp: buildRtp({
            payloadType: eventType,
            marker: i === 1,
            sequence: sequence++,
            timestamp,
            ssrc,
            payload,
          }),
        });
        at += 0.02;
      }
      for (let i = 0; i < 3; i++) {
        const payload = buildTelephoneEvent({ digit, end: true, volume: 10, duration: 1280 });
        packets.push({
          at,
          rtp: buildRtp({
            payloadType: eventType,
            marker: false,
            sequence: sequence++,
            timestamp,
            ssrc,
            payload,
          }),
        });
      }
      at += 0.02;
      timestamp += 1280 + 160;
      return builder;
    },
    /** Audio the caller says: linear PCM at 8 kHz, sent as 20 ms PCMU packets. */
    speak(pcm: Int16Array) {
      const mulaw = encodeMulaw(pcm);
      for (let i = 0; i < mulaw.length; i += 160) {
        const payload = Buffer.alloc(160, 0xff);
        payload.set(mulaw.subarray(i, i + 160));
        packets.push({
          at,
          rtp: buildRtp({ payloadType: 0, marker: i === 0, sequence: sequence++, timestamp, ssrc, payload }),
        });
        at += 0.02;
        timestamp += 160;
      }
      return builder;
    },
    pause(seconds: number) {
      at += seconds;
      timestamp += Math.round(seconds * 8000);
      return builder;
    },
    pcap: () => pcapFile(packets),
    get seconds() {
      return at;
    },
  };
  return builder;
}

/** Something a caller might say: a vowel-like mix of tones, loud enough to count as speech. */
export function speech(seconds: number): Int16Array {
  return Int16Array.from({ length: Math.round(seconds * 8000) }, (_, i) => {
    const t = i / 8000;
    return Math.round(4000 * Math.sin(2 * Math.PI * 220 * t) + 2500 * Math.sin(2 * Math.PI * 660 * t));
  });
}
