// Ozonetel KooKoo (India). KooKoo requests our application URL with a GET for every event of a call:
// `sid` (the call), `cid` (the caller), `called_number`, `event` (NewCall, GotDTMF with the keys in
// `data`, Record with the recording's URL in `data`, Dial, Hangup/Disconnect), and we answer with its
// XML: playtext/playaudio, collectdtmf, record, dial, gotourl, hangup. KooKoo signs nothing: the URL
// carries a secret path token and, where configured, requests must come from KooKoo's addresses
// (KOOKOO_ALLOW_IPS); anything else is refused with 403 before the engine is reached.
//
// KooKoo's requests name no turn, so each answers the latest instruction, except the same request again
// (same event and data) while the call still stands where that request left it, within a few seconds:
// that is KooKoo repeating itself, answered as before without moving the flow. A queued call is dialled to
// the call centre's line (KOOKOO_AGENT_NUMBER), its queue entry already waiting for the desk.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../../deps.ts';
import { AppError } from '../../../errors.ts';
import type { KooKooConfig } from '../config.ts';
import { runTurn } from '../engine.ts';
import type { Instruction, TurnInput } from '../instructions.ts';
import {
  baseUrl,
  checkGate,
  fetchRecording,
  indianCaller,
  type Spoken,
  spokenPrompts,
  xml,
} from './common.ts';

export const PROVIDER = 'kookoo';
const PATH = '/webhooks/voice/kookoo/:token';

/** KooKoo's text-to-speech language codes. */
const LANG: Record<string, string> = { en: 'EN', hi: 'HI', sw: 'EN' };

function play(spoken: Spoken[]) {
  return spoken
    .map((s) =>
      s.kind === 'audio'
        ? `<playaudio>${xml(s.url)}</playaudio>`
        : `<playtext lang="${LANG[s.language] ?? 'EN'}" quality="best" speed="3">${xml(s.text)}</playtext>`,
    )
    .join('');
}

/** An instruction as KooKoo XML. `self` is our URL, for a say that goes on at once. */
export function renderKooKoo(
  instruction: Instruction,
  spoken: Spoken[],
  sid: string,
  options: { self: string; agentNumber: string | null },
): string {
  let body: string;
  switch (instruction.kind) {
    case 'say':
      body = `${play(spoken)}<gotourl>${xml(`${options.self}?event=GotDTMF&data=`)}</gotourl>`;
      break;
    case 'gather':
      // l: most keys; t: the key that ends entry; o: silence before giving up, in ms.
      body =
        `<collectdtmf l="${instruction.maxDigits}" t="${xml(instruction.finishOnKey || '#')}"` +
        ` o="${instruction.timeoutSeconds * 1000}">${play(spoken)}</collectdtmf>`;
      break;
    case 'record':
      body =
        `${play(spoken)}<record format="wav" silence="5" maxduration="${instruction.maxSeconds}"` +
        ` termchar="${xml(instruction.finishOnKey)}">${xml(`civicline-${sid}`)}</record>`;
      break;
    case 'enqueue':
      body = options.agentNumber
        ? `${play(spoken)}<dial record="false" timeout="60" moh="default">${xml(options.agentNumber)}</dial>`
        : `${play(spoken)}<hangup/>`;
      break;
    case 'dial':
      body = `${play(spoken)}<dial record="false" timeout="30">${xml(instruction.number)}</dial>`;
      break;
    case 'hangup':
      body = `${play(spoken)}<hangup/>`;
      break;
  }
  return `<?xml version="1.0" encoding="UTF-8"?><response sid="${xml(sid)}">${body}</response>`;
}

const Query = Type.Record(Type.String(), Type.String());

export function kookooRoutes(
  deps: Deps,
  config: KooKooConfig,
  publicUrl: string | null,
): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onRequest', async (request) => checkGate(request, config, 'KooKoo'));

    app.get(
      PATH,
      { schema: { hide: true, querystring: Query, params: Type.Object({ token: Type.String() }) } },
      async (request, reply) => {
        const q = request.query;
        const sid = q.sid ?? '';
        if (!/^[A-Za-z0-9_.-]{1,64}$/.test(sid))
          throw new AppError('validation_failed', 'sid is missing', [
            { field: 'sid', message: 'is required', code: 'required' },
          ]);
        const call = {
          provider: PROVIDER,
          providerCallId: sid,
          caller: indianCaller(q.cid),
          called: q.called_number ?? null,
        };
        const event = q.event ?? 'NewCall';
        const input: TurnInput = {};
        if (event === 'Hangup' || event === 'Disconnect') input.hangup = true;
        else if (event === 'GotDTMF') {
          const digits = (q.data ?? '').replace(/[^0-9*#]/g, '');
          if (digits) input.digits = digits;
          else input.timeout = true;
        } else if (event === 'Record') {
          const url = q.data ?? '';
          const fetched = url ? await fetchRecording(url, { hosts: config.recordingHosts }) : null;
          if (fetched)
            input.recording = { ...fetched, durationMs: Math.round(Number(q.record_duration ?? 0) * 1000) };
          else if (url) input.recordingUrl = url;
        }
        // KooKoo names no turn: the same event with the same data, again before anything else happened on
        // the call and within a few seconds, is KooKoo sending the request again (engine.ts isRepeat).
        const result = await runTurn(deps, call, input, event === 'NewCall' ? 'start' : undefined, {
          key: JSON.stringify([event, q.data ?? '']),
        });
        reply.type('text/xml');
        if (input.hangup) return '<?xml version="1.0" encoding="UTF-8"?><response/>';
        const base = baseUrl(request, publicUrl);
        const spoken = await spokenPrompts(deps.db, result.instruction.prompts, base, deps.reference);
        return renderKooKoo(result.instruction, spoken, sid, {
          self: `${base}${request.url.split('?')[0]}`,
          agentNumber: config.agentNumber,
        });
      },
    );
  };
}
