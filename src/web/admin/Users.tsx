// Accounts: staff (email, password, authenticator) and API clients (integrations with a key), with the
// roles each holds and where. Changing someone's roles, password or deactivating them ends their
// sessions, so the change applies at once.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useFetched } from '../fetching.ts';
import { AddApiClient } from './ApiClients.tsx';
import { EditUser } from './EditUser.tsx';
import { Form, useSubmit } from './Form.tsx';
import { TextField, useFields } from './fields.tsx';
import { GrantsEditor, useGrants } from './GrantsEditor.tsx';
import { usePlaces } from './lookups.ts';
import { OfficerPicker } from './OfficerPicker.tsx';
import { RowButton } from './RowActions.tsx';
import { Table } from './Table.tsx';
import type { Department, Grant, Officer, User } from './types.ts';
import { useList } from './useList.ts';

/** "Monitor · Public Health Engineering · Rajgarh": a grant as a sentence fragment. */
export function useDescribeGrant(departments: Department[], placeIds: number[]) {
  const { t, i18n } = useTranslation();
  const places = usePlaces(placeIds);
  return (g: Grant) =>
    [
      t(`adminUsers.roleNames.${g.role}`),
      g.departmentId
        ? pick(departments.find((d) => d.id === g.departmentId)?.name, i18n.language)
        : t('admin.allDepartments'),
      g.placeId ? pick(places.get(g.placeId)?.name, i18n.language) : t('admin.everywhere'),
    ].join(' · ');
}

export function Users() {
  const { t } = useTranslation();
  const { data, reload, status, error, setError, changed } = useList<User[]>('/api/users');
  const list = data ?? [];
  const departments = useFetched<Department[]>('/api/departments', setError).data ?? [];
  const [editing, setEditing] = useState<User | null>(null);
  const describe = useDescribeGrant(
    departments,
    list.flatMap((u) => u.grants.map((g) => g.placeId).filter((p): p is number => p !== null)),
  );

  const done = (message?: string) => {
    setEditing(null);
    changed(message);
  };
  return (
    <>
      <h2>{t('admin.users')}</h2>
      <ErrorMessage error={error} />
      <p role="status">{status}</p>
      <Table
        caption={t('adminUsers.list')}
        columns={[t('admin.name'), t('adminUsers.roles'), t('admin.status'), t('admin.actions')]}
      >
        {list.map((u) => (
          <tr key={u.id}>
            <td className="wrap">
              {u.name}
              <br />
              <span className="hint">{u.kind === 'api' ? t('adminUsers.apiClient') : u.email}</span>
            </td>
            <td>
              <ul className="plain">
                {u.grants.map((g) => (
                  <li key={`${g.role}-${g.departmentId}-${g.placeId}`}>{describe(g)}</li>
                ))}
              </ul>
            </td>
            <td>
              {u.active ? t('admin.active') : t('admin.inactive')}
              {u.kind !== 'api' && (
                <span className="hint">
                  {' '}
                  ·{' '}
                  {u.mfaEnrolRequired
                    ? t('adminUsers.mfaPending')
                    : u.mfaEnabled
                      ? t('adminUsers.mfaOn')
                      : t('adminUsers.mfaOff')}
                </span>
              )}
            </td>
            <td className="actions">
              <RowButton item={u.name} onClick={() => setEditing(u)}>
                {t('admin.edit')}
              </RowButton>
            </td>
          </tr>
        ))}
      </Table>
      {editing && <EditUser key={editing.id} user={editing} departments={departments} onDone={done} />}
      <AddUser departments={departments} onAdded={(u) => done(t('admin.addedName', { name: u.name }))} />
      <AddApiClient departments={departments} onAdded={reload} />
    </>
  );
}

function AddUser({ departments, onAdded }: { departments: Department[]; onAdded: (u: User) => void }) {
  const { t } = useTranslation();
  const { form, setForm, field } = useFields({ email: '', name: '', password: '' });
  const [officer, setOfficer] = useState<Officer | null>(null);
  const { rows, setRows, grants, reset } = useGrants([{ role: 'agent', departmentId: null, placeId: null }]);
  const [round, setRound] = useState(0); // starts the officer picker afresh after adding
  const { submit, error } = useSubmit(async () => {
    const u = await api<User>('POST', '/api/users', {
      email: form.email.trim(),
      name: form.name.trim(),
      password: form.password,
      officerId: officer?.id ?? null,
      grants,
    });
    setForm({ email: '', name: '', password: '' });
    setOfficer(null);
    reset();
    setRound(round + 1);
    onAdded(u);
  });

  return (
    <Form title={t('adminUsers.add')} onSubmit={submit} error={error} submitLabel={t('adminUsers.add')}>
      <TextField
        label={t('adminUsers.name')}
        required
        maxLength={120}
        autoComplete="off"
        {...field('name')}
      />
      <TextField
        label={t('staff.email')}
        type="email"
        required
        maxLength={200}
        autoComplete="off"
        {...field('email')}
      />
      <TextField
        label={t('adminUsers.password')}
        hint={t('adminUsers.passwordHint')}
        type="password"
        required
        minLength={12}
        maxLength={200}
        autoComplete="new-password"
        {...field('password')}
      />
      <OfficerPicker key={round} label={t('adminUsers.officer')} onChange={setOfficer} />
      <GrantsEditor rows={rows} setRows={setRows} departments={departments} legend={t('adminUsers.roles')} />
    </Form>
  );
}
