export type { DraftInput, DraftMediaInput } from './drafts.ts';
export { addDraftMedia, createDraft } from './drafts.ts';
