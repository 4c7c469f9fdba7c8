// How a text goes as SMS: GSM-7 when every character is in the GSM 03.38 default alphabet (or its
// extension table, where a character costs two septets), else UCS-2 (Hindi, Swahili with a curly
// quote, anything else). A text longer than one message is split by us into parts that each carry a
// 6-byte concatenation header `05 00 03 ref n i`, leaving 153 septets or 67 UCS-2 characters per part
// (160 and 70 for a single message). A part never ends between an escape and its character, nor
// between the two halves of a surrogate pair.
//
// Used by the SMPP adapter to build the PDUs and by the admin's template editor for the part count.

const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENSION = '\f^{}\\[~]|€';
const basic = new Set(BASIC);
const extension = new Set(EXTENSION);

export type SmsEncoding = 'gsm7' | 'ucs2';

export const LIMITS = {
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
} as const;

export function encodingFor(text: string): SmsEncoding {
  for (const ch of text) if (!basic.has(ch) && !extension.has(ch)) return 'ucs2';
  return 'gsm7';
}

/** The units one character costs: septets in GSM-7, UTF-16 code units in UCS-2. */
function cost(ch: string, encoding: SmsEncoding) {
  if (encoding === 'ucs2') return ch.length; // a character outside the BMP takes two
  return extension.has(ch) ? 2 : 1;
}

/** Splits into the texts of each part (one text when it fits in a single message). */
export function splitText(text: string, encoding = encodingFor(text)): string[] {
  const chars = [...text];
  const total = chars.reduce((n, ch) => n + cost(ch, encoding), 0);
  if (total <= LIMITS[encoding].single) return [text];
  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (const ch of chars) {
    const c = cost(ch, encoding);
    if (used + c > LIMITS[encoding].part) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += ch;
    used += c;
  }
  if (current) parts.push(current);
  return parts;
}

export interface SegmentInfo {
  encoding: SmsEncoding;
  /** Characters as a reader counts them. */
  characters: number;
  /** Septets (GSM-7) or UTF-16 units (UCS-2) the text costs. */
  units: number;
  parts: number;
  /** Units left in the last part before another part is needed. */
  remaining: number;
}

export function segmentInfo(text: string): SegmentInfo {
  const encoding = encodingFor(text);
  const chars = [...text];
  const units = chars.reduce((n, ch) => n + cost(ch, encoding), 0);
  const parts = splitText(text, encoding);
  const limit = parts.length === 1 ? LIMITS[encoding].single : LIMITS[encoding].part;
  const last = [...(parts.at(-1) ?? '')].reduce((n, ch) => n + cost(ch, encoding), 0);
  return {
    encoding,
    characters: chars.length,
    units,
    parts: text ? parts.length : 0,
    remaining: limit - last,
  };
}

/** GSM-7 as SMPP carries it with data_coding 0: one septet per octet, unpacked; extension via ESC. */
export function gsm7Bytes(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    if (extension.has(ch)) out.push(0x1b, BASIC.indexOf(EXTENSION_CODES[ch] as string));
    else out.push(BASIC.indexOf(ch));
  }
  return Buffer.from(out);
}

// The extension table's code for each character (ESC followed by the character at this basic position).
const EXTENSION_CODES: Record<string, string> = {
  '\f': '\n',
  '^': 'Λ',
  '{': '(',
  '}': ')',
  '\\': '/',
  '[': '<',
  '~': '=',
  ']': '>',
  '|': '¡',
  '€': 'e',
};

export function gsm7Text(bytes: Buffer): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === 0x1b && i + 1 < bytes.length) {
      const next = BASIC[bytes[++i] as number] as string;
      const found = Object.entries(EXTENSION_CODES).find(([, code]) => code === next);
      out += found ? found[0] : ' ';
    } else out += BASIC[b] ?? ' ';
  }
  return out;
}

export function ucs2Bytes(text: string): Buffer {
  const out = Buffer.alloc(text.length * 2);
  for (let i = 0; i < text.length; i++) out.writeUInt16BE(text.charCodeAt(i), i * 2);
  return out;
}

export function ucs2Text(bytes: Buffer): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode(bytes.readUInt16BE(i));
  return out;
}

export interface EncodedMessage {
  dataCoding: 0 | 8;
  /** Each part's short_message: UDH plus payload for a long message, the payload alone for one part. */
  parts: Buffer[];
}

/** The PDUs' payloads for a text; `reference` numbers the concatenated parts (0-255). */
export function encodeMessage(text: string, reference: number): EncodedMessage {
  const encoding = encodingFor(text);
  const texts = splitText(text, encoding);
  const bytes = (t: string) => (encoding === 'gsm7' ? gsm7Bytes(t) : ucs2Bytes(t));
  const dataCoding = encoding === 'gsm7' ? 0 : 8;
  if (texts.length === 1) return { dataCoding, parts: [bytes(text)] };
  return {
    dataCoding,
    parts: texts.map((t, i) =>
      Buffer.concat([Buffer.from([0x05, 0x00, 0x03, reference & 0xff, texts.length, i + 1]), bytes(t)]),
    ),
  };
}

export interface Concatenation {
  reference: number;
  total: number;
  sequence: number;
}

/** Reads a received short_message: its concatenation header (8- or 16-bit reference) and its text. */
export function decodeMessage(
  raw: Buffer,
  dataCoding: number,
  hasUdh: boolean,
): { text: string; concatenation: Concatenation | null } {
  let payload = raw;
  let concatenation: Concatenation | null = null;
  if (hasUdh && raw.length > 0) {
    const udhLength = (raw[0] as number) + 1;
    const udh = raw.subarray(1, udhLength);
    payload = raw.subarray(udhLength);
    for (let i = 0; i + 1 < udh.length; ) {
      const iei = udh[i] as number;
      const len = udh[i + 1] as number;
      const data = udh.subarray(i + 2, i + 2 + len);
      if (iei === 0x00 && len === 3)
        concatenation = {
          reference: data[0] as number,
          total: data[1] as number,
          sequence: data[2] as number,
        };
      if (iei === 0x08 && len === 4)
        concatenation = {
          reference: data.readUInt16BE(0),
          total: data[2] as number,
          sequence: data[3] as number,
        };
      i += 2 + len;
    }
  }
  const coding = dataCoding & 0x0f;
  const text =
    coding === 0x08 ? ucs2Text(payload) : coding === 0x03 ? payload.toString('latin1') : gsm7Text(payload);
  return { text, concatenation };
}
