// The extra fields a category asks for (a consumer number, a Samagra ID...), each labelled in the
// reader's language. Shared by the grievance form and the enquiry form.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { type I18nText, pick } from '../api.ts';

export interface CategoryField {
  key: string;
  label: I18nText;
  required: boolean;
}

export function CategoryFields({
  fields,
  values,
  onChange,
}: {
  fields: CategoryField[];
  values: Record<string, string>;
  onChange: (values: Record<string, string>) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  return fields.map((f) => (
    <div key={f.key}>
      <label htmlFor={`${id}-f-${f.key}`}>
        {pick(f.label, i18n.language)}
        {f.required ? ` (${t('lodge.required')})` : ''}
      </label>
      <input
        id={`${id}-f-${f.key}`}
        required={f.required}
        value={values[f.key] ?? ''}
        onChange={(e) => onChange({ ...values, [f.key]: e.target.value })}
      />
    </div>
  ));
}
