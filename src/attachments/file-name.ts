// The name a file came with is only a label: kept (cleaned) so people recognise their own files, never
// used to decide anything. Its extension is replaced by the one for the sniffed type, so a page named
// "photo.html" that is really a JPEG is saved to disk as ".jpg" and cannot open as a page there.
import { EXTENSION, type MediaType } from './sniff.ts';

const MAX = 120;

// Control characters, the characters Windows and shells treat specially, and the invisible
// direction-changing characters that make "gpj.exe" display as "exe.jpg".
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f<>:"/\\|?*\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** A safe display name ending in the right extension, or null if nothing usable is left. */
export function cleanFileName(original: string | undefined, mediaType: MediaType): string | null {
  if (!original) return null;
  // Browsers send just the name, but some clients send a path: keep only its last part.
  const base = original.split(/[\\/]/).pop() ?? '';
  const stem = base
    .toWellFormed()
    .normalize('NFC')
    .replace(UNSAFE, '')
    .replace(/\s+/g, ' ')
    .replace(/\.[^.]*$/, '') // the extension it claimed
    .replace(/^[.\s]+|[.\s]+$/g, '');
  if (!stem) return null;
  const ext = `.${EXTENSION[mediaType]}`;
  return [...stem].slice(0, MAX - ext.length).join('') + ext;
}

/**
 * A Content-Disposition header value: an ASCII fallback in `filename` and the real name, percent-encoded
 * UTF-8, in `filename*` (RFC 6266), so Hindi and Swahili names survive and nothing can break the quoting.
 */
export function contentDisposition(type: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
