// Departments (ministries, agencies): add, rename in every language, deactivate, and choose the working
// calendar their positions count resolution time by (else the calendar of the place, else the default).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useFetched } from '../fetching.ts';
import { Form, useSubmit } from './Form.tsx';
import { SelectField, TextField } from './fields.tsx';
import { cleanNames, NameFields, type Names } from './NameFields.tsx';
import { ActiveToggle, RowButton } from './RowActions.tsx';
import { Table } from './Table.tsx';
import type { Calendar, Department } from './types.ts';
import { useList } from './useList.ts';

export function Departments() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data: list, status, error, setError, changed, act } = useList<Department[]>('/api/departments');
  const calendars = useFetched<Calendar[]>('/api/calendars', setError).data ?? [];
  const [editing, setEditing] = useState<Department | null>(null);

  const calendarName = (id: number | null) =>
    calendars.find((c) => c.id === id)?.name ?? t('adminDepartments.inherit');
  return (
    <>
      <h2>{t('admin.departments')}</h2>
      <ErrorMessage error={error} />
      <p role="status">{status}</p>
      <Table
        caption={t('adminDepartments.list')}
        columns={[
          t('admin.code'),
          t('admin.name'),
          t('adminDepartments.calendar'),
          t('admin.status'),
          t('admin.actions'),
        ]}
      >
        {list?.map((d) => {
          const name = pick(d.name, lang);
          return (
            <tr key={d.id}>
              <td>{d.code}</td>
              <td>{name}</td>
              <td>{calendarName(d.calendarId)}</td>
              <td>{d.active ? t('admin.active') : t('admin.inactive')}</td>
              <td className="actions">
                <RowButton item={name} onClick={() => setEditing(d)}>
                  {t('admin.edit')}
                </RowButton>{' '}
                <ActiveToggle
                  active={d.active}
                  item={name}
                  onChange={(active) =>
                    act(t(active ? 'admin.reactivated' : 'admin.deactivated', { name }), () =>
                      api('PATCH', `/api/departments/${d.id}`, { active }),
                    )
                  }
                />
              </td>
            </tr>
          );
        })}
      </Table>
      {editing && (
        <EditDepartment
          key={editing.id}
          department={editing}
          calendars={calendars}
          onDone={(message) => {
            setEditing(null);
            changed(message);
          }}
        />
      )}
      <AddDepartment onAdded={(d) => changed(t('admin.addedName', { name: pick(d.name, lang) }))} />
    </>
  );
}

function AddDepartment({ onAdded }: { onAdded: (d: Department) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [names, setNames] = useState<Names>({});
  const { submit, error } = useSubmit(async () => {
    const d = await api<Department>('POST', '/api/departments', {
      code: code.trim(),
      name: cleanNames(names),
    });
    setCode('');
    setNames({});
    onAdded(d);
  });

  return (
    <Form
      title={t('adminDepartments.add')}
      onSubmit={submit}
      error={error}
      submitLabel={t('adminDepartments.add')}
    >
      <TextField
        label={t('admin.code')}
        hint={t('adminDepartments.codeHint')}
        required
        maxLength={64}
        value={code}
        onChange={setCode}
      />
      <NameFields value={names} onChange={setNames} />
    </Form>
  );
}

function EditDepartment({
  department,
  calendars,
  onDone,
}: {
  department: Department;
  calendars: Calendar[];
  onDone: (message?: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [names, setNames] = useState<Names>({ ...department.name });
  const [calendarId, setCalendarId] = useState(department.calendarId ? String(department.calendarId) : '');
  const { submit, error } = useSubmit(async () => {
    const saved = await api<Department>('PATCH', `/api/departments/${department.id}`, {
      name: cleanNames(names),
    });
    const chosen = calendarId ? Number(calendarId) : null;
    if (chosen !== department.calendarId)
      await api('PUT', `/api/departments/${department.id}/calendar`, { calendarId: chosen });
    onDone(t('admin.savedName', { name: pick(saved.name, i18n.language) }));
  });

  return (
    <Form
      panel
      title={t('admin.editTitle', { name: pick(department.name, i18n.language) })}
      onSubmit={submit}
      error={error}
      submitLabel={t('admin.save')}
      onCancel={() => onDone()}
    >
      <NameFields value={names} onChange={setNames} />
      <SelectField
        label={t('adminDepartments.calendar')}
        hint={t('adminDepartments.calendarHint')}
        value={calendarId}
        onChange={setCalendarId}
      >
        <option value="">{t('adminDepartments.inherit')}</option>
        {calendars.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
    </Form>
  );
}
