// A new indicator or penalty, or a change to one: its key, its name in each language, what it counts
// (numerator and denominator, each a sum of measures), its points, and the grievances listed for it.
// It sits inside the formula's form, so its buttons are plain buttons and Enter adds the line rather than
// saving the formula; nothing is required by the browser (that would stop the formula being saved while
// this is half filled), and the line is checked here, with the server's codes, when it is added.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DRILL_FIGURES } from '../../insight/drill-figures.ts';
import type { Countable } from '../../insight/formula-parts.ts';
import { CheckField, SelectField, TextField } from '../admin/fields.tsx';
import { cleanNames, NameFields, type Names } from '../admin/NameFields.tsx';
import { ApiError, pick } from '../api.ts';
import { FormulaError } from './FormulaError.tsx';
import {
  type FormulaDef,
  type IndicatorDef,
  keysBut,
  type LineKind,
  lineProblems,
  numberOf,
  type PenaltyDef,
  percentOf,
} from './formula-def.ts';
import { MeasurePicker } from './MeasurePicker.tsx';

type Line = IndicatorDef | PenaltyDef;

/** The form's values as typed (numbers as text, the threshold in %). */
function fieldsOf(line: Line | null) {
  const i = line as Partial<IndicatorDef> | null;
  const p = line as Partial<PenaltyDef> | null;
  const text = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '' : String(n));
  return {
    key: line?.key ?? '',
    names: { ...(line?.label ?? {}) } as Names,
    numerator: line?.numerator ?? ([] as Countable[]),
    denominator: line?.denominator ?? ([] as Countable[]),
    drill: line?.drill ?? '',
    weight: text(i?.weight),
    dimension: i?.dimension ?? '',
    invert: i?.invert ?? false,
    threshold: p?.threshold === undefined ? '' : text(percentOf(p.threshold)),
    relativeToAll: text(p?.relativeToAll),
    points: text(p?.points),
  };
}
type Fields = ReturnType<typeof fieldsOf>;

/** The line as the API takes it: optional parts left out when empty. */
function lineOf(kind: LineKind, f: Fields): Line {
  const common = {
    key: f.key.trim(),
    label: cleanNames(f.names),
    numerator: f.numerator,
    denominator: f.denominator,
  };
  if (kind === 'indicator')
    return {
      ...common,
      weight: numberOf(f.weight),
      ...(f.dimension ? { dimension: f.dimension } : {}),
      ...(f.invert ? { invert: true } : {}),
      ...(f.drill ? { drill: f.drill } : {}),
    };
  return {
    ...common,
    threshold: numberOf(f.threshold) / 100,
    ...(f.relativeToAll.trim() ? { relativeToAll: numberOf(f.relativeToAll) } : {}),
    points: numberOf(f.points),
    drill: f.drill,
  };
}

export function LineForm({
  kind,
  line,
  draft,
  onDone,
  onCancel,
}: {
  kind: LineKind;
  /** The line being changed; null for a new one. */
  line: Line | null;
  draft: FormulaDef;
  onDone: (line: Line) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [f, setF] = useState(() => fieldsOf(line));
  const [problems, setProblems] = useState<ApiError | null>(null);
  const box = useRef<HTMLFieldSetElement>(null);
  const dimensions = draft.dimensions ?? [];
  const set = (patch: Partial<Fields>) => setF({ ...f, ...patch });
  const text = (key: keyof Fields) => ({
    value: f[key] as string,
    onChange: (v: string) => set({ [key]: v }),
  });
  const weightLabel = dimensions.length ? t('ins.f.weightInDimension') : t('ins.f.points');
  const names: Record<string, string> = {
    key: t('ins.f.key'),
    label: t('ins.f.labels'),
    numerator: t('ins.f.numerator'),
    denominator: t('ins.f.denominator'),
    weight: weightLabel,
    dimension: t('ins.f.dimension'),
    threshold: t('ins.f.threshold'),
    relativeToAll: t('ins.f.relativeToAll'),
    points: t('ins.f.points'),
    drill: t('ins.f.drill'),
  };

  useEffect(() => {
    box.current?.querySelector('input')?.focus();
  }, []);

  function submit() {
    const made = lineOf(kind, f);
    const found = lineProblems(kind, made, keysBut(draft, line?.key ?? null), dimensions.length > 0);
    if (found.length) setProblems(new ApiError(400, 'validation_failed', '', found));
    else onDone(made);
  }

  const title = line
    ? t('ins.f.changeLine', { name: pick(line.label, i18n.language) })
    : t(kind === 'indicator' ? 'ins.f.newIndicator' : 'ins.f.newPenalty');
  return (
    <fieldset
      ref={box}
      className="line-form"
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.target instanceof HTMLInputElement) {
          e.preventDefault();
          submit();
        }
      }}
    >
      <legend>{title}</legend>
      <TextField
        label={t('ins.f.key')}
        hint={t('ins.f.keyHint')}
        maxLength={40}
        autoComplete="off"
        spellCheck={false}
        {...text('key')}
      />
      <fieldset>
        <legend>{t('ins.f.labels')}</legend>
        <NameFields
          value={f.names}
          onChange={(names) => set({ names })}
          labelKey="ins.f.labelIn"
          englishRequired={false}
          maxLength={200}
        />
      </fieldset>
      {kind === 'indicator' && dimensions.length > 0 && (
        <SelectField label={t('ins.f.dimension')} {...text('dimension')}>
          <option value="">{t('ins.f.noDimension')}</option>
          {dimensions.map((d) => (
            <option key={d.key} value={d.key}>
              {pick(d.label, i18n.language)}
            </option>
          ))}
        </SelectField>
      )}
      {kind === 'indicator' && <TextField label={weightLabel} type="number" step="any" {...text('weight')} />}
      <MeasurePicker
        legend={t('ins.f.numerator')}
        value={f.numerator}
        onChange={(numerator) => set({ numerator })}
      />
      <MeasurePicker
        legend={t('ins.f.denominator')}
        value={f.denominator}
        onChange={(denominator) => set({ denominator })}
      />
      {kind === 'indicator' ? (
        <CheckField label={t('ins.f.invert')} checked={f.invert} onChange={(invert) => set({ invert })} />
      ) : (
        <>
          <TextField
            label={t('ins.f.threshold')}
            hint={t('ins.f.thresholdHint')}
            type="number"
            step="any"
            {...text('threshold')}
          />
          <TextField label={t('ins.f.relativeToAll')} type="number" step="any" {...text('relativeToAll')} />
          <TextField label={t('ins.f.points')} type="number" step="any" {...text('points')} />
        </>
      )}
      <SelectField label={t('ins.f.drill')} hint={t('ins.f.drillHint')} {...text('drill')}>
        <option value="">{t(kind === 'indicator' ? 'ins.f.noDrill' : 'ins.f.chooseDrill')}</option>
        {/* A figure the API was given that this screen does not know: kept, named by its key. */}
        {f.drill && !(DRILL_FIGURES as string[]).includes(f.drill) && (
          <option value={f.drill}>{f.drill}</option>
        )}
        {DRILL_FIGURES.map((figure) => (
          <option key={figure} value={figure}>
            {t(`ins.drills.${figure}`)}
          </option>
        ))}
      </SelectField>
      <FormulaError error={problems} where={(field) => names[field] ?? null} />
      <div className="actions">
        <button type="button" onClick={submit}>
          {line ? t('ins.f.keep') : t('ins.f.addThis')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('ins.f.cancel')}
        </button>
      </div>
    </fieldset>
  );
}
