// Channel settings: what SMS, WhatsApp and email run with (credentials, sender ids, DLT ids, rate
// caps), where each value comes from (set here, or the environment), and changes to them. A secret is
// write-only: the screen says whether it is set and from where, and a new value replaces it. The
// server checks that the channel can run with the new settings before it keeps them; the adapters on
// every node take them up without a restart.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { Form, useSubmit } from './Form.tsx';
import { SelectField } from './fields.tsx';
import { useList } from './useList.ts';

interface Setting {
  name: string;
  kind: 'text' | 'number' | 'choice';
  secret: boolean;
  choices: string[] | null;
  source: 'stored' | 'environment' | 'unset';
  value: string | null;
}
interface ChannelState {
  channel: 'sms' | 'whatsapp' | 'email';
  active: boolean;
  provider: string | null;
  settings: Setting[];
}

export function ChannelSettings() {
  const { t } = useTranslation();
  const list = useList<{ channels: ChannelState[] }>('/api/channel-settings');
  const [channel, setChannel] = useState<ChannelState['channel']>('sms');
  const current = list.data?.channels.find((c) => c.channel === channel);
  return (
    <section aria-labelledby="channels-title">
      <h2 id="channels-title">{t('admin.channels')}</h2>
      <p>{t('adminChannels.intro')}</p>
      <ErrorMessage error={list.error} />
      <p role="status">{list.status}</p>
      <SelectField
        label={t('adminChannels.channel')}
        value={channel}
        onChange={(v) => setChannel(v as ChannelState['channel'])}
      >
        {(['sms', 'whatsapp', 'email'] as const).map((c) => (
          <option key={c} value={c}>
            {t(`adminChannels.channels.${c}`)}
          </option>
        ))}
      </SelectField>
      {current && (
        <ChannelForm
          // A fresh form after each save, holding the values as they now are.
          key={`${current.channel}:${JSON.stringify(current.settings)}`}
          state={current}
          onSaved={list.changed}
        />
      )}
    </section>
  );
}

function ChannelForm({ state, onSaved }: { state: ChannelState; onSaved: (message?: string) => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(state.settings.map((s) => [s.name, s.secret ? '' : (s.value ?? '')])),
  );
  const [reset, setReset] = useState<Record<string, boolean>>({});
  const { submit, error } = useSubmit(async () => {
    const changes: Record<string, string | null> = {};
    for (const s of state.settings) {
      if (reset[s.name]) changes[s.name] = null;
      else if (s.secret ? values[s.name] !== '' : values[s.name] !== (s.value ?? ''))
        changes[s.name] = values[s.name] ?? '';
    }
    if (Object.keys(changes).length === 0) return onSaved(t('adminChannels.unchanged'));
    await api('PUT', `/api/channel-settings/${state.channel}`, { values: changes });
    onSaved(t('adminChannels.saved'));
  });
  const reason =
    error instanceof ApiError
      ? (error.details as { code?: string; message?: string }[]).find(
          (d) => d.code === 'channel_settings_invalid',
        )?.message
      : undefined;
  return (
    <Form
      title={t('adminChannels.edit', { channel: t(`adminChannels.channels.${state.channel}`) })}
      onSubmit={submit}
      error={error}
      status={
        reason ? (
          <p className="hint" lang="en">
            {reason}
          </p>
        ) : null
      }
      submitLabel={t('admin.save')}
    >
      <p>
        {state.active
          ? t('adminChannels.active', { provider: state.provider ?? '' })
          : t('adminChannels.inactive')}
      </p>
      {state.settings.map((s) => (
        <SettingField
          key={s.name}
          setting={s}
          value={values[s.name] ?? ''}
          onChange={(v) => setValues({ ...values, [s.name]: v })}
          reset={Boolean(reset[s.name])}
          onReset={(v) => setReset({ ...reset, [s.name]: v })}
        />
      ))}
    </Form>
  );
}

function SettingField({
  setting,
  value,
  onChange,
  reset,
  onReset,
}: {
  setting: Setting;
  value: string;
  onChange: (value: string) => void;
  reset: boolean;
  onReset: (value: boolean) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const label = t(`adminChannels.fields.${setting.name}`);
  const where = setting.secret
    ? t(`adminChannels.secret.${setting.source}`)
    : t(`adminChannels.source.${setting.source}`);
  const hint = `${setting.name} · ${where}`;
  return (
    <div className="setting">
      <label htmlFor={id}>{label}</label>
      {setting.kind === 'choice' ? (
        <select
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-describedby={`${id}-hint`}
          disabled={reset}
        >
          <option value="">{t('adminChannels.notChosen')}</option>
          {(setting.choices ?? []).map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          type={setting.secret ? 'password' : 'text'}
          inputMode={setting.kind === 'number' ? 'decimal' : undefined}
          autoComplete={setting.secret ? 'new-password' : 'off'}
          placeholder={setting.secret && setting.source !== 'unset' ? t('adminChannels.replace') : undefined}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-describedby={`${id}-hint`}
          disabled={reset}
          maxLength={2000}
        />
      )}
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
      {setting.source === 'stored' && (
        <label className="inline">
          <input type="checkbox" checked={reset} onChange={(e) => onReset(e.target.checked)} />{' '}
          {t('adminChannels.useEnvironment', { field: label })}
        </label>
      )}
    </div>
  );
}
