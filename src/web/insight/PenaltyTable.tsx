// A formula's anti-gaming penalties: each one's threshold (in %) and points (edited in place), what it
// counts in words, and buttons to change or remove it; and the form that adds one.
import { useTranslation } from 'react-i18next';
import { type FormulaDef, type PenaltyDef, percentOf } from './formula-def.ts';
import { LineActions, LineAdder, useLineEdits } from './LineEdits.tsx';
import { countsText } from './MeasurePicker.tsx';
import { NumberInput } from './NumberInput.tsx';

export function PenaltyTable({
  draft,
  onChange,
}: {
  draft: FormulaDef;
  onChange: (penalties: PenaltyDef[]) => void;
}) {
  const { t } = useTranslation();
  const items = draft.penalties;
  const edits = useLineEdits(items, onChange);
  const { name } = edits;
  const update = (n: number, patch: Partial<PenaltyDef>) =>
    onChange(items.map((item, m) => (m === n ? { ...item, ...patch } : item)));

  return (
    <>
      {items.length > 0 && (
        <table className="counts">
          <caption>{t('ins.f.penalties')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ins.f.penalty')}</th>
              <th scope="col">{t('ins.f.threshold')}</th>
              <th scope="col">{t('ins.f.points')}</th>
              <th scope="col">{t('ins.f.counts')}</th>
              <th scope="col">{t('ins.f.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((p, n) => (
              <tr key={p.key}>
                <th scope="row">{name(p)}</th>
                <td>
                  <NumberInput
                    name={t('ins.f.thresholdOf', { name: name(p) })}
                    value={percentOf(p.threshold)}
                    onChange={(v) => update(n, { threshold: v / 100 })}
                  />
                </td>
                <td>
                  <NumberInput
                    name={t('ins.f.pointsOf', { name: name(p) })}
                    value={p.points}
                    onChange={(points) => update(n, { points })}
                  />
                </td>
                <td>{countsText(t, p)}</td>
                <LineActions edits={edits} n={n} item={p} removable />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LineAdder kind="penalty" edits={edits} items={items} draft={draft} />
    </>
  );
}
