// The supervisor's wallboard, live: calls waiting per queue and the longest wait, agents by state,
// today's service level, abandoned calls, average handling time, and each agent's counts and call.
// Each queue's hours (open now, or when it opens: out of hours the IVR's after-hours branch takes the
// calls and callbacks are asked for). Who is on which call, and listen-in, whisper or barge where the
// phone system carrying the call offers it; where it does not, the board says so.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Wallboard as ServerWallboard } from '../../desk/wallboard.ts';
import { api, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useDateFormat } from '../History.tsx';
import type { Wire } from '../wire.ts';

type Board = Wire<Omit<ServerWallboard, 'at' | 'dayStart'>>;

const STATES = ['available', 'on_call', 'wrap_up', 'break', 'signed_out'] as const;
const seconds = (s: number | null) =>
  s === null ? '—' : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;

export function Wallboard() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [joined, setJoined] = useState<string | null>(null);
  const date = useDateFormat();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    const load = () => api<Board>('GET', '/api/desk/wallboard').then(setBoard, setError);
    load();
    // Every change to a queue, at most once a second; and every ten seconds for the waits that grow.
    const soon = () => {
      timer.current ??= setTimeout(() => {
        timer.current = null;
        load();
      }, 1000);
    };
    const source = typeof EventSource === 'undefined' ? null : new EventSource('/api/desk/live');
    source?.addEventListener('changed', soon);
    const tick = setInterval(load, 10_000);
    return () => {
      source?.close();
      clearInterval(tick);
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);

  const monitor = async (callId: number, mode: 'listen' | 'whisper' | 'barge') => {
    setError(null);
    setJoined(null);
    try {
      await api('POST', `/api/desk/calls/${callId}/monitor`, { mode });
      setJoined(t(`wallboard.joined.${mode}`));
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section aria-labelledby={`${id}-title`} className="wallboard">
      <h1 id={`${id}-title`}>{t('wallboard.title')}</h1>
      <ErrorMessage error={error} />
      {joined && <p role="status">{joined}</p>}
      {board && (
        <>
          <dl className="figures">
            <div>
              <dt>{t('wallboard.serviceLevel', { seconds: board.serviceLevelSeconds })}</dt>
              <dd data-testid="service-level">
                {board.today.serviceLevelPercent === null ? '—' : `${board.today.serviceLevelPercent}%`}
              </dd>
            </div>
            <div>
              <dt>{t('wallboard.answered')}</dt>
              <dd>{board.today.answered}</dd>
            </div>
            <div>
              <dt>{t('wallboard.abandoned')}</dt>
              <dd>{board.today.abandoned}</dd>
            </div>
            <div>
              <dt>{t('wallboard.aht')}</dt>
              <dd>{seconds(board.today.averageHandlingSeconds)}</dd>
            </div>
            {STATES.map((s) => (
              <div key={s}>
                <dt>{t(`desk.states.${s}`)}</dt>
                <dd>{board.agents[s] ?? 0}</dd>
              </div>
            ))}
          </dl>
          <table>
            <caption>{t('wallboard.queues')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('desk.queue')}</th>
                <th scope="col">{t('wallboard.waiting')}</th>
                <th scope="col">{t('wallboard.longest')}</th>
                <th scope="col">{t('wallboard.hours')}</th>
              </tr>
            </thead>
            <tbody>
              {board.queues.map((q) => (
                <tr key={q.id}>
                  <td>{pick(q.name, i18n.language)}</td>
                  <td>{q.waiting}</td>
                  <td>{seconds(q.longestWaitSeconds)}</td>
                  <td data-testid={`hours-${q.code}`}>
                    {q.calendarId === null
                      ? t('wallboard.alwaysOpen')
                      : q.open
                        ? t('wallboard.openNow')
                        : q.opensAt
                          ? t('wallboard.closedUntil', { date: date(q.opensAt) })
                          : t('wallboard.closed')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <table>
            <caption>{t('wallboard.agents')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('wallboard.agent')}</th>
                <th scope="col">{t('wallboard.state')}</th>
                <th scope="col">{t('wallboard.call')}</th>
                <th scope="col">{t('wallboard.answered')}</th>
                <th scope="col">{t('wallboard.registeredCount')}</th>
                <th scope="col">{t('wallboard.aht')}</th>
              </tr>
            </thead>
            <tbody>
              {board.perAgent.map((a) => (
                <tr key={a.userId}>
                  <td>{a.name}</td>
                  <td>{t(`desk.states.${a.state}`)}</td>
                  <td data-testid={`agent-call-${a.userId}`}>
                    {a.call ? (
                      <>
                        {t('wallboard.onCall', { id: a.call.id })} · {a.call.caller ?? t('desk.withheld')}
                        {a.call.queue && ` · ${pick(a.call.queue, i18n.language)}`}
                        {a.call.answeredAt && ` · ${t('wallboard.since', { date: date(a.call.answeredAt) })}`}
                        {a.call.state === 'connected' &&
                          (a.call.monitor.length ? (
                            <span className="actions">
                              {a.call.monitor.map((m) => (
                                <button
                                  key={m}
                                  type="button"
                                  className="secondary"
                                  onClick={() => monitor(a.call?.id as number, m)}
                                >
                                  {t(`wallboard.monitor.${m}`, { name: a.name })}
                                </button>
                              ))}
                            </span>
                          ) : (
                            <span className="muted"> · {t('wallboard.noMonitor')}</span>
                          ))}
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>{a.answered}</td>
                  <td>{a.registered}</td>
                  <td>{seconds(a.averageHandlingSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
