// Africa's Talking voice (Tanzania, Kenya, Nigeria, Uganda...). AT posts a form to the number's
// callback URL when a call arrives (isActive=1, sessionId, callerNumber, destinationNumber, direction)
// and again when it ends (isActive=0, durationInSeconds, hangupCause); after GetDigits and Record it
// posts to the action's callbackUrl (dtmfDigits; recordingUrl). We answer with its XML: Say, Play,
// GetDigits, Record, Dial, Enqueue, Redirect. AT signs nothing: every URL carries a secret path token
// and, where configured, requests must come from AT's addresses (AT_ALLOW_IPS); anything else is
// refused with 403 before the engine is reached.
//
// Each callbackUrl carries the turn it answers (`step`), so a callback AT sends twice moves the flow once.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../../deps.ts';
import { AppError } from '../../../errors.ts';
import type { GateConfig } from '../config.ts';
import { runTurn } from '../engine.ts';
import type { Instruction, TurnInput } from '../instructions.ts';
import {
  acceptForms,
  baseUrl,
  callerNumber,
  checkGate,
  fetchRecording,
  type Spoken,
  spokenPrompts,
  xml,
} from './common.ts';

export const PROVIDER = 'africastalking';

function say(spoken: Spoken[]) {
  return spoken
    .map((s) => (s.kind === 'audio' ? `<Play url="${xml(s.url)}"/>` : `<Say>${xml(s.text)}</Say>`))
    .join('');
}

/** An instruction as Africa's Talking XML; `action` is the absolute callback URL without its step. */
export function renderAfricasTalking(
  instruction: Instruction,
  spoken: Spoken[],
  turn: number,
  action: string,
  hold: Spoken[] = [],
): string {
  const next = `${action}?step=${turn}`;
  const silence = `<Redirect>${xml(`${next}&timeout=1`)}</Redirect>`;
  let body: string;
  switch (instruction.kind) {
    case 'say':
      body = `${say(spoken)}<Redirect>${xml(next)}</Redirect>`;
      break;
    case 'gather':
      // Without keys AT goes on to the next action: the redirect reports the silence.
      body =
        `<GetDigits timeout="${instruction.timeoutSeconds}" numDigits="${instruction.maxDigits}"` +
        `${instruction.finishOnKey ? ` finishOnKey="${xml(instruction.finishOnKey)}"` : ''}` +
        ` callbackUrl="${xml(next)}">${say(spoken)}</GetDigits>${silence}`;
      break;
    case 'record':
      body =
        `<Record finishOnKey="${xml(instruction.finishOnKey)}" maxLength="${instruction.maxSeconds}" timeout="5"` +
        ` trimSilence="true" playBeep="true" callbackUrl="${xml(next)}">${say(spoken)}</Record>${silence}`;
      break;
    case 'enqueue': {
      // Hold music is one file: a recorded hold prompt where there is one, else AT's own.
      const music = hold.find((s) => s.kind === 'audio');
      body = `${say(spoken)}<Enqueue${music ? ` holdMusic="${xml(music.url)}"` : ''} name="queue-${instruction.queueId}"/>`;
      break;
    }
    case 'dial':
      body = `${say(spoken)}<Dial phoneNumbers="${xml(instruction.number)}" record="false" sequential="true"/>`;
      break;
    case 'hangup':
      // The call ends when AT runs out of actions.
      body = say(spoken);
      break;
  }
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`;
}

const Form = Type.Record(Type.String(), Type.String());
const Params = Type.Object({ token: Type.String({ maxLength: 200 }) });
const StepQuery = Type.Object({
  step: Type.Integer({ minimum: 0, maximum: 10_000 }),
  timeout: Type.Optional(Type.String({ maxLength: 1 })),
});

export function africasTalkingRoutes(
  deps: Deps,
  config: GateConfig,
  publicUrl: string | null,
): FastifyPluginAsyncTypebox {
  const PREFIX = '/webhooks/voice/africastalking/:token';
  return async (app) => {
    acceptForms(app);
    app.addHook('onRequest', async (request) => checkGate(request, config, "Africa's Talking"));

    const call = (form: Record<string, string>) => {
      if (!/^[A-Za-z0-9_.:-]{1,100}$/.test(form.sessionId ?? ''))
        throw new AppError('validation_failed', 'sessionId is missing', [
          { field: 'sessionId', message: 'is required', code: 'required' },
        ]);
      return {
        provider: PROVIDER,
        providerCallId: form.sessionId as string,
        caller: callerNumber(form.callerNumber),
        called: form.destinationNumber ?? null,
      };
    };
    const answer = async (
      request: FastifyRequest,
      form: Record<string, string>,
      input: TurnInput,
      step: number | 'start' | undefined,
    ) => {
      const result = await runTurn(deps, call(form), input, step);
      const base = baseUrl(request, publicUrl);
      const [spoken, hold] = await Promise.all([
        spokenPrompts(deps.db, result.instruction.prompts, base, deps.reference),
        result.instruction.kind === 'enqueue'
          ? spokenPrompts(deps.db, result.instruction.holdPrompts, base, deps.reference)
          : Promise.resolve([]),
      ]);
      const action = `${base}/webhooks/voice/africastalking/${encodeURIComponent(config.token)}/turn`;
      return renderAfricasTalking(result.instruction, spoken, result.turn, action, hold);
    };
    const schema = { hide: true, body: Form, params: Params };

    // The number's callback URL: the call arriving, and its end (isActive=0).
    app.post(`${PREFIX}/call`, { schema }, async (request, reply) => {
      const form = request.body;
      reply.type('text/xml');
      if (form.isActive === '0') {
        await runTurn(deps, call(form), { hangup: true });
        return '<?xml version="1.0" encoding="UTF-8"?><Response/>';
      }
      return answer(request, form, {}, 'start');
    });

    app.post(`${PREFIX}/turn`, { schema: { ...schema, querystring: StepQuery } }, async (request, reply) => {
      const form = request.body;
      const input: TurnInput = {};
      if (form.recordingUrl) {
        const fetched = await fetchRecording(form.recordingUrl, { hosts: config.recordingHosts });
        const durationMs = Math.round(Number(form.durationInSeconds ?? 0) * 1000);
        if (fetched) input.recording = { ...fetched, durationMs };
        else input.recordingUrl = form.recordingUrl;
      } else if (form.dtmfDigits) input.digits = form.dtmfDigits;
      else input.timeout = true;
      if (form.isActive === '0' && !form.recordingUrl) input.hangup = true;
      reply.type('text/xml');
      return answer(request, form, input, request.query.step);
    });
  };
}
