// Destructive actions (deactivate, relieve, delete, revoke) ask once more, in the page rather than in a
// browser dialog, so the question is read out in context and the answer is one keystroke away.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function ConfirmButton({
  label,
  item,
  question,
  onConfirm,
}: {
  /** The button's text ("Deactivate"), and the answer that goes ahead. */
  label: string;
  /** What it acts on, read after `label` but not shown, so the button is unambiguous in a list. */
  item: string;
  question: string;
  onConfirm: () => void | Promise<void>;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  const start = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  // Focus follows the question: onto "yes" when asked, back to the button when answered "no".
  useEffect(() => {
    if (asking) yes.current?.focus();
    else if (wasAsking.current) start.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button ref={start} type="button" className="secondary" onClick={() => setAsking(true)}>
        {label}
        <span className="visually-hidden"> {item}</span>
      </button>
    );
  }
  return (
    <fieldset className="confirm">
      <legend>{question}</legend>
      <button
        ref={yes}
        type="button"
        className="danger"
        onClick={() => {
          wasAsking.current = false;
          setAsking(false);
          void onConfirm();
        }}
      >
        {label}
      </button>{' '}
      <button type="button" className="secondary" onClick={() => setAsking(false)}>
        {t('admin.cancel')}
      </button>
    </fieldset>
  );
}
