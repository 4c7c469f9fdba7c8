// The frame of an admin form: a heading that names it, the fields, the server's message when it refuses
// (shown as it is), and the buttons. An edit opened from a row of a list is a framed panel whose heading
// takes the focus when it opens, so a screen reader says where the reader has been taken.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../ErrorMessage.tsx';

/** Submitting: no page reload, the last error cleared, and whatever `send` throws kept to show. */
export function useSubmit(send: () => Promise<void>) {
  const [error, setError] = useState<unknown>(null);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await send();
    } catch (err) {
      setError(err);
    }
  }
  return { submit, error, setError };
}

export function Form({
  title,
  heading = 'h3',
  panel = false,
  onSubmit,
  error,
  status,
  submitLabel,
  onCancel,
  cancelLabel,
  children,
}: {
  title: string;
  heading?: 'h3' | 'h4';
  /** An edit opened from a list: framed, with the focus on its heading. */
  panel?: boolean;
  onSubmit: (e: React.FormEvent) => void;
  error: unknown;
  /** A role=status region, shown between the error and the buttons. */
  status?: React.ReactNode;
  submitLabel: string;
  /** Adds a second button (Cancel, or `cancelLabel`) after the submit button. */
  onCancel?: () => void;
  cancelLabel?: string;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (panel) ref.current?.focus();
  }, [panel]);
  const Heading = heading;
  return (
    <form onSubmit={onSubmit} aria-labelledby={`${id}-title`} className={panel ? 'panel' : undefined}>
      {panel ? (
        <Heading id={`${id}-title`} ref={ref} tabIndex={-1}>
          {title}
        </Heading>
      ) : (
        <Heading id={`${id}-title`}>{title}</Heading>
      )}
      {children}
      <ErrorMessage error={error} />
      {status}
      <button type="submit">{submitLabel}</button>
      {onCancel && (
        <>
          {' '}
          <button type="button" className="secondary" onClick={onCancel}>
            {cancelLabel ?? t('admin.cancel')}
          </button>
        </>
      )}
    </form>
  );
}
