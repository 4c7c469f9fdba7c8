// The agent's desk: their state (available, on break, signed out of the desk), and the call offered to
// them popping up as it arrives (Server-Sent Events from /api/desk/live), with the caller's history,
// the registration form and the wrap-up.
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { CallPanel } from './CallPanel.tsx';
import type { DeskAgent } from './types.ts';

const CHOICES = ['available', 'break', 'signed_out'] as const;

export function Desk() {
  const { t } = useTranslation();
  const id = useId();
  const [me, setMe] = useState<DeskAgent | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [round, setRound] = useState(0);

  const load = useCallback(() => {
    api<DeskAgent>('GET', '/api/desk/me').then(setMe, (err) => {
      if (err instanceof ApiError && err.status === 404) setMissing(true);
      else setError(err);
    });
  }, []);
  useEffect(load, [load]);

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/desk/live');
    const changed = () => {
      load();
      setRound((r) => r + 1);
    };
    source.addEventListener('call', changed);
    // After a reconnect, calls may have been offered meanwhile.
    source.onopen = changed;
    return () => source.close();
  }, [load]);

  const choose = async (state: (typeof CHOICES)[number]) => {
    setError(null);
    try {
      setMe(await api<DeskAgent>('POST', '/api/desk/me/state', { state }));
    } catch (err) {
      setError(err);
    }
  };

  if (missing) return <p role="alert">{t('desk.notAgent')}</p>;
  return (
    <section aria-labelledby={`${id}-title`} className="desk">
      <h1 id={`${id}-title`}>{t('desk.title')}</h1>
      {me && (
        <div className="agent-state">
          <p role="status" data-testid="agent-state">
            {t('desk.youAre', { state: t(`desk.states.${me.state}`) })}
          </p>
          {(me.state === 'available' || me.state === 'break' || me.state === 'signed_out') && (
            <p className="actions">
              {CHOICES.filter((s) => s !== me.state).map((s) => (
                <button key={s} type="button" className="secondary" onClick={() => choose(s)}>
                  {t(`desk.go.${s}`)}
                </button>
              ))}
            </p>
          )}
        </div>
      )}
      <ErrorMessage error={error} />
      {me?.callId ? (
        <CallPanel key={me.callId} callId={me.callId} round={round} onChanged={load} />
      ) : (
        me?.state === 'available' && <p>{t('desk.waiting')}</p>
      )}
    </section>
  );
}
