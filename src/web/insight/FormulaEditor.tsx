// An admin's form for a grading formula: its indicators and penalties (added, changed or removed here,
// each with its key, its name in each language, what it counts as a numerator and a denominator of
// measures, and the grievances listed for it), the weights of the indicators and of the dimensions, the
// penalties' thresholds and points, the grade cut-offs, the volume groups, and whether repeats count
// once. A new or changed line is checked as it is added (IndicatorTable, PenaltyTable, LineForm); the
// server checks the whole on saving (points add up to 100, dimensions that exist, keys used once...)
// and answers with codes, shown here in the reader's language at the row they concern; the change is
// audited as any PUT of the API.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, pick } from '../api.ts';
import { FormulaError } from './FormulaError.tsx';
import type { FormulaDef, Keyed } from './formula-def.ts';
import { IndicatorTable } from './IndicatorTable.tsx';
import { NumberInput } from './NumberInput.tsx';
import { PenaltyTable } from './PenaltyTable.tsx';

export type { FormulaDef };

type Lists = 'dimensions' | 'grades' | 'volumeGroups';
/** A server's path into the formula that names a row: `indicators[2].weight`, `penalties.0.key`. */
const ROW = /^(indicators|penalties|dimensions|volumeGroups)(?:\.|\[)(\d+)/;

export function FormulaEditor({ formula, onSaved }: { formula: FormulaDef; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState<FormulaDef>(formula);
  // The refusal, with the formula it refused: its rows are named as they were sent.
  const [error, setError] = useState<{ error: unknown; sent: FormulaDef } | null>(null);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);
  // Bumped by "Undo my changes": the line tables start afresh (no form left open on a line undone).
  const [resets, setResets] = useState(0);
  const label = (item: Keyed) => pick(item.label, i18n.language);
  const dimensions = draft.dimensions ?? [];

  function change(patch: Partial<FormulaDef>) {
    setSaved(false);
    setDraft((d) => ({ ...d, ...patch }));
  }
  function update(list: Lists, n: number, patch: Record<string, unknown>) {
    setSaved(false);
    setDraft((d) => ({
      ...d,
      [list]: ((d[list] ?? []) as object[]).map((item, i) => (i === n ? { ...item, ...patch } : item)),
    }));
  }
  function rowOf(sent: FormulaDef, field: string) {
    const [, list, n] = ROW.exec(field) ?? [];
    const item = list ? (sent[list as 'indicators'] ?? [])[Number(n)] : undefined;
    return item ? label(item) : null;
  }

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    setSaving(true);
    const { code, ...definition } = draft;
    try {
      await api('PUT', `/api/insight/formulas/${code}`, definition);
      setSaved(true);
      onSaved();
    } catch (err) {
      setError({ error: err, sent: draft });
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="formula-editor" aria-labelledby={`${id}-title`} onSubmit={save}>
      <h3 id={`${id}-title`}>{t('ins.f.title', { name: pick(draft.name, i18n.language) })}</h3>
      <p className="hint">{t('ins.f.hint')}</p>

      {dimensions.length > 0 && (
        <table className="counts">
          <caption>{t('ins.f.dimensions')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ins.f.dimension')}</th>
              <th scope="col">{t('ins.f.points')}</th>
            </tr>
          </thead>
          <tbody>
            {dimensions.map((d, n) => (
              <tr key={d.key}>
                <th scope="row">{label(d)}</th>
                <td>
                  <NumberInput
                    name={t('ins.f.pointsOf', { name: label(d) })}
                    value={d.weight}
                    onChange={(weight) => update('dimensions', n, { weight })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <IndicatorTable key={`i${resets}`} draft={draft} onChange={(indicators) => change({ indicators })} />
      <PenaltyTable key={`p${resets}`} draft={draft} onChange={(penalties) => change({ penalties })} />

      <table className="counts">
        <caption>{t('ins.f.grades')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ins.grade')}</th>
            <th scope="col">{t('ins.f.minScore')}</th>
          </tr>
        </thead>
        <tbody>
          {draft.grades.map((g, n) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the letter itself is being edited
            <tr key={n}>
              <td>
                <input
                  aria-label={t('ins.f.gradeLetter', { n: n + 1 })}
                  value={g.grade}
                  maxLength={2}
                  size={3}
                  onChange={(e) => update('grades', n, { grade: e.target.value })}
                />
              </td>
              <td>
                <NumberInput
                  name={t('ins.f.minScoreOf', { grade: g.grade })}
                  value={g.min}
                  onChange={(min) => update('grades', n, { min })}
                />
              </td>
            </tr>
          ))}
          <tr>
            <td>
              <input
                aria-label={t('ins.f.lowestGrade')}
                value={draft.lowestGrade}
                maxLength={2}
                size={3}
                onChange={(e) => change({ lowestGrade: e.target.value })}
              />
            </td>
            <td>{t('ins.f.below')}</td>
          </tr>
        </tbody>
      </table>

      {(draft.volumeGroups ?? []).length > 0 && (
        <table className="counts">
          <caption>{t('ins.f.volumeGroups')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ins.group')}</th>
              <th scope="col">{t('ins.f.minReceived')}</th>
            </tr>
          </thead>
          <tbody>
            {(draft.volumeGroups ?? []).map((g, n) => (
              <tr key={g.key}>
                <th scope="row">{t(`ins.groups.${g.key}`, { defaultValue: label(g) })}</th>
                <td>
                  <NumberInput
                    name={t('ins.f.minReceivedOf', {
                      name: t(`ins.groups.${g.key}`, { defaultValue: label(g) }),
                    })}
                    value={g.min}
                    onChange={(min) => update('volumeGroups', n, { min })}
                    step="1"
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <label className="check">
        <input
          type="checkbox"
          checked={draft.uniqueOnly}
          onChange={(e) => change({ uniqueOnly: e.target.checked })}
        />
        {t('ins.f.uniqueOnly')}
      </label>
      {error && <FormulaError error={error.error} where={(field) => rowOf(error.sent, field)} />}
      {saved && <p role="status">{t('ins.f.saved')}</p>}
      <div className="actions">
        <button type="submit" disabled={saving}>
          {t('ins.f.save')}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setDraft(formula);
            setResets((n) => n + 1);
            setError(null);
            setSaved(false);
          }}
        >
          {t('ins.f.reset')}
        </button>
      </div>
    </form>
  );
}
