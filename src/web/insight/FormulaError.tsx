// A refused formula or line, in the reader's language, each problem said where it is as the screen names
// it: "Closed per resolution: This number is outside the allowed range." The server's detail fields are
// paths into the formula (`indicators[2].weight`, `indicators.2.key`), which ErrorMessage alone would
// say without telling which of eight indicators; `where` turns a path into the row's or field's name.
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';
import { errorLines } from '../ErrorMessage.tsx';

export function FormulaError({ error, where }: { error: unknown; where: (field: string) => string | null }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const exists = (key: string) => i18n.exists(key);
  const placed =
    error instanceof ApiError
      ? error.details.flatMap((d) => {
          if (!d.code || !exists(`problem.${d.code}`)) return [];
          const at = d.field ? where(d.field) : null;
          if (!at) return errorLines(new ApiError(error.status, error.code, '', [d]), t, exists);
          return [t('ins.f.problemAt', { where: at, problem: t(`problem.${d.code}`) })];
        })
      : [];
  const lines = placed.length ? [...new Set(placed)] : errorLines(error, t, exists);
  return (
    <div className="error" role="alert">
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}
