// Sniffing and metadata stripping on real files built byte by byte (test/files.ts): what identifies the
// person goes, the image stays exactly as it was.
import { describe, expect, it } from 'vitest';
import { JPEG_IMAGE, jpeg, pdf, png, REFUSED, SECRETS, webp } from '../../test/files.ts';
import { cleanFileName, contentDisposition } from './file-name.ts';
import { describeRefused, sniff } from './sniff.ts';
import { DamagedFile, exifOrientation, stripMetadata } from './strip.ts';

const has = (haystack: Uint8Array, needle: string | Uint8Array) =>
  Buffer.from(haystack).includes(typeof needle === 'string' ? needle : Buffer.from(needle));
const leaks = (b: Uint8Array) => Object.values(SECRETS).filter((s) => has(b, s));

/** The markers of a JPEG's segments, in order, up to the first scan. */
function jpegMarkers(b: Uint8Array): string[] {
  const out: string[] = [];
  let pos = 2;
  while (pos < b.length && b[pos] === 0xff) {
    const marker = b[pos + 1] as number;
    out.push(marker.toString(16).toUpperCase());
    if (marker === 0xda || marker === 0xd9) break;
    pos += 2 + (((b[pos + 2] as number) << 8) | (b[pos + 3] as number));
  }
  return out;
}

function pngChunks(b: Uint8Array): string[] {
  const out: string[] = [];
  for (let pos = 8; pos + 8 <= b.length; ) {
    const length = Buffer.from(b).readUInt32BE(pos);
    out.push(Buffer.from(b.subarray(pos + 4, pos + 8)).toString('latin1'));
    pos += 12 + length;
  }
  return out;
}

function riffChunks(b: Uint8Array): string[] {
  const out: string[] = [];
  const buf = Buffer.from(b);
  for (let pos = 12; pos + 8 <= b.length; ) {
    const size = buf.readUInt32LE(pos + 4);
    out.push(buf.subarray(pos, pos + 4).toString('latin1'));
    pos += 8 + size + (size % 2);
  }
  return out;
}

describe('sniffing', () => {
  it('knows the four accepted types by their first bytes alone', () => {
    expect(sniff(jpeg())).toBe('image/jpeg');
    expect(sniff(png())).toBe('image/png');
    expect(sniff(webp())).toBe('image/webp');
    expect(sniff(pdf())).toBe('application/pdf');
  });

  it('refuses everything else, and says what it seems to be', () => {
    for (const bytes of Object.values(REFUSED).filter((b) => b !== REFUSED.fakeJpeg)) {
      expect(sniff(bytes)).toBeNull();
    }
    expect(describeRefused(REFUSED.html)).toBe('a web page');
    expect(describeRefused(REFUSED.svg)).toBe('an SVG drawing');
    expect(describeRefused(REFUSED.exe)).toBe('a program');
    expect(describeRefused(REFUSED.gif)).toBe('a GIF image');
    expect(sniff(Buffer.from('%PDF'))).toBeNull(); // too short to be anything
    expect(sniff(new Uint8Array())).toBeNull();
  });
});

describe('stripping JPEG metadata', () => {
  const original = jpeg({
    orientation: 6,
    xmp: true,
    iptc: true,
    comment: true,
    trailer: '<html>owned</html>',
  });

  it('starts from a file that really carries a GPS position, a serial number, a name and a place', () => {
    expect(leaks(original)).toEqual(Object.values(SECRETS));
    // GPS latitude 23/1 15/1 3600/100 as little-endian rationals.
    expect(has(original, Buffer.from([23, 0, 0, 0, 1, 0, 0, 0, 15, 0, 0, 0, 1, 0, 0, 0]))).toBe(true);
    expect(jpegMarkers(original)).toEqual(['E0', 'E1', 'E1', 'ED', 'FE', 'DB', 'C0', 'C4', 'C4', 'DA']);
  });

  it('removes EXIF (GPS, camera, serial), XMP, IPTC, comments and anything after the image', () => {
    const stripped = stripMetadata('image/jpeg', original);
    expect(leaks(stripped)).toEqual([]);
    expect(has(stripped, Buffer.from([23, 0, 0, 0, 1, 0, 0, 0, 15, 0, 0, 0]))).toBe(false);
    expect(has(stripped, 'http://ns.adobe.com/xap')).toBe(false);
    expect(has(stripped, '8BIM')).toBe(false);
    expect(has(stripped, '<html>')).toBe(false);
    // JFIF (thumbnail-free), a rebuilt EXIF holding only the orientation, then the image.
    expect(jpegMarkers(stripped)).toEqual(['E0', 'E1', 'DB', 'C0', 'C4', 'C4', 'DA']);
    expect(Buffer.from(stripped.subarray(-2))).toEqual(Buffer.from([0xff, 0xd9]));
  });

  it('keeps the image data byte for byte, and the orientation so the photo is not shown sideways', () => {
    const stripped = stripMetadata('image/jpeg', original);
    expect(has(stripped, JPEG_IMAGE)).toBe(true);
    const exifAt = Buffer.from(stripped).indexOf('Exif\0\0');
    expect(exifOrientation(stripped.subarray(exifAt + 6))).toBe(6);
    expect(exifOrientation(stripped.subarray(exifAt + 6, exifAt + 6 + 26))).toBe(6); // all it holds
    // Upright photos need no EXIF at all.
    expect(has(stripMetadata('image/jpeg', jpeg({ orientation: 1 })), 'Exif')).toBe(false);
  });

  it('is idempotent', () => {
    const once = stripMetadata('image/jpeg', original);
    expect(Buffer.from(stripMetadata('image/jpeg', once))).toEqual(Buffer.from(once));
  });

  it('refuses a file that starts like a JPEG but does not parse as one', () => {
    expect(() => stripMetadata('image/jpeg', REFUSED.fakeJpeg)).toThrow(DamagedFile);
    expect(() => stripMetadata('image/jpeg', original.subarray(0, original.length - 40))).toThrow(
      DamagedFile,
    );
    expect(() => stripMetadata('image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toThrow(/no image data/);
  });
});

describe('stripping PNG metadata', () => {
  const original = png();

  it('removes text, compressed text, international text, EXIF and time chunks, keeps the image', () => {
    expect(pngChunks(original)).toEqual([
      'IHDR',
      'gAMA',
      'tEXt',
      'iTXt',
      'zTXt',
      'eXIf',
      'tIME',
      'IDAT',
      'IEND',
    ]);
    expect(leaks(original).length).toBeGreaterThan(0);
    const stripped = stripMetadata('image/png', Buffer.concat([original, Buffer.from('trailing junk')]));
    expect(pngChunks(stripped)).toEqual(['IHDR', 'gAMA', 'IDAT', 'IEND']);
    expect(leaks(stripped)).toEqual([]);
    expect(Buffer.from(stripped)).toEqual(png({ metadata: false }));
  });

  it('refuses a PNG that does not parse', () => {
    expect(() => stripMetadata('image/png', original.subarray(0, 40))).toThrow(DamagedFile);
    const unknownCritical = Buffer.from(original);
    unknownCritical.write('QQQQ', 8 + 25 + 4, 'latin1'); // rename the chunk after IHDR
    expect(() => stripMetadata('image/png', unknownCritical)).toThrow(/unknown critical chunk/);
  });
});

describe('stripping WebP metadata', () => {
  it('removes EXIF and XMP chunks and clears their flags', () => {
    const original = webp();
    expect(riffChunks(original)).toEqual(['VP8X', 'VP8L', 'EXIF', 'XMP ']);
    const stripped = stripMetadata('image/webp', original);
    expect(riffChunks(stripped)).toEqual(['VP8X', 'VP8L']);
    expect(leaks(stripped)).toEqual([]);
    expect(stripped[20]).toBe(0); // VP8X flags: no EXIF, no XMP
    expect(Buffer.from(stripped).readUInt32LE(4)).toBe(stripped.length - 8);
    expect(Buffer.from(stripped)).toEqual(webp({ metadata: false }));
  });
});

describe('file names', () => {
  it('keeps a readable name, drops paths and tricks, and makes the extension match the content', () => {
    expect(cleanFileName('IMG_2041.JPG', 'image/jpeg')).toBe('IMG_2041.jpg');
    expect(cleanFileName('C:\\Users\\kamla\\photo.html', 'image/jpeg')).toBe('photo.jpg');
    expect(cleanFileName('../../etc/passwd', 'application/pdf')).toBe('passwd.pdf');
    expect(cleanFileName('invoice\u202egpj.exe', 'image/png')).toBe('invoicegpj.png');
    expect(cleanFileName('हैंडपंप फोटो.jpeg', 'image/jpeg')).toBe('हैंडपंप फोटो.jpg');
    expect(cleanFileName('a\u0000b<script>.png', 'image/png')).toBe('abscript.png');
    expect(cleanFileName('.jpg', 'image/jpeg')).toBeNull();
    expect(cleanFileName(undefined, 'image/jpeg')).toBeNull();
    expect(cleanFileName(`${'x'.repeat(300)}.jpg`, 'image/jpeg')?.length).toBe(120);
  });

  it('quotes names safely in Content-Disposition, with the UTF-8 name beside an ASCII one', () => {
    expect(contentDisposition('inline', 'हैंडपंप "1".jpg')).toBe(
      `inline; filename="_______ _1_.jpg"; filename*=UTF-8''${encodeURIComponent('हैंडपंप "1".jpg')}`,
    );
    expect(contentDisposition('attachment', "it's (a) report.pdf")).toBe(
      `attachment; filename="it's (a) report.pdf"; filename*=UTF-8''it%27s%20%28a%29%20report.pdf`,
    );
  });
});
