// One answered call, walked turn by turn: ask the engine for an instruction, carry it out on the media
// (play prompts as RTP, collect digits, record), give the engine what happened, until someone hangs up.
//
// The engine and the prompt audio are injected: the SIP path knows nothing of flows or catalogues, only
// the seam in ../instructions.ts. A hang-up can come at any moment (the caller's BYE), so every wait
// races it, and a recording in progress when the caller hangs up is still handed over: a voice
// complaint is never lost to an impatient caller.
import { performance } from 'node:perf_hooks';
import type { Instruction, PromptRef, TurnCall, TurnInput } from '../instructions.ts';
import type { CallMedia } from './media.ts';
import { encodeMulaw } from './mulaw.ts';
import { createRecorder, type Recorder } from './record.ts';
import { SAMPLE_RATE } from './wav.ts';

export type Engine = (call: TurnCall, input: TurnInput) => Promise<Instruction>;
/**
 * The prompts' audio at 8 kHz, in the call's language (the carrier passes the call for that): linear
 * 16-bit PCM as an Int16Array, or G.711 mu-law bytes as a Uint8Array/Buffer.
 */
export type AudioFor = (prompts: PromptRef[], call: TurnCall) => Promise<Int16Array | Uint8Array>;

export interface SessionLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface SessionContext {
  call: TurnCall;
  media: CallMedia;
  engine: Engine;
  audioFor: AudioFor;
  log: SessionLog;
  /** Silence that ends a recording (no voice for this long), in ms. */
  silenceMs: number;
  /** Ends the call from our side (BYE). */
  hangUp(): void;
  /** Blind transfer (REFER); resolves whether the far end took it. */
  transfer(number: string): Promise<boolean>;
}

export interface Session {
  /** A keypad digit, from RTP events or SIP INFO. */
  digit(digit: string): void;
  /** The caller hung up (BYE, CANCEL) or the call was lost. */
  ended(): void;
  /** Walks the call from the first instruction to the end; never throws. */
  run(first: Instruction): Promise<void>;
}

/** A runaway flow (say after say, forever) ends here rather than holding a line all night. */
const MAX_TURNS = 500;
const BEEP = beep();

export function createSession(ctx: SessionContext): Session {
  const { call, media, log } = ctx;
  let over = false;
  let onDigit: ((digit: string) => void) | null = null;
  let onEnd: (() => void) | null = null;
  let recorder: Recorder | null = null;

  media.onDigit = (d) => session.digit(d);
  media.onAudio = (packet) => recorder?.push(packet, performance.now());

  /** Plays prompts; 'stopped' when a digit or a hang-up cut it short. */
  async function play(prompts: PromptRef[]): Promise<'done' | 'stopped'> {
    if (prompts.length === 0 || over) return over ? 'stopped' : 'done';
    const audio = await ctx.audioFor(prompts, call);
    return playAudio(audio instanceof Int16Array ? encodeMulaw(audio) : audio);
  }

  async function playAudio(mulaw: Uint8Array): Promise<'done' | 'stopped'> {
    if (over) return 'stopped';
    return (await media.sender.play(mulaw)) && !over ? 'done' : 'stopped';
  }

  function untilHangup() {
    return new Promise<void>((resolve) => {
      if (over) resolve();
      else onEnd = resolve;
    });
  }

  function gather(ins: Extract<Instruction, { kind: 'gather' }>): Promise<TurnInput> {
    return new Promise((resolve) => {
      let digits = '';
      let active = true;
      let timer: NodeJS.Timeout | undefined;
      const done = (input: TurnInput) => {
        if (!active) return;
        active = false;
        clearTimeout(timer);
        onDigit = null;
        onEnd = null;
        media.sender.stopPlaying();
        resolve(input);
      };
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => done(digits ? { digits } : { timeout: true }), ins.timeoutSeconds * 1000);
      };
      onEnd = () => done(digits ? { digits, hangup: true } : { hangup: true });
      onDigit = (d) => {
        media.sender.stopPlaying(); // barge-in: the caller knows what to press
        if (ins.finishOnKey && d === ins.finishOnKey) return done({ digits });
        digits += d;
        if (digits.length >= ins.maxDigits) return done({ digits });
        arm();
      };
      play(ins.prompts).then(
        () => {
          if (active && !digits) arm();
        },
        (err) => {
          log.error({ err, callId: call.providerCallId }, 'SIP prompt audio failed');
          if (active && !digits) arm();
        },
      );
    });
  }

  async function record(ins: Extract<Instruction, { kind: 'record' }>): Promise<TurnInput> {
    await play(ins.prompts);
    await playAudio(BEEP);
    if (over) return { hangup: true };
    const capture = createRecorder();
    recorder = capture;
    const started = performance.now();
    return new Promise((resolve) => {
      let watch: NodeJS.Timeout | undefined;
      const done = (hangup: boolean) => {
        clearInterval(watch);
        onDigit = null;
        onEnd = null;
        recorder = null;
        const taken = capture.finish();
        const end: TurnInput = hangup ? { hangup: true } : {};
        // Nothing but silence: like a gather that heard nothing, so the engine can ask again.
        if (!taken.heard) return resolve(hangup ? end : { timeout: true });
        resolve({
          ...end,
          recording: { mediaType: 'audio/wav', content: taken.wav, durationMs: taken.durationMs },
        });
      };
      onDigit = (d) => {
        if (d === ins.finishOnKey) done(false);
      };
      onEnd = () => done(true);
      watch = setInterval(() => {
        const now = performance.now();
        const lastVoice = capture.lastVoiceAt ?? started;
        if (now - started >= ins.maxSeconds * 1000 || now - lastVoice >= ctx.silenceMs) done(false);
      }, 50);
    });
  }

  async function hold(ins: Extract<Instruction, { kind: 'enqueue' }>): Promise<TurnInput> {
    await play(ins.prompts);
    // The desk takes the call from here; until then the caller hears the hold prompts, round and round.
    const audio = ins.holdPrompts.length ? await ctx.audioFor(ins.holdPrompts, call) : new Uint8Array();
    const mulaw = audio instanceof Int16Array ? encodeMulaw(audio) : audio;
    if (mulaw.length === 0) await untilHangup();
    while (!over && mulaw.length > 0) await playAudio(mulaw);
    return { hangup: true };
  }

  async function execute(ins: Instruction): Promise<TurnInput> {
    switch (ins.kind) {
      case 'say':
        await play(ins.prompts);
        return over ? { hangup: true } : {};
      case 'gather':
        return gather(ins);
      case 'record':
        return record(ins);
      case 'enqueue':
        return hold(ins);
      case 'dial': {
        await play(ins.prompts);
        if (over) return { hangup: true };
        // A blind transfer: the trunk or PBX takes the call to the number and we leave it.
        if (await ctx.transfer(ins.number)) {
          ctx.hangUp();
          return { hangup: true };
        }
        log.warn({ callId: call.providerCallId, number: ins.number }, 'SIP transfer refused');
        return over ? { hangup: true } : { timeout: true };
      }
      case 'hangup':
        await play(ins.prompts);
        if (!over) ctx.hangUp();
        return { hangup: true };
    }
  }

  const session: Session = {
    digit(d) {
      onDigit?.(d);
    },
    ended() {
      if (over) return;
      over = true;
      media.sender.stopPlaying();
      const end = onEnd;
      onEnd = null;
      end?.();
    },
    async run(first) {
      let instruction = first;
      for (let turn = 0; ; turn++) {
        let input: TurnInput;
        try {
          input = await execute(instruction);
        } catch (err) {
          log.error({ err, callId: call.providerCallId }, 'SIP call failed');
          input = { hangup: true };
        }
        if (turn >= MAX_TURNS && !input.hangup) {
          log.warn({ callId: call.providerCallId }, 'SIP call ended after too many turns');
          input = { ...input, hangup: true };
        }
        if (input.hangup && !over) {
          ctx.hangUp();
          session.ended();
        }
        try {
          const next = await ctx.engine(call, input);
          if (input.hangup) return;
          instruction = next;
        } catch (err) {
          log.error({ err, callId: call.providerCallId }, 'IVR engine failed on a SIP call');
          if (input.hangup) return;
          instruction = { kind: 'hangup', prompts: [] };
        }
      }
    },
  };
  return session;
}

/** The tone before a recording: 400 ms at 1 kHz. */
function beep(): Uint8Array {
  const pcm = new Int16Array((SAMPLE_RATE * 400) / 1000);
  for (let i = 0; i < pcm.length; i++)
    pcm[i] = Math.round(8000 * Math.sin((2 * Math.PI * 1000 * i) / SAMPLE_RATE));
  return encodeMulaw(pcm);
}
