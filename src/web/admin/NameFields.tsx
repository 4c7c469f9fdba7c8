// A name (or title) in each language the app speaks; English is required, as the fallback every
// reader can be shown when their language is missing (unless the server takes any one language, as for
// a grading formula's line, where the name shown falls back to whichever was given).
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { I18nText } from '../api.ts';
import { LANGUAGES } from '../i18n.ts';

export type Names = Record<string, string>;

/** The names as the API takes them: trimmed, empty languages left out. */
export const cleanNames = (names: Names): I18nText =>
  Object.fromEntries(
    Object.entries(names)
      .map(([k, v]) => [k, v.trim()])
      .filter(([, v]) => v),
  );

export function NameFields({
  value,
  onChange,
  labelKey = 'admin.nameIn',
  englishRequired = true,
  maxLength = 300,
}: {
  value: Names;
  onChange: (names: Names) => void;
  /** A catalogue key with {{language}}: "Name in {{language}}", "Title in {{language}}"... */
  labelKey?: string;
  /** False where any one language will do and the server says so (a grading formula's line). */
  englishRequired?: boolean;
  maxLength?: number;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <>
      {LANGUAGES.map((l) => (
        <div key={l.code}>
          <label htmlFor={`${id}-${l.code}`}>{t(labelKey, { language: l.label })}</label>
          <input
            id={`${id}-${l.code}`}
            lang={l.code}
            required={englishRequired && l.code === 'en'}
            maxLength={maxLength}
            value={value[l.code] ?? ''}
            onChange={(e) => onChange({ ...value, [l.code]: e.target.value })}
          />
        </div>
      ))}
    </>
  );
}
