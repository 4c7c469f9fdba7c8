// A citizen's own grievances: the list, one with its public history and photos (more can be added
// while it is open), and, once resolved, the question that closes it or sends it back. A citizen with a
// reference number gives it with their mobile number and goes straight to it once the SMS code is
// checked. Whatever the department does shows at once (the live feed).
//
// The reference alone shows nothing: it is read aloud on the phone and written on paper, so it is not a
// secret, and the citizen's complaint may be about a powerful neighbour.
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AttachmentList, PhotoPicker, sendPhotos } from '../Attachments.tsx';
import { ApiError, type Attachment, api, type Grievance, type HistoryEvent, type Me, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { History, useDateFormat } from '../History.tsx';
import { useLiveRefresh } from '../live.ts';
import { ChannelChoice } from './ChannelChoice.tsx';
import { Feedback } from './Feedback.tsx';
import { OtpSignIn } from './OtpSignIn.tsx';
import { Reply, Withdraw } from './Reply.tsx';

const OPEN = ['registered', 'assigned', 'in_progress', 'awaiting_info'];

export function Track({ me, onSignedIn }: { me: Me; onSignedIn: (me: Me) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [list, setList] = useState<Grievance[] | null>(null);
  // A link from the receipt or an SMS names the grievance: /track?reference=K7M-4QX-9PR.
  const linked = new URLSearchParams(window.location.search).get('reference') ?? '';
  const [open, setOpen] = useState<string | null>(null);
  const [wanted, setWanted] = useState(linked);
  const [error, setError] = useState<unknown>(null);
  const signedIn = me.kind === 'citizen';

  const load = useCallback(() => {
    if (signedIn)
      api<{ items: Grievance[] }>('GET', '/api/grievances?limit=100').then((r) => setList(r.items), setError);
  }, [signedIn]);
  useEffect(load, [load]);
  useEffect(() => {
    if (signedIn && linked) setOpen((current) => current ?? linked.toUpperCase());
  }, [signedIn, linked]);
  useLiveRefresh(load, () => true, signedIn && open === null);
  const reference = wanted.trim().toUpperCase();

  const date = useDateFormat();

  if (!signedIn) {
    return (
      <section aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>{t('track.title')}</h1>
        <p>{t('track.signIn')}</p>
        <label htmlFor={`${id}-reference`}>{t('track.reference')}</label>
        <input
          id={`${id}-reference`}
          autoCapitalize="characters"
          autoComplete="off"
          maxLength={20}
          value={wanted}
          onChange={(e) => setWanted(e.target.value)}
          aria-describedby={`${id}-reference-hint`}
        />
        <p id={`${id}-reference-hint`} className="hint">
          {t('track.referenceHint')}
        </p>
        <OtpSignIn
          onSignedIn={(who) => {
            if (reference) setOpen(reference);
            onSignedIn(who);
          }}
        />
      </section>
    );
  }
  if (open) return <Detail reference={open} onBack={() => setOpen(null)} date={date} />;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('track.list')}</h1>
      <form
        className="inline"
        onSubmit={(e) => {
          e.preventDefault();
          if (reference) setOpen(reference);
        }}
      >
        <label htmlFor={`${id}-find`}>{t('track.reference')}</label>
        <input
          id={`${id}-find`}
          autoCapitalize="characters"
          autoComplete="off"
          maxLength={20}
          value={wanted}
          onChange={(e) => setWanted(e.target.value)}
        />
        <button type="submit">{t('track.find')}</button>
      </form>
      <ErrorMessage error={error} />
      {list && list.length === 0 && <p>{t('track.none')}</p>}
      <ul className="cards">
        {list?.map((g) => (
          <li key={g.reference}>
            <p className="reference">{g.reference}</p>
            <p>{g.subject}</p>
            <p>
              <span className={`status status-${g.status}`}>{t(`status.${g.status}`)}</span> ·{' '}
              {date(g.createdAt)}
            </p>
            <button
              type="button"
              onClick={() => setOpen(g.reference)}
              aria-label={`${t('track.open')} ${g.reference}`}
            >
              {t('track.open')}
            </button>
          </li>
        ))}
      </ul>
      <ChannelChoice />
    </section>
  );
}

function Detail({
  reference,
  onBack,
  date,
}: {
  reference: string;
  onBack: () => void;
  date: (iso: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [g, setG] = useState<Grievance | null>(null);
  const [events, setEvents] = useState<HistoryEvent[]>([]);
  const [answered, setAnswered] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [photos, setPhotos] = useState<File[]>([]);
  const [sending, setSending] = useState(false);

  const load = useCallback(async () => {
    setG(await api<Grievance>('GET', `/api/grievances/${reference}`));
    setEvents((await api<{ events: HistoryEvent[] }>('GET', `/api/grievances/${reference}/history`)).events);
    setAttachments(
      (await api<{ items: Attachment[] }>('GET', `/api/grievances/${reference}/attachments`)).items,
    );
  }, [reference]);

  async function addPhotos(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    setSending(true);
    try {
      await sendPhotos(reference, photos, (file, attachment) => {
        setPhotos((left) => left.filter((f) => f !== file));
        setAttachments((list) => [...list, attachment]);
      });
    } catch (err) {
      setError(err);
    } finally {
      setSending(false);
    }
  }
  useEffect(() => {
    load().catch(setError);
  }, [load]);
  useLiveRefresh(
    () => load().catch(setError),
    (change) => change.reference === g?.reference,
  );

  // The resolution the citizen is asked about (or closed on): the last one, with the proof given with it.
  const resolution =
    g && (g.status === 'resolved' || g.status === 'closed')
      ? events.findLast((e) => e.kind === 'resolved')
      : undefined;
  const proof = resolution
    ? attachments.filter((a) => a.kind === 'proof' && a.eventId === resolution.id)
    : [];
  const others = attachments.filter((a) => !proof.includes(a));

  if (!g) {
    // Not found is the same answer whether the reference is wrong or belongs to another number.
    const unknown = error instanceof ApiError && (error.status === 404 || error.status === 400);
    return (
      <section>
        {unknown ? (
          <p className="error" role="alert">
            {t('track.notFound', { reference })}
          </p>
        ) : (
          <ErrorMessage error={error} />
        )}
        <button type="button" className="secondary" onClick={onBack}>
          {t('track.back')}
        </button>
      </section>
    );
  }
  return (
    <section aria-labelledby={`${id}-title`}>
      <button type="button" className="secondary" onClick={onBack}>
        {t('track.back')}
      </button>
      <h1 id={`${id}-title`}>
        <span className="reference">{g.reference}</span> {g.subject}
      </h1>
      <p>
        <span className={`status status-${g.status}`} data-testid="status">
          {t(`status.${g.status}`)}
        </span>{' '}
        · {pick(g.category.name, i18n.language)} · {pick(g.place.name, i18n.language)}
      </p>
      {g.dueAt && g.status !== 'closed' && g.status !== 'resolved' && (
        <p>
          {t('track.due')}: {date(g.dueAt)}
        </p>
      )}
      {resolution && (
        // What the officer did comes first, with the proof: the citizen judges it before anything else.
        <section className="resolution" aria-labelledby={`${id}-resolution`}>
          <h2 id={`${id}-resolution`}>{t('resolution.title')}</h2>
          <p className="hint">{t('resolution.when', { date: date(resolution.at) })}</p>
          {resolution.note && <blockquote>{resolution.note}</blockquote>}
          <AttachmentList items={proof} viewer="citizen" title={t('resolution.proof')} />
        </section>
      )}
      {g.status === 'resolved' && (
        <Feedback
          reference={g.reference}
          onDone={(reopened) => {
            setAnswered(t(reopened ? 'feedback.reopened' : 'feedback.closed'));
            load().catch(setError);
          }}
        />
      )}
      {answered && <p role="status">{answered}</p>}
      <p>{g.description}</p>
      <AttachmentList items={others} viewer="citizen" />
      {g.status === 'awaiting_info' && (
        <Reply
          reference={g.reference}
          question={events.findLast((e) => e.kind === 'info_requested')?.note ?? null}
          onDone={() => {
            setAnswered(t('reply.sent'));
            load().catch(setError);
          }}
        />
      )}
      {OPEN.includes(g.status) && g.status !== 'awaiting_info' && (
        <form onSubmit={addPhotos}>
          <PhotoPicker
            label={t('attach.photos')}
            hint={t('attach.photosHint', { max: 3 })}
            files={photos}
            max={3}
            onChange={setPhotos}
          />
          {photos.length > 0 && (
            <button type="submit" disabled={sending}>
              {sending ? t('attach.sendingShort') : t('track.addPhotos')}
            </button>
          )}
        </form>
      )}
      <ErrorMessage error={error} />
      {OPEN.includes(g.status) && (
        <Withdraw
          reference={g.reference}
          onDone={() => {
            setAnswered(t('withdraw.done'));
            load().catch(setError);
          }}
        />
      )}
      <h2>{t('track.history')}</h2>
      <History events={events} />
    </section>
  );
}
