// TwiML: Twilio and the providers that copy its webhooks (SignalWire, Telnyx TeXML, several Indian and
// African carriers). Twilio posts a form to the voice URL when a call arrives and to each verb's action
// URL after it, signed with X-Twilio-Signature: base64 HMAC-SHA1, keyed with the account's auth token,
// over the full URL followed by every POST parameter name and value, sorted by name. A request that does
// not verify is refused with 403 before it reaches the engine.
//
// Each action URL carries the number of the instruction it answers (`step`), so a webhook Twilio posts
// twice (a retry after a slow answer) gets the same TwiML again and the flow moves once.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../../deps.ts';
import { AppError } from '../../../errors.ts';
import type { TwilioConfig } from '../config.ts';
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

export const PROVIDER = 'twilio';
const PREFIX = '/webhooks/voice/twilio';

/** Twilio's signature: base64(HMAC-SHA1(token, url + name1 + value1 + name2 + value2 ...)), names sorted. */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>) {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

function verify(request: FastifyRequest, config: TwilioConfig, publicUrl: string | null) {
  const given = String(request.headers['x-twilio-signature'] ?? '');
  const expected = twilioSignature(config.authToken, requestedUrl(request, publicUrl), rawParams(request));
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  if (!given || a.length !== b.length || !timingSafeEqual(a, b))
    throw new AppError('forbidden', 'the X-Twilio-Signature header does not match this request');
}

/** The languages Twilio's <Say> is told to speak each of ours in. */
const SAY_LANGUAGE: Record<string, string> = { en: 'en-IN', hi: 'hi-IN', sw: 'sw-KE' };

/** Recorded prompts are played, the others read by Twilio's text-to-speech. */
function say(spoken: Spoken[]) {
  return spoken
    .map((s) =>
      s.kind === 'audio'
        ? `<Play>${xml(s.url)}</Play>`
        : `<Say language="${SAY_LANGUAGE[s.language] ?? s.language}">${xml(s.text)}</Say>`,
    )
    .join('');
}

/** The languages Twilio's recogniser is told to hear each of ours in. */
const SPEECH_LANGUAGE: Record<string, string> = { en: 'en-IN', hi: 'hi-IN', sw: 'sw-KE' };

function speechAttributes(speech: Extract<Instruction, { kind: 'gather' }>['speech']) {
  if (!speech) return 'input="dtmf"';
  const hints = speech.hints.length ? ` hints="${xml(speech.hints.join(', '))}"` : '';
  return `input="dtmf speech" language="${SPEECH_LANGUAGE[speech.language] ?? 'en-IN'}"${hints} speechTimeout="auto"`;
}

/** An instruction as TwiML; `turn` is its number, sent back by Twilio in the action URL. */
export function renderTwiml(instruction: Instruction, spoken: Spoken[], turn: number): string {
  const action = `${PREFIX}/turn?step=${turn}`;
  const silence = `<Redirect method="POST">${xml(`${action}&timeout=1`)}</Redirect>`;
  let body: string;
  switch (instruction.kind) {
    case 'say':
      body = `${say(spoken)}<Redirect method="POST">${xml(action)}</Redirect>`;
      break;
    case 'gather':
      // actionOnEmptyResult: silence comes back to the action URL (without Digits) rather than falling through.
      // A gather that listens takes keys and speech; Twilio posts SpeechResult and Confidence
      // (https://www.twilio.com/docs/voice/twiml/gather).
      body =
        `<Gather ${speechAttributes(instruction.speech)} numDigits="${instruction.maxDigits}" timeout="${instruction.timeoutSeconds}"` +
        ` finishOnKey="${xml(instruction.finishOnKey ?? '')}" actionOnEmptyResult="true" action="${xml(action)}" method="POST">` +
        `${say(spoken)}</Gather>${silence}`;
      break;
    case 'record':
      body =
        `${say(spoken)}<Record maxLength="${instruction.maxSeconds}" finishOnKey="${xml(instruction.finishOnKey)}"` +
        ` playBeep="true" timeout="5" action="${xml(action)}" method="POST"/>${silence}`;
      break;
    case 'enqueue':
      body =
        `${say(spoken)}<Enqueue action="${xml(action)}" method="POST"` +
        ` waitUrl="${xml(`${PREFIX}/hold?step=${turn}`)}" waitUrlMethod="POST">queue-${instruction.queueId}</Enqueue>`;
      break;
    case 'dial':
      body = `${say(spoken)}<Dial action="${xml(action)}" method="POST">${xml(instruction.number)}</Dial>`;
      break;
    case 'hangup':
      body = `${say(spoken)}<Hangup/>`;
      break;
  }
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`;
}

const Form = Type.Record(Type.String(), Type.String());
const StepQuery = Type.Object({
  step: Type.Integer({ minimum: 0, maximum: 10_000 }),
  timeout: Type.Optional(Type.String({ maxLength: 1 })),
});

const ENDED = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);

export function twimlRoutes(
  deps: Deps,
  config: TwilioConfig,
  publicUrl: string | null,
): FastifyPluginAsyncTypebox {
  return async (app) => {
    acceptForms(app);
    app.addHook('preHandler', async (request) => verify(request, config, publicUrl));

    const call = (form: Record<string, string>) => ({
      provider: PROVIDER,
      providerCallId: form.CallSid ?? '',
      caller: callerNumber(form.From),
      called: form.To ?? null,
    });
    const needSid = (form: Record<string, string>) => {
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(form.CallSid ?? ''))
        throw new AppError('validation_failed', 'CallSid is missing', [
          { field: 'CallSid', message: 'is required', code: 'required' },
        ]);
    };
    const answer = async (
      request: FastifyRequest,
      form: Record<string, string>,
      input: TurnInput,
      step: number | 'start',
    ) => {
      needSid(form);
      const result = await runTurn(deps, call(form), input, step);
      const spoken = await spokenPrompts(
        deps.db,
        result.instruction.prompts,
        baseUrl(request, publicUrl),
        deps.reference,
      );
      return renderTwiml(result.instruction, spoken, result.turn);
    };
    const schema = { hide: true, body: Form };

    app.post(`${PREFIX}/call`, { schema }, async (request, reply) => {
      reply.type('text/xml');
      return answer(request, request.body, {}, 'start');
    });

    app.post(`${PREFIX}/turn`, { schema: { ...schema, querystring: StepQuery } }, async (request, reply) => {
      const form = request.body;
      const input: TurnInput = {};
      if (form.RecordingUrl) {
        const fetched = await fetchRecording(form.RecordingUrl, {
          hosts: config.recordingHosts,
          auth: config.accountSid ? `${config.accountSid}:${config.authToken}` : null,
        });
        if (fetched)
          input.recording = {
            ...fetched,
            durationMs: Math.round(Number(form.RecordingDuration ?? 0) * 1000),
          };
        else input.recordingUrl = form.RecordingUrl;
      } else if (form.Digits) input.digits = form.Digits;
      else if (form.SpeechResult) {
        input.speech = form.SpeechResult;
        const confidence = Number(form.Confidence);
        if (form.Confidence && Number.isFinite(confidence)) input.confidence = confidence;
      } else input.timeout = true;
      if (form.CallStatus && ENDED.has(form.CallStatus) && !form.RecordingUrl) input.hangup = true;
      reply.type('text/xml');
      return answer(request, form, input, request.query.step);
    });

    // While the caller waits in a queue: the hold prompts, then Twilio asks again.
    app.post(`${PREFIX}/hold`, { schema: { ...schema, querystring: StepQuery } }, async (request, reply) => {
      needSid(request.body);
      const row = await deps.db
        .selectFrom('ivr_turns')
        .innerJoin('calls', 'calls.id', 'ivr_turns.call_id')
        .select('ivr_turns.instruction')
        .where('calls.provider', '=', PROVIDER)
        .where('calls.provider_call_id', '=', request.body.CallSid as string)
        .where('ivr_turns.turn', '=', request.query.step)
        .executeTakeFirst();
      const hold = row?.instruction.kind === 'enqueue' ? row.instruction.holdPrompts : [];
      const spoken = await spokenPrompts(deps.db, hold, baseUrl(request, publicUrl), deps.reference);
      reply.type('text/xml');
      return `<?xml version="1.0" encoding="UTF-8"?><Response>${say(spoken)}<Pause length="20"/></Response>`;
    });

    // The call's status callback: a caller who hangs up anywhere ends the call and its interaction.
    app.post(`${PREFIX}/status`, { schema }, async (request, reply) => {
      const form = request.body;
      needSid(form);
      if (form.CallStatus && ENDED.has(form.CallStatus)) await runTurn(deps, call(form), { hangup: true });
      reply.code(204);
    });
  };
}
