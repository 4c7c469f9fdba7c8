// The buttons in a list's Actions column. Each names what it acts on for a screen reader ("Edit Energy"),
// as "Edit" alone, heard among twenty others, says nothing.
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from './ConfirmButton.tsx';

export function RowButton({
  item,
  onClick,
  children,
}: {
  /** The row's name, read after the button's text but not shown. */
  item: string;
  onClick: (event: React.MouseEvent<HTMLButtonElement>) => void;
  children: React.ReactNode;
}) {
  return (
    <button type="button" className="secondary" onClick={onClick}>
      {children}
      <span className="visually-hidden"> {item}</span>
    </button>
  );
}

/** Deactivate (asked once more) or, once inactive, Reactivate. Nothing is deleted: it stays in history. */
export function ActiveToggle({
  active,
  item,
  question,
  onChange,
}: {
  active: boolean;
  item: string;
  /** The question before deactivating; "Deactivate {item}?" by default. */
  question?: string;
  onChange: (active: boolean) => void;
}) {
  const { t } = useTranslation();
  return active ? (
    <ConfirmButton
      label={t('admin.deactivate')}
      item={item}
      question={question ?? t('admin.confirmDeactivate', { name: item })}
      onConfirm={() => onChange(false)}
    />
  ) : (
    <RowButton item={item} onClick={() => onChange(true)}>
      {t('admin.reactivate')}
    </RowButton>
  );
}
