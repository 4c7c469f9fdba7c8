// The call in hand: who is calling and everything on record about them (the screen-pop), answering or
// turning it down, registering their grievance, and the wrap-up that ends the call on their history.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useFetched } from '../fetching.ts';
import { useDateFormat } from '../History.tsx';
import { ScrollRegion } from '../ScrollRegion.tsx';
import { Enquiry } from './Enquiry.tsx';
import { type Registered, RegisterForm } from './RegisterForm.tsx';
import type { ScreenPop } from './types.ts';

const DISPOSITIONS = [
  'registered',
  'enquiry_answered',
  'status_given',
  'wrong_number',
  'prank',
  'callback_needed',
] as const;

export function CallPanel({
  callId,
  round,
  onChanged,
}: {
  callId: number;
  round: number;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const date = useDateFormat();
  const [error, setError] = useState<unknown>(null);
  const [registered, setRegistered] = useState<Registered[]>([]);
  const { data: pop, reload } = useFetched<ScreenPop>(`/api/desk/calls/${callId}/screen-pop`, setError);
  // The desk's live stream says the call changed (answered at the PBX, the caller hung up): read it again.
  useEffect(() => {
    if (round > 0) reload();
  }, [round, reload]);
  const lang = i18n.language;

  const act = async (action: 'answer' | 'decline' | 'hang-up') => {
    setError(null);
    try {
      await api('POST', `/api/desk/calls/${callId}/${action}`);
      reload();
      onChanged();
    } catch (err) {
      setError(err);
    }
  };

  if (!pop) return <ErrorMessage error={error} />;
  const { call, citizen } = pop;
  const state = call.state;
  return (
    <section aria-labelledby={`${id}-title`} className="call">
      <h2 id={`${id}-title`}>
        {t(`desk.callState.${state}`, { defaultValue: state })}: {call.caller ?? t('desk.withheld')}
        {citizen?.name ? ` · ${citizen.name}` : ''}
      </h2>
      <p data-testid="call-facts">
        {call.language && `${t('desk.language')}: ${call.language}`}
        {call.district && ` · ${t('desk.district')}: ${pick(call.district.name, lang)}`}
        {call.queue && ` · ${t('desk.queue')}: ${pick(call.queue.name, lang)}`}
      </p>
      {call.path.length > 0 && (
        <p data-testid="ivr-path">
          {t('desk.pressed')}: {call.path.map((s) => `${s.node} ${s.input ?? ''}`.trim()).join(' › ')}
        </p>
      )}
      {pop.flags.length > 0 && (
        <div className="flags" role="note" aria-label={t('deskScreens.flagsTitle')}>
          <h3>{t('deskScreens.flagsTitle')}</h3>
          <ul>
            {pop.flags.map((f) => (
              <li key={f.id}>
                {f.reason} <span className="muted">({date(f.flaggedAt)})</span>
              </li>
            ))}
          </ul>
          <p>{t('deskScreens.flagsHint')}</p>
        </div>
      )}
      {pop.citizen && <FlagCaller citizenId={pop.citizen.id} onFlagged={reload} />}
      {pop.cap.limit !== null && (
        <p data-testid="cap-usage" className={pop.cap.used >= pop.cap.limit ? 'cap-note over' : 'cap-note'}>
          {pop.cap.used >= pop.cap.limit
            ? t('deskScreens.capReached', { used: pop.cap.used, limit: pop.cap.limit })
            : t('deskScreens.capUsage', { used: pop.cap.used, limit: pop.cap.limit })}
        </p>
      )}
      <ErrorMessage error={error} />
      {state === 'offered' && (
        <p className="actions">
          <button type="button" onClick={() => act('answer')}>
            {t('desk.answer')}
          </button>
          <button type="button" className="secondary" onClick={() => act('decline')}>
            {t('desk.decline')}
          </button>
        </p>
      )}
      {state === 'connected' && (
        <p className="actions">
          <button type="button" className="secondary" onClick={() => act('hang-up')}>
            {t('desk.hangUp')}
          </button>
        </p>
      )}

      <div className="desk-columns">
        <div>
          {registered.map((g) => (
            <p role="status" key={g.reference} className="registered">
              {t('desk.registered', { reference: g.reference })}
              {g.dueAt && ` ${t('desk.promised', { date: date(g.dueAt) })}`} {t('desk.ackQueued')}
            </p>
          ))}
          {state !== 'offered' && (
            <RegisterForm
              key={registered.length}
              pop={pop}
              onRegistered={(g) => {
                setRegistered((r) => [...r, g]);
                reload();
              }}
            />
          )}
          {state !== 'offered' && (
            <Enquiry
              contact={{ callId: pop.call.id }}
              language={pop.call.language ?? pop.citizen?.language ?? null}
              onLogged={(l) => {
                if (l.reference)
                  setRegistered((r) => [...r, { reference: l.reference as string, dueAt: l.dueAt }]);
              }}
            />
          )}
          {state !== 'offered' && (
            <WrapUp callId={callId} references={registered.map((g) => g.reference)} onDone={onChanged} />
          )}
        </div>
        <CallerHistory pop={pop} />
      </div>
    </section>
  );
}

function CallerHistory({ pop }: { pop: ScreenPop }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const date = useDateFormat();
  const lang = i18n.language;
  return (
    <section aria-labelledby={`${id}-title`} className="panel caller-history">
      <h2 id={`${id}-title`}>{pop.known ? t('desk.historyTitle') : t('desk.unknownCaller')}</h2>
      {pop.grievances.length > 0 && (
        <ScrollRegion label={t('desk.grievances', { count: pop.grievances.length })}>
          <table>
            <caption>{t('desk.grievances', { count: pop.grievances.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('desk.reference')}</th>
                <th scope="col">{t('desk.status')}</th>
                <th scope="col">{t('desk.subject')}</th>
                <th scope="col">{t('desk.office')}</th>
                <th scope="col">{t('desk.due')}</th>
              </tr>
            </thead>
            <tbody>
              {pop.grievances.map((g) => (
                <tr key={g.reference}>
                  <td className="reference">{g.reference}</td>
                  <td>{t(`status.${g.status}`, { defaultValue: g.status })}</td>
                  <td>
                    {g.subject}
                    {g.anonymous && ` (${t('desk.anonymousMark')})`}
                    <br />
                    {pick(g.category.name, lang)} · {pick(g.place.name, lang)}
                  </td>
                  <td>
                    {g.position ? pick(g.position.title, lang) : t('desk.unassigned')}
                    {g.position?.officer && ` · ${g.position.officer}`}
                    {g.level !== null && ` · L${g.level}`}
                  </td>
                  <td>{g.dueAt ? date(g.dueAt) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {pop.contacts.length > 0 && (
        <>
          <h3>{t('desk.contacts', { count: pop.contacts.length })}</h3>
          <ul className="plain contacts">
            {pop.contacts.map((c) => (
              <li key={c.id}>
                <time dateTime={c.startedAt}>{date(c.startedAt)}</time> ·{' '}
                {t(`desk.channels.${c.channel}`, { defaultValue: c.channel })}
                {c.summary && ` · ${c.summary}`}
                {c.references.length > 0 && ` · ${c.references.join(', ')}`}
                {c.path &&
                  c.path.length > 0 &&
                  ` · ${t('desk.pressed')} ${c.path.map((s) => s.input ?? '').join(' ')}`}
              </li>
            ))}
          </ul>
        </>
      )}
      {!pop.known && <p>{t('desk.unknownHint')}</p>}
    </section>
  );
}

function WrapUp({
  callId,
  references,
  onDone,
}: {
  callId: number;
  references: string[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [disposition, setDisposition] = useState<(typeof DISPOSITIONS)[number] | ''>('');
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<unknown>(null);
  const chosen = disposition || (references.length ? 'registered' : 'enquiry_answered');

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await api('POST', `/api/desk/calls/${callId}/wrap-up`, {
        disposition: chosen,
        ...(notes.trim() ? { notes: notes.trim() } : {}),
        ...(references.length ? { references } : {}),
      });
      onDone();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <form onSubmit={submit} aria-labelledby={`${id}-title`} className="panel wrap-up">
      <h2 id={`${id}-title`}>{t('desk.wrapUpTitle')}</h2>
      <label htmlFor={`${id}-disposition`}>{t('desk.disposition')}</label>
      <select
        id={`${id}-disposition`}
        value={chosen}
        onChange={(e) => setDisposition(e.target.value as (typeof DISPOSITIONS)[number])}
      >
        {DISPOSITIONS.map((d) => (
          <option key={d} value={d}>
            {t(`desk.dispositions.${d}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-notes`}>{t('desk.notes')}</label>
      <textarea
        id={`${id}-notes`}
        rows={2}
        maxLength={2000}
        value={notes}
        onChange={(e) => setNotes(e.target.value)}
      />
      <ErrorMessage error={error} />
      <button type="submit">{t('desk.wrapUp')}</button>
    </form>
  );
}

/** Flags the caller as a habitual or fake complainant, with the reason (never a reason to refuse them). */
function FlagCaller({ citizenId, onFlagged }: { citizenId: number; onFlagged: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await api('POST', `/api/desk/citizens/${citizenId}/flags`, { reason: reason.trim() });
      setOpen(false);
      setReason('');
      onFlagged();
    } catch (err) {
      setError(err);
    }
  }

  if (!open)
    return (
      <p className="actions">
        <button type="button" className="secondary" aria-expanded={false} onClick={() => setOpen(true)}>
          {t('deskScreens.flagCaller')}
        </button>
      </p>
    );
  return (
    <form onSubmit={submit} aria-labelledby={`${id}-title`} className="panel">
      <h3 id={`${id}-title`}>{t('deskScreens.flagCaller')}</h3>
      <label htmlFor={`${id}-reason`}>{t('deskScreens.flagReason')}</label>
      <textarea
        id={`${id}-reason`}
        rows={2}
        required
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <p className="hint">{t('deskScreens.flagsHint')}</p>
      <ErrorMessage error={error} />
      <p className="actions">
        <button type="submit">{t('deskScreens.flagSave')}</button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          {t('deskScreens.cancel')}
        </button>
      </p>
    </form>
  );
}
