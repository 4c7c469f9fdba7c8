// One grievance on the officer's workbench: what the citizen said, the clock, the photos, the full
// history, and the actions an officer takes: start, note, ask the citizen, transfer to the right
// position, resolve with proof, or reject with a reason. Kept current by the live feed, so a change made
// elsewhere (an escalation, the citizen's answer) shows without a reload.
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AttachmentList, PhotoPicker, sendPhotos } from '../Attachments.tsx';
import { type Attachment, api, type Grievance, type HistoryEvent, type I18nText, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { History, useDateFormat } from '../History.tsx';
import { useLiveRefresh } from '../live.ts';
import { PositionPicker } from './PositionPicker.tsx';
import { slaState, useNow, useRelativeTime } from './sla.ts';

const ACTIONS = ['start', 'note', 'request_info', 'transfer', 'resolve', 'reject'] as const;
type ActionType = (typeof ACTIONS)[number];
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
  const now = useNow();
  const [g, setG] = useState<CaseRow | null>(null);
  const [events, setEvents] = useState<HistoryEvent[]>([]);
  const [action, setAction] = useState<ActionType>('start');
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
      await api('POST', `/api/grievances/${reference}/actions`, {
        type: action,
        ...(note ? { note } : {}),
        ...(action === 'transfer' && positionId !== null ? { positionId } : {}),
        ...withProof,
      });
      if (action === 'transfer') {
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
      await load();
    } catch (err) {
      setError(err);
    }
  }

  if (!g) return <ErrorMessage error={error} />;
  const state = slaState(g, now);
  const running = g.dueAt && OPEN.includes(g.status);
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
          {t(`status.${g.status}`)}
        </span>{' '}
        · {pick(g.category.name, i18n.language)} · {pick(g.place.name, i18n.language)}
        {g.level !== null && ` · L${g.level}`}
        {g.position && ` · ${pick(g.position.title, i18n.language)}`}
      </p>
      {running && g.dueAt && (
        <p className={`clock sla-${state}`} data-testid="clock">
          <strong>{t(`work.${state}`)}</strong> · {t('work.due')} {date(g.dueAt)} ({relative(g.dueAt, now)})
        </p>
      )}
      <p>
        {t('work.citizen')}:{' '}
        {g.anonymous ? t('work.anonymous') : g.citizen ? `${g.citizen.name ?? ''} ${g.citizen.phone}` : '—'}
      </p>
      <p>{g.description}</p>
      <AttachmentList items={attachments} />
      <form onSubmit={submit} aria-labelledby={`${id}-act`}>
        <h2 id={`${id}-act`}>{t('work.act')}</h2>
        <label htmlFor={`${id}-action`}>{t('work.action')}</label>
        <select id={`${id}-action`} value={action} onChange={(e) => setAction(e.target.value as ActionType)}>
          {ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`work.actions.${a}`)}
            </option>
          ))}
        </select>
        {action === 'transfer' && (
          <PositionPicker
            departmentId={g.department.id}
            value={positionId}
            onChange={setPositionId}
            exclude={g.position?.id}
          />
        )}
        <label htmlFor={`${id}-note`}>{t('work.note')}</label>
        <textarea
          id={`${id}-note`}
          rows={3}
          required={action !== 'start'}
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
        {saved && <p role="status">{t('work.done')}</p>}
        <button type="submit">{t('work.submit')}</button>
      </form>
      <h2>{t('work.history')}</h2>
      <History events={events} />
    </section>
  );
}
