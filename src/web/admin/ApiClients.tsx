// An integration (an Open311 gateway, a partner's system) signs in with a key instead of a password.
// The key is shown once, here, and stored only hashed: whoever sets up the integration copies it now.
// A key skips the authenticator that admins and supervisors must use, so the server gives a key those
// roles only when the administrator ticks the dangerous-scope box, which says exactly that.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { Form, useSubmit } from './Form.tsx';
import { CheckField, TextField } from './fields.tsx';
import { GrantsEditor, useGrants } from './GrantsEditor.tsx';
import type { Department } from './types.ts';

export function AddApiClient({ departments, onAdded }: { departments: Department[]; onAdded: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const { rows, setRows, grants, reset } = useGrants([{ role: 'intake', departmentId: null, placeId: null }]);
  const [dangerous, setDangerous] = useState(false);
  const [issued, setIssued] = useState<{ name: string; key: string } | null>(null);
  const { submit, error } = useSubmit(async () => {
    setIssued(null);
    const created = await api<{ key: string }>('POST', '/api/api-clients', {
      name: name.trim(),
      grants,
      ...(dangerous ? { dangerousScope: true } : {}),
    });
    setIssued({ name: name.trim(), key: created.key });
    setName('');
    setDangerous(false);
    reset();
    onAdded();
  });

  return (
    <Form
      title={t('adminUsers.addClient')}
      onSubmit={submit}
      error={error}
      status={
        <div role="status">
          {issued && (
            <div className="demo">
              <p>{t('adminUsers.keyOnce', { name: issued.name })}</p>
              <code data-testid="api-key">{issued.key}</code>
            </div>
          )}
        </div>
      }
      submitLabel={t('adminUsers.addClient')}
    >
      <TextField
        label={t('adminUsers.clientName')}
        required
        maxLength={120}
        value={name}
        onChange={setName}
      />
      <GrantsEditor rows={rows} setRows={setRows} departments={departments} legend={t('adminUsers.roles')} />
      <CheckField
        label={t('adminUsers.dangerousScope')}
        hint={t('adminUsers.dangerousScopeHint')}
        checked={dangerous}
        onChange={setDangerous}
      />
    </Form>
  );
}
