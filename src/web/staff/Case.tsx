// One grievance on the staff screens: what the citizen said, the clock, the photos, the full history,
// and the actions this person may take on it now, as the server lists them (its status, their role,
// its place on the routing chain): an officer starts, asks the citizen, transfers, resolves with proof
// or rejects; a supervisor assigns, escalates or sends back down; an agent records what a caller says.
// The form opens on request and closes after the action is done. Kept current by the live feed, so a
// change made elsewhere (an escalation, the citizen's answer) shows without a reload.
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AttachmentList, PhotoPicker, sendPhotos } from '../Attachments.tsx';
import { type Attachment, api, type Grievance, type HistoryEvent, type I18nText, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { History, useDateFormat } from '../History.tsx';
import { useLiveRefresh } from '../live.ts';
import { PositionPicker } from './PositionPicker.tsx';
import { slaState, useDuration, useNow, useRelativeTime } from './sla.ts';

/** The actions this screen knows how to ask for, in the order it offers them. */
const ACTIONS = [
  'start',
  'note',
  'request_info',
  'provide_info',
  'assign',
  'transfer',
  'escalate',
  'deescalate',
  'resolve',
  'reject',
  'close',
  'withdraw',
  'reopen',
] as const;
type ActionType = (typeof ACTIONS)[number];
/** The actions whose note is optional; every other needs one (the reason, the question, the answer). */
const NOTE_OPTIONAL: ActionType[] = ['start', 'assign', 'close', 'withdraw'];
const OPEN = ['assigned', 'in_progress', 'awaiting_info'];

export interface CaseRow extends Grievance {
  slaPausedAt: string | null;
  citizen: { phone: string; name: string | null } | null;
  anonymous: boolean;
  level: number | null;
  department: { id: number; name: I18nText };
  position: { id: number; title: I18nText } | null;
}

export function Case({
  reference,
  onBack,
}: {
  reference: string;
  /** Back to the queue, with what to tell the user there (the case may have left their hands). */
  onBack: (notice?: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const date = useDateFormat();
  const relative = useRelativeTime();
  const duration = useDuration();
  const now = useNow();
  const [g, setG] = useState<CaseRow | null>(null);
  const [events, setEvents] = useState<HistoryEvent[]>([]);
  const [action, setAction] = useState<ActionType | null>(null);
  const [acting, setActing] = useState(false);
  const [note, setNote] = useState('');
  const [positionId, setPositionId] = useState<number | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  // A photo of the work done, sent before the resolve that names it; kept once sent, so a retried
  // resolve does not send it again.
  const [proof, setProof] = useState<File[]>([]);
  const [proofId, setProofId] = useState<number | null>(null);

  const load = useCallback(async () => {
    setG(await api<CaseRow>('GET', `/api/grievances/${reference}`));
    setEvents((await api<{ events: HistoryEvent[] }>('GET', `/api/grievances/${reference}/history`)).events);
    setAttachments(
      (await api<{ items: Attachment[] }>('GET', `/api/grievances/${reference}/attachments`)).items,
    );
  }, [reference]);
  useEffect(() => {
    load().catch(setError);
  }, [load]);
  useLiveRefresh(
    () => load().catch(setError),
    (change) => change.reference === reference,
  );

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!action) return;
    setError(null);
    setSaved(false);
    try {
      let attachmentId = proofId;
      if (action === 'resolve' && proof.length && attachmentId === null) {
        await sendPhotos(
          reference,
          proof,
          (_file, attachment) => {
            attachmentId = attachment.id;
          },
          'proof',
        );
        setProofId(attachmentId);
      }
      const withProof =
        action === 'resolve' && attachmentId !== null ? { attachmentIds: [attachmentId] } : {};
      const done = await api<{ outOfReach?: boolean }>('POST', `/api/grievances/${reference}/actions`, {
        type: action,
        ...(note ? { note } : {}),
        ...((action === 'transfer' || action === 'assign') && positionId !== null ? { positionId } : {}),
        // Closed on the citizen's word: they confirmed it is put right.
        ...(action === 'close' ? { reason: 'citizen_satisfied' } : {}),
        ...withProof,
      });
      if (done.outOfReach || action === 'transfer') {
        // Sent to a position outside this user's reach, it can no longer be read here.
        onBack(t('work.transferred', { reference }));
        return;
      }
      if (action === 'resolve') {
        setProof([]);
        setProofId(null);
      }
      setNote('');
      setPositionId(null);
      setSaved(true);
      // Done: the form closes, and what is offered next follows the case's new state.
      setActing(false);
      setAction(null);
      await load();
    } catch (err) {
      setError(err);
    }
  }

  if (!g) return <ErrorMessage error={error} />;
  const state = slaState(g, now);
  const running = g.dueAt && OPEN.includes(g.status);
  // Only what the server says this person may do to the case as it stands.
  const offered = ACTIONS.filter((a) => g.actions?.includes(a));
  return (
    <section aria-labelledby={`${id}-title`}>
      <button type="button" className="secondary" onClick={() => onBack()}>
        {t('work.back')}
      </button>
      <h1 id={`${id}-title`}>
        <span className="reference">{g.reference}</span> {g.subject}
      </h1>
      <p>
        <span className="status" data-testid="status">
          {t(`staffStatus.${g.status}`)}
        </span>{' '}
        · {pick(g.category.name, i18n.language)} · {pick(g.place.name, i18n.language)}
        {g.level !== null && ` · L${g.level}`}
        {g.position && ` · ${pick(g.position.title, i18n.language)}`}
      </p>
      {running && g.dueAt && (
        <p className={`clock sla-${state}`} data-testid="clock">
          <strong>{t(`work.${state}`)}</strong> ·{' '}
          {state === 'paused' && g.slaPausedAt
            ? t('work.pausedLeft', {
                left: duration(Math.max(0, new Date(g.dueAt).getTime() - new Date(g.slaPausedAt).getTime())),
              })
            : `${t('work.due')} ${date(g.dueAt)} (${relative(g.dueAt, now)})`}
        </p>
      )}
      <p>
        {t('work.citizen')}:{' '}
        {g.anonymous ? t('work.anonymous') : g.citizen ? `${g.citizen.name ?? ''} ${g.citizen.phone}` : '—'}
      </p>
      <p>{g.description}</p>
      <AttachmentList items={attachments} />
      {saved && <p role="status">{t('work.done')}</p>}
      {offered.length > 0 && !acting && (
        <button
          type="button"
          onClick={() => {
            setSaved(false);
            setError(null);
            setAction(offered[0] ?? null);
            setActing(true);
          }}
        >
          {t('work.act')}
        </button>
      )}
      {acting && action && (
        <form onSubmit={submit} aria-labelledby={`${id}-act`}>
          <h2 id={`${id}-act`}>{t('work.act')}</h2>
          <label htmlFor={`${id}-action`}>{t('work.action')}</label>
          <select
            id={`${id}-action`}
            value={action}
            onChange={(e) => setAction(e.target.value as ActionType)}
          >
            {offered.map((a) => (
              <option key={a} value={a}>
                {t(`work.actions.${a}`)}
              </option>
            ))}
          </select>
          {(action === 'transfer' || action === 'assign') && (
            <PositionPicker
              departmentId={g.department.id}
              value={positionId}
              onChange={setPositionId}
              exclude={g.position?.id}
            />
          )}
          <label htmlFor={`${id}-note`}>
            {t(action === 'provide_info' ? 'work.citizenSaid' : 'work.note')}
          </label>
          <textarea
            id={`${id}-note`}
            rows={3}
            required={!NOTE_OPTIONAL.includes(action)}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          {action === 'resolve' && (
            <PhotoPicker
              label={t('work.proofPhoto')}
              hint={t('work.proofHint')}
              files={proof}
              max={1}
              onChange={(files) => {
                setProof(files);
                setProofId(null);
              }}
            />
          )}
          <ErrorMessage error={error} />
          <button type="submit">{t('work.submit')}</button>{' '}
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setActing(false);
              setError(null);
            }}
          >
            {t('work.cancel')}
          </button>
        </form>
      )}
      <h2>{t('work.history')}</h2>
      <History events={events} />
    </section>
  );
}
