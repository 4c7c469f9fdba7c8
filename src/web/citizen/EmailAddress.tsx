// The signed-in citizen's email address for messages: the one kept (confirmed), or a form to give one.
// A new address gets a six-digit code and nothing else until the code is typed here; then it can be
// chosen for messages (ChannelChoice). It can be removed, which puts an email choice back on automatic.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useFetched } from '../fetching.ts';

interface EmailState {
  email: string | null;
  verifiedBy: 'used' | 'code' | null;
  pending: { email: string; expiresAt: string } | null;
  available: boolean;
}

export function EmailAddress({ onChange }: { onChange: (email: string | null) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [state, setState] = useState<EmailState | null>(null);
  const [address, setAddress] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const { data } = useFetched<EmailState>('/api/me/email', setError);
  const current = state ?? data;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the parent hears of the kept address only
  useEffect(() => {
    if (current) onChange(current.email);
  }, [current?.email]);
  if (!current) return <ErrorMessage error={error} />;

  const call = async (method: string, url: string, body: unknown, done: string) => {
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      setState(await api<EmailState>(method, url, body));
      setStatus(done);
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const give = async (e: React.FormEvent) => {
    e.preventDefault();
    if (await call('PUT', '/api/me/email', { email: address }, t('emailAddress.codeSent'))) setCode('');
  };
  const confirm = async (e: React.FormEvent) => {
    e.preventDefault();
    await call('POST', '/api/me/email/confirm', { code: code.trim() }, t('emailAddress.confirmed'));
  };

  return (
    <section className="email-address" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('emailAddress.title')}</h2>
      {current.email ? (
        <p>
          {t('emailAddress.current', { email: current.email })}{' '}
          <button
            type="button"
            disabled={busy}
            onClick={() => void call('DELETE', '/api/me/email', undefined, t('emailAddress.removed'))}
          >
            {t('emailAddress.remove')}
          </button>
        </p>
      ) : (
        <p className="hint">{t('emailAddress.none')}</p>
      )}
      <form onSubmit={give}>
        <label htmlFor={`${id}-email`}>
          {current.email ? t('emailAddress.change') : t('emailAddress.give')}
        </label>
        <input
          id={`${id}-email`}
          type="email"
          autoComplete="email"
          required
          maxLength={254}
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          aria-describedby={`${id}-email-hint`}
        />
        <p id={`${id}-email-hint`} className="hint">
          {t('emailAddress.hint')}
        </p>
        <button type="submit" disabled={busy}>
          {t('emailAddress.send')}
        </button>
      </form>
      {current.pending && (
        <form onSubmit={confirm}>
          <label htmlFor={`${id}-code`}>{t('emailAddress.code', { email: current.pending.email })}</label>
          <input
            id={`${id}-code`}
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            required
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
          <button type="submit" disabled={busy}>
            {t('emailAddress.confirm')}
          </button>
        </form>
      )}
      <p role="status">{status}</p>
      <ErrorMessage error={error} />
    </section>
  );
}
