// What a file is, decided from its first bytes ("magic numbers"), never from its name or the
// Content-Type the sender declared: both are whatever the sender says, and a page that says it is a
// photo must not be stored, or served back, as anything but what it really is. Only four types are
// accepted; everything else (HTML, SVG, scripts, executables, office files, HEIC...) is refused.
import type { AttachmentMediaType } from '../db/schema.ts';

export type MediaType = AttachmentMediaType;

/** The extension a stored file of each type is named with, whatever name it came with. */
export const EXTENSION: Record<MediaType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

export const ACCEPTED = Object.keys(EXTENSION) as MediaType[];

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0) =>
  bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

// JPEG: SOI (FF D8) followed by the first marker's FF.
const JPEG = [0xff, 0xd8, 0xff];
// PNG: the 8-byte signature, designed to fail on any 7-bit or line-ending-mangled transfer.
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
// WebP: a RIFF container ("RIFF", 4 bytes of size, "WEBP").
const RIFF = ascii('RIFF');
const WEBP = ascii('WEBP');
// PDF: "%PDF-" and a version digit. The standard tolerates junk before it in the first kilobyte; we
// do not, which also refuses files that are something else with a PDF hidden further in (polyglots).
const PDF = ascii('%PDF-');

export function sniff(bytes: Uint8Array): MediaType | null {
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return 'image/webp';
  if (startsWith(bytes, PDF) && (bytes[5] === 0x31 || bytes[5] === 0x32)) return 'application/pdf';
  return null;
}

/** A short human name for what a refused file seems to be, to say so in the error. */
export function describeRefused(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 256)).trimStart().toLowerCase();
  if (startsWith(bytes, ascii('MZ')) || startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return 'a program';
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'an SVG drawing';
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.includes('<script'))
    return 'a web page';
  if (startsWith(bytes, ascii('GIF8'))) return 'a GIF image';
  if (startsWith(bytes, ascii('ftyp'), 4)) return 'a HEIC photo or a video';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'a ZIP or office document';
  return 'not a photo or PDF';
}
