export { announceChanges, changesChannel } from './announce.ts';
export { countOpen, foldOpenCounts } from './counts.ts';
export type { Action, ActionType, Actor, CloseReason } from './lifecycle.ts';
export { TRANSITIONS } from './lifecycle.ts';
export type { ScopedGrievance } from './policy.ts';
export { canAct, canRead, mayExport, readableBy, readsEverywhere } from './policy.ts';
export type { GrievanceView, SearchFilter } from './queries.ts';
export {
  getGrievance,
  getGrievanceId,
  grievanceHistory,
  parseReference,
  readGrievance,
  SCOPE_COLUMNS,
  searchGrievances,
  statusIn,
} from './queries.ts';
export { generateReference, normalizeReference } from './reference.ts';
export type { RegisterDeps, Registered, RegisterInput } from './register.ts';
export { registerAs, registerGrievance } from './register.ts';
export { actOn, closeUnconfirmed, transition, transitionIf } from './transition.ts';
