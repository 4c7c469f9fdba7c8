// Positions are the seats grievances are routed to ("Executive Engineer, Water, Rajgarh" at L2);
// officers hold them. Posting a new officer relieves the previous one, and the grievances stay with the
// position, so a transfer never strands a case. Officers themselves are added below.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useFetched } from '../fetching.ts';
import { AddPosition } from './AddPosition.tsx';
import { ConfirmButton } from './ConfirmButton.tsx';
import { DepartmentOptions, LevelOptions, SelectField } from './fields.tsx';
import { LevelNames } from './LevelNames.tsx';
import { usePlaces } from './lookups.ts';
import { Officers } from './Officers.tsx';
import { Pager } from './Pager.tsx';
import { PlacePicker } from './PlacePicker.tsx';
import { PostOfficer } from './PostOfficer.tsx';
import { ActiveToggle, RowButton } from './RowActions.tsx';
import { Table } from './Table.tsx';
import type { Department, EscalationLevel, Page, Position } from './types.ts';
import { useList } from './useList.ts';

const PAGE = 50;

export function Positions() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const [filter, setFilter] = useState({ departmentId: '', placeId: '', level: '' });
  const [offset, setOffset] = useState(0);
  const [posting, setPosting] = useState<Position | null>(null);
  const query = Object.entries(filter)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${v}&`)
    .join('');
  const {
    data: list,
    status,
    error,
    setError,
    changed,
    act,
  } = useList<Page<Position>>(`/api/positions?${query}limit=${PAGE}&offset=${offset}`);
  const departments = useFetched<Department[]>('/api/departments', setError).data ?? [];
  const escalationLevels = useFetched<EscalationLevel[]>('/api/escalation-levels', setError);
  const levels = escalationLevels.data ?? [];
  const places = usePlaces(list?.items.map((p) => p.placeId) ?? []);

  const refine = (change: Partial<typeof filter>) => {
    setFilter({ ...filter, ...change });
    setOffset(0);
  };
  const levelName = (n: number) => pick(levels.find((l) => l.level === n)?.name, lang) || `L${n}`;

  return (
    <>
      <h2>{t('admin.positions')}</h2>
      <form aria-labelledby={`${id}-filter`} onSubmit={(e) => e.preventDefault()}>
        <h3 id={`${id}-filter`}>{t('adminPositions.filter')}</h3>
        <SelectField
          label={t('admin.department')}
          value={filter.departmentId}
          onChange={(departmentId) => refine({ departmentId })}
        >
          <option value="">{t('admin.allDepartments')}</option>
          <DepartmentOptions departments={departments} />
        </SelectField>
        <SelectField label={t('admin.level')} value={filter.level} onChange={(level) => refine({ level })}>
          <option value="">{t('adminPositions.allLevels')}</option>
          <LevelOptions levels={levels} />
        </SelectField>
        <PlacePicker
          legend={t('adminPositions.filterPlace')}
          hint={t('adminPositions.filterPlaceHint')}
          onChange={(p) => refine({ placeId: p ? String(p.id) : '' })}
        />
      </form>
      <ErrorMessage error={error} />
      <p role="status">{status}</p>
      <Table
        caption={t('adminPositions.list', { count: list?.total ?? 0 })}
        columns={[
          t('adminPositions.title'),
          t('admin.level'),
          t('adminPositions.place'),
          t('adminPositions.holder'),
          t('admin.actions'),
        ]}
      >
        {list?.items.map((p) => {
          const title = pick(p.title, lang);
          const department = departments.find((d) => d.id === p.departmentId);
          return (
            <tr key={p.id}>
              <td>
                {title}
                {!filter.departmentId && department && (
                  <span className="hint"> · {pick(department.name, lang)}</span>
                )}
                {p.isNodal && <span className="hint"> · {t('adminPositions.nodal')}</span>}
                {!p.active && <span className="hint"> · {t('admin.inactive')}</span>}
              </td>
              <td>{levelName(p.level)}</td>
              <td>{pick(places.get(p.placeId)?.name, lang)}</td>
              <td>{p.officerName ?? t('adminPositions.vacant')}</td>
              <td className="actions">
                <RowButton item={title} onClick={() => setPosting(p)}>
                  {t('adminPositions.post')}
                </RowButton>{' '}
                {p.officerName && (
                  <ConfirmButton
                    label={t('adminPositions.relieve')}
                    item={title}
                    question={t('adminPositions.confirmRelieve', { name: p.officerName, title })}
                    onConfirm={() =>
                      act(t('adminPositions.relieved', { name: p.officerName, title }), () =>
                        api('DELETE', `/api/positions/${p.id}/holder`),
                      )
                    }
                  />
                )}{' '}
                <ActiveToggle
                  active={p.active}
                  item={title}
                  onChange={(active) =>
                    act(t(active ? 'admin.reactivated' : 'admin.deactivated', { name: title }), () =>
                      api('PATCH', `/api/positions/${p.id}`, { active }),
                    )
                  }
                />
              </td>
            </tr>
          );
        })}
      </Table>
      {list && <Pager offset={offset} limit={PAGE} total={list.total} onOffset={setOffset} />}
      {posting && (
        <PostOfficer
          key={posting.id}
          position={posting}
          onDone={(message) => {
            setPosting(null);
            changed(message);
          }}
        />
      )}
      <AddPosition
        departments={departments}
        levels={levels}
        onAdded={(p) => changed(t('admin.addedName', { name: pick(p.title, lang) }))}
      />
      <Officers />
      <LevelNames
        url="/api/escalation-levels"
        field="level"
        title={t('adminPositions.levels')}
        hint={t('adminPositions.levelsHint')}
        onSaved={escalationLevels.reload}
      />
    </>
  );
}
