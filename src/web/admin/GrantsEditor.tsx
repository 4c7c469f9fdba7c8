// What an account may do: a list of roles, each limited to one department (or all) and to a place with
// everything under it (or everywhere). A monitor for Rajgarh sees Rajgarh's grievances of every
// department; a nodal officer for PHE in Rajgarh, only PHE's there.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
// The server's own list: roles.ts imports nothing at run time (its imports are types only), so it
// costs the browser bundle nothing but the list itself. Keep it that way.
import { ROLES } from '../../access/roles.ts';
import { DepartmentOptions, SelectField } from './fields.tsx';
import { PlacePicker } from './PlacePicker.tsx';
import type { Department, Grant, Role } from './types.ts';

interface Row extends Grant {
  key: number;
}
let nextKey = 1;
const row = (g: Grant): Row => ({ ...g, key: nextKey++ });

/** Holds the rows (with keys of their own, so removing one leaves the others' place pickers alone). */
export function useGrants(initial: Grant[]) {
  const [start] = useState(initial);
  const [rows, setRows] = useState<Row[]>(() => start.map(row));
  const grants: Grant[] = rows.map(({ role, departmentId, placeId }) => ({ role, departmentId, placeId }));
  /** Back to the grants it started with, as new rows (so their place pickers start afresh too). */
  const reset = () => setRows(start.map(row));
  return { rows, setRows, grants, reset };
}

export function GrantsEditor({
  rows,
  setRows,
  departments,
  roles = ROLES,
  legend,
}: {
  rows: Row[];
  setRows: (rows: Row[]) => void;
  departments: Department[];
  roles?: readonly Role[];
  legend: string;
}) {
  const { t } = useTranslation();
  const change = (key: number, patch: Partial<Grant>) =>
    setRows(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  return (
    <fieldset>
      <legend>{legend}</legend>
      {rows.length === 0 && <p>{t('adminUsers.noRoles')}</p>}
      {rows.map((r, i) => (
        <fieldset key={r.key}>
          <legend>{t('adminUsers.grantN', { n: i + 1 })}</legend>
          <SelectField
            label={t('adminUsers.role')}
            hint={t(`adminUsers.roleHints.${r.role}`)}
            value={r.role}
            onChange={(role) => change(r.key, { role: role as Role })}
          >
            {roles.map((role) => (
              <option key={role} value={role}>
                {t(`adminUsers.roleNames.${role}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('admin.department')}
            value={r.departmentId ?? ''}
            onChange={(departmentId) => change(r.key, { departmentId: Number(departmentId) || null })}
          >
            <option value="">{t('admin.allDepartments')}</option>
            <DepartmentOptions departments={departments} />
          </SelectField>
          <PlacePicker
            legend={t('adminUsers.grantPlace')}
            hint={t('adminUsers.grantPlaceHint')}
            initial={r.placeId}
            onChange={(p) => change(r.key, { placeId: p?.id ?? null })}
          />
          <button
            type="button"
            className="secondary"
            onClick={() => setRows(rows.filter((x) => x.key !== r.key))}
          >
            {t('adminUsers.removeGrant', { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="secondary"
        onClick={() =>
          setRows([...rows, row({ role: roles[0] ?? 'agent', departmentId: null, placeId: null })])
        }
      >
        {t('adminUsers.addGrant')}
      </button>
    </fieldset>
  );
}
