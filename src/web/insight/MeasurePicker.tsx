// What a formula's line counts: one to five of the rollup's measures, added together, for its numerator
// or its denominator; each named in the reader's language.
import type { TFunction } from 'i18next';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { COUNTABLE, type Countable } from '../../insight/formula-parts.ts';

/** As many as the server takes in a sum (formula.ts). */
const MOST = 5;

export function MeasurePicker({
  legend,
  value,
  onChange,
}: {
  legend: string;
  value: Countable[];
  onChange: (value: Countable[]) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset className="measures" aria-describedby={`${id}-hint`}>
      <legend>{legend}</legend>
      <p id={`${id}-hint`} className="hint">
        {t('ins.f.measuresHint')}
      </p>
      {COUNTABLE.map((m) => {
        const checked = value.includes(m);
        return (
          <label key={m} className="check">
            <input
              type="checkbox"
              checked={checked}
              disabled={!checked && value.length >= MOST}
              // Kept in the catalogue's order, whatever the order they were ticked in.
              onChange={(e) =>
                onChange(COUNTABLE.filter((c) => (c === m ? e.target.checked : value.includes(c))))
              }
            />
            {t(`ins.measures.${m}`)}
          </label>
        );
      })}
    </fieldset>
  );
}

/** What a line counts, in words: "Closed ÷ Resolved", sums joined by "+". */
export function countsText(
  t: TFunction,
  line: { numerator: Countable[]; denominator: Countable[]; invert?: boolean },
) {
  const sum = (parts: Countable[]) => parts.map((m) => t(`ins.measures.${m}`)).join(' + ');
  return t(line.invert ? 'ins.f.countsInverted' : 'ins.f.countsText', {
    numerator: sum(line.numerator),
    denominator: sum(line.denominator),
  });
}
