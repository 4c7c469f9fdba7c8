// Recorded prompts. Administrators list the catalogue with what is recorded, upload a take per
// (prompt, language) as WAV (8 kHz mono taken as it is, anything else converted with sox) or MP3, and
// remove one (the placeholder speaks again). Providers fetch the recordings they are told to play from
// /webhooks/voice/recordings/<key>/<language>.wav: public, as a provider fetches it without our
// credentials, and nothing in a prompt is personal.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { audited } from '../../access/audited.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { errorResponses } from '../../http/schemas.ts';
import { toWav } from './prompts/audio.ts';
import { CATALOGUE, FALLBACK_LANGUAGE } from './prompts/catalogue.ts';
import { recordable, saveRecording } from './prompts/recordings.ts';

const tags = ['voice'];
const AUDIO_TYPES = ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave', 'audio/mpeg', 'audio/mp3'];
const Key = Type.String({ pattern: '^[a-z][a-z0-9_.]{0,63}$' });
const Language = Type.String({ pattern: '^[a-z]{2,3}$' });
const Params = Type.Object({ key: Key, language: Language });

const Prompt = Type.Object({
  key: Type.String(),
  language: Type.String(),
  text: Type.String(),
  recordable: Type.Boolean(),
  recording: Type.Union([
    Type.Object({ durationMs: Type.Integer(), uploadedAt: Type.String({ format: 'date-time' }) }),
    Type.Null(),
  ]),
});

export function promptRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    // Audio arrives as the request body, as a browser's fetch(file) or curl --data-binary sends it.
    app.addContentTypeParser(AUDIO_TYPES, { parseAs: 'buffer', bodyLimit: 16_777_216 }, (_r, body, done) =>
      done(null, body),
    );

    app.get(
      '/api/voice/prompts',
      {
        schema: {
          tags,
          summary: 'The prompt catalogue in every language, with what is recorded',
          response: { 200: Type.Object({ items: Type.Array(Prompt) }), ...errorResponses },
        },
        config: { access: ['admin'] },
      },
      async () => {
        const rows = await deps.db
          .selectFrom('ivr_prompt_recordings')
          .select(['key', 'language', 'duration_ms', 'uploaded_at'])
          .execute();
        const recorded = new Map(rows.map((r) => [`${r.key}\u0000${r.language}`, r]));
        const items = [];
        for (const key of Object.keys(CATALOGUE[FALLBACK_LANGUAGE] ?? {}))
          for (const [language, texts] of Object.entries(CATALOGUE)) {
            const row = recorded.get(`${key}\u0000${language}`);
            items.push({
              key,
              language,
              text: texts[key] ?? '',
              recordable: recordable(key, language),
              recording: row
                ? { durationMs: row.duration_ms, uploadedAt: row.uploaded_at.toISOString() }
                : null,
            });
          }
        return { items };
      },
    );

    app.put(
      '/api/voice/prompts/:key/:language',
      {
        schema: {
          tags,
          summary:
            'Upload the recording of a prompt in a language (WAV or MP3; 8 kHz mono kept, else converted)',
          params: Params,
          response: {
            200: Type.Object({
              key: Type.String(),
              language: Type.String(),
              durationMs: Type.Integer(),
              uploadedAt: Type.String({ format: 'date-time' }),
            }),
            ...errorResponses,
          },
        },
        config: { access: ['admin'] },
      },
      async (request) => {
        const body = request.body as unknown;
        if (!Buffer.isBuffer(body) || body.length === 0)
          throw new AppError(
            'unsupported_media_type',
            'send the audio as the body (audio/wav or audio/mpeg)',
            [{ field: 'audio', message: 'is not readable audio', code: 'audio_unreadable' }],
          );
        const { key, language } = request.params;
        const saved = await audited(
          deps,
          request,
          (trx) =>
            saveRecording(trx, deps.clock.now(), {
              key,
              language,
              audio: body,
              mediaType: String(request.headers['content-type'] ?? ''),
              uploadedBy:
                request.principal.kind === 'staff' || request.principal.kind === 'api'
                  ? request.principal.userId
                  : null,
            }),
          (r) => ({
            entity: 'ivr_prompt_recording',
            entityId: `${key}/${language}`,
            data: { durationMs: r.durationMs },
          }),
        );
        // This node plays the new take at once; others drop their list on the announcement.
        deps.reference?.clear();
        return { ...saved, uploadedAt: saved.uploadedAt.toISOString() };
      },
    );

    app.delete(
      '/api/voice/prompts/:key/:language',
      {
        schema: {
          tags,
          summary: 'Remove the recording of a prompt (the placeholder speaks again)',
          params: Params,
          response: { 204: Type.Null(), ...errorResponses },
        },
        config: { access: ['admin'] },
      },
      async (request, reply) => {
        const { key, language } = request.params;
        const removed = await audited(
          deps,
          request,
          (trx) =>
            trx
              .deleteFrom('ivr_prompt_recordings')
              .where('key', '=', key)
              .where('language', '=', language)
              .executeTakeFirst(),
          { entity: 'ivr_prompt_recording', entityId: `${key}/${language}` },
        );
        deps.reference?.clear();
        if (!removed.numDeletedRows)
          throw new AppError('not_found', `no recording of "${key}" in "${language}"`);
        reply.code(204);
      },
    );

    // What providers play (and the simulator): the recording as an 8 kHz 16-bit WAV.
    app.get(
      '/webhooks/voice/recordings/:key/:file',
      {
        schema: {
          hide: true,
          params: Type.Object({ key: Key, file: Type.String({ pattern: '^[a-z]{2,3}\\.wav$' }) }),
        },
      },
      async (request, reply) => {
        const language = request.params.file.slice(0, -4);
        const row = await deps.db
          .selectFrom('ivr_prompt_recordings')
          .select('pcm')
          .where('key', '=', request.params.key)
          .where('language', '=', language)
          .executeTakeFirst();
        if (!row) throw new AppError('not_found', 'no such recording');
        const bytes = Buffer.from(row.pcm);
        const pcm = new Int16Array(
          bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + (bytes.byteLength & ~1)),
        );
        // The URL names the upload (?v=), so a new take is a new URL: caching is safe.
        reply.type('audio/wav').header('cache-control', 'public, max-age=86400');
        return Buffer.from(toWav(pcm));
      },
    );
  };
}
