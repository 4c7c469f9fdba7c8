// Scheduled reports: which report goes, how often, in which format and language, to which positions;
// each with when it goes next and the last file it made. Pause, send now, change or delete from the
// list. The email itself goes through the notification outbox to whoever holds each position.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { ConfirmButton } from './ConfirmButton.tsx';
import { RowButton } from './RowActions.tsx';
import { type Schedule, ScheduleEditor } from './ScheduleEditor.tsx';
import { Table } from './Table.tsx';
import { useList } from './useList.ts';
import { weekdayName } from './weekdays.ts';

export function ReportSchedules() {
  const { t, i18n } = useTranslation();
  const {
    data: list,
    status,
    error,
    setError,
    changed,
    act,
  } = useList<Schedule[]>('/api/insight/report-schedules');
  const [editing, setEditing] = useState<{ schedule: Schedule | null; round: number }>({
    schedule: null,
    round: 0,
  });
  const lang = i18n.language;
  const at = (iso: string) =>
    new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  const when = (s: Schedule) =>
    s.frequency === 'weekly'
      ? t('adminInsight.whenWeekly', { day: weekdayName(lang, s.day, 'long'), hour: s.hour })
      : t('adminInsight.whenMonthly', { day: s.day, hour: s.hour });
  const toggle = (s: Schedule) =>
    act(t('admin.savedName', { name: s.name }), () => {
      const { id, nextRunAt: _n, lastRun: _l, ...rest } = s;
      return api('PUT', `/api/insight/report-schedules/${id}`, { ...rest, active: !s.active });
    });
  const sendNow = async (s: Schedule) => {
    setError(null);
    try {
      const sent = await api<Schedule>('POST', `/api/insight/report-schedules/${s.id}/send`);
      changed(
        t('adminInsight.sentNow', {
          name: s.name,
          from: sent.lastRun?.periodFrom ?? '',
          to: sent.lastRun?.periodTo ?? '',
        }),
      );
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      <h3>{t('adminInsight.reports')}</h3>
      <ErrorMessage error={error} />
      <p role="status">{status}</p>
      {list?.length === 0 && <p>{t('adminInsight.none')}</p>}
      {!!list?.length && (
        <Table
          caption={t('adminInsight.reportsList')}
          columns={[
            t('adminInsight.name'),
            t('adminInsight.when'),
            t('adminInsight.nextRun'),
            t('adminInsight.lastRun'),
            t('admin.actions'),
          ]}
        >
          {list.map((s) => (
            <tr key={s.id}>
              <td>
                {s.name}
                <span className="hint">
                  {' '}
                  · {t(s.report === 'figures' ? 'adminInsight.reportFigures' : 'adminInsight.reportGrades')} ·{' '}
                  {s.format.toUpperCase()} · {s.language}
                  {!s.active && ` · ${t('adminInsight.paused')}`}
                </span>
              </td>
              <td>{when(s)}</td>
              <td>{s.active ? at(s.nextRunAt) : t('adminInsight.paused')}</td>
              <td>
                {s.lastRun ? (
                  <a href={s.lastRun.file} download>
                    {t('adminInsight.file', {
                      from: s.lastRun.periodFrom,
                      to: s.lastRun.periodTo,
                      rows: s.lastRun.rows,
                    })}
                  </a>
                ) : (
                  t('adminInsight.never')
                )}
              </td>
              <td className="actions">
                <RowButton
                  item={s.name}
                  onClick={() => setEditing({ schedule: s, round: editing.round + 1 })}
                >
                  {t('admin.edit')}
                </RowButton>{' '}
                <RowButton item={s.name} onClick={() => toggle(s)}>
                  {t(s.active ? 'adminInsight.pause' : 'adminInsight.resume')}
                </RowButton>{' '}
                <RowButton item={s.name} onClick={() => sendNow(s)}>
                  {t('adminInsight.sendNow')}
                </RowButton>{' '}
                <ConfirmButton
                  label={t('adminInsight.delete')}
                  item={s.name}
                  question={t('adminInsight.confirmDelete', { name: s.name })}
                  onConfirm={() =>
                    act(t('adminInsight.deleted', { name: s.name }), () =>
                      api('DELETE', `/api/insight/report-schedules/${s.id}`),
                    )
                  }
                />
              </td>
            </tr>
          ))}
        </Table>
      )}
      <ScheduleEditor
        key={editing.round}
        schedule={editing.schedule}
        onCancel={
          editing.schedule ? () => setEditing({ schedule: null, round: editing.round + 1 }) : undefined
        }
        onSaved={(saved) => {
          setEditing({ schedule: null, round: editing.round + 1 });
          changed(t('admin.savedName', { name: saved.name }));
        }}
      />
    </>
  );
}
