// Long lists a page at a time: where we are in words and numbers of the reader's language, and the
// way to the previous and next pages.
import { useTranslation } from 'react-i18next';

export function Pager({
  offset,
  limit,
  total,
  onOffset,
}: {
  offset: number;
  limit: number;
  total: number;
  onOffset: (offset: number) => void;
}) {
  const { t, i18n } = useTranslation();
  if (total <= limit && offset === 0) return null;
  const n = new Intl.NumberFormat(i18n.language);
  return (
    <p>
      {t('admin.range', {
        from: n.format(Math.min(offset + 1, total)),
        to: n.format(Math.min(offset + limit, total)),
        total: n.format(total),
      })}{' '}
      <button
        type="button"
        className="secondary"
        disabled={offset === 0}
        onClick={() => onOffset(Math.max(0, offset - limit))}
      >
        {t('admin.previous')}
      </button>{' '}
      <button
        type="button"
        className="secondary"
        disabled={offset + limit >= total}
        onClick={() => onOffset(offset + limit)}
      >
        {t('admin.next')}
      </button>
    </p>
  );
}
