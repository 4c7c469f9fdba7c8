// The seam between the IVR engine and whatever carries the audio.
//
// The engine walks a call flow (data, versioned, edited by admins) and, at each turn, answers with one
// provider-neutral instruction: say something, gather digits, record, put the call in a queue, dial,
// hang up. Each carrier executes it its own way and reports what happened back to the engine as the
// next turn's input:
//   - a cloud provider's adapter (TwiML, Exotel, KooKoo, Africa's Talking, Plivo) renders the
//     instruction as that provider's XML/response and turns its next webhook into a TurnInput;
//   - the self-hosted SIP path plays the prompts as RTP, reads RFC 4733 digits or SIP INFO, records to
//     a WAV, and calls the engine directly.
// Prompts are references into the prompt catalogue (key + language + parameters); a carrier asks the
// catalogue for a recorded clip or text to speak (cloud providers' TTS) or for 8 kHz audio (SIP).
// Numbers, dates and reference characters are read by joining per-item clips.

/** One prompt from the catalogue, e.g. { key: 'status.latest', params: { count: 2, due: '2026-03-06' } }. */
export interface PromptRef {
  key: string;
  params?: Record<string, string | number>;
}

export type Instruction =
  /** Speak, then take the next turn at once (input: {}). */
  | { kind: 'say'; prompts: PromptRef[] }
  /**
   * Speak (interruptible by a key press), then collect up to `maxDigits` digits, ending early on
   * `finishOnKey`; after `timeoutSeconds` of silence the turn's input is { timeout: true }. With
   * `speech`, a carrier whose provider recognises speech listens for it too, in `language` (ours: en,
   * hi, sw), told to expect `hints`; keys still work, and carriers without a recogniser ignore it.
   */
  | {
      kind: 'gather';
      prompts: PromptRef[];
      maxDigits: number;
      finishOnKey?: string;
      timeoutSeconds: number;
      speech?: { language: string; hints: string[] };
    }
  /** Speak, beep, record the caller until `finishOnKey`, silence or `maxSeconds`; input carries the recording. */
  | { kind: 'record'; prompts: PromptRef[]; maxSeconds: number; finishOnKey: string }
  /** Speak, then hold the caller for an agent: the call is waiting in `queueId` (src/calls). */
  | { kind: 'enqueue'; prompts: PromptRef[]; queueId: number; holdPrompts: PromptRef[] }
  /** Connect the caller to a number (a department's desk, an emergency line). */
  | { kind: 'dial'; prompts: PromptRef[]; number: string }
  /** Speak, then end the call. */
  | { kind: 'hangup'; prompts: PromptRef[] };

/** What happened since the last instruction, as the carrier saw it. */
export interface TurnInput {
  digits?: string;
  /** Speech recognised by the provider, where it offers it, and how sure its recogniser was (0-1). */
  speech?: string;
  confidence?: number;
  timeout?: boolean;
  /** A finished recording: its audio (the carrier fetched or captured it) and length. */
  recording?: { mediaType: 'audio/wav' | 'audio/mpeg'; content: Uint8Array; durationMs: number };
  /**
   * A recording the carrier could not bring (the provider's URL did not answer): where it lies, so the
   * voice complaint is kept and an agent can fetch it, never lost.
   */
  recordingUrl?: string;
  /** The caller hung up (the last input of a call). */
  hangup?: boolean;
}

/** A call the engine is walking: the carrier names it by provider and the provider's call id. */
export interface TurnCall {
  provider: string;
  providerCallId: string;
  caller: string | null;
  called: string | null;
}
