// A formula's indicators: each one's dimension and weight (edited in place), what it counts in words,
// and buttons to change or remove it; the points' running total; and the form that adds one.
import { useTranslation } from 'react-i18next';
import type { FormulaDef, IndicatorDef } from './formula-def.ts';
import { LineActions, LineAdder, useLineEdits } from './LineEdits.tsx';
import { countsText } from './MeasurePicker.tsx';
import { NumberInput } from './NumberInput.tsx';

export function IndicatorTable({
  draft,
  onChange,
}: {
  draft: FormulaDef;
  onChange: (indicators: IndicatorDef[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const items = draft.indicators;
  const edits = useLineEdits(items, onChange);
  const { name } = edits;
  const dimensions = draft.dimensions ?? [];
  const update = (n: number, patch: Partial<IndicatorDef>) =>
    onChange(items.map((item, m) => (m === n ? { ...item, ...patch } : item)));
  const total = dimensions.length
    ? dimensions.reduce((a, d) => a + d.weight, 0)
    : items.reduce((a, i) => a + i.weight, 0);
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });

  return (
    <>
      <table className="counts">
        <caption>{t('ins.f.indicators')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ins.f.indicator')}</th>
            {dimensions.length > 0 && <th scope="col">{t('ins.f.dimension')}</th>}
            <th scope="col">{dimensions.length ? t('ins.f.weightInDimension') : t('ins.f.points')}</th>
            <th scope="col">{t('ins.f.counts')}</th>
            <th scope="col">{t('ins.f.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i, n) => (
            <tr key={i.key}>
              <th scope="row">{name(i)}</th>
              {dimensions.length > 0 && (
                <td>
                  <select
                    aria-label={t('ins.f.dimensionOf', { name: name(i) })}
                    value={i.dimension ?? ''}
                    onChange={(e) => update(n, { dimension: e.target.value || undefined })}
                  >
                    <option value="">{t('ins.f.noDimension')}</option>
                    {dimensions.map((d) => (
                      <option key={d.key} value={d.key}>
                        {name(d)}
                      </option>
                    ))}
                  </select>
                </td>
              )}
              <td>
                <NumberInput
                  name={t('ins.f.weightOf', { name: name(i) })}
                  value={i.weight}
                  onChange={(weight) => update(n, { weight })}
                />
              </td>
              <td>{countsText(t, i)}</td>
              {/* A formula keeps at least one indicator (the server's rule too). */}
              <LineActions edits={edits} n={n} item={i} removable={items.length > 1} />
            </tr>
          ))}
        </tbody>
      </table>
      <p>{t('ins.f.total', { total: number.format(total) })}</p>
      <LineAdder kind="indicator" edits={edits} items={items} draft={draft} />
    </>
  );
}
