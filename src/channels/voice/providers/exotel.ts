// Exotel (India). Exotel runs the call on a flow built in its App Bazaar out of applets; our URLs fill
// them in and choose the branches. Exotel signs nothing, so every URL carries a secret path token and,
// where configured, requests must come from Exotel's published addresses (EXOTEL_ALLOW_IPS); anything
// else is refused with 403 before the engine is reached. Every request is a GET with the call in the
// query (CallSid, CallFrom/From, CallTo/To; `digits` wrapped in double quotes after a Gather).
//
// The flow to build in App Bazaar (README "Exotel"), every URL under /webhooks/voice/exotel/<token>:
//
//   call starts -> Passthru /turn
//     200 (the IVR waits for keys) -> Gather (dynamic URL /gather) -> Passthru /turn   (loop)
//     302 -> Passthru /is/record
//        200 -> Greeting (dynamic /say) -> Voicemail -> Passthru /turn                  (loop)
//        302 -> Passthru /is/connect
//           200 -> Greeting (dynamic /say) -> Connect (dynamic /connect) -> Passthru /ended
//           302 -> Greeting (dynamic /say) -> Passthru /ended -> Hangup
//
// Passthru answers only "200" or "302", so what to say and how many keys to take come from the fetches
// (Gather, Greeting, Connect), which hand out the turn the call waits on; the keys in the next Passthru
// answer that turn (served.ts), so a Passthru Exotel sends twice moves the flow once.
//
// Exotel has no speech recognition on these applets: a question that listens for speech takes keys here.
//
// Checked against Exotel's documentation (support.exotel.com, December 2026):
// - Passthru, https://support.exotel.com/support/solutions/articles/48283-working-with-passthru-applet :
//   a GET with CallSid, From, To (CallFrom, CallTo on docs.exotel.com), `digits` wrapped in double quotes
//   after a Gather, RecordingUrl after a Connect, Voicemail or Greeting; "200 OK" is one branch, "302
//   Found" the other.
// - Greeting text from a URL, http://support.exotel.in/solution/articles/48285-greeting-using-text-from-url :
//   GET with CallSid, From, To; the answer MUST be Content-Type "text/plain" and nothing else, its body
//   the text or the URL of an audio file, and the URL MUST answer a HEAD with the same headers.
// - Gather with a dynamic URL, https://support.exotel.com/support/solutions/articles/3000084635-working-with-gather-applet :
//   GET with CallSid, CallFrom, CallTo and the Exotel-Version header (1.0); a JSON answer with
//   gather_prompt ({text} or {audio_url}), max_input_digits, finish_on_key, input_timeout, repeat_menu,
//   repeat_gather_prompt (the field names we had; the response table itself is not in the stored page,
//   the names are confirmed by public integrations of the applet).
// - Connect with a dynamic URL, https://support.exotel.com/support/solutions/articles/3000096873-working-with-connect-applet-dynamic-url- :
//   JSON with fetch_after_attempt, destination.numbers, record, max_ringing_duration,
//   max_conversation_duration, music_on_hold.type, and parallel_ringing {activate, max_parallel_attempts}
//   to ring several numbers at once (without it, several agent numbers were rung one after another).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../../deps.ts';
import { AppError } from '../../../errors.ts';
import type { ExotelConfig } from '../config.ts';
import { runTurn } from '../engine.ts';
import type { Instruction, TurnInput } from '../instructions.ts';
import { servedTurn, serveTurn } from '../served.ts';
import { baseUrl, checkGate, fetchRecording, indianCaller, spokenPrompts } from './common.ts';

export const PROVIDER = 'exotel';
const PREFIX = '/webhooks/voice/exotel/:token';

const Query = Type.Record(Type.String(), Type.String());
const Params = Type.Object({ token: Type.String({ maxLength: 200 }) });

/** Exotel wraps gathered digits in double quotes ("1234"); an empty gather is "" or absent. */
export function exotelDigits(value: string | undefined) {
  return (value ?? '').replace(/"/g, '').trim();
}

export function exotelRoutes(
  deps: Deps,
  config: ExotelConfig,
  publicUrl: string | null,
): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onRequest', async (request) => checkGate(request, config, 'Exotel'));

    const callOf = (q: Record<string, string>) => {
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(q.CallSid ?? ''))
        throw new AppError('validation_failed', 'CallSid is missing', [
          { field: 'CallSid', message: 'is required', code: 'required' },
        ]);
      return {
        provider: PROVIDER,
        providerCallId: q.CallSid as string,
        caller: indianCaller(q.CallFrom ?? q.From),
        called: q.CallTo ?? q.To ?? null,
      };
    };
    const schema = { hide: true, querystring: Query, params: Params };
    /** The instruction handed to a fetch applet; a call not begun is begun (a flow may open on a Gather). */
    const served = async (q: Record<string, string>): Promise<Instruction> => {
      const call = callOf(q);
      const found = await serveTurn(deps.db, PROVIDER, call.providerCallId);
      if (found) return found.instruction;
      await runTurn(deps, call, {}, 'start');
      return ((await serveTurn(deps.db, PROVIDER, call.providerCallId)) as { instruction: Instruction })
        .instruction;
    };
    const branch = (
      ok: boolean,
      reply: { code(n: number): unknown; header(k: string, v: string): unknown },
    ) => {
      reply.code(ok ? 200 : 302);
      // A 302 needs somewhere to point; Exotel only reads the status.
      if (!ok) reply.header('location', '/');
      return ok ? 'choice A' : 'choice B';
    };

    // Passthru: what the caller did since the last fetch; 200 when the IVR now waits for keys.
    app.get(`${PREFIX}/turn`, { schema }, async (request, reply) => {
      const q = request.query;
      const call = callOf(q);
      const step = await servedTurn(deps.db, PROVIDER, call.providerCallId);
      const input: TurnInput = {};
      if (step !== 'start') {
        if (q.RecordingUrl) {
          const fetched = await fetchRecording(q.RecordingUrl, { hosts: config.recordingHosts });
          if (fetched) input.recording = { ...fetched, durationMs: 0 };
          else input.recordingUrl = q.RecordingUrl;
        } else {
          const digits = exotelDigits(q.digits);
          if (digits) input.digits = digits;
          else input.timeout = true;
        }
      }
      const result = await runTurn(deps, call, input, step);
      return branch(result.instruction.kind === 'gather', reply);
    });

    // Passthru between branches: is the call waiting on a recording, or on a connection?
    app.get(
      `${PREFIX}/is/:what`,
      { schema: { ...schema, params: Type.Object({ token: Type.String(), what: Type.String() }) } },
      async (request, reply) => {
        const call = callOf(request.query);
        const found = await serveTurn(deps.db, PROVIDER, call.providerCallId);
        const kind = found?.instruction.kind;
        const what = request.params.what;
        return branch(
          what === 'record'
            ? kind === 'record'
            : what === 'connect' && (kind === 'enqueue' || kind === 'dial'),
          reply,
        );
      },
    );

    // Gather applet, parameters from our URL (Exotel-Version 1.0).
    app.get(`${PREFIX}/gather`, { schema }, async (request) => {
      const instruction = await served(request.query);
      const prompt = await gatherPrompt(deps, instruction, baseUrl(request, publicUrl));
      const gather = instruction.kind === 'gather' ? instruction : null;
      return {
        gather_prompt: prompt,
        max_input_digits: gather?.maxDigits ?? 1,
        finish_on_key: gather?.finishOnKey ?? '#',
        input_timeout: gather?.timeoutSeconds ?? 5,
        // Our engine asks again itself (with "sorry"), so Exotel asks once.
        repeat_menu: 1,
      };
    });

    // Greeting applet, text from our URL: what is said before a recording, a connection or the end.
    app.get(`${PREFIX}/say`, { schema }, async (request, reply) => {
      const instruction = await served(request.query);
      const spoken = await spokenPrompts(
        deps.db,
        instruction.prompts,
        baseUrl(request, publicUrl),
        deps.reference,
      );
      // "text/plain" and nothing else (no charset); a Buffer keeps Fastify from adding one. One recording
      // alone is played from its URL.
      reply.header('content-type', 'text/plain');
      const only = spoken.length === 1 && spoken[0]?.kind === 'audio' ? spoken[0].url : null;
      return Buffer.from(only ?? spoken.map((s) => s.text).join(' '), 'utf8');
    });

    // Connect applet, parameters from our URL: the queued call goes to the call centre's line.
    app.get(`${PREFIX}/connect`, { schema }, async (request) => {
      const instruction = await served(request.query);
      const numbers =
        instruction.kind === 'dial'
          ? [instruction.number]
          : instruction.kind === 'enqueue'
            ? config.agentNumbers
            : [];
      return {
        fetch_after_attempt: false,
        destination: { numbers },
        // Every agent line rings at once; the first to answer takes the call.
        parallel_ringing: {
          activate: numbers.length > 1,
          max_parallel_attempts: Math.max(1, numbers.length),
        },
        record: false,
        max_ringing_duration: 45,
        max_conversation_duration: 3600,
        music_on_hold: { type: 'operator_tone' },
      };
    });

    // The end of every branch (and Exotel's status callback): the caller has gone.
    app.get(`${PREFIX}/ended`, { schema }, async (request, reply) => {
      await runTurn(deps, callOf(request.query), { hangup: true });
      reply.code(200);
      return 'ok';
    });
  };
}

/** Exotel's gather prompt is one text or one audio file: the text, unless every prompt is recorded. */
async function gatherPrompt(deps: Deps, instruction: Instruction, base: string) {
  const spoken = await spokenPrompts(deps.db, instruction.prompts, base, deps.reference);
  const audio = spoken.filter((s) => s.kind === 'audio');
  if (audio.length === 1 && spoken.length === 1) return { audio_url: audio[0]?.url };
  return { text: spoken.map((s) => s.text).join(' ') };
}
