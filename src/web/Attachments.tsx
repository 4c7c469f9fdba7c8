// Photos on a grievance, shared by the citizen's and the officer's pages: choosing photos, making them
// small in the browser before they leave the phone, sending them one at a time, and showing what is
// attached.
//
// Citizens are on cheap phones and slow networks: a camera photo of 4-6 MB becomes a JPEG of a few
// hundred kB at 1600 px on its longest side, enough to see a broken hand pump. Redrawing it on a canvas
// also leaves behind everything the camera wrote into the file (location, device), so it never leaves
// the phone; the server strips that again anyway. One request per photo: on a weak connection a
// failure costs one photo, not all of them, and the ones already sent stay sent.
import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { type Attachment, upload } from './api.ts';
import { useDateFormat } from './History.tsx';

const MAX_SIDE = 1600;
const QUALITY = 0.8;

/** A photo redrawn as a JPEG at most 1600 px on its longest side; sent as it is if the browser cannot draw it. */
export async function shrinkPhoto(file: File): Promise<{ blob: Blob; name: string }> {
  try {
    const bitmap = await createImageBitmap(file); // applies the camera's orientation
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no canvas');
    context.fillStyle = '#fff'; // JPEG has no transparency
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
    if (!blob) throw new Error('no image');
    return { blob, name: `${file.name.replace(/\.[^.]*$/, '') || 'photo'}.jpg` };
  } catch {
    return { blob: file, name: file.name };
  }
}

/** Sends `files` one by one; `onSent` is told of each one that arrived, so a retry sends only the rest. */
export async function sendPhotos(
  reference: string,
  files: File[],
  onSent: (file: File, attachment: Attachment) => void,
  kind?: 'evidence' | 'proof',
): Promise<void> {
  const url = `/api/grievances/${encodeURIComponent(reference)}/attachments${kind ? `?kind=${kind}` : ''}`;
  for (const file of files) {
    const { items } = await upload<{ items: Attachment[] }>(url, [await shrinkPhoto(file)]);
    if (items[0]) onSent(file, items[0]);
  }
}

export function useSizeFormat() {
  const { i18n } = useTranslation();
  return (bytes: number) => {
    const mb = bytes >= 1024 * 1024;
    return new Intl.NumberFormat(i18n.language, {
      style: 'unit',
      unit: mb ? 'megabyte' : 'kilobyte',
      maximumFractionDigits: mb ? 1 : 0,
    }).format(mb ? bytes / 1024 / 1024 : Math.max(1, bytes / 1024));
  };
}

/** The same photo chosen twice is one photo. */
const keyOf = (file: File) => `${file.name}|${file.size}|${file.lastModified}`;

/**
 * Choosing photos with a button of our own, in the reader's language: the browser's file input says
 * "Choose files / No file chosen" in the browser's language (English on most phones sold here), whatever
 * language the page is in. The input stays in the page, hidden, labelled with the field's name; the
 * button opens it and the list below says what was chosen, each with a button to remove it.
 */
export function PhotoPicker({
  label,
  hint,
  files,
  max,
  onChange,
}: {
  label: string;
  hint: string;
  files: File[];
  max: number;
  onChange: (files: File[]) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const size = useSizeFormat();
  const full = files.length >= max;
  return (
    <div className="photos">
      <label id={`${id}-label`} htmlFor={`${id}-input`}>
        {label}
      </label>
      <input
        ref={input}
        id={`${id}-input`}
        type="file"
        accept="image/*"
        multiple={max > 1}
        disabled={full}
        hidden
        onChange={(e) => {
          const chosen = [...(e.target.files ?? [])].filter((f) => !files.some((g) => keyOf(g) === keyOf(f)));
          onChange([...files, ...chosen].slice(0, max));
          e.target.value = ''; // so the same photo can be chosen again after removing it
        }}
      />
      <button
        type="button"
        className="secondary choose"
        disabled={full}
        aria-describedby={`${id}-label ${id}-hint`}
        onClick={() => input.current?.click()}
      >
        {files.length ? t('attach.chooseMore') : t('attach.choose', { count: max })}
      </button>
      <p id={`${id}-hint`} className="hint">
        {full ? t('attach.max', { count: max }) : hint}
      </p>
      {files.length > 0 ? (
        <ul className="chosen" aria-label={t('attach.chosen')}>
          {files.map((file) => (
            <li key={keyOf(file)}>
              <span className="wrap">{file.name}</span> ({size(file.size)}){' '}
              <button
                type="button"
                className="secondary"
                aria-label={t('attach.remove', { name: file.name })}
                onClick={() => onChange(files.filter((f) => f !== file))}
              >
                {t('attach.removeShort')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">{t('attach.none')}</p>
      )}
    </div>
  );
}

/**
 * Who sent a photo, in words for the one reading: "your photo" to the citizen who sent it, "from the
 * citizen" to staff, "from the officer" or "from the helpline agent" otherwise. Never a file name (it can
 * carry a name or a phone number) and never an account: only the kind of sender, which the API gives.
 */
function sentBy(a: Attachment, viewer: 'citizen' | 'staff'): string {
  if (a.kind === 'proof') return 'attach.proof';
  switch (a.uploadedBy.kind) {
    case 'citizen':
      return viewer === 'citizen' ? 'attach.from.you' : 'attach.from.citizen';
    case 'agent':
      return 'attach.from.agent';
    case 'system':
    case 'api':
      return 'attach.from.helpline';
    default:
      return 'attach.from.officer';
  }
}

/** What is attached: photos as thumbnails that open full size, documents as downloads, each said by who sent it. */
export function AttachmentList({
  items,
  viewer = 'staff',
  title,
}: {
  items: Attachment[];
  /** Whose page it is: a citizen reads "your photo" where staff read "from the citizen". */
  viewer?: 'citizen' | 'staff';
  title?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const date = useDateFormat();
  const size = useSizeFormat();
  const shown = items.filter((a) => !a.removed);
  if (!shown.length) return null;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title ?? t('attach.title')}</h2>
      <ul className="attachments">
        {shown.map((a) => {
          const what = t(sentBy(a, viewer), { date: date(a.createdAt) });
          return (
            <li key={a.id}>
              {a.mediaType.startsWith('image/') ? (
                <a href={a.url} target="_blank" rel="noopener noreferrer">
                  <img src={a.url} alt={what} loading="lazy" width={160} height={120} />
                </a>
              ) : (
                <a href={a.url} download>
                  {t('attach.document', { size: size(a.size) })}
                </a>
              )}
              <span className="hint">{what}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
