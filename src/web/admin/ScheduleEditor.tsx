// A scheduled report's form: which report (figures grouped one way, or a month's grading), how often
// and when, the file's format and language, and the positions it goes to (found by title).
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type I18nText, pick } from '../api.ts';
import { LANGUAGES } from '../i18n.ts';
import { Form, useSubmit } from './Form.tsx';
import { CheckField, SelectField, TextField } from './fields.tsx';
import { placeLevels } from './lookups.ts';
import type { Page, PlaceLevel, Position } from './types.ts';
import { WEEKDAYS, weekdayName } from './weekdays.ts';

export interface Schedule {
  id: number;
  name: string;
  report: 'figures' | 'grades';
  params: { by?: string; depth?: number; formula?: string; unit?: string };
  frequency: 'weekly' | 'monthly';
  day: number;
  hour: number;
  format: 'csv' | 'xlsx';
  language: string;
  positionIds: number[];
  active: boolean;
  nextRunAt: string;
  lastRun: { id: number; periodFrom: string; periodTo: string; rows: number; file: string } | null;
}

const GROUPINGS = ['total', 'department', 'place', 'category', 'level', 'channel'] as const;
const UNITS = ['department', 'place', 'position'] as const;

export function ScheduleEditor({
  schedule,
  onSaved,
  onCancel,
}: {
  schedule: Schedule | null;
  onSaved: (saved: Schedule) => void;
  onCancel?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const lang = i18n.language;
  const s = schedule;
  const [form, setForm] = useState({
    name: s?.name ?? '',
    report: s?.report ?? 'figures',
    by: s?.params.by ?? 'department',
    depth: String(s?.params.depth ?? 3),
    formula: s?.params.formula ?? 'cmh181',
    unit: s?.params.unit ?? 'department',
    frequency: s?.frequency ?? 'weekly',
    day: String(s?.day ?? 1),
    hour: String(s?.hour ?? 8),
    format: s?.format ?? 'xlsx',
    language: s?.language ?? 'en',
    active: s?.active ?? true,
  });
  const field = (key: keyof typeof form) => ({
    value: String(form[key]),
    onChange: (value: string) => setForm({ ...form, [key]: value } as typeof form),
  });
  const [chosen, setChosen] = useState<{ id: number; title: I18nText }[]>([]);
  const [find, setFind] = useState('');
  const [found, setFound] = useState<Position[]>([]);
  const [levels, setLevels] = useState<PlaceLevel[]>([]);
  const [formulas, setFormulas] = useState<{ code: string; name: I18nText }[]>([]);
  const { submit, error, setError } = useSubmit(async () => {
    const byPlace = form.report === 'figures' ? form.by === 'place' : form.unit === 'place';
    const params =
      form.report === 'figures'
        ? { by: form.by, ...(byPlace && { depth: Number(form.depth) }) }
        : { formula: form.formula, unit: form.unit, ...(byPlace && { depth: Number(form.depth) }) };
    const body = {
      name: form.name,
      report: form.report,
      params,
      frequency: form.frequency,
      day: Number(form.day),
      hour: Number(form.hour),
      format: form.format,
      language: form.language,
      positionIds: chosen.map((p) => p.id),
      active: form.active,
    };
    onSaved(
      await api<Schedule>(
        s ? 'PUT' : 'POST',
        s ? `/api/insight/report-schedules/${s.id}` : '/api/insight/report-schedules',
        body,
      ),
    );
  });

  useEffect(() => {
    placeLevels().then(setLevels, setError);
    api<{ code: string; name: I18nText }[]>('GET', '/api/insight/formulas').then(setFormulas, setError);
  }, [setError]);
  // The chosen positions' titles, once.
  const ids = s?.positionIds.join(',') ?? '';
  useEffect(() => {
    if (!ids) return;
    Promise.all(ids.split(',').map((p) => api<Position>('GET', `/api/positions/${p}`))).then(
      (list) => setChosen(list.map((p) => ({ id: p.id, title: p.title }))),
      setError,
    );
  }, [ids, setError]);
  useEffect(() => {
    const q = find.trim();
    if (!q) {
      setFound([]);
      return;
    }
    const timer = setTimeout(() => {
      api<Page<Position>>('GET', `/api/positions?q=${encodeURIComponent(q)}&activeOnly=true&limit=10`).then(
        (page) => setFound(page.items),
        setError,
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [find, setError]);

  const byPlace = form.report === 'figures' ? form.by === 'place' : form.unit === 'place';
  return (
    <Form
      title={s ? t('adminInsight.editReport', { name: s.name }) : t('adminInsight.newReport')}
      panel={!!s}
      onSubmit={submit}
      error={error}
      submitLabel={t('adminInsight.save')}
      onCancel={onCancel}
    >
      <TextField label={t('adminInsight.name')} required maxLength={200} {...field('name')} />
      <SelectField label={t('adminInsight.report')} {...field('report')}>
        <option value="figures">{t('adminInsight.reportFigures')}</option>
        <option value="grades">{t('adminInsight.reportGrades')}</option>
      </SelectField>
      {form.report === 'figures' ? (
        <SelectField label={t('adminInsight.groupedBy')} {...field('by')}>
          {GROUPINGS.map((g) => (
            <option key={g} value={g}>
              {g === 'total' ? t('adminInsight.fig.received') : t(`ins.by.${g === 'place' ? 'district' : g}`)}
            </option>
          ))}
        </SelectField>
      ) : (
        <>
          <SelectField label={t('adminInsight.formula')} {...field('formula')}>
            {formulas.map((f) => (
              <option key={f.code} value={f.code}>
                {pick(f.name, lang)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('adminInsight.unit')} {...field('unit')}>
            {UNITS.map((u) => (
              <option key={u} value={u}>
                {t(`ins.by.${u === 'place' ? 'district' : u}`)}
              </option>
            ))}
          </SelectField>
        </>
      )}
      {byPlace && (
        <SelectField label={t('adminInsight.placeLevel')} {...field('depth')}>
          {levels.map((l) => (
            <option key={l.depth} value={l.depth}>
              {pick(l.name, lang)}
            </option>
          ))}
        </SelectField>
      )}
      <SelectField label={t('adminInsight.frequency')} {...field('frequency')}>
        <option value="weekly">{t('adminInsight.weekly')}</option>
        <option value="monthly">{t('adminInsight.monthly')}</option>
      </SelectField>
      {form.frequency === 'weekly' ? (
        <SelectField label={t('adminInsight.weekday')} {...field('day')}>
          {WEEKDAYS.map((d) => (
            <option key={d} value={d}>
              {weekdayName(lang, d)}
            </option>
          ))}
        </SelectField>
      ) : (
        <TextField
          label={t('adminInsight.dayOfMonth')}
          hint={t('adminInsight.dayHint')}
          type="number"
          min={1}
          max={28}
          required
          {...field('day')}
        />
      )}
      <TextField label={t('adminInsight.hour')} type="number" min={0} max={23} required {...field('hour')} />
      <SelectField label={t('adminInsight.format')} {...field('format')}>
        <option value="xlsx">XLSX</option>
        <option value="csv">CSV</option>
      </SelectField>
      <SelectField label={t('adminInsight.language')} {...field('language')}>
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code}>
            {l.label}
          </option>
        ))}
      </SelectField>
      <fieldset aria-describedby={`${id}-hint`}>
        <legend>{t('adminInsight.recipients')}</legend>
        <p id={`${id}-hint`} className="hint">
          {t('adminInsight.recipientsHint')}
        </p>
        {chosen.length === 0 ? (
          <p>{t('adminInsight.noRecipients')}</p>
        ) : (
          <ul className="plain">
            {chosen.map((p) => (
              <li key={p.id}>
                {pick(p.title, lang)}{' '}
                <button
                  type="button"
                  className="secondary"
                  onClick={() => setChosen(chosen.filter((c) => c.id !== p.id))}
                >
                  {t('adminInsight.remove')}
                  <span className="visually-hidden"> {pick(p.title, lang)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <TextField label={t('adminInsight.findPosition')} type="search" value={find} onChange={setFind} />
        <ul className="plain" aria-live="polite">
          {found
            .filter((p) => !chosen.some((c) => c.id === p.id))
            .map((p) => (
              <li key={p.id}>
                {pick(p.title, lang)}
                {p.officerName && <span className="hint"> · {p.officerName}</span>}{' '}
                <button
                  type="button"
                  className="secondary"
                  onClick={() => setChosen([...chosen, { id: p.id, title: p.title }])}
                >
                  {t('adminInsight.choose')}
                  <span className="visually-hidden"> {pick(p.title, lang)}</span>
                </button>
              </li>
            ))}
        </ul>
      </fieldset>
      <CheckField
        label={t('adminInsight.active')}
        checked={form.active}
        onChange={(active) => setForm({ ...form, active })}
      />
    </Form>
  );
}
