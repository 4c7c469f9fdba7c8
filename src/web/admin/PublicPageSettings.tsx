// What the public figures page (/figures, no sign-in) publishes: the small-count threshold, the grading
// formula and place level, which figures and how many past months, and its title and introduction in
// each language (left empty: the catalogue's own words).
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type I18nText, pick } from '../api.ts';
import { LANGUAGES } from '../i18n.ts';
import { Form, useSubmit } from './Form.tsx';
import { CheckField, SelectField, TextField } from './fields.tsx';
import { placeLevels } from './lookups.ts';
import type { PlaceLevel } from './types.ts';

const FIGURES = ['received', 'resolved', 'withinTime', 'satisfaction', 'averageRating', 'grade'] as const;
type Figure = (typeof FIGURES)[number];

interface Settings {
  minCount: number;
  formula: string;
  depth: number;
  figures: Figure[];
  months: number;
  title: Record<string, string>;
  intro: Record<string, string>;
}

/** The page's words as the API takes them: trimmed, empty languages left out. */
const clean = (text: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(text)
      .map(([k, v]) => [k, v.trim()])
      .filter(([, v]) => v),
  );

export function PublicPageSettings() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const lang = i18n.language;
  const [form, setForm] = useState<Settings | null>(null);
  const [status, setStatus] = useState('');
  const [levels, setLevels] = useState<PlaceLevel[]>([]);
  const [formulas, setFormulas] = useState<{ code: string; name: I18nText }[]>([]);
  const { submit, error, setError } = useSubmit(async () => {
    if (!form) return;
    setStatus('');
    setForm(
      await api<Settings>('PUT', '/api/insight/public-settings', {
        ...form,
        minCount: Number(form.minCount),
        depth: Number(form.depth),
        months: Number(form.months),
        title: clean(form.title),
        intro: clean(form.intro),
      }),
    );
    setStatus(t('admin.saved'));
  });
  useEffect(() => {
    api<Settings>('GET', '/api/insight/public-settings').then(setForm, setError);
    placeLevels().then(setLevels, setError);
    api<{ code: string; name: I18nText }[]>('GET', '/api/insight/formulas').then(setFormulas, setError);
  }, [setError]);

  const set = (change: Partial<Settings>) => form && setForm({ ...form, ...change });
  return (
    <Form
      title={t('adminInsight.publicPage')}
      onSubmit={submit}
      error={error}
      status={<p role="status">{status}</p>}
      submitLabel={t('adminInsight.savePublic')}
    >
      <p className="hint">
        {t('adminInsight.publicHint')}{' '}
        <a href="/figures" target="_blank" rel="noreferrer">
          {t('adminInsight.openPublic')}
        </a>
      </p>
      {form && (
        <>
          <TextField
            label={t('adminInsight.minCount')}
            hint={t('adminInsight.minCountHint')}
            type="number"
            min={1}
            max={1000}
            required
            value={String(form.minCount)}
            onChange={(v) => set({ minCount: v as never })}
          />
          <SelectField
            label={t('adminInsight.formula')}
            value={form.formula}
            onChange={(formula) => set({ formula })}
          >
            {formulas.map((f) => (
              <option key={f.code} value={f.code}>
                {pick(f.name, lang)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('adminInsight.placeLevel')}
            value={String(form.depth)}
            onChange={(v) => set({ depth: v as never })}
          >
            {levels.map((l) => (
              <option key={l.depth} value={l.depth}>
                {pick(l.name, lang)}
              </option>
            ))}
          </SelectField>
          <fieldset>
            <legend>{t('adminInsight.figures')}</legend>
            {FIGURES.map((f) => (
              <CheckField
                key={f}
                label={t(`adminInsight.fig.${f}`)}
                checked={form.figures.includes(f)}
                onChange={(on) =>
                  set({
                    figures: FIGURES.filter((x) => (x === f ? on : form.figures.includes(x))),
                  })
                }
              />
            ))}
          </fieldset>
          <TextField
            label={t('adminInsight.months')}
            type="number"
            min={1}
            max={120}
            required
            value={String(form.months)}
            onChange={(v) => set({ months: v as never })}
          />
          <p id={`${id}-words`} className="hint">
            {t('adminInsight.titleHint')}
          </p>
          {LANGUAGES.map((l) => (
            <div key={l.code}>
              <TextField
                label={t('adminInsight.titleIn', { language: l.label })}
                lang={l.code}
                maxLength={200}
                value={form.title[l.code] ?? ''}
                onChange={(v) => set({ title: { ...form.title, [l.code]: v } })}
              />
              <label htmlFor={`${id}-intro-${l.code}`}>
                {t('adminInsight.introIn', { language: l.label })}
              </label>
              <textarea
                id={`${id}-intro-${l.code}`}
                lang={l.code}
                rows={3}
                maxLength={2000}
                value={form.intro[l.code] ?? ''}
                onChange={(e) => set({ intro: { ...form.intro, [l.code]: e.target.value } })}
              />
            </div>
          ))}
        </>
      )}
    </Form>
  );
}
