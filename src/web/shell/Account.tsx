// Who is signed in, and signing out: on every screen, for citizens and staff alike, because the same
// PC at a common service centre or a call-centre desk serves one person after another. Signing out ends
// the session on the server (a copied cookie is worth nothing after it), not only in this browser.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Me } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

export function Account({ me, onSignedOut }: { me: Me; onSignedOut: (me: Me) => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  if (me.kind !== 'staff' && me.kind !== 'citizen') return null;

  async function signOut() {
    setError(null);
    try {
      await api('POST', '/api/auth/sign-out');
      onSignedOut(await api<Me>('GET', '/api/auth/me'));
    } catch (err) {
      setError(err);
    }
  }

  return (
    <div className="account">
      <span data-testid="signed-in-as">
        {t('access.signedInAs', { name: me.kind === 'staff' ? me.name : me.phone })}
      </span>{' '}
      <button type="button" className="secondary" onClick={signOut}>
        {t('access.signOut')}
      </button>
      <ErrorMessage error={error} />
    </div>
  );
}
