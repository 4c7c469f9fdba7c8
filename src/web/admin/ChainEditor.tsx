// Creating or replacing the chain for (category, place): the place, then one position per escalation
// level. Only the category's department's positions are offered, as the server accepts no others.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, pick } from '../api.ts';
import type { Rule } from './Chain.tsx';
import { Form, useSubmit } from './Form.tsx';
import { SelectField } from './fields.tsx';
import { PlacePicker } from './PlacePicker.tsx';
import type { Category, EscalationLevel, Place, Position } from './types.ts';

export function ChainEditor({
  category,
  rule,
  levels,
  positions,
  describe,
  onSaved,
}: {
  category: Category;
  rule: Rule | null;
  levels: EscalationLevel[];
  positions: Position[];
  describe: (positionId: number) => string;
  onSaved: (place: Place) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [place, setPlace] = useState<Place | null>(null);
  const [chosen, setChosen] = useState<Record<number, string>>(() =>
    Object.fromEntries(rule?.steps.map((s) => [s.level, String(s.positionId)]) ?? []),
  );
  const { submit, error } = useSubmit(async () => {
    if (!place) return;
    // Levels left empty are simply not sent: a gap (L1, L3) is the server's to explain.
    const steps = levels
      .filter((l) => chosen[l.level])
      .map((l) => ({ level: l.level, positionId: Number(chosen[l.level]) }));
    await api('PUT', '/api/routing-rules', { categoryId: category.id, placeId: place.id, steps });
    onSaved(place);
  });

  const byTitle = (a: Position, b: Position) => pick(a.title, lang).localeCompare(pick(b.title, lang), lang);
  return (
    <Form
      panel={rule !== null}
      title={t('adminRouting.editorTitle', { category: pick(category.name, lang) })}
      onSubmit={submit}
      error={error}
      submitLabel={t('adminRouting.save')}
    >
      <p className="hint">{t('adminRouting.editorHint')}</p>
      <PlacePicker
        legend={t('adminRouting.ruleCovers')}
        initial={rule?.placeId ?? null}
        required
        onChange={setPlace}
      />
      <fieldset>
        <legend>{t('adminRouting.chain')}</legend>
        {levels.map((l) => {
          // A nodal position may stand in at any level; others only at their own.
          const options = positions
            .filter(
              (p) => (p.level === l.level || p.isNodal) && (p.active || chosen[l.level] === String(p.id)),
            )
            .sort(byTitle);
          return (
            <div key={l.level}>
              <SelectField
                label={pick(l.name, lang) || `L${l.level}`}
                required={l.level === 1}
                value={chosen[l.level] ?? ''}
                onChange={(value) => setChosen({ ...chosen, [l.level]: value })}
              >
                <option value="">{l.level === 1 ? t('admin.choose') : t('adminRouting.noStep')}</option>
                {options.map((p) => (
                  <option key={p.id} value={p.id}>
                    {describe(p.id)}
                    {p.level !== l.level ? ` · ${t('adminPositions.nodal')}` : ''}
                  </option>
                ))}
              </SelectField>
            </div>
          );
        })}
      </fieldset>
    </Form>
  );
}
