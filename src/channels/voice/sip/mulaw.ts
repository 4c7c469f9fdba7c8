// G.711 mu-law (ITU-T G.711, the PCMU of RTP): 8-bit logarithmic samples at 8 kHz, what every phone
// network speaks. Both directions are table lookups, built once: 64 KiB to encode, 512 bytes to decode.

const BIAS = 0x84;
const CLIP = 32635;

function encodeOne(input: number): number {
  let sample = input;
  const sign = sample < 0 ? 0x80 : 0;
  if (sign) sample = -sample;
  if (sample > CLIP) sample = CLIP;
  sample += BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (sample & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (sample >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

function decodeOne(byte: number): number {
  const u = ~byte & 0xff;
  const exponent = (u >> 4) & 0x07;
  const sample = ((((u & 0x0f) << 3) + BIAS) << exponent) - BIAS;
  return u & 0x80 ? -sample : sample;
}

const ENCODE = new Uint8Array(65536);
for (let i = 0; i < 65536; i++) ENCODE[i] = encodeOne(i - 32768);
const DECODE = new Int16Array(256);
for (let i = 0; i < 256; i++) DECODE[i] = decodeOne(i);

/** The mu-law byte for silence (a decoded zero). */
export const MULAW_SILENCE = 0xff;

export function encodeMulaw(pcm: Int16Array): Uint8Array {
  const out = new Uint8Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) out[i] = ENCODE[(pcm[i] as number) + 32768] as number;
  return out;
}

export function decodeMulaw(bytes: Uint8Array): Int16Array {
  const out = new Int16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = DECODE[bytes[i] as number] as number;
  return out;
}
