// Form fields as the admin forms lay them out: the label, the field, and a hint under it that the field
// points to (aria-describedby), so a screen reader reads the hint with the field.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pick } from '../api.ts';
import { type Department, type EscalationLevel, PRIORITIES } from './types.ts';

type InputProps = Omit<React.InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>;
type SelectProps = Omit<React.SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'value' | 'onChange'>;

/** A form's text values in one object; `field(key)` is spread onto the TextField or SelectField for it. */
export function useFields<F extends Record<string, string>>(initial: F) {
  const [form, setForm] = useState(initial);
  const field = (key: keyof F) => ({
    value: form[key],
    onChange: (value: string) => setForm({ ...form, [key]: value }),
  });
  return { form, setForm, field };
}

export function TextField({
  label,
  hint,
  value,
  onChange,
  ...input
}: InputProps & { label: string; hint?: string; value: string; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={hint ? `${id}-hint` : undefined}
        {...input}
      />
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
    </>
  );
}

export function SelectField({
  label,
  hint,
  value,
  onChange,
  children,
  ...select
}: SelectProps & {
  label: string;
  hint?: string;
  value: string | number;
  onChange: (value: string) => void;
  children: React.ReactNode;
}) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={hint ? `${id}-hint` : undefined}
        {...select}
      >
        {children}
      </select>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
    </>
  );
}

export function CheckField({
  label,
  hint,
  checked,
  onChange,
}: {
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>
        {label}
        {hint && <span className="hint"> {hint}</span>}
      </span>
    </label>
  );
}

/** One option per department, named in the reader's language. */
export function DepartmentOptions({ departments }: { departments: Department[] }) {
  const { i18n } = useTranslation();
  return departments.map((d) => (
    <option key={d.id} value={d.id}>
      {pick(d.name, i18n.language)}
    </option>
  ));
}

/** One option per escalation level, named in the reader's language. */
export function LevelOptions({ levels }: { levels: EscalationLevel[] }) {
  const { i18n } = useTranslation();
  return levels.map((l) => (
    <option key={l.level} value={l.level}>
      {pick(l.name, i18n.language)}
    </option>
  ));
}

/** The units a resolution time is counted in. */
export function UnitOptions() {
  const { t } = useTranslation();
  return (
    <>
      <option value="working_hours">{t('admin.working_hours')}</option>
      <option value="calendar_days">{t('admin.calendar_days')}</option>
    </>
  );
}

export function PriorityOptions() {
  const { t } = useTranslation();
  return PRIORITIES.map((p) => (
    <option key={p} value={p}>
      {t(`admin.priorities.${p}`)}
    </option>
  ));
}
