// Where a signed-in citizen gets messages about their grievances: automatic (the channel they used,
// SMS as the fallback), SMS, or WhatsApp, among the channels the helpline sends on. Saved as soon as
// it is chosen; sign-in codes always come by SMS, as the hint says.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useFetched } from '../fetching.ts';

interface Preference {
  channel: 'sms' | 'whatsapp' | null;
  available: string[];
}

export function ChannelChoice() {
  const { t } = useTranslation();
  const id = useId();
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const { data } = useFetched<Preference>('/api/me/channel-preference', setError);
  // The choice shows at once; the server's answer confirms it (or the error says why not).
  const [chosen, setChosen] = useState<string | null>(null);
  if (!data) return <ErrorMessage error={error} />;
  const current = chosen ?? data.channel ?? 'auto';
  const choices: ('auto' | 'sms' | 'whatsapp')[] = [
    'auto',
    ...(['sms', 'whatsapp'] as const).filter((c) => data.available.includes(c) || current === c),
  ];
  const choose = async (value: string) => {
    const before = current;
    setChosen(value);
    setError(null);
    setStatus('');
    try {
      await api('PUT', '/api/me/channel-preference', { channel: value === 'auto' ? null : value });
      setStatus(t('channelChoice.saved'));
    } catch (err) {
      setChosen(before);
      setError(err);
    }
  };
  return (
    <fieldset aria-describedby={`${id}-hint`}>
      <legend>{t('channelChoice.title')}</legend>
      {choices.map((c) => (
        <label key={c} className="choice">
          <input
            type="radio"
            name={`${id}-channel`}
            value={c}
            checked={current === c}
            onChange={() => void choose(c)}
          />{' '}
          {t(`channelChoice.${c}`)}
        </label>
      ))}
      <p id={`${id}-hint`} className="hint">
        {t('channelChoice.hint')}
      </p>
      <p role="status">{status}</p>
      <ErrorMessage error={error} />
    </fieldset>
  );
}
