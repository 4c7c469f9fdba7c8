// Categories and their resolution times: the promise each grievance type carries. An existing one's
// times (and per-level times) are changed in EditCategory. A category with no routing rule is flagged,
// with a link to add one: until it has one, every grievance in it waits in the unrouted queue.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useFetched } from '../fetching.ts';
import { navigate } from '../navigate.ts';
import { EditCategory } from './EditCategory.tsx';
import { useSubmit } from './Form.tsx';
import {
  DepartmentOptions,
  PriorityOptions,
  SelectField,
  TextField,
  UnitOptions,
  useFields,
} from './fields.tsx';
import { cleanNames, NameFields, type Names } from './NameFields.tsx';
import { RowButton } from './RowActions.tsx';
import { Table } from './Table.tsx';
import type { Category, Department } from './types.ts';

export function Categories() {
  const { t, i18n } = useTranslation();
  const { form, setForm, field } = useFields({
    departmentId: '',
    code: '',
    value: '3',
    unit: 'calendar_days',
    priority: 'normal',
  });
  const [names, setNames] = useState<Names>({});
  const [added, setAdded] = useState<string | null>(null);
  const [editing, setEditing] = useState<Category | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const { submit, error, setError } = useSubmit(async () => {
    setAdded(null);
    const created = await api<Category>('POST', '/api/categories', {
      departmentId: Number(form.departmentId),
      code: form.code,
      name: cleanNames(names),
      resolutionValue: Number(form.value),
      resolutionUnit: form.unit,
      priority: form.priority,
    });
    setAdded(created.code);
    setForm({ ...form, code: '' });
    setNames({});
    list.reload();
    routed.reload();
  });
  const departments = useFetched<Department[]>('/api/departments', setError).data ?? [];
  const list = useFetched<Category[]>('/api/categories', setError);
  // Read again with the list (reload below), so a category added here is flagged at once.
  const routed = useFetched<{ categoryId: number; rules: number }[]>('/api/routing-rules/coverage', setError);
  const coverage = routed.data;
  const rulesOf = new Map(coverage?.map((c) => [c.categoryId, c.rules]));
  const unrouted = list.data?.filter((c) => c.active && rulesOf.get(c.id) === 0) ?? [];
  const addRule = (c: Category) => `/admin?section=routing&category=${c.id}`;

  return (
    <>
      <h2>{t('admin.categories')}</h2>
      <form onSubmit={submit}>
        <SelectField label={t('admin.department')} required {...field('departmentId')}>
          <option value="">{t('lodge.choose')}</option>
          <DepartmentOptions departments={departments} />
        </SelectField>
        <TextField label={t('admin.code')} hint={t('admin.codeHint')} required {...field('code')} />
        <NameFields value={names} onChange={setNames} />
        <TextField
          label={t('admin.resolution')}
          type="number"
          min={1}
          max={10000}
          required
          {...field('value')}
        />
        <SelectField label={t('admin.unit')} {...field('unit')}>
          <UnitOptions />
        </SelectField>
        <SelectField label={t('admin.priority')} {...field('priority')}>
          <PriorityOptions />
        </SelectField>
        <ErrorMessage error={error} />
        {added && <p role="status">{t('admin.added', { code: added })}</p>}
        <button type="submit">{t('admin.add')}</button>
      </form>
      <h2>{t('admin.list')}</h2>
      {coverage && unrouted.length > 0 && (
        <p className="error" data-testid="unrouted-warning">
          {t('adminRouting.unroutedWarning', { count: unrouted.length })}
        </p>
      )}
      <Table
        caption={t('admin.categories')}
        captionClass="hint"
        columns={[
          t('admin.code'),
          t('lodge.category'),
          t('admin.resolution'),
          t('adminRouting.routing'),
          t('admin.actions'),
        ]}
      >
        {list.data?.map((c) => (
          <tr key={c.id}>
            <td>{c.code}</td>
            <td>{pick(c.name, i18n.language)}</td>
            <td>{t(`time.${c.resolutionUnit}`, { count: c.resolutionValue })}</td>
            <td>
              {rulesOf.get(c.id) === 0 ? (
                <>
                  <strong>{t('adminRouting.noRule')}</strong>{' '}
                  <a
                    href={addRule(c)}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(addRule(c));
                    }}
                  >
                    {t('adminRouting.addRuleFor', { category: pick(c.name, i18n.language) })}
                  </a>
                </>
              ) : rulesOf.has(c.id) ? (
                t('adminRouting.ruleCount', { count: rulesOf.get(c.id) })
              ) : null}
            </td>
            <td className="actions">
              <RowButton item={c.code} onClick={() => setEditing(c)}>
                {t('admin.edit')}
              </RowButton>
            </td>
          </tr>
        ))}
      </Table>
      {editing && (
        <EditCategory
          key={editing.id}
          category={editing}
          onDone={(message) => {
            setEditing(null);
            if (message) {
              setAdded(null);
              setSaved(message);
              list.reload();
            }
          }}
        />
      )}
      {saved && <p role="status">{saved}</p>}
    </>
  );
}
