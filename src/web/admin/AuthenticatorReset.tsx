// A staff user lost their authenticator: the admin resets it, confirming with a fresh code from their
// own (the server checks it), and the user sets up a new one at their next sign-in. A fieldset inside
// the account's form, with its own button, so resetting saves nothing else and saving resets nothing.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { TextField } from './fields.tsx';
import type { User } from './types.ts';

export function AuthenticatorReset({
  user,
  onReset,
  onError,
}: {
  user: User;
  onReset: (user: User, message: string) => void;
  onError: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  async function reset() {
    onError(null);
    setBusy(true);
    try {
      const updated = await api<User>('POST', `/api/users/${user.id}/authenticator/reset`, {
        code: code.trim(),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      setCode('');
      setReason('');
      onReset(updated, t('adminUsers.mfaResetDone', { name: user.name }));
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <fieldset>
      <legend>{t('adminUsers.mfaLegend')}</legend>
      <p>
        {user.mfaEnrolRequired
          ? t('adminUsers.mfaPending')
          : user.mfaEnabled
            ? t('adminUsers.mfaOn')
            : t('adminUsers.mfaOff')}
      </p>
      <p className="hint">{t('adminUsers.mfaResetHint')}</p>
      <TextField
        label={t('adminUsers.mfaOwnCode')}
        hint={t('adminUsers.mfaOwnCodeHint')}
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        maxLength={6}
        value={code}
        onChange={setCode}
      />
      <TextField label={t('adminUsers.mfaReason')} maxLength={500} value={reason} onChange={setReason} />
      <button
        type="button"
        className="secondary"
        disabled={busy || !/^\d{6}$/.test(code.trim())}
        onClick={reset}
      >
        {t('adminUsers.mfaReset')}
      </button>
    </fieldset>
  );
}
