// Turning what a client sent into what we store: read within the limits, sniff the type from the
// bytes, strip identifying metadata, name it safely, hash it. Every file of a request is checked
// before any is written, so a refused file means nothing was stored.
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError, invalid, refusal } from '../errors.ts';
import { cleanFileName } from './file-name.ts';
import { describeRefused, type MediaType, sniff } from './sniff.ts';
import { DamagedFile, stripMetadata } from './strip.ts';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_FILES = 3;

/** Busboy's limits: files are counted and cut off while they stream in, never buffered whole first. */
const LIMITS = {
  fileSize: MAX_FILE_BYTES,
  files: MAX_FILES,
  fields: 4,
  parts: MAX_FILES + 4,
  fieldSize: 1000,
  fieldNameSize: 100,
  headerPairs: 20,
};

export interface Received {
  name: string | undefined;
  bytes: Uint8Array;
}

export interface Checked {
  mediaType: MediaType;
  fileName: string | null;
  sha256: string;
  content: Uint8Array;
}

const MB = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** Reads every file of a multipart/form-data request into memory, within the limits. */
export async function receiveFiles(request: FastifyRequest): Promise<Received[]> {
  if (!request.isMultipart()) {
    throw refusal(
      'unsupported_media_type',
      'form_unreadable',
      'send the files as multipart/form-data, one form field of type file for each',
    );
  }
  const files: Received[] = [];
  let current: string | undefined;
  try {
    for await (const part of request.parts({ limits: LIMITS })) {
      if (part.type !== 'file') {
        throw invalid(
          part.fieldname,
          'only files are accepted in this form; give the kind in the query string',
          'form_fields_only',
        );
      }
      current = part.filename;
      files.push({ name: part.filename, bytes: await part.toBuffer() });
    }
  } catch (error) {
    throw asAppError(error, current);
  }
  if (!files.length)
    throw invalid('file', 'attach at least one file: a form field of type file', 'file_missing');
  return files;
}

function asAppError(error: unknown, fileName: string | undefined): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    return refusal(
      'payload_too_large',
      'file_too_large',
      `each file may be at most ${MB(MAX_FILE_BYTES)}${fileName ? `; "${fileName}" is larger` : ''}. ` +
        'Send a smaller photo, or scan the document at a lower resolution.',
    );
  }
  if (code === 'FST_FILES_LIMIT') {
    return refusal('payload_too_large', 'too_many_files', `send at most ${MAX_FILES} files in one request`);
  }
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return refusal(
      'payload_too_large',
      'form_fields_only',
      'the form has too many fields; send only the files',
    );
  }
  // Everything else busboy or the plugin can say is about a malformed or cut-off form.
  if (error instanceof Error) {
    return refusal(
      'validation_failed',
      'form_unreadable',
      `the form data could not be read: ${error.message}`,
    );
  }
  return error;
}

/** Sniffs, strips and hashes one file; refuses anything but a JPEG, PNG, WebP or PDF that parses. */
export function checkFile(file: Received, options: { photosOnly: boolean }): Checked {
  const label = file.name ? `"${file.name}"` : 'the file';
  if (!file.bytes.length) throw invalid('file', `${label} is empty`, 'file_empty');
  const mediaType = sniff(file.bytes);
  if (!mediaType) {
    throw refusal(
      'unsupported_media_type',
      'file_type',
      `${label} is ${describeRefused(file.bytes)}; only photos (JPEG, PNG, WebP) and PDF documents are accepted`,
    );
  }
  if (mediaType === 'application/pdf' && options.photosOnly) {
    // A PDF carries its author's name and software in metadata that cannot be removed without
    // rewriting the document, so an anonymous grievance takes photos only.
    throw refusal(
      'unsupported_media_type',
      'file_pdf_anonymous',
      `${label} is a PDF; an anonymous grievance accepts photos only (JPEG, PNG, WebP), because a PDF can carry the name of whoever made it`,
    );
  }
  let content: Uint8Array;
  try {
    content = mediaType === 'application/pdf' ? checkPdf(file.bytes) : stripMetadata(mediaType, file.bytes);
  } catch (error) {
    if (!(error instanceof DamagedFile)) throw error;
    throw refusal(
      'unsupported_media_type',
      'file_damaged',
      `${label} looks like ${mediaType.replace(/^\w+\//, '').toUpperCase()} but is damaged or not really one (${error.message}); send the original file`,
    );
  }
  return {
    mediaType,
    fileName: cleanFileName(file.name, mediaType),
    sha256: createHash('sha256').update(content).digest('hex'),
    content,
  };
}

/** A PDF must at least end like one: an end-of-file marker in its last kilobyte. */
function checkPdf(bytes: Uint8Array): Uint8Array {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1');
  if (!tail.includes('%%EOF')) throw new DamagedFile('it has no end-of-file marker');
  return bytes;
}
