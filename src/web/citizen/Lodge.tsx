// Raising a grievance: who you are (verified number, or none), where it is, then what it is about
// (only what applies at that place), the details, and up to three photos; then the reference number and how long the department has, while
// the photos follow (the grievance never waits for them).
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PhotoPicker, sendPhotos } from '../Attachments.tsx';
import type { Grievance, Me } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { CategoryFields } from './CategoryFields.tsx';
import { type Category, CategoryPicker } from './CategoryPicker.tsx';
import { LocationPicker, type PlacedLocation } from './LocationPicker.tsx';
import { OtpSignIn } from './OtpSignIn.tsx';
import { PlacePicker } from './PlacePicker.tsx';
import { Receipt } from './Receipt.tsx';
import { registerFromPortal } from './register.ts';

export function Lodge({ me, onSignedIn }: { me: Me; onSignedIn: (me: Me) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const [withoutPhone, setWithoutPhone] = useState(false);
  const [placeId, setPlaceId] = useState<number | null>(null);
  // Where the phone or the map put the citizen: it fills the place lists, and its point goes with the
  // grievance while the place chosen is still the one it found.
  const [located, setLocated] = useState<PlacedLocation | null>(null);
  const [category, setCategory] = useState<Category | null>(null);
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [details, setDetails] = useState<Record<string, string>>({});
  const [anonymous, setAnonymous] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Grievance | null>(null);
  // Photos still to send (chosen, then left over if sending stopped), how many arrived, and why it stopped.
  const [photos, setPhotos] = useState<File[]>([]);
  const [sent, setSent] = useState(0);
  const [photoError, setPhotoError] = useState<unknown>(null);

  const signedIn = me.kind === 'citizen';

  /** Sends the photos left to send, one by one; a retry sends only those that did not arrive. */
  async function sendPending(reference: string, pending: File[]) {
    setPhotoError(null);
    let left = pending;
    try {
      await sendPhotos(reference, pending, (file) => {
        left = left.filter((f) => f !== file);
        setPhotos(left);
        setSent((n) => n + 1);
      });
    } catch (err) {
      setPhotoError(err);
    }
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!category || !placeId) return;
    setBusy(true);
    setError(null);
    try {
      const g = await registerFromPortal(me, lang, {
        categoryId: category.id,
        placeId,
        subject,
        description,
        details,
        anonymous,
        ...(located && located.placeChain.at(-1)?.id === placeId
          ? { latitude: located.latitude, longitude: located.longitude }
          : {}),
      });
      setDone(g);
      if (photos.length) void sendPending(g.reference, photos);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <Receipt
        title={t('lodge.done')}
        grievance={done}
        withPhone={signedIn && !anonymous}
        again={{ label: t('lodge.another'), href: '/' }}
      >
        {(sent > 0 || photos.length > 0) && (
          <div className="photo-status">
            <p role="status">
              {photos.length === 0
                ? t('attach.sent', { count: sent })
                : photoError
                  ? t('attach.failed')
                  : t('attach.sending', { done: sent, total: sent + photos.length })}
            </p>
            {photoError ? (
              <>
                <ErrorMessage error={photoError} />
                <button type="button" onClick={() => sendPending(done.reference, photos)}>
                  {t('attach.retry')}
                </button>
              </>
            ) : null}
          </div>
        )}
      </Receipt>
    );
  }

  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('lodge.title')}</h1>
      {!signedIn && !withoutPhone ? (
        <>
          <p>{t('lodge.intro')}</p>
          <OtpSignIn onSignedIn={onSignedIn} />
          <button type="button" className="secondary" onClick={() => setWithoutPhone(true)}>
            {t('lodge.skipPhone')}
          </button>
        </>
      ) : (
        <form onSubmit={submit}>
          {signedIn && <p className="verified">{t('otp.verified', { phone: me.phone })}</p>}
          <LocationPicker onPlace={setLocated} />
          <PlacePicker
            legend={t('lodge.place')}
            required
            select={located?.placeChain}
            onChange={setPlaceId}
            onError={setError}
          />
          <CategoryPicker placeId={placeId} value={category} onChange={setCategory} onError={setError} />

          <CategoryFields fields={category?.fields ?? []} values={details} onChange={setDetails} />

          <label htmlFor={`${id}-subject`}>{t('lodge.subject')}</label>
          <input
            id={`${id}-subject`}
            required
            maxLength={200}
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
          />
          <label htmlFor={`${id}-description`}>{t('lodge.description')}</label>
          <textarea
            id={`${id}-description`}
            required
            maxLength={5000}
            rows={5}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            aria-describedby={`${id}-dhint`}
          />
          <p id={`${id}-dhint`} className="hint">
            {t('lodge.descriptionHint')}
          </p>
          {signedIn ? (
            <PhotoPicker
              label={t('attach.photos')}
              hint={t('attach.photosHint', { max: 3 })}
              files={photos}
              max={3}
              onChange={setPhotos}
            />
          ) : (
            <p className="hint">{t('lodge.photosNeedPhone')}</p>
          )}
          {signedIn && (
            <label className="check">
              <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />{' '}
              {t('lodge.anonymous')}
            </label>
          )}
          <ErrorMessage error={error} />
          <button type="submit" disabled={busy || !placeId}>
            {busy ? t('lodge.submitting') : t('lodge.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
