export { defaultFlow } from './default-flow.ts';
export { runTurn, type TurnResult, takeTurn } from './engine.ts';
export type { FlowDefinition, FlowNode, FlowProblem } from './flow.ts';
export { validateFlow } from './flow.ts';
export { activeFlow, checkFlow, saveFlow } from './flows.ts';
export { nextOpening, queueCalendar } from './hours.ts';
export type { Instruction, PromptRef, TurnCall, TurnInput } from './instructions.ts';
export {
  canSpeak,
  promptAudio,
  SAMPLE_RATE,
  speakClip,
  toMulaw,
  toWav,
  warmPrompts,
} from './prompts/audio.ts';
export { promptText, renderPrompt } from './prompts/render.ts';
