// Plivo XML. Plivo posts a form to the answer URL when a call arrives and to each element's action URL
// after it (CallUUID, From, To, CallStatus; Digits after GetDigits; InputType, Digits or Speech and
// SpeechConfidenceScore after GetInput, for a gather that listens for speech; RecordUrl and RecordingDuration after
// Record), and to the hangup URL at the end. Every request carries X-Plivo-Signature-V3 and
// X-Plivo-Signature-V3-Nonce: base64 HMAC-SHA256, keyed with the account's auth token, over
//   <url without query>?<query parameters sorted, name=value joined by &>.<POST parameters sorted, name
//   and value run together>.<nonce>
// (the "?" when there is any parameter, the "." between query and POST parameters only when both are
// present; a GET's parameters are all in the query). The header may hold several signatures, comma-
// separated (a token being rotated); one must match. A request that does not verify is refused with 403.
//
// Each action URL carries the turn it answers (`step`), so a request Plivo sends twice moves the flow
// once. Plivo has no queue verb: a queued caller waits alone in a conference named for the call, hearing
// the hold prompts, where the desk's telephony brings the agent in.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../../deps.ts';
import { AppError } from '../../../errors.ts';
import type { PlivoConfig } from '../config.ts';
import { runTurn } from '../engine.ts';
import type { Instruction, TurnInput } from '../instructions.ts';
import {
  acceptForms,
  baseUrl,
  callerNumber,
  fetchRecording,
  rawParams,
  requestedUrl,
  type Spoken,
  spokenPrompts,
  xml,
} from './common.ts';

export const PROVIDER = 'plivo';
const PREFIX = '/webhooks/voice/plivo';

function sortedValues(map: Map<string, string[]>) {
  return [...map.keys()].sort().map((key) => [key, [...(map.get(key) ?? [])].sort()] as const);
}

/** Plivo's V3 signature of a request, as its documentation and server SDKs compute it. */
export function plivoSignatureV3(
  authToken: string,
  method: 'GET' | 'POST',
  url: string,
  params: Record<string, string>,
  nonce: string,
) {
  const u = new URL(url);
  let base = `${u.protocol}//${u.host}${u.pathname}`;
  const query = new Map<string, string[]>();
  const add = (key: string, value: string) => query.set(key, [...(query.get(key) ?? []), value]);
  for (const [key, value] of u.searchParams) add(key, value);
  if (method === 'GET') for (const [key, value] of Object.entries(params)) add(key, value);
  const queryString = sortedValues(query)
    .flatMap(([key, values]) => values.map((v) => `${key}=${v}`))
    .join('&');
  if (method === 'GET') {
    if (queryString) base += `?${queryString}`;
  } else {
    const hasBody = Object.keys(params).length > 0;
    if (queryString || hasBody) base += `?${queryString}`;
    if (queryString && hasBody) base += '.';
    base += Object.keys(params)
      .sort()
      .map((key) => `${key}${params[key]}`)
      .join('');
  }
  return createHmac('sha256', authToken).update(`${base}.${nonce}`, 'utf8').digest('base64');
}

function verify(request: FastifyRequest, config: PlivoConfig, publicUrl: string | null) {
  const given = String(request.headers['x-plivo-signature-v3'] ?? '');
  const nonce = String(request.headers['x-plivo-signature-v3-nonce'] ?? '');
  const method = request.method === 'GET' ? 'GET' : 'POST';
  const expected = Buffer.from(
    plivoSignatureV3(config.authToken, method, requestedUrl(request, publicUrl), rawParams(request), nonce),
  );
  const ok =
    nonce.length > 0 &&
    given.split(',').some((candidate) => {
      const c = Buffer.from(candidate.trim());
      return c.length === expected.length && timingSafeEqual(c, expected);
    });
  if (!ok) throw new AppError('forbidden', 'the X-Plivo-Signature-V3 header does not match this request');
}

/** The languages Plivo's <Speak> is told to read each of ours in. */
const SPEAK_LANGUAGE: Record<string, string> = { en: 'en-GB', hi: 'hi-IN', sw: 'en-GB' };

function speak(spoken: Spoken[]) {
  return spoken
    .map((s) =>
      s.kind === 'audio'
        ? `<Play>${xml(s.url)}</Play>`
        : `<Speak language="${SPEAK_LANGUAGE[s.language] ?? 'en-GB'}" voice="WOMAN">${xml(s.text)}</Speak>`,
    )
    .join('');
}

/** The languages Plivo's recogniser is told to hear each of ours in. */
const SPEECH_LANGUAGE: Record<string, string> = { en: 'en-IN', hi: 'hi-IN', sw: 'sw-KE' };

/**
 * A gather that listens: GetInput with inputType "dtmf speech" (whichever comes first is posted to the
 * action URL with InputType, Digits, Speech and SpeechConfidenceScore); executionTimeout is 5 to 60 s
 * (https://www.plivo.com/docs/voice/xml/getinput/).
 */
function getInput(
  instruction: Extract<Instruction, { kind: 'gather' }>,
  speech: { language: string; hints: string[] },
  action: string,
  spoken: Spoken[],
) {
  const timeout = Math.min(60, Math.max(5, instruction.timeoutSeconds));
  const hints = speech.hints.length ? ` hints="${xml(speech.hints.join(','))}"` : '';
  return (
    `<GetInput action="${xml(action)}" method="POST" inputType="dtmf speech" executionTimeout="${timeout}"` +
    ` digitEndTimeout="auto" speechEndTimeout="auto" numDigits="${instruction.maxDigits}"` +
    ` finishOnKey="${xml(instruction.finishOnKey || 'none')}" language="${SPEECH_LANGUAGE[speech.language] ?? 'en-IN'}"${hints}` +
    ` redirect="true">${speak(spoken)}</GetInput>`
  );
}

/** An instruction as Plivo XML; `turn` is its number, sent back in the action URL. */
export function renderPlivo(
  instruction: Instruction,
  spoken: Spoken[],
  turn: number,
  callId: string,
  base: string,
): string {
  // Plivo wants absolute URLs.
  const action = `${base}${PREFIX}/turn?step=${turn}`;
  const silence = `<Redirect method="POST">${xml(`${action}&timeout=1`)}</Redirect>`;
  let body: string;
  switch (instruction.kind) {
    case 'say':
      body = `${speak(spoken)}<Redirect method="POST">${xml(action)}</Redirect>`;
      break;
    case 'gather':
      // Without keys Plivo goes on to the next element: the redirect reports the silence.
      if (instruction.speech) {
        body = `${getInput(instruction, instruction.speech, action, spoken)}${silence}`;
        break;
      }
      body =
        `<GetDigits action="${xml(action)}" method="POST" timeout="${instruction.timeoutSeconds}"` +
        ` numDigits="${instruction.maxDigits}" finishOnKey="${xml(instruction.finishOnKey ?? '')}" retries="1"` +
        ` redirect="true" playBeep="false">${speak(spoken)}</GetDigits>${silence}`;
      break;
    case 'record':
      body =
        `${speak(spoken)}<Record action="${xml(action)}" method="POST" fileFormat="wav"` +
        ` maxLength="${instruction.maxSeconds}" finishOnKey="${xml(instruction.finishOnKey)}" timeout="5"` +
        ` playBeep="true"/>${silence}`;
      break;
    case 'enqueue':
      body =
        `${speak(spoken)}<Conference waitSound="${xml(`${base}${PREFIX}/hold?step=${turn}`)}" startConferenceOnEnter="false"` +
        ` endConferenceOnExit="true" stayAlone="true" callbackUrl="${xml(action)}" callbackMethod="POST">` +
        `${xml(`civicline-queue-${instruction.queueId}-${callId}`)}</Conference>`;
      break;
    case 'dial':
      body = `${speak(spoken)}<Dial action="${xml(action)}" method="POST"><Number>${xml(instruction.number.replace(/^\+/, ''))}</Number></Dial>`;
      break;
    case 'hangup':
      body = `${speak(spoken)}<Hangup/>`;
      break;
  }
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`;
}

const Form = Type.Record(Type.String(), Type.String());
const StepQuery = Type.Object({
  step: Type.Integer({ minimum: 0, maximum: 10_000 }),
  timeout: Type.Optional(Type.String({ maxLength: 1 })),
});
const ENDED = new Set(['completed', 'busy', 'failed', 'timeout', 'no-answer', 'cancel', 'canceled']);

export function plivoRoutes(
  deps: Deps,
  config: PlivoConfig,
  publicUrl: string | null,
): FastifyPluginAsyncTypebox {
  return async (app) => {
    acceptForms(app);
    app.addHook('preHandler', async (request) => verify(request, config, publicUrl));

    const call = (form: Record<string, string>) => {
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(form.CallUUID ?? ''))
        throw new AppError('validation_failed', 'CallUUID is missing', [
          { field: 'CallUUID', message: 'is required', code: 'required' },
        ]);
      return {
        provider: PROVIDER,
        providerCallId: form.CallUUID as string,
        // Plivo writes numbers without the +.
        caller: callerNumber(/^[1-9][0-9]{6,14}$/.test(form.From ?? '') ? `+${form.From}` : form.From),
        called: form.To ?? null,
      };
    };
    const answer = async (
      request: FastifyRequest,
      form: Record<string, string>,
      input: TurnInput,
      step: number | 'start',
    ) => {
      const c = call(form);
      const result = await runTurn(deps, c, input, step);
      const base = baseUrl(request, publicUrl);
      const spoken = await spokenPrompts(deps.db, result.instruction.prompts, base, deps.reference);
      return renderPlivo(result.instruction, spoken, result.turn, c.providerCallId, base);
    };
    const schema = { hide: true, body: Form };

    app.post(`${PREFIX}/call`, { schema }, async (request, reply) => {
      reply.type('text/xml');
      return answer(request, request.body, {}, 'start');
    });

    app.post(`${PREFIX}/turn`, { schema: { ...schema, querystring: StepQuery } }, async (request, reply) => {
      const form = request.body;
      const input: TurnInput = {};
      if (form.RecordUrl) {
        const fetched = await fetchRecording(form.RecordUrl, {
          hosts: config.recordingHosts,
          auth: config.authId ? `${config.authId}:${config.authToken}` : null,
        });
        const durationMs = Number(form.RecordingDurationMs ?? Number(form.RecordingDuration ?? 0) * 1000);
        if (fetched) input.recording = { ...fetched, durationMs: Math.round(durationMs) };
        else input.recordingUrl = form.RecordUrl;
      } else if (form.Digits) input.digits = form.Digits;
      else if (form.InputType === 'speech' && form.Speech) {
        input.speech = form.Speech;
        const confidence = Number(form.SpeechConfidenceScore);
        if (form.SpeechConfidenceScore && Number.isFinite(confidence)) input.confidence = confidence;
      } else input.timeout = true;
      if (form.CallStatus && ENDED.has(form.CallStatus) && !form.RecordUrl) input.hangup = true;
      reply.type('text/xml');
      return answer(request, form, input, request.query.step);
    });

    // The conference's wait sound while the caller waits for an agent: the hold prompts, again and again.
    app.post(`${PREFIX}/hold`, { schema: { ...schema, querystring: StepQuery } }, async (request, reply) => {
      const c = call(request.body);
      const row = await deps.db
        .selectFrom('ivr_turns')
        .innerJoin('calls', 'calls.id', 'ivr_turns.call_id')
        .select('ivr_turns.instruction')
        .where('calls.provider', '=', PROVIDER)
        .where('calls.provider_call_id', '=', c.providerCallId)
        .where('ivr_turns.turn', '=', request.query.step)
        .executeTakeFirst();
      const hold = row?.instruction.kind === 'enqueue' ? row.instruction.holdPrompts : [];
      const spoken = await spokenPrompts(deps.db, hold, baseUrl(request, publicUrl), deps.reference);
      reply.type('text/xml');
      return `<?xml version="1.0" encoding="UTF-8"?><Response>${speak(spoken)}<Wait length="20"/></Response>`;
    });

    // The hangup URL: a caller who hangs up anywhere ends the call and its interaction.
    app.post(`${PREFIX}/hangup`, { schema }, async (request, reply) => {
      const form = request.body;
      await runTurn(deps, call(form), { hangup: true });
      reply.code(204);
    });
  };
}
