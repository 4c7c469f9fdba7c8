// Removing what a photo says about the person who took it, before it is stored.
//
// A phone photo carries far more than pixels: EXIF (in JPEG's APP1 segment, PNG's eXIf chunk, WebP's
// EXIF chunk) holds the GPS position, the time, the camera's make, model and serial number, and a
// thumbnail that may still show what was cropped out; XMP (APP1 again, or an XMP chunk) and IPTC
// (APP13) can hold names, addresses and editing history; comments and text chunks hold whatever an app
// put there; and some phones append whole extra files after the end of the image. A citizen who asked
// to stay anonymous would be identified by their own photo. So each image is rewritten keeping only
// what a decoder needs to draw it (the image data, its tables, and its colour profile) and nothing
// else; anything we cannot parse is refused rather than stored as it came.
//
// The rules are allow-lists, not deny-lists: a kind of metadata invented next year is dropped too.
// One piece of EXIF is kept, rebuilt from scratch: the orientation, without which a photo taken with
// the phone upright would show on its side.

export class DamagedFile extends Error {}

const damaged = (what: string) => new DamagedFile(what);

/** Returns the image with identifying metadata removed; throws DamagedFile if it does not parse. */
export function stripMetadata(mediaType: string, bytes: Uint8Array): Uint8Array {
  switch (mediaType) {
    case 'image/jpeg':
      return stripJpeg(bytes);
    case 'image/png':
      return stripPng(bytes);
    case 'image/webp':
      return stripWebp(bytes);
    default:
      return bytes;
  }
}

const u16be = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u32be = (b: Uint8Array, at: number) => u16be(b, at) * 0x10000 + u16be(b, at + 2);
const u32le = (b: Uint8Array, at: number) =>
  ((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16)) + (b[at + 3] ?? 0) * 0x1000000;
const text = (b: Uint8Array, at: number, length: number) =>
  String.fromCharCode(...b.subarray(at, at + length));
const hasPrefix = (b: Uint8Array, at: number, prefix: string) => text(b, at, prefix.length) === prefix;

// --- JPEG --------------------------------------------------------------------------------------------
//
// A JPEG is a sequence of segments, each a marker (FF xx) and, for most, a 2-byte big-endian length
// that counts itself and the payload. After a start-of-scan (SOS, FF DA) header comes entropy-coded
// image data, in which a data byte FF is always followed by 00 ("stuffing") and FF D0..D7 are restart
// markers; the first other FF xx ends it. A progressive JPEG has several scans with tables between
// them. The image ends at EOI (FF D9); anything after it (some phones append a second image or a
// video with its own metadata) is dropped.

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;
const COM = 0xfe;
const isRst = (marker: number) => marker >= 0xd0 && marker <= 0xd7;
const isApp = (marker: number) => marker >= 0xe0 && marker <= 0xef;
const isSof = (marker: number) => marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);

function stripJpeg(b: Uint8Array): Uint8Array {
  if (b[0] !== 0xff || b[1] !== SOI) throw damaged('it does not start like a JPEG');
  const head: Uint8Array[] = [Uint8Array.of(0xff, SOI)];
  const body: Uint8Array[] = [];
  let orientation = 1;
  let sawFrame = false;
  let sawScan = false;
  let pos = 2;
  for (;;) {
    if (pos >= b.length) throw damaged('the JPEG ends before its end marker');
    if (b[pos] !== 0xff) throw damaged(`expected a JPEG marker at byte ${pos}`);
    // Any number of FF fill bytes may precede a marker.
    while (b[pos] === 0xff) pos++;
    const marker = b[pos++] as number;
    if (marker === EOI) break;
    if (marker === SOI || marker === 0x00) throw damaged('the JPEG has a marker out of place');
    if (isRst(marker) || marker === 0x01) {
      body.push(Uint8Array.of(0xff, marker));
      continue;
    }
    const length = u16be(b, pos);
    if (length < 2 || pos + length > b.length) throw damaged('a JPEG segment runs past the end of the file');
    const payload = b.subarray(pos + 2, pos + length);
    const segment = b.subarray(pos - 2, pos + length);
    pos += length;

    if (marker === APP0) {
      // JFIF: keep the pixel density, drop its optional thumbnail. JFXX (extension thumbnails): drop.
      if (hasPrefix(payload, 0, 'JFIF\0') && payload.length >= 14) head.push(jfif(payload));
    } else if (marker === APP1) {
      // EXIF (GPS, camera serial, thumbnail...) or XMP: dropped, after reading the orientation.
      if (hasPrefix(payload, 0, 'Exif\0\0')) orientation = exifOrientation(payload.subarray(6));
    } else if (marker === APP2) {
      // The ICC colour profile is needed to show colours right; MPF (extra images) and the rest are not.
      if (hasPrefix(payload, 0, 'ICC_PROFILE\0')) body.push(segment);
    } else if (marker === APP14) {
      // Adobe's segment says how CMYK and YCCK images are colour-transformed: needed to decode them.
      if (hasPrefix(payload, 0, 'Adobe')) body.push(segment);
    } else if (isApp(marker) || marker === COM) {
      // APP13 (Photoshop/IPTC: names, captions, places), other vendors' segments, comments: dropped.
    } else {
      // Tables, frame header, restart interval, scan header: the image itself.
      if (isSof(marker)) sawFrame = true;
      body.push(segment);
      if (marker === SOS) {
        if (!sawFrame) throw damaged('the JPEG has image data before its frame header');
        sawScan = true;
        const end = endOfEntropyData(b, pos);
        body.push(b.subarray(pos, end));
        pos = end;
      }
    }
  }
  if (!sawScan) throw damaged('the JPEG has no image data');
  if (orientation !== 1) head.push(exifWithOnlyOrientation(orientation));
  return concat([...head, ...body, Uint8Array.of(0xff, EOI)]);
}

/** Where the entropy-coded data that starts at `from` ends: at the first marker that is not a restart. */
function endOfEntropyData(b: Uint8Array, from: number): number {
  for (let i = from; i < b.length - 1; i++) {
    if (b[i] !== 0xff) continue;
    const next = b[i + 1] as number;
    if (next === 0x00 || isRst(next)) {
      i++;
      continue;
    }
    if (next === 0xff) continue; // fill bytes before the next marker
    return i;
  }
  throw damaged('the JPEG image data is cut off');
}

/** A clean JFIF APP0 segment: version and density copied, thumbnail size set to 0x0. */
function jfif(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(2 + 2 + 14);
  out.set([0xff, APP0, 0x00, 16]);
  out.set(payload.subarray(0, 12), 4); // "JFIF\0", version (2), units (1), X and Y density (2 + 2)
  // Thumbnail width and height (the last two bytes) stay 0.
  return out;
}

/**
 * The Orientation tag (0x0112) of IFD0 in an EXIF block's TIFF structure, or 1 ("upright") if it is
 * missing or anything about the block does not add up. TIFF data is little-endian ("II") or big-endian
 * ("MM"); IFD0 is a count of 12-byte entries: tag (2), type (2), count (4), value or offset (4).
 */
export function exifOrientation(tiff: Uint8Array): number {
  const little = hasPrefix(tiff, 0, 'II');
  if (!little && !hasPrefix(tiff, 0, 'MM')) return 1;
  const u16 = (at: number) => (little ? (tiff[at] ?? 0) | ((tiff[at + 1] ?? 0) << 8) : u16be(tiff, at));
  const u32 = (at: number) => (little ? u32le(tiff, at) : u32be(tiff, at));
  if (u16(2) !== 42) return 1;
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return 1;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return 1;
    if (u16(entry) === 0x0112 && u16(entry + 2) === 3 && u32(entry + 4) === 1) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

/** An APP1 EXIF segment holding one thing: the orientation. Big-endian TIFF, IFD0 with one entry. */
function exifWithOnlyOrientation(orientation: number): Uint8Array {
  return Uint8Array.of(
    ...[0xff, APP1, 0x00, 34], // marker, length 34 (2 + 32)
    ...[0x45, 0x78, 0x69, 0x66, 0x00, 0x00], // "Exif\0\0"
    ...[0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08], // "MM", 42, IFD0 at offset 8
    ...[0x00, 0x01], // one entry
    ...[0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00], // 0x0112 SHORT x1
    ...[0x00, 0x00, 0x00, 0x00], // no next IFD
  );
}

// --- PNG ---------------------------------------------------------------------------------------------
//
// An 8-byte signature, then chunks: length (4, big-endian, of the data only), type (4 letters), data,
// CRC (4). A type whose first letter is lower-case is "ancillary": a decoder may ignore it, so dropping
// it never breaks the image. Text (tEXt, iTXt, zTXt), EXIF (eXIf), the modification time (tIME) and
// any private chunk go; the image, its palette and transparency, and what is needed for colour and
// size on screen (and animation, for APNG) stay. The file ends at IEND.

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_CRITICAL = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND']);
const PNG_KEPT_ANCILLARY = new Set([
  'tRNS', // transparency
  'gAMA',
  'cHRM',
  'sRGB',
  'iCCP',
  'cICP',
  'sBIT', // colour
  'pHYs', // pixel size
  'bKGD', // background colour
  'acTL',
  'fcTL',
  'fdAT', // animation (APNG)
]);

function stripPng(b: Uint8Array): Uint8Array {
  if (!PNG_SIGNATURE.every((v, i) => b[i] === v)) throw damaged('it does not start like a PNG');
  const kept: Uint8Array[] = [b.subarray(0, 8)];
  let pos = 8;
  let first = true;
  for (;;) {
    if (pos + 12 > b.length) throw damaged('the PNG ends before its end chunk');
    const length = u32be(b, pos);
    const type = text(b, pos + 4, 4);
    if (!/^[A-Za-z]{4}$/.test(type)) throw damaged(`the PNG has a malformed chunk at byte ${pos}`);
    const end = pos + 12 + length;
    if (end > b.length) throw damaged(`the PNG chunk ${type} runs past the end of the file`);
    if (first && type !== 'IHDR') throw damaged('the PNG does not start with its header chunk');
    first = false;
    const critical = type.charCodeAt(0) < 0x61; // upper-case first letter
    if (critical && !PNG_CRITICAL.has(type)) throw damaged(`the PNG has an unknown critical chunk ${type}`);
    if (critical || PNG_KEPT_ANCILLARY.has(type)) kept.push(b.subarray(pos, end));
    pos = end;
    if (type === 'IEND') break;
  }
  return concat(kept);
}

// --- WebP --------------------------------------------------------------------------------------------
//
// A RIFF file: "RIFF", the size of what follows (4, little-endian), "WEBP", then chunks: a four-letter
// code, a little-endian size, the data, and a pad byte if the size is odd. The extended format (VP8X)
// may carry EXIF and XMP chunks, announced by two flag bits in VP8X; both chunks go and their flags
// are cleared. The image (VP8, VP8L, ALPH), animation (ANIM, ANMF) and colour profile (ICCP) stay.

const WEBP_KEPT = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

function stripWebp(b: Uint8Array): Uint8Array {
  if (!hasPrefix(b, 0, 'RIFF') || !hasPrefix(b, 8, 'WEBP')) throw damaged('it does not start like a WebP');
  const riffEnd = 8 + u32le(b, 4);
  if (riffEnd > b.length || riffEnd < 12 + 8) throw damaged('the WebP is shorter than it says');
  const kept: Uint8Array[] = [];
  let pos = 12;
  while (pos < riffEnd) {
    if (pos + 8 > riffEnd) throw damaged(`the WebP has a malformed chunk at byte ${pos}`);
    const fourcc = text(b, pos, 4);
    const size = u32le(b, pos + 4);
    const end = pos + 8 + size + (size % 2);
    if (end > riffEnd) throw damaged(`the WebP chunk ${fourcc.trim()} runs past the end of the file`);
    if (pos === 12 && !['VP8 ', 'VP8L', 'VP8X'].includes(fourcc))
      throw damaged('the WebP has no image header');
    if (WEBP_KEPT.has(fourcc)) {
      const chunk = b.slice(pos, end); // a copy: VP8X's flags are edited
      if (fourcc === 'VP8X' && size >= 1) chunk[8] = (chunk[8] as number) & ~(VP8X_EXIF | VP8X_XMP);
      kept.push(chunk);
    }
    pos = end;
  }
  const body = concat(kept);
  const header = new Uint8Array(12);
  header.set(b.subarray(0, 12));
  new DataView(header.buffer).setUint32(4, 4 + body.length, true); // "WEBP" and the chunks
  return concat([header, body]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
