// Changing a category's promise: its resolution time, priority and whether it is offered, and
// optionally a different time at each escalation level (a district officer may get 3 days, the state
// 1). New grievances use the new times; grievances already running keep the clock they started with.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, pick } from '../api.ts';
import { Form, useSubmit } from './Form.tsx';
import { CheckField, PriorityOptions, SelectField, TextField, UnitOptions } from './fields.tsx';
import type { Category, EscalationLevel } from './types.ts';

type Unit = Category['resolutionUnit'];
interface LevelTime {
  level: number;
  resolutionValue: number;
  resolutionUnit: Unit;
}

export function EditCategory({
  category,
  onDone,
}: {
  category: Category;
  onDone: (message?: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [value, setValue] = useState(String(category.resolutionValue));
  const [unit, setUnit] = useState<Unit>(category.resolutionUnit);
  const [priority, setPriority] = useState(category.priority);
  const [active, setActive] = useState(category.active);
  const [levels, setLevels] = useState<EscalationLevel[]>([]);
  // Per level: empty value means "the category's own time".
  const [times, setTimes] = useState<Record<number, { value: string; unit: Unit }>>({});
  const { submit, error, setError } = useSubmit(async () => {
    await api('PATCH', `/api/categories/${category.id}`, {
      resolutionValue: Number(value),
      resolutionUnit: unit,
      priority,
      active,
    });
    await api(
      'PUT',
      `/api/categories/${category.id}/level-times`,
      Object.entries(times)
        .filter(([, v]) => v.value.trim())
        .map(([level, v]) => ({
          level: Number(level),
          resolutionValue: Number(v.value),
          resolutionUnit: v.unit,
        })),
    );
    onDone(t('admin.savedName', { name: pick(category.name, i18n.language) }));
  });

  useEffect(() => {
    api<EscalationLevel[]>('GET', '/api/escalation-levels').then(setLevels, setError);
    api<LevelTime[]>('GET', `/api/categories/${category.id}/level-times`).then(
      (rows) =>
        setTimes(
          Object.fromEntries(
            rows.map((r) => [r.level, { value: String(r.resolutionValue), unit: r.resolutionUnit }]),
          ),
        ),
      setError,
    );
  }, [category.id, setError]);

  return (
    <Form
      panel
      title={t('admin.editTitle', { name: pick(category.name, i18n.language) })}
      onSubmit={submit}
      error={error}
      submitLabel={t('admin.save')}
      onCancel={() => onDone()}
    >
      <TextField
        label={t('admin.resolution')}
        type="number"
        min={1}
        max={10000}
        required
        value={value}
        onChange={setValue}
      />
      <SelectField label={t('admin.unit')} value={unit} onChange={(u) => setUnit(u as Unit)}>
        <UnitOptions />
      </SelectField>
      <SelectField
        label={t('admin.priority')}
        value={priority}
        onChange={(p) => setPriority(p as Category['priority'])}
      >
        <PriorityOptions />
      </SelectField>
      <CheckField label={t('adminCategories.offered')} checked={active} onChange={setActive} />
      <fieldset>
        <legend>{t('adminCategories.levelTimes')}</legend>
        <p className="hint">{t('adminCategories.levelTimesHint')}</p>
        {levels.map((l) => {
          const name = pick(l.name, i18n.language) || `L${l.level}`;
          const row = times[l.level] ?? { value: '', unit };
          const set = (change: Partial<typeof row>) =>
            setTimes({ ...times, [l.level]: { ...row, ...change } });
          return (
            <div key={l.level} className="shift">
              <div>
                <TextField
                  label={t('adminCategories.timeAt', { level: name })}
                  type="number"
                  min={1}
                  max={10000}
                  value={row.value}
                  onChange={(value) => set({ value })}
                />
              </div>
              <div>
                <SelectField
                  label={t('adminCategories.unitAt', { level: name })}
                  value={row.unit}
                  onChange={(unit) => set({ unit: unit as Unit })}
                >
                  <UnitOptions />
                </SelectField>
              </div>
            </div>
          );
        })}
      </fieldset>
    </Form>
  );
}
