// The monthly grading: every department, district or officer position ranked by a formula, each score
// explained line by line, and each line's grievances a click away. An admin changes the formula here
// and sees the grades computed again with it.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type I18nText, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useFetched } from '../fetching.ts';
import { ScrollRegion } from '../ScrollRegion.tsx';
import { type Drill, DrillList } from './DrillList.tsx';
import { type FormulaDef, FormulaEditor } from './FormulaEditor.tsx';

interface Line {
  key: string;
  label: I18nText;
  numerator: number;
  denominator: number;
  share: number | null;
  maxPoints: number;
  points: number;
  threshold?: number;
  drill: string | null;
}
interface Grade {
  key: string;
  name: I18nText | null;
  score: number;
  grade: string;
  group: string | null;
  rank: number;
  of: number;
  lines: Line[];
  previous: { score: number; grade: string; rank: number } | null;
  movement: number | null;
}

const UNITS = ['department', 'district', 'position'] as const;

const lastMonth = () => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
};
const monthDays = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: `${month}-01`, to: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
};

export function Grades({ canEdit = false }: { canEdit?: boolean }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [error, setError] = useState<unknown>(null);
  const [formula, setFormula] = useState('cmh181');
  const [month, setMonth] = useState(lastMonth());
  const [unit, setUnit] = useState<(typeof UNITS)[number]>('department');
  const [open, setOpen] = useState<string | null>(null);
  const [drill, setDrill] = useState<Drill | null>(null);
  const [editing, setEditing] = useState(false);
  const formulas = useFetched<FormulaDef[]>('/api/insight/formulas', setError);
  const editable = formulas.data?.find((f) => f.code === formula);
  const unitQuery = unit === 'district' ? 'place&depth=3' : unit;
  const grades = useFetched<Grade[]>(
    /^\d{4}-\d{2}$/.test(month)
      ? `/api/insight/grades?formula=${formula}&month=${month}&unit=${unitQuery}`
      : null,
    setError,
  );
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
  const filterOf = (key: string) =>
    unit === 'department'
      ? `&departmentId=${key}`
      : unit === 'district'
        ? `&placeId=${key}`
        : `&positionId=${key}`;
  const nameOf = (g: Grade) => (g.name ? pick(g.name, i18n.language) : g.key);
  const chosen = grades.data?.find((g) => g.key === open);

  return (
    <section aria-labelledby={`${id}-title`} className="grades">
      <h2 id={`${id}-title`}>{t('ins.grades')}</h2>
      <div className="filters">
        <label>
          {t('ins.formula')}
          <select value={formula} onChange={(e) => setFormula(e.target.value)}>
            {formulas.data?.map((f) => (
              <option key={f.code} value={f.code}>
                {pick(f.name, i18n.language)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('ins.month')}
          <input type="month" value={month} onChange={(e) => setMonth(e.target.value)} />
        </label>
        <label>
          {t('ins.unit')}
          <select value={unit} onChange={(e) => setUnit(e.target.value as (typeof UNITS)[number])}>
            {UNITS.map((u) => (
              <option key={u} value={u}>
                {t(`ins.by.${u}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {canEdit && editable && (
        <button
          type="button"
          className="secondary"
          aria-expanded={editing}
          onClick={() => setEditing(!editing)}
        >
          {t('ins.f.edit')}
        </button>
      )}
      {editing && editable && (
        <FormulaEditor
          key={editable.code}
          formula={editable}
          onSaved={() => {
            formulas.reload();
            grades.reload();
          }}
        />
      )}
      <ErrorMessage error={error} />
      {grades.data && grades.data.length === 0 && <p role="status">{t('ins.nothing')}</p>}
      {grades.data && grades.data.length > 0 && (
        <ScrollRegion label={t('ins.gradesCaption', { month })}>
          <table className="counts">
            <caption>{t('ins.gradesCaption', { month })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ins.rank')}</th>
                <th scope="col">{t(`ins.by.${unit}`)}</th>
                <th scope="col" className="number">
                  {t('ins.score')}
                </th>
                <th scope="col">{t('ins.grade')}</th>
                <th scope="col" className="number">
                  {t('ins.movement')}
                </th>
                <th scope="col">{t('ins.group')}</th>
              </tr>
            </thead>
            <tbody>
              {grades.data.map((g) => (
                <tr key={g.key}>
                  <td>{t('ins.rankOf', { rank: g.rank, of: g.of })}</td>
                  <th scope="row">
                    <button
                      type="button"
                      className="link"
                      aria-expanded={open === g.key}
                      onClick={() => setOpen(g.key)}
                    >
                      {nameOf(g)}
                    </button>
                  </th>
                  <td className="number">{number.format(g.score)}</td>
                  <td className={`grade grade-${g.grade}`}>{g.grade}</td>
                  <td className="number">
                    {g.movement === null
                      ? t('ins.new')
                      : `${g.movement > 0 ? '+' : ''}${number.format(g.movement)} (${g.previous?.grade})`}
                  </td>
                  <td>{g.group ? t(`ins.groups.${g.group}`, { defaultValue: g.group }) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {chosen && (
        <ScrollRegion
          label={t('ins.explained', { name: nameOf(chosen), score: number.format(chosen.score) })}
        >
          <table className="counts explained">
            <caption>
              {t('ins.explained', { name: nameOf(chosen), score: number.format(chosen.score) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('ins.line')}</th>
                <th scope="col" className="number">
                  {t('ins.counted')}
                </th>
                <th scope="col" className="number">
                  {t('ins.share')}
                </th>
                <th scope="col" className="number">
                  {t('ins.points')}
                </th>
              </tr>
            </thead>
            <tbody>
              {chosen.lines.map((l) => (
                <tr key={l.key} className={l.points < 0 ? 'penalty' : undefined}>
                  <th scope="row">{pick(l.label, i18n.language)}</th>
                  <td className="number">
                    {l.drill && l.numerator > 0 ? (
                      <button
                        type="button"
                        className="link"
                        onClick={() =>
                          setDrill({
                            figure: l.drill as string,
                            query: `${filterOf(chosen.key)}&repeatsExcluded=true`,
                            ...monthDays(month),
                            title: `${pick(l.label, i18n.language)} · ${nameOf(chosen)}`,
                          })
                        }
                      >
                        {`${l.numerator} / ${l.denominator}`}
                      </button>
                    ) : (
                      `${l.numerator} / ${l.denominator}`
                    )}
                  </td>
                  <td className="number">{l.share === null ? '–' : percent.format(l.share)}</td>
                  <td className="number">
                    {l.threshold === undefined
                      ? t('ins.pointsOf', {
                          points: number.format(l.points),
                          max: number.format(l.maxPoints),
                        })
                      : number.format(l.points)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {drill && <DrillList drill={drill} onClose={() => setDrill(null)} />}
    </section>
  );
}
