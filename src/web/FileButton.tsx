// A file chooser in the reader's language. The browser's own (<input type="file">) says "Choose File /
// No file chosen" in the browser's language, whatever the page's; this one is a labelled button of ours
// with the chosen file's name beside it, over a hidden input that still does the choosing.
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function FileButton({
  label,
  accept,
  onChoose,
  keepName = true,
}: {
  /** What the file is for: the button's accessible name and the visible label. */
  label: string;
  accept: string;
  onChoose: (file: File | null) => void;
  /** Show the chosen file's name (off where choosing a file acts at once, as an upload does). */
  keepName?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [name, setName] = useState<string | null>(null);
  return (
    <div className="file-button">
      <span id={`${id}-label`} className="label">
        {label}
      </span>
      <input
        ref={input}
        id={`${id}-input`}
        type="file"
        accept={accept}
        hidden
        aria-labelledby={`${id}-label`}
        onChange={(e) => {
          const file = e.target.files?.[0] ?? null;
          setName(keepName ? (file?.name ?? null) : null);
          if (!keepName) e.target.value = ''; // the same file can be chosen again
          onChoose(file);
        }}
      />
      <button
        type="button"
        className="secondary"
        aria-label={`${label}: ${t('file.choose')}`}
        onClick={() => input.current?.click()}
      >
        {t('file.choose')}
      </button>{' '}
      {keepName && <span aria-live="polite">{name ?? t('file.none')}</span>}
    </div>
  );
}
