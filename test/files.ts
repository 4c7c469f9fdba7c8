// Real files, built byte by byte, for upload tests: a JPEG a phone might send (EXIF with a GPS position,
// the camera's serial number and an orientation; XMP; IPTC; a comment; junk after the end), a PNG with
// text chunks, a WebP with EXIF and XMP, a PDF; and things that must be refused. Each image decodes in a
// browser: an 8x8 grey JPEG, an RGB PNG of any size, the 1x1 lossless WebP that feature tests use.
import { crc32, deflateSync } from 'node:zlib';

const bytes = (...parts: (Uint8Array | number[] | string)[]) =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p as Uint8Array))),
  );
const be16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const be32 = (n: number) => [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
const le16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const le32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];

export const SECRETS = {
  serial: 'SN-4417-XR-99',
  camera: 'PhoneMaker X2',
  author: 'Kamla Bai +919876500001',
  place: 'Kachnariya, near the school',
};

// --- EXIF ----------------------------------------------------------------------------------------------

/**
 * A little-endian TIFF block as phones write it: IFD0 with make, model, orientation and pointers to
 * an Exif IFD (the body's serial number) and a GPS IFD (23°15'36"N 77°24'45"E, Bhopal).
 */
export function exifTiff(options: { orientation?: number; gps?: boolean } = {}): Buffer {
  // Layout: header (8) | IFD0 | Exif IFD | GPS IFD | data area
  type Entry = { tag: number; type: number; count: number; value: number[] | Buffer };
  const ascii = (s: string) => Buffer.from(`${s}\0`, 'latin1');
  const rational = (pairs: [number, number][]) =>
    Buffer.from(pairs.flatMap(([n, d]) => [...le32(n), ...le32(d)]));
  const ifd0: Entry[] = [
    { tag: 0x010f, type: 2, count: 0, value: ascii('PhoneMaker') },
    { tag: 0x0110, type: 2, count: 0, value: ascii(SECRETS.camera) },
    { tag: 0x0112, type: 3, count: 1, value: [...le16(options.orientation ?? 1), 0, 0] },
    { tag: 0x8769, type: 4, count: 1, value: [0, 0, 0, 0] }, // Exif IFD pointer, patched below
    ...(options.gps !== false ? [{ tag: 0x8825, type: 4, count: 1, value: [0, 0, 0, 0] }] : []),
  ];
  const exif: Entry[] = [{ tag: 0xa431, type: 2, count: 0, value: ascii(SECRETS.serial) }];
  const gps: Entry[] = [
    { tag: 0x0001, type: 2, count: 2, value: [0x4e, 0, 0, 0] }, // "N"
    {
      tag: 0x0002,
      type: 5,
      count: 3,
      value: rational([
        [23, 1],
        [15, 1],
        [3600, 100],
      ]),
    },
    { tag: 0x0003, type: 2, count: 2, value: [0x45, 0, 0, 0] }, // "E"
    {
      tag: 0x0004,
      type: 5,
      count: 3,
      value: rational([
        [77, 1],
        [24, 1],
        [4500, 100],
      ]),
    },
  ];
  const ifdSize = (entries: Entry[]) => 2 + entries.length * 12 + 4;
  const ifd0At = 8;
  const exifAt = ifd0At + ifdSize(ifd0);
  const gpsAt = exifAt + ifdSize(exif);
  let dataAt = gpsAt + ifdSize(gps);
  const data: Buffer[] = [];
  const write = (entries: Entry[]) => {
    const out: number[] = [...le16(entries.length)];
    for (const e of entries) {
      let value = e.value;
      let count = e.count;
      if (Buffer.isBuffer(value)) {
        count = e.type === 2 ? value.length : value.length / 8;
        const offset = dataAt;
        data.push(value);
        dataAt += value.length;
        value = le32(offset);
      }
      if (e.tag === 0x8769) value = le32(exifAt);
      if (e.tag === 0x8825) value = le32(gpsAt);
      out.push(...le16(e.tag), ...le16(e.type), ...le32(count), ...value);
    }
    out.push(0, 0, 0, 0);
    return Buffer.from(out);
  };
  const parts = [
    Buffer.from([0x49, 0x49, 0x2a, 0x00, ...le32(ifd0At)]),
    write(ifd0),
    write(exif),
    write(gps),
  ];
  return Buffer.concat([...parts, ...data]);
}

// --- JPEG ----------------------------------------------------------------------------------------------

const segment = (marker: number, payload: Uint8Array | string) => {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'latin1') : Buffer.from(payload);
  return bytes([0xff, marker, ...be16(body.length + 2)], body);
};

/** The image itself: an 8x8 grey baseline JPEG's tables, frame, scan and data (no SOI, no EOI). */
export const JPEG_IMAGE = bytes(
  segment(0xdb, bytes([0x00], new Uint8Array(64).fill(1))), // one quantisation table, all ones
  segment(0xc0, bytes([8, ...be16(8), ...be16(8), 1, 1, 0x11, 0])), // 8x8, one component
  segment(0xc4, bytes([0x00, 1, ...new Array(15).fill(0), 0x00])), // DC table: one 1-bit code, category 0
  segment(0xc4, bytes([0x10, 1, ...new Array(15).fill(0), 0x00])), // AC table: one 1-bit code, end of block
  segment(0xda, bytes([1, 1, 0x00, 0, 63, 0])), // scan of component 1
  [0b00111111], // DC "0" (no change: mid grey), AC "0" (end of block), padded with ones
);

export function jpeg(
  options: {
    exif?: boolean;
    orientation?: number;
    xmp?: boolean;
    iptc?: boolean;
    comment?: boolean;
    trailer?: string;
  } = {},
): Buffer {
  const jfif = segment(0xe0, bytes('JFIF\0', [1, 1, 0, ...be16(72), ...be16(72), 0, 0]));
  return bytes(
    [0xff, 0xd8],
    jfif,
    options.exif !== false
      ? segment(0xe1, bytes('Exif\0\0', exifTiff({ orientation: options.orientation })))
      : [],
    options.xmp
      ? segment(
          0xe1,
          `http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>${SECRETS.author}</dc:creator></x:xmpmeta>`,
        )
      : [],
    options.iptc
      ? segment(
          0xed,
          `Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x20\x1c\x02\x5a\x00\x1a${SECRETS.place}`,
        )
      : [],
    options.comment ? segment(0xfe, `Taken by ${SECRETS.author}`) : [],
    JPEG_IMAGE,
    [0xff, 0xd9],
    options.trailer ?? '',
  );
}

// --- PNG -----------------------------------------------------------------------------------------------

const chunk = (type: string, data: Uint8Array | string) => {
  const body = typeof data === 'string' ? Buffer.from(data, 'latin1') : Buffer.from(data);
  const typed = bytes(type, body);
  return bytes(be32(body.length), typed, be32(crc32(typed)));
};

/** An RGB PNG of `width` x `height` in a gradient, with the text chunks a photo app might add. */
export function png(options: { width?: number; height?: number; metadata?: boolean } = {}): Buffer {
  const width = options.width ?? 4;
  const height = options.height ?? 4;
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0); // filter: none
    for (let x = 0; x < width; x++) rows.push((x * 255) / width, (y * 255) / height, 128);
  }
  const metadata = options.metadata !== false;
  return bytes(
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    chunk('IHDR', bytes(be32(width), be32(height), [8, 2, 0, 0, 0])),
    chunk('gAMA', bytes(be32(45455))),
    metadata ? chunk('tEXt', `Author\0${SECRETS.author}`) : [],
    metadata ? chunk('iTXt', `Description\0\0\0en\0\0${SECRETS.place}`) : [],
    metadata ? chunk('zTXt', bytes('Comment\0\0', deflateSync(Buffer.from(SECRETS.serial)))) : [],
    metadata ? chunk('eXIf', exifTiff()) : [],
    metadata ? chunk('tIME', bytes(be16(2026), [3, 1, 9, 30, 0])) : [],
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', ''),
  );
}

// --- WebP ----------------------------------------------------------------------------------------------

/** The 1x1 lossless image from the common WebP feature test, as a VP8L chunk. */
const VP8L = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64').subarray(12);

const riffChunk = (fourcc: string, data: Uint8Array | string) => {
  const body = typeof data === 'string' ? Buffer.from(data, 'latin1') : Buffer.from(data);
  return bytes(fourcc, le32(body.length), body, body.length % 2 ? [0] : []);
};

/** An extended-format (VP8X) WebP carrying EXIF and XMP, flags set as the format requires. */
export function webp(options: { metadata?: boolean } = {}): Buffer {
  const metadata = options.metadata !== false;
  const flags = metadata ? 0x08 | 0x04 : 0;
  const body = bytes(
    riffChunk('VP8X', bytes([flags, 0, 0, 0], [0, 0, 0], [0, 0, 0])), // canvas 1x1 (stored minus one)
    VP8L,
    metadata ? riffChunk('EXIF', exifTiff()) : [],
    metadata ? riffChunk('XMP ', `<x:xmpmeta><dc:creator>${SECRETS.author}</dc:creator></x:xmpmeta>`) : [],
  );
  return bytes('RIFF', le32(4 + body.length), 'WEBP', body);
}

// --- PDF -----------------------------------------------------------------------------------------------

/** A one-page PDF with a correct cross-reference table. */
export function pdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

// --- Things to refuse ----------------------------------------------------------------------------------

export const REFUSED = {
  html: Buffer.from('<!DOCTYPE html><html><body><script>fetch("/api/auth/me")</script></body></html>'),
  svg: Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"><circle r="4"/></svg>',
  ),
  exe: bytes('MZ', new Uint8Array(62), 'PE\0\0', new Uint8Array(64)),
  gif: bytes('GIF89a', [1, 0, 1, 0, 0, 0, 0], ',', new Uint8Array(10), ';'),
  /** Starts like a JPEG, then is not one. */
  fakeJpeg: bytes([0xff, 0xd8, 0xff, 0xe0], '<script>alert(1)</script>'),
};

// --- Multipart -----------------------------------------------------------------------------------------

export interface Upload {
  bytes: Uint8Array;
  name?: string;
  /** What the client claims; never believed. */
  type?: string;
  field?: string;
}

/** A multipart/form-data body for `inject`, one file field per upload. */
export function form(...uploads: Upload[]): FormData {
  const data = new FormData();
  for (const u of uploads) {
    data.append(
      u.field ?? 'file',
      new Blob([Buffer.from(u.bytes)], { type: u.type ?? 'application/octet-stream' }),
      u.name ?? 'file',
    );
  }
  return data;
}
