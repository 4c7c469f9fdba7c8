// A streaming XLSX writer: rows in, bytes of a valid .xlsx out, in constant memory whatever the length.
//
// An .xlsx file is a zip of a few XML parts. The sheets are written first, each row as soon as it comes,
// compressed chunk by chunk: every chunk is deflated on its own and ends on a sync flush (no "final"
// bit), and one empty final block closes the entry, so the chunks concatenate into one valid deflate
// stream without holding the sheet. Sizes and checksums are not known until an entry ends, so each
// local header says so (flag bit 3) and a data descriptor follows the data; the central directory at the
// end repeats them, as every zip reader expects. The workbook and its relationships, which list the
// sheets, are written after the sheets, when their number is known.
//
// Cells are inline strings or numbers (no shared-strings table, which would grow with the data). A sheet
// holds at most 1,048,575 rows under its header (Excel's limit); more continue on the next sheet.
//
// Zip64, as needed: a sheet past 4 GiB (some twenty million rows of a grievance list), or a file whose
// central directory starts past 4 GiB, cannot be described by plain zip's 32-bit fields. Such an entry
// gets a data descriptor with 8-byte sizes and, in the central directory, 0xFFFFFFFF in the 32-bit
// fields with the true values in a zip64 extra field; the end of the file gets the zip64 end record and
// its locator before the plain one. A streaming writer cannot know in the local header whether an
// entry will grow that large, so the local header never carries a zip64 field (as Go's archive/zip
// does): readers take sizes and offsets from the central directory. Files that fit stay plain zip, byte
// for byte as before, because some versions of Excel refuse zip64 records where none were needed (hence
// Apache POI's "as needed" default).
import { constants, crc32, deflateRawSync } from 'node:zlib';

export type Cell = string | number | null | undefined;

export const MAX_SHEET_ROWS = 1_048_575;
/** Sizes and offsets above this need zip64 (lowered in tests to take that path without 4 GiB). */
export const ZIP64_ABOVE = 0xffff_fffe;
const FULL32 = 0xffff_ffff;

interface Entry {
  name: Buffer;
  offset: number;
  crc: number;
  compressed: number;
  size: number;
}

/** The zip container, one entry at a time; yields the bytes to send. */
class ZipWriter {
  private offset = 0;
  private readonly entries: Entry[] = [];
  private current: Entry | null = null;
  private readonly time: number;
  private readonly date: number;

  constructor(
    now: Date,
    private readonly above = ZIP64_ABOVE,
  ) {
    this.time = (now.getUTCHours() << 11) | (now.getUTCMinutes() << 5) | (now.getUTCSeconds() >> 1);
    this.date = ((now.getUTCFullYear() - 1980) << 9) | ((now.getUTCMonth() + 1) << 5) | now.getUTCDate();
  }

  private count(bytes: Buffer): Buffer {
    this.offset += bytes.length;
    return bytes;
  }

  private big(e: Entry): boolean {
    return e.size > this.above || e.compressed > this.above || e.offset > this.above;
  }

  begin(name: string): Buffer {
    const entry: Entry = {
      name: Buffer.from(name, 'utf8'),
      offset: this.offset,
      crc: 0,
      compressed: 0,
      size: 0,
    };
    this.current = entry;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    header.writeUInt16LE(0x0808, 6); // sizes in a data descriptor; names in UTF-8
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt16LE(this.time, 10);
    header.writeUInt16LE(this.date, 12);
    // crc and sizes (14..25) are zero here: they follow the data.
    header.writeUInt16LE(entry.name.length, 26);
    return this.count(Buffer.concat([header, entry.name]));
  }

  /** Compresses one chunk of the current entry. */
  write(text: string): Buffer {
    const entry = this.current as Entry;
    const data = Buffer.from(text, 'utf8');
    entry.crc = crc32(data, entry.crc);
    entry.size += data.length;
    const out = deflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH });
    entry.compressed += out.length;
    return this.count(out);
  }

  end(): Buffer {
    const entry = this.current as Entry;
    const last = deflateRawSync(Buffer.alloc(0)); // the final, empty block
    entry.compressed += last.length;
    // Sizes past 32 bits: the zip64 form of the descriptor, 8 bytes each (APPNOTE 4.3.9.2).
    const wide = entry.size > this.above || entry.compressed > this.above;
    const descriptor = Buffer.alloc(wide ? 24 : 16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc >>> 0, 4);
    if (wide) {
      descriptor.writeBigUInt64LE(BigInt(entry.compressed), 8);
      descriptor.writeBigUInt64LE(BigInt(entry.size), 16);
    } else {
      descriptor.writeUInt32LE(entry.compressed, 8);
      descriptor.writeUInt32LE(entry.size, 12);
    }
    this.entries.push(entry);
    this.current = null;
    return this.count(Buffer.concat([last, descriptor]));
  }

  /** The central directory and its end record (with zip64's before it when needed). */
  finish(): Buffer {
    const start = this.offset;
    const parts = this.entries.map((e) => {
      // The zip64 extra field holds, in this order, those of the three that do not fit (APPNOTE 4.5.3).
      const wide = [e.size, e.compressed, e.offset].filter((v) => v > this.above);
      const extra = Buffer.alloc(wide.length ? 4 + 8 * wide.length : 0);
      if (wide.length) {
        extra.writeUInt16LE(0x0001, 0);
        extra.writeUInt16LE(8 * wide.length, 2);
        for (const [i, v] of wide.entries()) extra.writeBigUInt64LE(BigInt(v), 4 + 8 * i);
      }
      const field32 = (v: number) => (v > this.above ? FULL32 : v);
      const version = this.big(e) ? 45 : 20; // 4.5: zip64
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(version, 4);
      h.writeUInt16LE(version, 6);
      h.writeUInt16LE(0x0808, 8);
      h.writeUInt16LE(8, 10);
      h.writeUInt16LE(this.time, 12);
      h.writeUInt16LE(this.date, 14);
      h.writeUInt32LE(e.crc >>> 0, 16);
      h.writeUInt32LE(field32(e.compressed), 20);
      h.writeUInt32LE(field32(e.size), 24);
      h.writeUInt16LE(e.name.length, 28);
      h.writeUInt16LE(extra.length, 30);
      h.writeUInt32LE(field32(e.offset), 42);
      return Buffer.concat([h, e.name, extra]);
    });
    const directory = Buffer.concat(parts);
    const zip64 = start > this.above || directory.length > this.above || this.entries.length > 0xfffe;
    const tail: Buffer[] = [];
    if (zip64) {
      const record = Buffer.alloc(56);
      record.writeUInt32LE(0x06064b50, 0);
      record.writeBigUInt64LE(44n, 4); // the size of the rest of this record
      record.writeUInt16LE(45, 12);
      record.writeUInt16LE(45, 14);
      record.writeBigUInt64LE(BigInt(this.entries.length), 24);
      record.writeBigUInt64LE(BigInt(this.entries.length), 32);
      record.writeBigUInt64LE(BigInt(directory.length), 40);
      record.writeBigUInt64LE(BigInt(start), 48);
      const locator = Buffer.alloc(20);
      locator.writeUInt32LE(0x07064b50, 0);
      locator.writeBigUInt64LE(BigInt(start + directory.length), 8);
      locator.writeUInt32LE(1, 16); // one disk
      tail.push(record, locator);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(zip64 ? 0xffff : this.entries.length, 8);
    end.writeUInt16LE(zip64 ? 0xffff : this.entries.length, 10);
    end.writeUInt32LE(zip64 ? FULL32 : directory.length, 12);
    end.writeUInt32LE(zip64 ? FULL32 : start, 16);
    return this.count(Buffer.concat([directory, ...tail, end]));
  }
}

/** Text as XML character data: escaped, and without the control characters XML 1.0 forbids. */
export function xmlText(value: string): string {
  return (
    value
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the ones to drop
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
  );
}

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function rowXml(r: number, cells: Cell[], columns: string[]): string {
  let xml = `<row r="${r}">`;
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (v === null || v === undefined || v === '') continue;
    const ref = `${columns[i]}${r}`;
    if (typeof v === 'number' && Number.isFinite(v)) xml += `<c r="${ref}"><v>${v}</v></c>`;
    else {
      // A cell holds at most 32,767 characters.
      const text = xmlText(String(v)).slice(0, 32_767);
      xml += `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${text}</t></is></c>`;
    }
  }
  return `${xml}</row>`;
}

const SHEET_START =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>';
const SHEET_END = '</sheetData></worksheet>';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\ . */
function sheetName(title: string, n: number): string {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').trim() || 'Sheet';
  const suffix = n === 1 ? '' : ` (${n})`;
  return base.slice(0, 31 - suffix.length) + suffix;
}

/**
 * The .xlsx of a header and rows that arrive in batches (one database page at a time), as a stream of
 * buffers; nothing is held beyond the batch being written.
 */
export async function* xlsx(
  title: string,
  header: string[],
  batches: AsyncIterable<Cell[][]>,
  now: Date,
  sheetRows = MAX_SHEET_ROWS,
  zip64Above = ZIP64_ABOVE,
): AsyncGenerator<Buffer> {
  const zip = new ZipWriter(now, zip64Above);
  const columns = header.map((_, i) => columnName(i));
  const names: string[] = [];
  let r = 0;
  const open = () => {
    names.push(sheetName(title, names.length + 1));
    r = 1;
    return Buffer.concat([
      zip.begin(`xl/worksheets/sheet${names.length}.xml`),
      zip.write(SHEET_START + rowXml(1, header, columns)),
    ]);
  };
  yield open();
  for await (const batch of batches) {
    let xml = '';
    for (const cells of batch) {
      if (r > sheetRows) {
        yield zip.write(xml + SHEET_END);
        xml = '';
        yield zip.end();
        yield open();
      }
      r += 1;
      xml += rowXml(r, cells, columns);
    }
    if (xml) yield zip.write(xml);
  }
  yield zip.write(SHEET_END);
  yield zip.end();

  const part = (name: string, xml: string) =>
    Buffer.concat([
      zip.begin(name),
      zip.write(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${xml}`),
      zip.end(),
    ]);
  const sheets = names.map((_, i) => i + 1);
  yield part(
    'xl/workbook.xml',
    `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}"><sheets>${names
      .map(
        (name, i) =>
          `<sheet name="${xmlText(name).replace(/"/g, '&quot;')}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`,
      )
      .join('')}</sheets></workbook>`,
  );
  yield part(
    'xl/_rels/workbook.xml.rels',
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map((n) => `<Relationship Id="rId${n}" Type="${REL}/worksheet" Target="worksheets/sheet${n}.xml"/>`)
      .join('')}</Relationships>`,
  );
  yield part(
    '_rels/.rels',
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  yield part(
    '[Content_Types].xml',
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets
      .map(
        (n) =>
          `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
      )
      .join('')}</Types>`,
  );
  yield zip.finish();
}
