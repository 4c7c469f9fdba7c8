export type { AccessCache } from './access.ts';
export { startAccessCache } from './access.ts';
export type { Memo } from './memo.ts';
export { memo } from './memo.ts';
export type {
  CategoryFacts,
  DepartmentFacts,
  PlaceFacts,
  PositionFacts,
  ReferenceCache,
  Route,
} from './reference.ts';
export { referenceCache, startReferenceCache } from './reference.ts';
