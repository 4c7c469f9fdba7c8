// The deployment's policy: when officers are reminded (as shares of the resolution time), how long a
// resolved grievance waits for the citizen's answer before it closes by itself, and how many years
// personal data is kept in closed grievances.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { Form, useSubmit } from './Form.tsx';
import { TextField, useFields } from './fields.tsx';

interface Policy {
  reminderPercents: number[];
  closeResolvedAfterDays: number;
  retentionYears: number;
}

export function SlaPolicy() {
  const { t, i18n } = useTranslation();
  const { form, setForm, field } = useFields({ reminders: '', closeAfter: '', retention: '' });
  const [current, setCurrent] = useState<Policy | null>(null);
  const [status, setStatus] = useState('');

  // Each policy read or saved is shown as it now stands: the form restarts from it.
  useEffect(() => {
    if (current)
      setForm({
        reminders: current.reminderPercents.join(', '),
        closeAfter: String(current.closeResolvedAfterDays),
        retention: String(current.retentionYears),
      });
  }, [current, setForm]);
  const { submit, error, setError } = useSubmit(async () => {
    setStatus('');
    setCurrent(
      await api<Policy>('PUT', '/api/sla-policy', {
        // Whatever is typed goes to the server, which says what is wrong with it.
        reminderPercents: form.reminders
          .split(/[\s,]+/)
          .filter(Boolean)
          .map((x) => Number(x)),
        closeResolvedAfterDays: Number(form.closeAfter),
        retentionYears: Number(form.retention),
      }),
    );
    setStatus(t('admin.saved'));
  });
  useEffect(() => {
    api<Policy>('GET', '/api/sla-policy').then(setCurrent, setError);
  }, [setError]);

  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent' });
  return (
    <Form
      title={t('adminPolicy.title')}
      onSubmit={submit}
      error={error}
      status={<p role="status">{status}</p>}
      submitLabel={t('adminPolicy.save')}
    >
      {current && (
        <p>
          {t('adminPolicy.now', {
            reminders: current.reminderPercents.map((p) => percent.format(p / 100)).join(', '),
            days: t('adminPolicy.days', { count: current.closeResolvedAfterDays }),
            years: t('adminPolicy.years', { count: current.retentionYears }),
          })}
        </p>
      )}
      <TextField
        label={t('adminPolicy.reminders')}
        hint={t('adminPolicy.remindersHint')}
        inputMode="numeric"
        {...field('reminders')}
      />
      <TextField
        label={t('adminPolicy.closeAfter')}
        type="number"
        min={1}
        max={90}
        required
        {...field('closeAfter')}
      />
      <TextField
        label={t('adminPolicy.retention')}
        hint={t('adminPolicy.retentionHint')}
        type="number"
        min={1}
        max={100}
        required
        {...field('retention')}
      />
    </Form>
  );
}
