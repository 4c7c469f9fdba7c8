// Changing one account: name, active, password, the officer it belongs to, its roles; and for an API
// client, revoking its keys. Only what changed is sent, so saving a name does not sign the person out.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { useDateFormat } from '../History.tsx';
import { AuthenticatorReset } from './AuthenticatorReset.tsx';
import { ConfirmButton } from './ConfirmButton.tsx';
import { Form, useSubmit } from './Form.tsx';
import { CheckField, TextField } from './fields.tsx';
import { GrantsEditor, useGrants } from './GrantsEditor.tsx';
import { OfficerPicker } from './OfficerPicker.tsx';
import { Table } from './Table.tsx';
import type { Department, Officer, User } from './types.ts';

export function EditUser({
  user,
  departments,
  onDone,
}: {
  user: User;
  departments: Department[];
  onDone: (message?: string) => void;
}) {
  const { t } = useTranslation();
  const date = useDateFormat();
  const [name, setName] = useState(user.name);
  const [active, setActive] = useState(user.active);
  const [password, setPassword] = useState('');
  const [officer, setOfficer] = useState<Officer | null | undefined>(undefined); // undefined: unchanged
  const [linked, setLinked] = useState<Officer | null>(null);
  const [keys, setKeys] = useState(user.apiKeys);
  const { rows, setRows, grants } = useGrants(user.grants);
  const [status, setStatus] = useState('');
  // The account as last read: a reset of its authenticator changes what the fieldset says.
  const [account, setAccount] = useState(user);
  const isApi = user.kind === 'api';

  const { submit, error, setError } = useSubmit(async () => {
    const patch = {
      ...(name.trim() !== user.name ? { name: name.trim() } : {}),
      ...(active !== user.active ? { active } : {}),
      ...(password ? { password } : {}),
      ...(officer !== undefined && (officer?.id ?? null) !== user.officerId
        ? { officerId: officer?.id ?? null }
        : {}),
      ...(JSON.stringify(grants) !== JSON.stringify(user.grants) ? { grants } : {}),
    };
    if (Object.keys(patch).length === 0) return onDone();
    await api('PATCH', `/api/users/${user.id}`, patch);
    onDone(t('admin.savedName', { name: name.trim() }));
  });
  useEffect(() => {
    if (user.officerId) api<Officer>('GET', `/api/officers/${user.officerId}`).then(setLinked, setError);
  }, [user.officerId, setError]);

  async function revoke(keyId: number, prefix: string) {
    setError(null);
    try {
      await api('DELETE', `/api/api-keys/${keyId}`);
      setKeys((await api<User>('GET', `/api/users/${user.id}`)).apiKeys);
      setStatus(t('adminUsers.revoked', { prefix }));
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Form
      panel
      title={t('admin.editTitle', { name: user.name })}
      onSubmit={submit}
      error={error}
      submitLabel={t('admin.save')}
      onCancel={() => onDone(status || undefined)}
      cancelLabel={t('admin.close')}
    >
      <TextField label={t('adminUsers.name')} required maxLength={120} value={name} onChange={setName} />
      <CheckField label={t('adminUsers.activeLabel')} checked={active} onChange={setActive} />
      {!isApi && (
        <>
          <TextField
            label={t('adminUsers.newPassword')}
            hint={t('adminUsers.newPasswordHint')}
            type="password"
            minLength={12}
            maxLength={200}
            autoComplete="new-password"
            value={password}
            onChange={setPassword}
          />
          {(linked || !user.officerId) && (
            <OfficerPicker label={t('adminUsers.officer')} initial={linked} onChange={setOfficer} />
          )}
          <AuthenticatorReset
            user={account}
            onError={setError}
            onReset={(updated, message) => {
              setAccount(updated);
              setStatus(message);
            }}
          />
        </>
      )}
      <GrantsEditor rows={rows} setRows={setRows} departments={departments} legend={t('adminUsers.roles')} />
      {isApi && (
        <Table
          caption={t('adminUsers.keys')}
          columns={[t('adminUsers.key'), t('admin.status'), t('admin.actions')]}
        >
          {keys.map((k) => (
            <tr key={k.id}>
              <td>
                <code>{k.prefix}…</code>
                <br />
                <span className="hint">{t('adminUsers.created', { at: date(k.createdAt) })}</span>
              </td>
              <td>
                {k.revokedAt
                  ? t('adminUsers.revokedAt', { at: date(k.revokedAt) })
                  : k.lastUsedAt
                    ? t('adminUsers.lastUsed', { at: date(k.lastUsedAt) })
                    : t('adminUsers.neverUsed')}
              </td>
              <td className="actions">
                {!k.revokedAt && (
                  <ConfirmButton
                    label={t('adminUsers.revoke')}
                    item={k.prefix}
                    question={t('adminUsers.confirmRevoke', { prefix: k.prefix })}
                    onConfirm={() => revoke(k.id, k.prefix)}
                  />
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
      <p role="status">{status}</p>
    </Form>
  );
}
