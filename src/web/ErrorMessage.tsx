import { useTranslation } from 'react-i18next';
import { ApiError } from './api.ts';

/** The server's message says what was wrong and what to do; show it, announced to screen readers. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const text =
    error instanceof ApiError
      ? error.code === 'network'
        ? t('error.network')
        : error.message || t('error.generic')
      : t('error.generic');
  return (
    <p className="error" role="alert">
      {text}
    </p>
  );
}
