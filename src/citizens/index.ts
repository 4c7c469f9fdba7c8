export { citizenHistory, findOrCreateCitizen, getCitizenByPhone } from './citizens.ts';
export type { InteractionInput } from './interactions.ts';
export { getInteraction, logInteraction } from './interactions.ts';
