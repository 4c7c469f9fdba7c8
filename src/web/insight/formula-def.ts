// A grading formula as the editor holds it (the API's shape: src/insight/formula.ts), and the checks a
// new or changed indicator or penalty gets before it joins the draft. The server checks the whole again
// on saving; these only tell the admin at once, next to the line, with the same codes and words.
import { type Countable, KEY_PATTERN } from '../../insight/formula-parts.ts';
import type { I18nText, Problem } from '../api.ts';

export interface Keyed {
  key: string;
  label: I18nText;
}
interface Counting extends Keyed {
  numerator: Countable[];
  denominator: Countable[];
  /** The drill-down figure whose grievances explain the line (drill-figures.ts). */
  drill?: string;
}
export interface IndicatorDef extends Counting {
  weight: number;
  dimension?: string;
  invert?: boolean;
}
export interface PenaltyDef extends Counting {
  threshold: number;
  relativeToAll?: number;
  points: number;
  drill: string;
}
export interface FormulaDef {
  code: string;
  name: I18nText;
  indicators: IndicatorDef[];
  dimensions?: (Keyed & { weight: number })[];
  penalties: PenaltyDef[];
  grades: { grade: string; min: number }[];
  lowestGrade: string;
  volumeGroups?: (Keyed & { min: number })[];
  uniqueOnly: boolean;
}
export type LineKind = 'indicator' | 'penalty';

/** A number field's value: an empty or unreadable field is sent as it is and refused. */
export const numberOf = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
/** Shares are kept as 0..1 and edited as percentages. */
export const percentOf = (share: number) => Math.round(share * 10000) / 100;

/** Every key the formula uses (a score's lines are told apart by them), but the one being changed. */
export const keysBut = (f: FormulaDef, own: string | null) =>
  [...f.indicators, ...f.penalties, ...(f.dimensions ?? [])].map((i) => i.key).filter((k) => k !== own);

const KEY = new RegExp(KEY_PATTERN);

/** What is wrong with a line, as the server would say it (its detail codes), at the form's fields. */
export function lineProblems(
  kind: LineKind,
  line: IndicatorDef | PenaltyDef,
  taken: string[],
  hasDimensions: boolean,
): Problem[] {
  const problems: Problem[] = [];
  const add = (field: string, code: string) => problems.push({ field, code });
  const range = (field: string, value: number | undefined, min: number, max: number) => {
    if (value === undefined || Number.isNaN(value)) add(field, 'required');
    else if (value < min || value > max) add(field, 'out_of_range');
  };
  if (!line.key) add('key', 'blank');
  else if (!KEY.test(line.key)) add('key', 'key_invalid');
  else if (taken.includes(line.key)) add('key', 'formula_key_duplicate');
  if (Object.keys(line.label).length === 0) add('label', 'blank');
  if (line.numerator.length === 0) add('numerator', 'too_few');
  if (line.denominator.length === 0) add('denominator', 'too_few');
  if (kind === 'indicator') {
    const i = line as IndicatorDef;
    range('weight', i.weight, 0, 100);
    if (hasDimensions && !i.dimension) add('dimension', 'formula_dimension_missing');
  } else {
    const p = line as PenaltyDef;
    range('threshold', p.threshold, 0, 0.99);
    if (p.relativeToAll !== undefined) range('relativeToAll', p.relativeToAll, 1, 100);
    range('points', p.points, 0, 100);
    if (!p.drill) add('drill', 'required');
  }
  return problems;
}
