// Attachments over HTTP: upload (multipart/form-data), list, download. Thin: parse, call, render.
//
// Downloads are served so that no file can ever act as a page of ours: the type we sniffed (never the
// one it came with), `nosniff` so the browser does not second-guess it, a sandboxing CSP with no
// scripts, PDFs only as downloads (a PDF viewer inside our origin is not something to trust), and a
// file name whose extension matches the type.
import type {} from '@fastify/multipart';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { audited, auditRead } from '../access/audited.ts';
import type { Deps } from '../deps.ts';
import { DateTime, ErrorBody, errorResponses, Id, Nullable, oneOf } from '../http/schemas.ts';
import { addAttachments, listAttachments, mayAttach, openAttachment } from './attach.ts';
import { DEFAULT_UPLOAD_CAP } from './cap.ts';
import { checkFile, MAX_FILE_BYTES, MAX_FILES, receiveFiles } from './check.ts';
import { contentDisposition } from './file-name.ts';
import { defaultKind } from './policy.ts';
import { ACCEPTED, EXTENSION } from './sniff.ts';

const KINDS = ['evidence', 'proof'] as const;
const Reference = Type.String({ minLength: 1, maxLength: 20 });

export const Attachment = Type.Object({
  id: Type.Integer(),
  kind: oneOf(KINDS),
  mediaType: oneOf(ACCEPTED),
  size: Type.Integer({ description: 'Bytes stored (after metadata was removed)' }),
  sha256: Type.String(),
  fileName: Nullable(Type.String({ description: 'Cleaned original name; hidden where it could identify' })),
  uploadedBy: Type.Object({ kind: Type.String(), id: Nullable(Type.Integer()) }),
  eventId: Nullable(Type.Integer({ description: 'The event it was given with (the resolve, for proof)' })),
  createdAt: DateTime,
  removed: Type.Boolean({ description: 'Its content was removed after the retention period' }),
  url: Type.String(),
});

const tags = ['attachments'];
const failures = {
  ...errorResponses,
  401: ErrorBody,
  403: ErrorBody,
  413: ErrorBody,
  415: ErrorBody,
};

// Sandboxed, no scripts, no plugins, nothing loaded but the image itself, and never inside a frame.
const DOWNLOAD_CSP =
  "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox";

export function attachmentRoutes(
  deps: Deps,
  options: { uploadLimit: object | false },
): FastifyPluginAsyncTypebox {
  const { db, clock } = deps;
  const cap = deps.uploadCap ?? DEFAULT_UPLOAD_CAP;
  return async (app) => {
    // Multipart parsing is registered inside this plugin only: every other route still takes JSON alone
    // and answers a form with 415. Any other body type sent here gets a 415 that says what to send.
    await app.register(multipart, { throwFileSizeLimit: true });
    app.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));

    app.post(
      '/api/grievances/:reference/attachments',
      {
        config: { access: 'signed-in', ...(options.uploadLimit ? { rateLimit: options.uploadLimit } : {}) },
        schema: {
          tags,
          summary: 'Add photos or documents to a grievance (multipart/form-data)',
          description:
            `Up to ${MAX_FILES} files of at most ${MAX_FILE_BYTES / 1024 / 1024} MB each, as form fields of type file. ` +
            `A grievance holds at most ${cap.files} files and ${Math.round(cap.bytes / 1024 / 1024)} MB of each kind (413 grievance_files_full or grievance_bytes_full beyond). ` +
            'The type is read from the content, never from the name: JPEG, PNG, WebP and PDF are accepted (415 otherwise, 413 when too large; nothing is stored then). ' +
            'Location, camera and other identifying metadata are removed from photos before they are stored. ' +
            "kind=evidence (the citizen's, while the grievance is open; the default for citizens) or kind=proof (the officer's, while it is assigned or in progress; the default for staff). " +
            'Proof is linked to a resolution by giving its id in attachmentIds of the resolve action.',
          consumes: ['multipart/form-data'],
          params: Type.Object({ reference: Reference }),
          querystring: Type.Object({ kind: Type.Optional(oneOf(KINDS)) }, { additionalProperties: false }),
          response: { 201: Type.Object({ items: Type.Array(Attachment) }), ...failures },
        },
      },
      async (request, reply) => {
        const { principal } = request;
        const { reference } = request.params;
        const kind = request.query.kind ?? defaultKind(principal);
        const g = await mayAttach(db, reference, kind, principal, cap);
        const received = await receiveFiles(request);
        const photosOnly = g.anonymous && kind === 'evidence';
        const checked = received.map((file) => checkFile(file, { photosOnly }));
        const items = await audited(
          deps,
          request,
          (trx) => addAttachments(trx, clock, reference, kind, checked, principal, cap),
          (added) => ({
            entity: 'grievance',
            entityId: g.reference,
            data: { kind, attachmentIds: added.map((a) => a.id) },
          }),
        );
        return reply.status(201).send({ items });
      },
    );

    app.get(
      '/api/grievances/:reference/attachments',
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary: "A grievance's attachments, oldest first (whoever may read the grievance)",
          params: Type.Object({ reference: Reference }),
          response: { 200: Type.Object({ items: Type.Array(Attachment) }), ...failures },
        },
      },
      async (request) => ({
        items: await listAttachments(db, request.params.reference, request.principal),
      }),
    );

    app.get(
      '/api/grievances/:reference/attachments/:id',
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary: 'Download an attachment (images inline, PDFs as a download)',
          description:
            'Answers with the stored bytes and their sniffed type; ETag is the SHA-256, so If-None-Match answers 304.',
          params: Type.Object({ reference: Reference, id: Id }),
          produces: ACCEPTED,
          response: {
            200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The file' }),
            304: Type.Unsafe<undefined>({ type: 'null', description: 'Not modified (If-None-Match)' }),
            ...failures,
          },
        },
      },
      async (request, reply) => {
        const { reference, id } = request.params;
        const { principal } = request;
        const { attachment, content, grievance } = await openAttachment(db, reference, id, principal);
        // A citizen's photo read by staff is a read of personal data: recorded, like reading the grievance.
        if ((principal.kind === 'staff' || principal.kind === 'api') && attachment.kind === 'evidence') {
          await auditRead(deps, request, {
            action: 'attachment.read',
            entity: 'grievance',
            entityId: grievance.reference,
            data: { attachmentId: attachment.id },
          });
        }
        const name = attachment.fileName ?? `${grievance.reference}-${id}.${EXTENSION[attachment.mediaType]}`;
        const inline = attachment.mediaType.startsWith('image/');
        const etag = `"${attachment.sha256}"`;
        reply
          .header('etag', etag)
          // Each fetch is checked against the rules again; http/no-store.ts makes it no-store (personal data).
          .header('cache-control', 'no-store')
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', DOWNLOAD_CSP)
          .header('cross-origin-resource-policy', 'same-origin')
          .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', name));
        if (request.headers['if-none-match'] === etag) return reply.status(304).send();
        return reply
          .type(attachment.mediaType)
          .send(Buffer.from(content.buffer, content.byteOffset, content.byteLength));
      },
    );
  };
}
