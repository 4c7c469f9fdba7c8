// Categories and their resolution times: the promise each grievance type carries.
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type I18nText, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { LANGUAGES } from '../i18n.ts';

interface Category {
  id: number;
  code: string;
  departmentId: number;
  name: I18nText;
  resolutionValue: number;
  resolutionUnit: 'working_hours' | 'calendar_days';
  priority: string;
}
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

export function Categories() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [departments, setDepartments] = useState<{ id: number; code: string; name: I18nText }[]>([]);
  const [list, setList] = useState<Category[]>([]);
  const [form, setForm] = useState({
    departmentId: '',
    code: '',
    value: '3',
    unit: 'calendar_days',
    priority: 'normal',
  });
  const [names, setNames] = useState<Record<string, string>>({});
  const [added, setAdded] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    api<Category[]>('GET', '/api/categories').then(setList, setError);
  }, []);
  useEffect(() => {
    api<{ id: number; code: string; name: I18nText }[]>('GET', '/api/departments').then(
      setDepartments,
      setError,
    );
    load();
  }, [load]);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    setAdded(null);
    try {
      const created = await api<Category>('POST', '/api/categories', {
        departmentId: Number(form.departmentId),
        code: form.code,
        name: Object.fromEntries(Object.entries(names).filter(([, v]) => v.trim())),
        resolutionValue: Number(form.value),
        resolutionUnit: form.unit,
        priority: form.priority,
      });
      setAdded(created.code);
      setForm({ ...form, code: '' });
      setNames({});
      load();
    } catch (err) {
      setError(err);
    }
  }

  const field = (key: keyof typeof form) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });
  return (
    <>
      <h2>{t('admin.categories')}</h2>
      <form onSubmit={submit}>
        <label htmlFor={`${id}-dept`}>{t('admin.department')}</label>
        <select id={`${id}-dept`} required {...field('departmentId')}>
          <option value="">{t('lodge.choose')}</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {pick(d.name, i18n.language)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-code`}>{t('admin.code')}</label>
        <input id={`${id}-code`} required {...field('code')} aria-describedby={`${id}-code-hint`} />
        <p id={`${id}-code-hint`} className="hint">
          {t('admin.codeHint')}
        </p>
        {LANGUAGES.map((l) => (
          <div key={l.code}>
            <label htmlFor={`${id}-name-${l.code}`}>{t('admin.nameIn', { language: l.label })}</label>
            <input
              id={`${id}-name-${l.code}`}
              lang={l.code}
              required={l.code === 'en'}
              value={names[l.code] ?? ''}
              onChange={(e) => setNames({ ...names, [l.code]: e.target.value })}
            />
          </div>
        ))}
        <label htmlFor={`${id}-value`}>{t('admin.resolution')}</label>
        <input id={`${id}-value`} type="number" min={1} max={10000} required {...field('value')} />
        <label htmlFor={`${id}-unit`}>{t('admin.unit')}</label>
        <select id={`${id}-unit`} {...field('unit')}>
          <option value="working_hours">{t('admin.working_hours')}</option>
          <option value="calendar_days">{t('admin.calendar_days')}</option>
        </select>
        <label htmlFor={`${id}-priority`}>{t('admin.priority')}</label>
        <select id={`${id}-priority`} {...field('priority')}>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`admin.priorities.${p}`)}
            </option>
          ))}
        </select>
        <ErrorMessage error={error} />
        {added && <p role="status">{t('admin.added', { code: added })}</p>}
        <button type="submit">{t('admin.add')}</button>
      </form>
      <h2>{t('admin.list')}</h2>
      <table>
        <caption className="hint">{t('admin.categories')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.code')}</th>
            <th scope="col">{t('lodge.category')}</th>
            <th scope="col">{t('admin.resolution')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((c) => (
            <tr key={c.id}>
              <td>{c.code}</td>
              <td>{pick(c.name, i18n.language)}</td>
              <td>{t(`time.${c.resolutionUnit}`, { count: c.resolutionValue })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
