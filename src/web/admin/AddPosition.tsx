// A new seat: for a department, at a place, at an escalation level, with its title in every language.
// A nodal position may stand in at any level of a routing chain where no local position exists.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { Form, useSubmit } from './Form.tsx';
import { CheckField, DepartmentOptions, LevelOptions, SelectField } from './fields.tsx';
import { cleanNames, NameFields, type Names } from './NameFields.tsx';
import { PlacePicker } from './PlacePicker.tsx';
import type { Department, EscalationLevel, Place, Position } from './types.ts';

export function AddPosition({
  departments,
  levels,
  onAdded,
}: {
  departments: Department[];
  levels: EscalationLevel[];
  onAdded: (p: Position) => void;
}) {
  const { t } = useTranslation();
  const [departmentId, setDepartmentId] = useState('');
  const [place, setPlace] = useState<Place | null>(null);
  const [level, setLevel] = useState('1');
  const [titles, setTitles] = useState<Names>({});
  const [nodal, setNodal] = useState(false);
  const [round, setRound] = useState(0); // a new round starts the place picker afresh
  const { submit, error } = useSubmit(async () => {
    const p = await api<Position>('POST', '/api/positions', {
      departmentId: Number(departmentId),
      placeId: place?.id,
      level: Number(level),
      title: cleanNames(titles),
      isNodal: nodal,
    });
    setTitles({});
    setNodal(false);
    setPlace(null);
    setRound(round + 1);
    onAdded(p);
  });

  return (
    <Form
      title={t('adminPositions.add')}
      onSubmit={submit}
      error={error}
      submitLabel={t('adminPositions.add')}
    >
      <SelectField label={t('admin.department')} required value={departmentId} onChange={setDepartmentId}>
        <option value="">{t('admin.choose')}</option>
        <DepartmentOptions departments={departments.filter((d) => d.active)} />
      </SelectField>
      <PlacePicker key={round} legend={t('adminPositions.servesPlace')} required onChange={setPlace} />
      <SelectField label={t('admin.level')} value={level} onChange={setLevel}>
        <LevelOptions levels={levels} />
      </SelectField>
      <NameFields value={titles} onChange={setTitles} labelKey="admin.titleIn" />
      <CheckField
        label={t('adminPositions.nodalLabel')}
        hint={t('adminPositions.nodalHint')}
        checked={nodal}
        onChange={setNodal}
      />
    </Form>
  );
}
