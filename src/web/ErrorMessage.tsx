// What went wrong, in the reader's language: each problem the server names by its stable detail code,
// from the catalogue (locales/<language>/errors.json), with the field's name where we know it; else the
// message for the error's code; else a generic one. The server's own sentence is never shown.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api.ts';

/** The lines to show for `error`, each once. */
export function errorLines(error: unknown, t: TFunction, exists: (key: string) => boolean): string[] {
  if (!(error instanceof ApiError)) return [t('error.generic')];
  if (error.code === 'network') return [t('error.network')];
  const lines = error.details.flatMap((d) => {
    if (!d.code || !exists(`problem.${d.code}`)) return [];
    const leaf = d.field
      ?.split('.')
      .at(-1)
      ?.replace(/\[\d+\]$/, '');
    const label = leaf && exists(`field.${leaf}`) ? t(`field.${leaf}`) : null;
    const text = t(`problem.${d.code}`);
    return [label ? t('error.fieldProblem', { field: label, problem: text }) : text];
  });
  if (lines.length) return [...new Set(lines)];
  return [exists(`errorCode.${error.code}`) ? t(`errorCode.${error.code}`) : t('error.generic')];
}

/** Says what went wrong and what to do, announced to screen readers. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const lines = errorLines(error, t, (key) => i18n.exists(key));
  return (
    <div className="error" role="alert">
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}

/** One refusal in a list (a bulk action's report): its detail code, else its error code. */
export function useRefusalText() {
  const { t, i18n } = useTranslation();
  return (refusal: { code?: string; problem?: string }) =>
    errorLines(
      new ApiError(0, refusal.code ?? 'internal', '', refusal.problem ? [{ code: refusal.problem }] : []),
      t,
      (key) => i18n.exists(key),
    )[0] as string;
}
