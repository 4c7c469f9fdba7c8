// Where a signed-in citizen gets messages about their grievances: automatic (the channel they used,
// SMS as the fallback), SMS, WhatsApp or email, among the channels the helpline sends on. Saved as soon
// as it is chosen; sign-in codes always come by SMS, as the hint says. Email is offered once their
// address is confirmed (EmailAddress, below the choice).
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useFetched } from '../fetching.ts';
import { EmailAddress } from './EmailAddress.tsx';

interface Preference {
  channel: 'sms' | 'whatsapp' | 'email' | null;
  available: string[];
}

export function ChannelChoice() {
  const { t } = useTranslation();
  const id = useId();
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const { data, reload } = useFetched<Preference>('/api/me/channel-preference', setError);
  const [hasEmail, setHasEmail] = useState(false);
  // The choice shows at once; the server's answer confirms it (or the error says why not).
  const [chosen, setChosen] = useState<string | null>(null);
  if (!data) return <ErrorMessage error={error} />;
  const current = chosen ?? data.channel ?? 'auto';
  const offered = (c: 'sms' | 'whatsapp' | 'email') =>
    current === c || (data.available.includes(c) && (c !== 'email' || hasEmail));
  const choices: ('auto' | 'sms' | 'whatsapp' | 'email')[] = [
    'auto',
    ...(['sms', 'whatsapp', 'email'] as const).filter(offered),
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
    <>
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
      {data.available.includes('email') && (
        <EmailAddress
          onChange={(email) => {
            setHasEmail(email !== null);
            // Removing the address puts an email choice back on automatic (the server did it).
            if (email === null && current === 'email') {
              setChosen(null);
              reload();
            }
          }}
        />
      )}
    </>
  );
}
