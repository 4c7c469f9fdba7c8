// An admin's form for a grading formula: the weights of its indicators (and of its dimensions), the
// penalties' thresholds and points, the grade cut-offs, the volume groups, and whether repeats count once.
// What an indicator counts and its words stay as they are (the API's JSON changes those). The server
// checks the whole (points add up to 100, dimensions that exist...) and answers with codes, shown here
// in the reader's language; the change is audited as any PUT of the API.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type I18nText, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

interface Keyed {
  key: string;
  label: I18nText;
}
export interface FormulaDef {
  code: string;
  name: I18nText;
  indicators: (Keyed & { weight: number; dimension?: string; [more: string]: unknown })[];
  dimensions?: (Keyed & { weight: number })[];
  penalties: (Keyed & { threshold: number; points: number; [more: string]: unknown })[];
  grades: { grade: string; min: number }[];
  lowestGrade: string;
  volumeGroups?: (Keyed & { min: number })[];
  uniqueOnly: boolean;
}
type Lists = 'indicators' | 'dimensions' | 'penalties' | 'grades' | 'volumeGroups';

/** A number field's value: an empty or unreadable field is sent as it is and refused by the server. */
const numberOf = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
/** Shares are kept as 0..1 and edited as percentages. */
const percentOf = (share: number) => Math.round(share * 10000) / 100;

export function FormulaEditor({ formula, onSaved }: { formula: FormulaDef; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState<FormulaDef>(formula);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);
  const label = (item: Keyed) => pick(item.label, i18n.language);
  const dimensions = draft.dimensions ?? [];

  function update(list: Lists, n: number, patch: Record<string, unknown>) {
    setSaved(false);
    setDraft((d) => ({
      ...d,
      [list]: ((d[list] ?? []) as object[]).map((item, i) => (i === n ? { ...item, ...patch } : item)),
    }));
  }
  const total = dimensions.length
    ? dimensions.reduce((a, d) => a + d.weight, 0)
    : draft.indicators.reduce((a, i) => a + i.weight, 0);
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });

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
      setError(err);
    } finally {
      setSaving(false);
    }
  }

  const numberInput = (name: string, value: number, onChange: (v: number) => void, step = 'any') => (
    <input
      type="number"
      step={step}
      aria-label={name}
      value={Number.isNaN(value) ? '' : value}
      onChange={(e) => onChange(numberOf(e.target.value))}
    />
  );

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
                  {numberInput(t('ins.f.pointsOf', { name: label(d) }), d.weight, (weight) =>
                    update('dimensions', n, { weight }),
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <table className="counts">
        <caption>{t('ins.f.indicators')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ins.f.indicator')}</th>
            {dimensions.length > 0 && <th scope="col">{t('ins.f.dimension')}</th>}
            <th scope="col">{dimensions.length ? t('ins.f.weightInDimension') : t('ins.f.points')}</th>
          </tr>
        </thead>
        <tbody>
          {draft.indicators.map((i, n) => (
            <tr key={i.key}>
              <th scope="row">{label(i)}</th>
              {dimensions.length > 0 && (
                <td>
                  <select
                    aria-label={t('ins.f.dimensionOf', { name: label(i) })}
                    value={i.dimension ?? ''}
                    onChange={(e) => update('indicators', n, { dimension: e.target.value || undefined })}
                  >
                    <option value="">{t('ins.f.noDimension')}</option>
                    {dimensions.map((d) => (
                      <option key={d.key} value={d.key}>
                        {label(d)}
                      </option>
                    ))}
                  </select>
                </td>
              )}
              <td>
                {numberInput(t('ins.f.weightOf', { name: label(i) }), i.weight, (weight) =>
                  update('indicators', n, { weight }),
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{t('ins.f.total', { total: number.format(total) })}</p>

      {draft.penalties.length > 0 && (
        <table className="counts">
          <caption>{t('ins.f.penalties')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ins.f.penalty')}</th>
              <th scope="col">{t('ins.f.threshold')}</th>
              <th scope="col">{t('ins.f.points')}</th>
            </tr>
          </thead>
          <tbody>
            {draft.penalties.map((p, n) => (
              <tr key={p.key}>
                <th scope="row">{label(p)}</th>
                <td>
                  {numberInput(t('ins.f.thresholdOf', { name: label(p) }), percentOf(p.threshold), (v) =>
                    update('penalties', n, { threshold: v / 100 }),
                  )}
                </td>
                <td>
                  {numberInput(t('ins.f.pointsOf', { name: label(p) }), p.points, (points) =>
                    update('penalties', n, { points }),
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

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
                {numberInput(t('ins.f.minScoreOf', { grade: g.grade }), g.min, (min) =>
                  update('grades', n, { min }),
                )}
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
                onChange={(e) => {
                  setSaved(false);
                  setDraft({ ...draft, lowestGrade: e.target.value });
                }}
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
                  {numberInput(
                    t('ins.f.minReceivedOf', { name: t(`ins.groups.${g.key}`, { defaultValue: label(g) }) }),
                    g.min,
                    (min) => update('volumeGroups', n, { min }),
                    '1',
                  )}
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
          onChange={(e) => {
            setSaved(false);
            setDraft({ ...draft, uniqueOnly: e.target.checked });
          }}
        />
        {t('ins.f.uniqueOnly')}
      </label>
      <ErrorMessage error={error} />
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
