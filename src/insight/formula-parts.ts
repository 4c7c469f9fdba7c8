// The parts of a grading formula's shape that the web app's formula editor shares with the server: what
// a line may count and how its key is written. Kept apart from formula.ts (the TypeBox schema) so the
// browser bundle takes these lists without the schema library.
import { MEASURES } from './measures.ts';

/** What an indicator or penalty may count: the rollup's measures and two derived from them. */
export const COUNTABLE = [...MEASURES, 'resolved_without_proof', 'disposed'] as const;
export type Countable = (typeof COUNTABLE)[number];

/** An indicator's, penalty's, dimension's or volume group's key (a score's lines are told apart by it). */
export const KEY_PATTERN = '^[a-z][a-z0-9_]{0,39}$';
