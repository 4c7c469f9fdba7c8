// The citizen's answer to "we need more information": the officer's question, a text answer and up to
// three photos. Sending it gives the grievance back to the officer and restarts the clock where it
// stopped. Photos go first, one at a time; the answer then names them, so they are linked to it in the
// same transaction that resumes the clock. A photo that arrived stays arrived: a retry after a failure
// sends only the rest, then the answer.
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PhotoPicker, sendPhotos } from '../Attachments.tsx';
import { api } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

export function Reply({
  reference,
  question,
  onDone,
}: {
  reference: string;
  question: string | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<File[]>([]);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const sent = useRef<number[]>([]);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    setSending(true);
    try {
      await sendPhotos(reference, photos, (file, attachment) => {
        sent.current.push(attachment.id);
        setPhotos((left) => left.filter((f) => f !== file));
      });
      await api('POST', `/api/grievances/${encodeURIComponent(reference)}/actions`, {
        type: 'provide_info',
        note: text.trim(),
        ...(sent.current.length ? { attachmentIds: sent.current } : {}),
      });
      sent.current = [];
      setText('');
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setSending(false);
    }
  }

  return (
    <section className="reply" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('reply.title')}</h2>
      {question && (
        <blockquote>
          <p className="hint">{t('reply.asked')}</p>
          <p>{question}</p>
        </blockquote>
      )}
      <p>{t('reply.paused')}</p>
      <form onSubmit={submit}>
        <label htmlFor={`${id}-text`}>{t('reply.answer')}</label>
        <textarea
          id={`${id}-text`}
          required
          rows={4}
          maxLength={5000}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <PhotoPicker
          label={t('attach.photos')}
          hint={t('attach.photosHint', { max: 3 })}
          files={photos}
          max={3}
          onChange={setPhotos}
        />
        <ErrorMessage error={error} />
        <button type="submit" disabled={sending}>
          {sending ? t('attach.sendingShort') : t('reply.send')}
        </button>
      </form>
    </section>
  );
}

/** Withdrawing asks once more, and for a reason the citizen may leave empty. */
export function Withdraw({ reference, onDone }: { reference: string; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  if (!asking)
    return (
      <p>
        <button type="button" className="secondary" onClick={() => setAsking(true)}>
          {t('withdraw.start')}
        </button>
      </p>
    );
  return (
    <form
      className="withdraw"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        try {
          await api('POST', `/api/grievances/${encodeURIComponent(reference)}/actions`, {
            type: 'withdraw',
            ...(reason.trim() ? { note: reason.trim() } : {}),
          });
          setAsking(false);
          onDone();
        } catch (err) {
          setError(err);
        }
      }}
    >
      <p>{t('withdraw.explain')}</p>
      <label htmlFor={`${id}-reason`}>{t('withdraw.reason')}</label>
      <textarea
        id={`${id}-reason`}
        rows={2}
        maxLength={5000}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <ErrorMessage error={error} />
      <button type="submit">{t('withdraw.confirm')}</button>{' '}
      <button type="button" className="secondary" onClick={() => setAsking(false)}>
        {t('withdraw.keep')}
      </button>
    </form>
  );
}
