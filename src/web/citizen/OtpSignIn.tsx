// Mobile number, then the code from the SMS. Used by every citizen page that needs to know who it is.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Me } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

export function OtpSignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState<{ demoCode?: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function run(fn: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const send = (e: React.FormEvent) => {
    e.preventDefault();
    run(async () =>
      setSent(
        await api('POST', '/api/auth/citizen/otp', {
          phone: phone.replace(/\s/g, ''),
          language: i18n.language,
        }),
      ),
    );
  };
  const verify = (e: React.FormEvent) => {
    e.preventDefault();
    run(async () =>
      onSignedIn(
        await api<Me>('POST', '/api/auth/citizen/verify', { phone: phone.replace(/\s/g, ''), code }),
      ),
    );
  };

  return sent ? (
    <form onSubmit={verify} aria-describedby={`${id}-sent`}>
      <p id={`${id}-sent`} role="status">
        {t('otp.sent', { phone })}
      </p>
      {sent.demoCode && <p className="demo">{t('otp.demo', { code: sent.demoCode })}</p>}
      <label htmlFor={`${id}-code`}>{t('otp.code')}</label>
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
      <ErrorMessage error={error} />
      <button type="submit" disabled={busy}>
        {t('otp.verify')}
      </button>
    </form>
  ) : (
    <form onSubmit={send}>
      <label htmlFor={`${id}-phone`}>{t('otp.phone')}</label>
      <input
        id={`${id}-phone`}
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        required
        value={phone}
        onChange={(e) => setPhone(e.target.value)}
        aria-describedby={`${id}-hint`}
      />
      <p id={`${id}-hint`} className="hint">
        {t('otp.phoneHint')}
      </p>
      <ErrorMessage error={error} />
      <button type="submit" disabled={busy}>
        {t('otp.send')}
      </button>
    </form>
  );
}
