// Officers are people (a name and how to reach them); positions are where they sit. Add one here, then
// post them to a position above. An officer who leaves service is deactivated, never deleted, so the
// history of who held which position stays true.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useDebounced } from '../fetching.ts';
import { Form, useSubmit } from './Form.tsx';
import { TextField, useFields } from './fields.tsx';
import { officersUrl } from './lookups.ts';
import { Pager } from './Pager.tsx';
import { ActiveToggle } from './RowActions.tsx';
import { Table } from './Table.tsx';
import type { Officer, Page } from './types.ts';
import { useList } from './useList.ts';

const PAGE = 20;

export function Officers() {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  // Wait for the typing (or paging) to pause before asking.
  const url = useDebounced(officersUrl(q, PAGE, offset), 250);
  const { data: list, status, error, changed, act } = useList<Page<Officer>>(url);

  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('adminOfficers.title')}</h3>
      <TextField
        label={t('admin.findOfficer')}
        type="search"
        value={q}
        onChange={(value) => {
          setQ(value);
          setOffset(0);
        }}
      />
      <ErrorMessage error={error} />
      <p role="status">{status}</p>
      <Table
        caption={t('adminOfficers.title')}
        captionClass="visually-hidden"
        columns={[t('admin.name'), t('adminOfficers.contact'), t('admin.actions')]}
      >
        {list?.items.map((o) => (
          <tr key={o.id}>
            <td>
              {o.name}
              {!o.active && <span className="hint"> · {t('admin.inactive')}</span>}
            </td>
            <td className="wrap">{[o.phone, o.email].filter(Boolean).join(' · ')}</td>
            <td className="actions">
              <ActiveToggle
                active={o.active}
                item={o.name}
                question={t('adminOfficers.confirmDeactivate', { name: o.name })}
                onChange={(active) =>
                  act(t(active ? 'admin.reactivated' : 'admin.deactivated', { name: o.name }), () =>
                    api('PATCH', `/api/officers/${o.id}`, { active }),
                  )
                }
              />
            </td>
          </tr>
        ))}
      </Table>
      {list && <Pager offset={offset} limit={PAGE} total={list.total} onOffset={setOffset} />}
      <AddOfficer onAdded={(o) => changed(t('admin.addedName', { name: o.name }))} />
    </section>
  );
}

function AddOfficer({ onAdded }: { onAdded: (o: Officer) => void }) {
  const { t } = useTranslation();
  const { form, setForm, field } = useFields({ name: '', phone: '', email: '' });
  const { submit, error } = useSubmit(async () => {
    const o = await api<Officer>('POST', '/api/officers', {
      name: form.name.trim(),
      phone: form.phone.trim() || null,
      email: form.email.trim() || null,
    });
    setForm({ name: '', phone: '', email: '' });
    onAdded(o);
  });

  return (
    <Form
      title={t('adminOfficers.add')}
      heading="h4"
      onSubmit={submit}
      error={error}
      submitLabel={t('adminOfficers.add')}
    >
      <TextField
        label={t('adminOfficers.name')}
        required
        maxLength={120}
        autoComplete="off"
        {...field('name')}
      />
      <TextField
        label={t('adminOfficers.phone')}
        hint={t('otp.phoneHint')}
        type="tel"
        inputMode="tel"
        autoComplete="off"
        {...field('phone')}
      />
      <TextField
        label={t('adminOfficers.email')}
        type="email"
        autoComplete="off"
        maxLength={200}
        {...field('email')}
      />
    </Form>
  );
}
