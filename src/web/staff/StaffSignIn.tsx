// Staff sign in with email and password, then the authenticator code when their account has one
// (admins and supervisors must set one up here first).
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Me } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

type Step =
  | { kind: 'password' }
  | { kind: 'code' }
  | { kind: 'enrol'; secret: string; uri: string; qrSvg: string };

export function StaffSignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [error, setError] = useState<unknown>(null);

  const done = async () => onSignedIn(await api<Me>('GET', '/api/auth/me'));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      if (step.kind === 'password') {
        const r = await api<{ mfa: 'none' | 'required' | 'enrol' }>('POST', '/api/auth/sign-in', {
          email,
          password,
        });
        if (r.mfa === 'none') return await done();
        if (r.mfa === 'required') return setStep({ kind: 'code' });
        const enrol = await api<{ secret: string; uri: string; qrSvg: string }>(
          'POST',
          '/api/auth/totp/enrol',
        );
        return setStep({ kind: 'enrol', ...enrol });
      }
      await api('POST', '/api/auth/totp', { code });
      await done();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('staff.signInTitle')}</h1>
      <form onSubmit={submit}>
        {step.kind === 'password' ? (
          <>
            <label htmlFor={`${id}-email`}>{t('staff.email')}</label>
            <input
              id={`${id}-email`}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
            <label htmlFor={`${id}-password`}>{t('staff.password')}</label>
            <input
              id={`${id}-password`}
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </>
        ) : (
          <>
            {step.kind === 'enrol' && (
              <>
                <p>{t('staff.enrol')}</p>
                {/* The server draws the QR code (an SVG with no scripts); an image keeps it inert here. */}
                <img
                  className="totp-qr"
                  src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(step.qrSvg)}`}
                  alt={t('security.totpQr')}
                  width={200}
                  height={200}
                />
                <p>
                  {t('security.totpOrKey')} {t('staff.key')}:{' '}
                  <code data-testid="totp-secret">{step.secret}</code>
                </p>
              </>
            )}
            <label htmlFor={`${id}-code`}>{t('staff.totp')}</label>
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
          </>
        )}
        <ErrorMessage error={error} />
        <button type="submit">{step.kind === 'password' ? t('staff.signIn') : t('staff.confirm')}</button>
      </form>
    </section>
  );
}
